import { rm } from "node:fs/promises";
import path from "node:path";

import type { Browser, FrameLocator, Page } from "playwright-core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type RunningDemo, startDemo } from "../../scripts/demo/start-demo.ts";
import { launchBrowser, newPage, screenshot } from "./browser.ts";

const root = path.resolve(import.meta.dirname, "../..");
const dataDir = path.join(root, ".data/e2e-setup-guide");
let demo: RunningDemo;
let browser: Browser;
let page: Page;
let sql: postgres.Sql;

beforeAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  demo = await startDemo({ root, dataDir, appPort: 0, sandboxPort: 0, log: () => {} });
  sql = postgres(demo.info.databaseUrl, { max: 1, onnotice: () => {} });
  browser = await launchBrowser();
  page = await newPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await sql?.end();
  await demo?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const app = (): FrameLocator => page.frameLocator("iframe");

async function adminGraphql(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(demo.info.shopify.adminApiUrl, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": demo.info.shopify.accessToken },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, any>; errors?: unknown };
}

async function openDashboard() {
  await page.goto(demo.info.adminUrl);
  await expect.poll(() => app().getByRole("heading", { name: "Activity" }).count(), { timeout: 30_000 }).toBe(1);
}

describe("the setup guide in a fresh demo", () => {
  it("shows its steps and a progress count that matches them", async () => {
    await openDashboard();
    await expect.poll(() => app().getByText("Setup guide", { exact: true }).count(), { timeout: 20_000 }).toBe(1);
    const steps = app().locator("[data-setup-step]");
    const keys = await steps.evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-setup-step")));
    // The demo's store has several locations, so their mapping is a step too.
    expect(keys).toEqual([
      "erp",
      "shipping-account",
      "tip-account",
      "gift-card-account",
      "customers",
      "locations",
      "automation",
    ]);
    const done = await app().locator('[data-setup-step][data-done="true"]').count();
    expect(await app().getByTestId("setup-progress").textContent()).toBe(`${done} of ${keys.length} steps done`);
    // The demo connects its sandbox Business Central.
    expect(await app().locator('[data-setup-step="erp"]').getAttribute("data-done")).toBe("true");
    await screenshot(page, "setup-guide");
  });

  it("opens a step and its button leads to the field where it is set", async () => {
    const step = app().locator('[data-setup-step="tip-account"]');
    // One step is open at a time (the first not done): open this one unless it already is.
    if ((await step.getByRole("link").count()) === 0) {
      await step.getByRole("button", { name: /Choose the account for tips/ }).click();
    }
    await step.getByRole("link", { name: /account/ }).click();
    await expect.poll(() => app().getByRole("heading", { name: "Settings" }).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => app().locator('[id="orders.tipAccount"]').count(), { timeout: 20_000 }).toBe(1);
    expect(
      await app()
        .locator("body")
        .evaluate(() => window.location.hash),
    ).toBe("#orders.tipAccount");
  });

  it("hides the settings nothing reads yet", async () => {
    for (const hidden of ["customers.direction", "products.direction", "inventory.enabled"]) {
      expect(await app().locator(`[name="${hidden}"]`).count()).toBe(0);
    }
    expect(await app().getByLabel("Sync direction").count()).toBe(0);
    expect(await app().getByLabel("Sync inventory to Shopify").count()).toBe(0);
    expect(await app().locator('[name="orders.shippingChargesAccount"]').count()).toBe(1);
  });
});

describe("an order that fails for a missing setting", () => {
  it("shows in the banner, linking to the setting, and in the orders with errors tile", async () => {
    // Clear the shipping charges account (and any shipping method) the way a merchant would.
    await app().getByLabel("Shipping charges account").fill("");
    await app().getByLabel("Shipping methods").fill("");
    await app().getByRole("button", { name: "Save" }).first().click();
    await expect.poll(() => page.getByText("Settings saved").count(), { timeout: 20_000 }).toBeGreaterThan(0);

    const seeded = await adminGraphql(
      `query { shop { currencyCode } productVariants(first: 1) { nodes { id } } customers(first: 1) { nodes { email } } }`,
    );
    const created = await adminGraphql(
      `mutation Create($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { name } userErrors { message } } }`,
      {
        order: {
          email: seeded.data?.customers.nodes[0].email,
          financialStatus: "PAID",
          lineItems: [{ variantId: seeded.data?.productVariants.nodes[0].id, quantity: 1 }],
          shippingLines: [
            {
              title: "Standard",
              priceSet: { shopMoney: { amount: "4.90", currencyCode: seeded.data?.shop.currencyCode } },
            },
          ],
        },
      },
    );
    expect(created.data?.orderCreate.userErrors).toEqual([]);
    const name = created.data?.orderCreate.order.name as string;
    await expect
      .poll(async () => (await sql`select status from orders where name = ${name}`)[0]?.status, { timeout: 30_000 })
      .toBe("error");

    await openDashboard();
    const notice = app().locator('[data-testid="setup-banner"] [data-notice="shipping-account"]');
    await expect.poll(() => notice.count(), { timeout: 20_000 }).toBe(1);
    expect(await notice.textContent()).toBe(
      "1 order with a shipping charge cannot reach the ERP until the shipping charges account is set.",
    );
    expect(await app().getByTestId("count-order-errors").textContent()).toBe("1");
    expect(await app().locator('[data-setup-step="shipping-account"]').getAttribute("data-done")).toBe("false");
    await screenshot(page, "setup-banner");

    await app().locator('[data-tile="order-errors"]').click();
    const row = app().locator(`a[data-record="${name}"]`);
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    expect(await app().getByText("set the shipping charges account in Settings", { exact: false }).count()).toBe(1);
    await screenshot(page, "order-errors-list");

    await openDashboard();
    await app()
      .locator('[data-testid="setup-banner"]')
      .getByRole("link", { name: "Set the shipping charges account" })
      .click();
    await expect.poll(() => app().locator('[id="orders.shippingChargesAccount"]').count(), { timeout: 20_000 }).toBe(1);
  });
});
