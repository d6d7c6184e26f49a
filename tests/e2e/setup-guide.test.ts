import { describe, expect, it } from "vitest";

import { screenshot } from "./browser.ts";
import { useDemoInBrowser } from "./demo-in-browser.ts";

const e2e = useDemoInBrowser("e2e-setup-guide");

async function openDashboard() {
  await e2e.page.goto(e2e.demo.info.adminUrl);
  await expect.poll(() => e2e.app().getByRole("heading", { name: "Activity" }).count(), { timeout: 30_000 }).toBe(1);
  // A fresh demo has every step done (its first start sets them up), so the guide starts collapsed.
  const show = e2e.app().getByRole("button", { name: "Show steps" });
  if ((await show.count()) > 0) await show.click();
}

describe("the setup guide in a fresh demo", () => {
  it("shows its steps and a progress count that matches them", async () => {
    await openDashboard();
    await expect.poll(() => e2e.app().getByText("Setup guide", { exact: true }).count(), { timeout: 20_000 }).toBe(1);
    const steps = e2e.app().locator("[data-setup-step]");
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
    const done = await e2e.app().locator('[data-setup-step][data-done="true"]').count();
    expect(await e2e.app().getByTestId("setup-progress").textContent()).toBe(`${done} of ${keys.length} steps done`);
    // The demo connects its sandbox Business Central.
    expect(await e2e.app().locator('[data-setup-step="erp"]').getAttribute("data-done")).toBe("true");
    await screenshot(e2e.page, "setup-guide");
  });

  it("opens a step and its button leads to the field where it is set", async () => {
    const step = e2e.app().locator('[data-setup-step="tip-account"]');
    // One step is open at a time (the first not done): open this one unless it already is.
    if ((await step.getByRole("link").count()) === 0) {
      await step.getByRole("button", { name: /Choose the account for tips/ }).click();
    }
    await step.getByRole("link", { name: /account/ }).click();
    await expect.poll(() => e2e.app().getByRole("heading", { name: "Settings" }).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => e2e.app().locator('[id="orders.tipAccount"]').count(), { timeout: 20_000 }).toBe(1);
    expect(
      await e2e
        .app()
        .locator("body")
        .evaluate(() => window.location.hash),
    ).toBe("#orders.tipAccount");
  });

  it("offers the settings the tasks read, with the fresh demo's values", async () => {
    // Sync companies reads its settings: offered, with the demo's first-start import of all companies.
    expect(await e2e.app().locator('[name="companies.import"]').inputValue()).toBe("all");
    expect(await e2e.app().locator('[name="refunds.process"]').inputValue()).toBe("credit_memo");
    // The product sync's direction is offered (its task reads it).
    expect(await e2e.app().locator('[name="products.direction"]').count()).toBe(1);
    expect(await e2e.app().getByLabel("Sync direction").count()).toBe(0);
    // Stock sync is offered (the Locations page maps where it writes).
    expect(await e2e.app().locator('[name="inventory.enabled"]').count()).toBe(1);
    expect(await e2e.app().locator('[name="orders.shippingChargesAccount"]').count()).toBe(1);
  });
});

describe("an order that fails for a missing setting", () => {
  it("shows in the banner, linking to the setting, and in the orders with errors tile", async () => {
    // Clear the shipping charges account (and any shipping method) the way a merchant would.
    await e2e.app().getByLabel("Shipping charges account").fill("");
    await e2e.app().getByLabel("Shipping methods").fill("");
    await e2e.app().getByRole("button", { name: "Save" }).first().click();
    await expect.poll(() => e2e.page.getByText("Settings saved").count(), { timeout: 20_000 }).toBeGreaterThan(0);

    const seeded = await e2e.adminGraphql(
      `query { shop { currencyCode } productVariants(first: 1) { nodes { id } } customers(first: 1) { nodes { email } } }`,
    );
    const created = await e2e.adminGraphql(
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
      .poll(async () => (await e2e.sql`select status from orders where name = ${name}`)[0]?.status, { timeout: 30_000 })
      .toBe("error");

    await openDashboard();
    const notice = e2e.app().locator('[data-testid="setup-banner"] [data-notice="shipping-account"]');
    await expect.poll(() => notice.count(), { timeout: 20_000 }).toBe(1);
    expect(await notice.textContent()).toBe(
      "1 order with a shipping charge cannot reach the ERP until the shipping charges account is set.",
    );
    expect(await e2e.app().getByTestId("count-order-errors").textContent()).toBe("1");
    expect(await e2e.app().locator('[data-setup-step="shipping-account"]').getAttribute("data-done")).toBe("false");
    await screenshot(e2e.page, "setup-banner");

    await e2e.app().locator('[data-tile="order-errors"]').click();
    const row = e2e.app().locator(`a[data-record="${name}"]`);
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    expect(await e2e.app().getByText("set the shipping charges account in Settings", { exact: false }).count()).toBe(1);
    await screenshot(e2e.page, "order-errors-list");

    await openDashboard();
    await e2e
      .app()
      .locator('[data-testid="setup-banner"]')
      .getByRole("link", { name: "Set the shipping charges account" })
      .click();
    await expect
      .poll(() => e2e.app().locator('[id="orders.shippingChargesAccount"]').count(), { timeout: 20_000 })
      .toBe(1);
  });
});
