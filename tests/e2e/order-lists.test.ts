import { rm } from "node:fs/promises";
import path from "node:path";

import type { Browser, FrameLocator, Page } from "playwright-core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type RunningDemo, startDemo } from "../../scripts/demo/start-demo.ts";
import { launchBrowser, newPage, screenshot } from "./browser.ts";

// The orders list, the order page and Retry as a merchant uses them, in the sandbox admin.
const root = path.resolve(import.meta.dirname, "../..");
const dataDir = path.join(root, ".data/e2e-order-lists");
let demo: RunningDemo;
let browser: Browser;
let page: Page;
let sql: postgres.Sql;

const app = (): FrameLocator => page.frameLocator("iframe");

async function adminGraphql(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(demo.info.shopify.adminApiUrl, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": demo.info.shopify.accessToken },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, any>; errors?: unknown };
}

async function placeOrder(input: { quantity: number; shipping?: { title: string; amount: string } }) {
  const seeded = await adminGraphql(
    `query { productVariants(first: 1) { nodes { id } } customers(first: 1) { nodes { email } } }`,
  );
  const created = await adminGraphql(
    `mutation Create($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id name } userErrors { message } } }`,
    {
      order: {
        email: seeded.data?.customers.nodes[0].email,
        lineItems: [{ variantId: seeded.data?.productVariants.nodes[0].id, quantity: input.quantity }],
        financialStatus: "PAID",
        ...(input.shipping
          ? {
              shippingLines: [
                {
                  title: input.shipping.title,
                  priceSet: { shopMoney: { amount: input.shipping.amount, currencyCode: "USD" } },
                },
              ],
            }
          : {}),
      },
    },
  );
  expect(created.data?.orderCreate.userErrors).toEqual([]);
  const order = created.data?.orderCreate.order as { id: string; name: string };
  // Processed, or failed (the demo's missing shipping account): either way imported and tried.
  for (let waited = 0; waited < 30_000; waited += 250) {
    const [row] = await sql`select status from orders where name = ${order.name}`;
    if (row?.status === "processed" || row?.status === "error") return order;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`order ${order.name} was not processed within 30 s`);
}

let small: { id: string; name: string };
let shipped: { id: string; name: string };

beforeAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  demo = await startDemo({ root, dataDir, appPort: 0, sandboxPort: 0, log: () => {} });
  sql = postgres(demo.info.databaseUrl, { max: 1, onnotice: () => {} });
  browser = await launchBrowser();
  page = await newPage(browser);
  small = await placeOrder({ quantity: 1 });
  shipped = await placeOrder({ quantity: 3, shipping: { title: "Express Delivery", amount: "9.90" } });
});

afterAll(async () => {
  await browser?.close();
  await sql?.end();
  await demo?.stop();
});

const listedNames = async () =>
  app()
    .locator("a[data-order]")
    .evaluateAll((links) => links.map((a) => a.textContent));

describe("the orders list", () => {
  it("shows date, customer and total columns and sorts by total on the server", async () => {
    await page.goto(`${demo.info.adminUrl}/app/orders?status=all`);
    const link = app().locator(`a[data-order="${small.name}"]`);
    await expect.poll(() => link.count(), { timeout: 30_000 }).toBe(1);
    for (const heading of ["Order", "Date", "Customer", "Total", "Status"]) {
      expect(await app().getByRole("columnheader", { name: heading }).count()).toBeGreaterThan(0);
    }
    const [stored] =
      await sql`select snapshot #>> '{customer,firstName}' as first, snapshot #>> '{customer,lastName}' as last,
      coalesce(snapshot #>> '{customer,email}', snapshot ->> 'email') as email,
      snapshot #>> '{totals,total,shop}' as total from orders where name = ${small.name}`;
    const row = app().locator("tr", { has: link });
    const text = (await row.textContent()) ?? "";
    // The customer's name, or their e-mail when the store has no name for them.
    expect(text).toContain([stored?.first, stored?.last].filter(Boolean).join(" ") || stored?.email);
    expect(text).toContain(`$${Number(stored?.total).toFixed(2)}`);
    expect(text).toMatch(/[A-Z][a-z]{2} \d{1,2}, \d{4}/); // a date such as "Dec 1, 2026"
    await screenshot(page, "orders-list-columns");

    const byTotal = async (direction: "asc" | "desc") =>
      (
        await sql.unsafe(
          `select name from orders order by (snapshot #>> '{totals,total,shop}')::numeric ${direction}, id ${direction} limit 50`,
        )
      ).map((r) => r.name as string);
    await app().getByRole("button", { name: "Total" }).click();
    await expect.poll(listedNames, { timeout: 20_000 }).toEqual(await byTotal("desc"));
    await app().getByRole("button", { name: "Total" }).click();
    await expect.poll(listedNames, { timeout: 20_000 }).toEqual(await byTotal("asc"));
    expect(page.frames().some((frame) => frame.url().includes("sort=total"))).toBe(true);
    await screenshot(page, "orders-list-sorted");
  });
});

describe("the order page", () => {
  it("shows the shipping line and links to the order in Shopify admin", async () => {
    const [row] = await sql`select id from orders where name = ${shipped.name}`;
    await page.goto(`${demo.info.adminUrl}/app/orders/${row?.id}`);
    await expect
      .poll(() => app().getByText("Shipping: Express Delivery").count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    const numericId = shipped.id.split("/").pop();
    const adminLink = app().getByRole("link", { name: `View order ${shipped.name} in Shopify` });
    expect(await adminLink.getAttribute("href")).toBe(`shopify://admin/orders/${numericId}`);
    await screenshot(page, "order-page-shipping");
  });

  it("Retry clears the old error at once, without a reload, and the page then shows the result", async () => {
    const [row] = await sql`select id, erp_document_number from orders where name = ${small.name}`;
    await sql`update orders set status = 'error', error_message = 'The ERP could not be reached (simulated).'
      where id = ${row?.id}`;
    await page.goto(`${demo.info.adminUrl}/app/orders/${row?.id}`);
    await expect
      .poll(() => app().getByText("The ERP could not be reached (simulated).").count(), { timeout: 30_000 })
      .toBe(1);
    // A marker in the app's window: a reload would wipe it.
    const frame = page.frames().find((f) => f.url().includes(`/app/orders/${row?.id}`));
    await frame?.evaluate(() => Object.assign(window, { __noReload: true }));

    await app().getByRole("button", { name: "Retry" }).click();
    await expect
      .poll(() => app().getByText("The ERP could not be reached (simulated).").count(), { timeout: 20_000 })
      .toBe(0);
    // The worker makes (finds) the document; the page picks that up by itself.
    await expect
      .poll(() => app().getByText(`Sales order ${row?.erp_document_number}`, { exact: true }).count(), {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    await expect
      .poll(() => app().getByText("Processed", { exact: true }).count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    expect(await frame?.evaluate(() => (window as { __noReload?: boolean }).__noReload)).toBe(true);
    await screenshot(page, "order-page-after-retry");
  });
});
