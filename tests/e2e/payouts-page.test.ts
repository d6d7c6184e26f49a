import { describe, expect, it } from "vitest";

import { screenshot } from "./browser.ts";
import { useDemoInBrowser } from "./demo-in-browser.ts";

const e2e = useDemoInBrowser("e2e-payouts");

// A card sale through Shopify Payments, then Shopify pays it out (the sandbox store's payout
// control stands in for its schedule): the merchant finds the payout on the Payouts page, syncs,
// and sees it reconciled in Business Central, with the order among its transactions.
describe("the Payouts page", () => {
  it("is in the navigation; Sync payments now reads a paid payout, records it, and its page lists its transactions", async () => {
    const { shopify } = e2e.demo.info;
    const seeded = await e2e.adminGraphql(
      `{ customers(first: 1) { nodes { id } } productVariants(first: 1) { nodes { id } } }`,
    );
    const usd = (amount: string) => ({ shopMoney: { amount, currencyCode: "USD" } });
    const placed = await e2e.adminGraphql(
      `mutation O($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id name } userErrors { message } } }`,
      {
        order: {
          customer: { toAssociate: { id: seeded.data!.customers.nodes[0].id } },
          lineItems: [{ variantId: seeded.data!.productVariants.nodes[0].id, quantity: 1, priceSet: usd("30.00") }],
          transactions: [{ kind: "SALE", status: "SUCCESS", gateway: "shopify_payments", amountSet: usd("30.00") }],
        },
      },
    );
    expect(placed.data!.orderCreate.userErrors).toEqual([]);
    const orderName = placed.data!.orderCreate.order.name as string;
    const origin = new URL(shopify.adminApiUrl).origin;
    const made = await fetch(`${origin}/sandbox/shops/${shopify.shop}/payouts`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ status: "PAID" }),
    });
    expect(made.status).toBe(200);
    const payout = ((await made.json()) as { payout: { id: string } }).payout;
    const number = payout.id.split("/").at(-1)!;

    await e2e.page.goto(e2e.demo.info.adminUrl);
    await expect.poll(() => e2e.app().getByRole("heading", { name: "Activity" }).count(), { timeout: 30_000 }).toBe(1);
    await e2e.page.locator("#app-nav a", { hasText: "Payouts" }).click();
    await expect.poll(() => e2e.app().getByRole("heading", { name: "Payouts" }).count(), { timeout: 30_000 }).toBe(1);
    await e2e.app().getByRole("button", { name: "Sync payments now" }).click();
    // Recorded by the demo's worker: it moves to the Reconciled tab.
    await expect
      .poll(
        async () => {
          await e2e.page.goto(`${e2e.demo.info.adminUrl}/app/payouts?tab=reconciled`);
          return e2e.app().locator(`a[data-payout="${number}"]`).count();
        },
        { timeout: 90_000, interval: 3_000 },
      )
      .toBe(1);
    await screenshot(e2e.page, "payouts-list");
    await e2e.app().locator(`a[data-payout="${number}"]`).click();
    await expect
      .poll(() => e2e.app().getByRole("heading", { name: "Balance transactions" }).count(), { timeout: 20_000 })
      .toBe(1);
    expect(
      await e2e
        .app()
        .getByText(/Reconciled: ERP/)
        .count(),
    ).toBe(1);
    expect(await e2e.app().getByText(orderName, { exact: true }).count()).toBeGreaterThan(0);
    await screenshot(e2e.page, "payout-page");
  });
});
