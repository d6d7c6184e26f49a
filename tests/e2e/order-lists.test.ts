import { beforeAll, describe, expect, it } from "vitest";

import { screenshot } from "./browser.ts";
import { useDemoInBrowser } from "./demo-in-browser.ts";

const e2e = useDemoInBrowser("e2e-order-lists");

// The orders list, the order page and Retry as a merchant uses them, in the sandbox admin.

async function placeOrder(input: { quantity: number; shipping?: { title: string; amount: string } }) {
  const seeded = await e2e.adminGraphql(
    `query { productVariants(first: 1) { nodes { id } } customers(first: 1) { nodes { email } } }`,
  );
  const created = await e2e.adminGraphql(
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
    const [row] = await e2e.sql`select status from orders where name = ${order.name}`;
    if (row?.status === "processed" || row?.status === "error") return order;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`order ${order.name} was not processed within 30 s`);
}

let small: { id: string; name: string };
let shipped: { id: string; name: string };

beforeAll(async () => {
  small = await placeOrder({ quantity: 1 });
  shipped = await placeOrder({ quantity: 3, shipping: { title: "Express Delivery", amount: "9.90" } });
});

const listedNames = async () =>
  e2e
    .app()
    .locator("a[data-order]")
    .evaluateAll((links) => links.map((a) => a.textContent));

describe("the orders list", () => {
  it("shows date, customer and total columns and sorts by total on the server", async () => {
    await e2e.page.goto(`${e2e.demo.info.adminUrl}/app/orders?status=all`);
    const link = e2e.app().locator(`a[data-order="${small.name}"]`);
    await expect.poll(() => link.count(), { timeout: 30_000 }).toBe(1);
    for (const heading of ["Order", "Date", "Customer", "Total", "Status"]) {
      expect(await e2e.app().getByRole("columnheader", { name: heading }).count()).toBeGreaterThan(0);
    }
    const [stored] =
      await e2e.sql`select snapshot #>> '{customer,firstName}' as first, snapshot #>> '{customer,lastName}' as last,
      coalesce(snapshot #>> '{customer,email}', snapshot ->> 'email') as email,
      snapshot #>> '{totals,total,shop}' as total from orders where name = ${small.name}`;
    const row = e2e.app().locator("tr", { has: link });
    const text = (await row.textContent()) ?? "";
    // The customer's name, or their e-mail when the store has no name for them.
    expect(text).toContain([stored?.first, stored?.last].filter(Boolean).join(" ") || stored?.email);
    expect(text).toContain(`$${Number(stored?.total).toFixed(2)}`);
    expect(text).toMatch(/[A-Z][a-z]{2} \d{1,2}, \d{4}/); // a date such as "Dec 1, 2026"
    await screenshot(e2e.page, "orders-list-columns");

    const byTotal = async (direction: "asc" | "desc") =>
      (
        await e2e.sql.unsafe(
          `select name from orders order by (snapshot #>> '{totals,total,shop}')::numeric ${direction}, id ${direction} limit 50`,
        )
      ).map((r) => r.name as string);
    await e2e.app().getByRole("button", { name: "Total" }).click();
    await expect.poll(listedNames, { timeout: 20_000 }).toEqual(await byTotal("desc"));
    await e2e.app().getByRole("button", { name: "Total" }).click();
    await expect.poll(listedNames, { timeout: 20_000 }).toEqual(await byTotal("asc"));
    expect(e2e.page.frames().some((frame) => frame.url().includes("sort=total"))).toBe(true);
    await screenshot(e2e.page, "orders-list-sorted");
  });
});

describe("the order page", () => {
  it("shows the shipping line and links to the order in Shopify admin", async () => {
    const [row] = await e2e.sql`select id from orders where name = ${shipped.name}`;
    await e2e.page.goto(`${e2e.demo.info.adminUrl}/app/orders/${row?.id}`);
    await expect
      .poll(() => e2e.app().getByText("Shipping: Express Delivery").count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    const numericId = shipped.id.split("/").pop();
    const adminLink = e2e.app().getByRole("link", { name: `View order ${shipped.name} in Shopify` });
    expect(await adminLink.getAttribute("href")).toBe(`shopify://admin/orders/${numericId}`);
    await screenshot(e2e.page, "order-page-shipping");
  });

  it("Retry clears the old error at once, without a reload, and the page then shows the result", async () => {
    const [row] = await e2e.sql`select id, erp_document_number from orders where name = ${small.name}`;
    await e2e.sql`update orders set status = 'error', error_message = 'The ERP could not be reached (simulated).'
      where id = ${row?.id}`;
    await e2e.page.goto(`${e2e.demo.info.adminUrl}/app/orders/${row?.id}`);
    await expect
      .poll(() => e2e.app().getByText("The ERP could not be reached (simulated).").count(), { timeout: 30_000 })
      .toBe(1);
    // A marker in the app's window: a reload would wipe it.
    const frame = e2e.page.frames().find((f) => f.url().includes(`/app/orders/${row?.id}`));
    await frame?.evaluate(() => Object.assign(window, { __noReload: true }));

    await e2e.app().getByRole("button", { name: "Retry" }).click();
    await expect
      .poll(() => e2e.app().getByText("The ERP could not be reached (simulated).").count(), { timeout: 20_000 })
      .toBe(0);
    // The worker makes (finds) the document; the page picks that up by itself.
    await expect
      .poll(() => e2e.app().getByText(`Sales order ${row?.erp_document_number}`, { exact: true }).count(), {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    await expect
      .poll(() => e2e.app().getByText("Processed", { exact: true }).count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    expect(await frame?.evaluate(() => (window as { __noReload?: boolean }).__noReload)).toBe(true);
    await screenshot(e2e.page, "order-page-after-retry");
  });
});
