import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { BC_LIMITS } from "../../app/.server/adapters/erp/business-central/sales-documents.ts";
import { getDb } from "../../app/.server/db.ts";
import type { ShopSettings } from "../../app/.server/domain/settings-schema.ts";
import { countActivity, listActivity } from "../../app/.server/queries/activity.ts";
import { countOrderSettingNeeds } from "../../app/.server/queries/orders-missing-settings.ts";
import { ensureShop } from "../../app/.server/queries/shops.ts";
import { loadSetupGuide } from "../../app/.server/setup/setup-guide.ts";
import { saveSettingsForm } from "../../app/.server/shops/settings-form.ts";
import { mapToSalesDocument } from "../../app/.server/tasks/orders-process/map-to-sales-document.ts";
import type { ImportedOrder } from "../../app/.server/tasks/orders-sync/imported-order.ts";
import { reconcileOrders } from "../../app/.server/tasks/orders-sync/reconcile-orders.ts";
import { createBusinessCentralSandbox } from "../../sandbox/business-central/create-server.ts";
import type { BusinessCentralSandbox } from "../../sandbox/business-central/sandbox-api.ts";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { connectToNewCompany } from "../support/connect-erp.ts";
import { drainAllJobs } from "../support/worker.ts";
import { importedOrder, money, orderLine, settings } from "../unit/orders-process/imported-order-factory.ts";
import { drainImportJobs, ORDER_CREATE, startOrdersSandbox } from "./orders-import/orders-sandbox.ts";

let db: TestDatabase;
let store: Awaited<ReturnType<typeof startOrdersSandbox>>;
let bc: BusinessCentralSandbox;

beforeAll(async () => {
  db = await useTestDatabase();
  store = await startOrdersSandbox();
  bc = await createBusinessCentralSandbox({ port: 0 });
  process.env.BUSINESS_CENTRAL_SANDBOX_URL = bc.url;
});

afterAll(async () => {
  await store?.close();
  await bc?.close();
});

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.append(name, value);
  return data;
};

describe("the setup guide, from what is stored", () => {
  it("starts undone, shows an order held up by the missing ERP and then by the shipping account, and clears", async () => {
    const shop = await store.newShop("setup-guide");
    const stepsDone = async () =>
      Object.fromEntries((await loadSetupGuide(shop.shopId)).steps.map((step) => [step.key, step.done]));

    const fresh = await loadSetupGuide(shop.shopId);
    expect(fresh.steps.map((step) => step.key)).toEqual([
      "erp",
      "shipping-account",
      "tip-account",
      "gift-card-account",
      "customers",
      "locations",
      "automation",
    ]);
    expect(fresh.progress).toEqual({ done: 1, total: 7 });
    expect(fresh.notices).toEqual([]);
    // The locations come from the store over HTTP: both seeded locations are named, unmapped.
    const locations = fresh.steps.find((step) => step.key === "locations");
    expect(locations?.description).toMatch(/Not mapped: .+ \(id \d+\), .+ \(id \d+\)\.$/);

    // An order with a shipping line arrives before the ERP is connected.
    const seeded = await shop.gql(
      `{ customers(first: 1) { nodes { id } } productVariants(first: 1) { nodes { id } } }`,
    );
    const created = await shop.gql(ORDER_CREATE, {
      order: {
        customer: { toAssociate: { id: seeded.customers.nodes[0].id } },
        financialStatus: "PAID",
        lineItems: [{ variantId: seeded.productVariants.nodes[0].id, quantity: 1 }],
        shippingLines: [
          { title: "Express", code: "EXP", priceSet: { shopMoney: { amount: "7.50", currencyCode: "EUR" } } },
        ],
      },
    });
    expect(created.orderCreate.userErrors).toEqual([]);
    await reconcileOrders(shop.shopId);
    await drainImportJobs(db);
    // Both hold it up: no ERP yet, and (once there is one) no account for its shipping charge.
    expect((await loadSetupGuide(shop.shopId)).notices).toEqual([
      expect.objectContaining({ key: "erp", count: 1, message: "1 order waits for an ERP connection." }),
      expect.objectContaining({ key: "shipping-account", count: 1 }),
    ]);

    // Connected to a BC company with the same catalog: the order now fails for the shipping account.
    await connectToNewCompany(bc, shop.shopId, { tenant: "setup-guide.onmicrosoft.com", name: "SETUP GUIDE" });
    await drainAllJobs(db);
    const [order] = await db.sql`select status, error_message from orders where shop_id = ${shop.shopId}`;
    expect(order).toMatchObject({
      status: "error",
      error_message: expect.stringContaining("shipping charges account"),
    });

    const failing = await loadSetupGuide(shop.shopId);
    expect(failing.steps.find((step) => step.key === "erp")?.done).toBe(true);
    expect(failing.notices).toEqual([
      {
        key: "shipping-account",
        count: 1,
        message: "1 order with a shipping charge cannot reach the ERP until the shipping charges account is set.",
        action: { label: "Set the shipping charges account", url: "/app/settings#orders.shippingChargesAccount" },
      },
    ]);
    expect((await countActivity(getDb(), shop.shopId))["order-errors"]).toBe(1);
    expect(await listActivity(getDb(), shop.shopId, "order-errors")).toEqual([
      expect.objectContaining({
        title: created.orderCreate.order.name,
        href: expect.stringMatching(/^\/app\/orders\/\d+$/),
      }),
    ]);

    // Setting the account (through the settings form, as the merchant does) marks the step done.
    const saved = await saveSettingsForm(
      shop.shopId,
      form({ "orders.shippingChargesAccount": "6100", "orders.tipAccount": "6200", "orders.giftCardAccount": "2300" }),
    );
    expect(saved.ok).toBe(true);
    expect(await stepsDone()).toMatchObject({
      erp: true,
      "shipping-account": true,
      "tip-account": true,
      "gift-card-account": true,
      customers: false,
    });
    expect((await loadSetupGuide(shop.shopId)).notices).toEqual([]);
  });
});

describe("counting the orders that need a setting", () => {
  /** Does order processing refuse the order for want of this account? (The real mapper decides.) */
  function refusedFor(order: ImportedOrder, shopSettings: ShopSettings): string | null {
    const items = new Map(order.lines.map((line) => [line.shopifyLineId, { itemNumber: "1000", variantCode: "" }]));
    const result = mapToSalesDocument(order, { customerNumber: "C1", items }, shopSettings, BC_LIMITS);
    if (result.ok) return null;
    const setting = /set the (shipping charges|tip|gift card) account in Settings/.exec(result.error);
    return setting?.[1] ?? `other: ${result.error}`;
  }

  it("agrees with what order processing refuses, order by order", async () => {
    const shopId = await ensureShop(getDb(), "needs.myshopify.com");
    const shopSettings = settings({ orders: { shippingMethods: { Pickup: "6190", PICK: "6191" } } });
    const shipping = (title: string, code: string | null, price: string, presentment = price) => ({
      title,
      code,
      price: money(price, presentment),
      discountedPrice: money(price, presentment),
      taxLines: [],
    });
    const cases: ImportedOrder[] = [
      importedOrder(),
      importedOrder({ shippingLines: [shipping("Standard", null, "5.00")] }),
      importedOrder({ shippingLines: [shipping("Free shipping", null, "0.00")] }),
      importedOrder({ shippingLines: [shipping("Pickup", null, "2.00")] }),
      importedOrder({ shippingLines: [shipping("Click & collect", "PICK", "2.00")] }),
      importedOrder({ lines: [orderLine(), orderLine({ title: "Tip", isTip: true, variantId: null, sku: null })] }),
      importedOrder({ lines: [orderLine(), orderLine({ isTip: true, quantity: 0, orderedQuantity: 1 })] }),
      importedOrder({ lines: [orderLine(), orderLine({ isGiftCard: true, title: "Gift card" })] }),
    ];
    for (const [index, order] of cases.entries()) {
      await db.sql`insert into orders (shop_id, shopify_order_id, name, status, snapshot)
        values (${shopId}, ${order.shopifyOrderId}, ${order.name}, ${index % 2 ? "error" : "unprocessed"}, ${db.sql.json(order as never)})`;
    }
    // Orders that no longer wait are not counted, whatever they hold.
    const done = importedOrder({ shippingLines: [shipping("Standard", null, "5.00")] });
    await db.sql`insert into orders (shop_id, shopify_order_id, name, status, snapshot)
      values (${shopId}, ${done.shopifyOrderId}, ${done.name}, 'processed', ${db.sql.json(done as never)})`;

    const refusals = cases.map((order) => refusedFor(order, shopSettings));
    const expected = {
      open: cases.length,
      shipping: refusals.filter((r) => r === "shipping charges").length,
      tip: refusals.filter((r) => r === "tip").length,
      giftCard: refusals.filter((r) => r === "gift card").length,
      waitingForCustomer: 0,
    };
    expect(refusals.filter((r) => r?.startsWith("other"))).toEqual([]);
    expect(expected).toMatchObject({ shipping: 1, tip: 1, giftCard: 1 });
    expect(await countOrderSettingNeeds(getDb(), { shopId, settings: shopSettings })).toEqual(expected);
    // With the accounts set, nothing needs them (and no snapshot is read for them).
    const withAccounts = settings({
      orders: { shippingChargesAccount: "6100", tipAccount: "6200", giftCardAccount: "2300" },
    });
    expect(cases.map((order) => refusedFor(order, withAccounts))).toEqual(cases.map(() => null));
    expect(await countOrderSettingNeeds(getDb(), { shopId, settings: withAccounts })).toEqual({
      ...expected,
      shipping: 0,
      tip: 0,
      giftCard: 0,
    });
  });

  it("reads the shipping price in the document currency", async () => {
    const shopId = await ensureShop(getDb(), "needs-currency.myshopify.com");
    // Free in the shop's currency, charged in the buyer's (a contrived rate, to tell them apart).
    const order = importedOrder({
      presentmentCurrency: "CHF",
      shippingLines: [
        {
          title: "Standard",
          code: null,
          price: money("0.00", "4.00"),
          discountedPrice: money("0.00", "4.00"),
          taxLines: [],
        },
      ],
    });
    await db.sql`insert into orders (shop_id, shopify_order_id, name, status, snapshot)
      values (${shopId}, ${order.shopifyOrderId}, ${order.name}, 'unprocessed', ${db.sql.json(order as never)})`;
    for (const currency of ["shop", "presentment"] as const) {
      const shopSettings = settings({ orders: { currency } });
      const needs = await countOrderSettingNeeds(getDb(), { shopId, settings: shopSettings });
      expect(needs.shipping).toBe(refusedFor(order, shopSettings) === "shipping charges" ? 1 : 0);
      expect(needs.shipping).toBe(currency === "presentment" ? 1 : 0);
    }
  });
});
