import { beforeAll, describe, expect, it } from "vitest";

import { activityTileKeys } from "../../app/.server/activity/tiles.ts";
import { getDb } from "../../app/.server/db.ts";
import { countActivity, listActivity } from "../../app/.server/queries/activity.ts";
import { ensureShop } from "../../app/.server/queries/shops.ts";
import { loadSettings, loadSettingsForm, saveSettingsForm } from "../../app/.server/shops/settings-form.ts";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";

let db: TestDatabase;

beforeAll(async () => {
  db = await useTestDatabase();
});

/** One row behind every tile, for a shop. */
async function fillTiles(shopId: number, suffix: string) {
  await db.sql`insert into unmapped_records (shop_id, entity, shopify_id, label) values
    (${shopId}, 'customer', ${"c" + suffix}, 'c'), (${shopId}, 'company', ${"k" + suffix}, 'k'), (${shopId}, 'product', ${"p" + suffix}, 'p')`;
  await db.sql`insert into unmapped_records (shop_id, entity, shopify_id, label, resolved_at)
    values (${shopId}, 'product', ${"resolved" + suffix}, 'r', now())`;
  await db.sql`insert into orders (shop_id, shopify_order_id, name, status, has_conflict) values
    (${shopId}, ${"o1" + suffix}, '#1', 'unprocessed', false), (${shopId}, ${"o2" + suffix}, '#2', 'processed', true)`;
  await db.sql`insert into shipments (shop_id, erp_shipment_no, status) values
    (${shopId}, ${"s1" + suffix}, 'unprocessed'), (${shopId}, ${"s2" + suffix}, 'error'), (${shopId}, ${"s3" + suffix}, 'synced')`;
  await db.sql`insert into task_runs (shop_id, task, category, trigger, status, error_message) values
    (${shopId}, 'orders__sync', 'orders', 'schedule', 'failed', 'ERP unreachable'),
    (${shopId}, 'orders__sync', 'orders', 'schedule', 'succeeded', null)`;
  await db.sql`insert into skipped_records (shop_id, entity, record_key, reason) values (${shopId}, 'product', 'p', 'no SKU')`;
  await db.sql`insert into product_links (shop_id, erp_item_number, title, state, origin, reason) values
    (${shopId}, ${"i1" + suffix}, 'Refused', 'error', 'erp', 'barcode: is too long'),
    (${shopId}, ${"i2" + suffix}, 'Fine', 'linked', 'erp', null)`;
  await db.sql`insert into api_log_entries (shop_id, system, operation, is_error, error_message) values
    (${shopId}, 'erp', 'createSalesOrder', true, '503'), (${shopId}, 'shopify', 'ShopInfo', false, null)`;
  await db.sql`insert into shopify_customers (shop_id, shopify_customer_id, state, display_name, reason) values
    (${shopId}, ${`gid://shopify/Customer/${suffix}1`}, 'conflict', 'Both sides', 'changed on both sides'),
    (${shopId}, ${`gid://shopify/Customer/${suffix}2`}, 'linked', 'Fine', null)`;
  await db.sql`insert into shopify_companies (shop_id, shopify_company_id, state, name, reason) values
    (${shopId}, ${`gid://shopify/Company/${suffix}1`}, 'error', 'Refused Co', 'BC said no'),
    (${shopId}, ${`gid://shopify/Company/${suffix}2`}, 'linked', 'Fine Co', null)`;
  await db.sql`insert into order_refunds (shop_id, shopify_refund_id, shopify_order_id, state, reason) values
    (${shopId}, ${`gid://shopify/Refund/${suffix}1`}, ${"o1" + suffix}, 'waiting', 'waits for its order'),
    (${shopId}, ${`gid://shopify/Refund/${suffix}2`}, ${"o1" + suffix}, 'created', null)`;
  await db.sql`insert into order_payments (shop_id, shopify_transaction_id, shopify_order_id, kind, amount, presentment_amount, currency, presentment_currency, state, reason) values
    (${shopId}, ${`gid://shopify/OrderTransaction/${suffix}1`}, ${"o1" + suffix}, 'SALE', '10.00', '10.00', 'EUR', 'EUR', 'error', 'no ERP payment method for paypal'),
    (${shopId}, ${`gid://shopify/OrderTransaction/${suffix}2`}, ${"o1" + suffix}, 'SALE', '10.00', '10.00', 'EUR', 'EUR', 'waiting', 'waits for the invoice'),
    (${shopId}, ${`gid://shopify/OrderTransaction/${suffix}3`}, ${"o1" + suffix}, 'SALE', '10.00', '10.00', 'EUR', 'EUR', 'recorded', null)`;
  await db.sql`insert into shopify_payouts (shop_id, shopify_payout_id, legacy_id, status, issued_at, currency, net, state, reason, difference) values
    (${shopId}, ${`gid://shopify/ShopifyPaymentsPayout/${suffix}1`}, ${shopId * 10 + 1}, 'PAID', now(), 'EUR', '10.00', 'unbalanced', 'off by 1.00', '1.00'),
    (${shopId}, ${`gid://shopify/ShopifyPaymentsPayout/${suffix}2`}, ${shopId * 10 + 2}, 'PAID', now(), 'EUR', '10.00', 'recorded', null, '0')`;
  await db.sql`insert into inventory_levels (shop_id, inventory_item_id, location_id, variant_id, drift_shopify, drift_target, drift_at) values
    (${shopId}, 'gid://shopify/InventoryItem/1', 'gid://shopify/Location/1', 'gid://shopify/ProductVariant/1', 3, 5, now()),
    (${shopId}, 'gid://shopify/InventoryItem/2', 'gid://shopify/Location/1', 'gid://shopify/ProductVariant/2', null, null, null)`;
}

describe("activity dashboard counts", () => {
  it("count each tile's open records for one shop only", async () => {
    const a = await ensureShop(getDb(), "tiles-a.myshopify.com");
    const b = await ensureShop(getDb(), "tiles-b.myshopify.com");
    await fillTiles(a, "a");
    await fillTiles(b, "b");
    await db.sql`insert into skipped_records (shop_id, entity, record_key, reason) values (${b}, 'product', 'extra', 'no SKU')`;

    const counts = await countActivity(getDb(), a);
    expect(Object.keys(counts).sort()).toEqual([...activityTileKeys].sort());
    expect(counts).toEqual({
      "unmapped-customers": 1,
      "unmapped-companies": 1,
      "unmapped-products": 1,
      "unprocessed-orders": 1,
      "order-errors": 0,
      "unprocessed-shipments": 1,
      "shipment-errors": 1,
      "product-errors": 1,
      "customer-problems": 2,
      "refund-problems": 1,
      "payment-problems": 2,
      "payout-problems": 1,
      "sync-errors": 1,
      "order-conflicts": 1,
      "skipped-records": 1,
      "stock-drift": 1,
      "api-errors": 1,
    });
    expect((await countActivity(getDb(), b))["skipped-records"]).toBe(2);
    expect(await listActivity(getDb(), a, "sync-errors")).toEqual([
      expect.objectContaining({ title: "orders__sync", detail: "ERP unreachable" }),
    ]);
    expect(await listActivity(getDb(), a, "product-errors")).toEqual([
      expect.objectContaining({
        title: "Refused",
        detail: "barcode: is too long",
        href: expect.stringMatching(/^\/app\/products\/\d+$/),
      }),
    ]);
  });
});

describe("the orders with errors tile", () => {
  it("counts an order in error and one with a posting error, and lists both with their reasons", async () => {
    const shopId = await ensureShop(getDb(), "order-errors.myshopify.com");
    const other = await ensureShop(getDb(), "order-errors-other.myshopify.com");
    await db.sql`insert into orders (shop_id, shopify_order_id, name, status, error_message) values
      (${shopId}, 'e1', '#1001', 'error', 'The order has shipping ("Standard"); set the shipping charges account in Settings.'),
      (${shopId}, 'e2', '#1002', 'unprocessed', null),
      (${other}, 'e1', '#1001', 'error', 'other shop')`;
    await db.sql`insert into orders (shop_id, shopify_order_id, name, status, erp_document_number, posting_status, posting_error)
      values (${shopId}, 'e3', '#1003', 'processed', 'SO-1', 'error', 'Posting ERP sales order SO-1 failed: no stock'),
             (${shopId}, 'e4', '#1004', 'processed', 'SO-2', 'posted', null)`;

    const counts = await countActivity(getDb(), shopId);
    expect(counts["order-errors"]).toBe(2);
    expect(counts["unprocessed-orders"]).toBe(1);
    const rows = await listActivity(getDb(), shopId, "order-errors");
    expect(rows.map(({ title, detail }) => ({ title, detail })).sort((a, b) => a.title.localeCompare(b.title))).toEqual(
      [
        {
          title: "#1001",
          detail: 'The order has shipping ("Standard"); set the shipping charges account in Settings.',
        },
        { title: "#1003", detail: "Posting ERP sales order SO-1 failed: no stock" },
      ],
    );
    expect(rows.every((row) => row.href === `/app/orders/${row.id}`)).toBe(true);
  });
});

describe("saving settings", () => {
  it("saves nothing when any field is invalid, and everything when all are valid", async () => {
    const shopId = await ensureShop(getDb(), "settings.myshopify.com");
    const invalid = new FormData();
    invalid.append("allowBackgroundSyncs", "true");
    invalid.append("customers.mapping", "default_customer");
    invalid.append("customers.defaultCustomerNo", "");
    const rejected = await saveSettingsForm(shopId, invalid);
    expect(rejected).toEqual({
      ok: false,
      fieldErrors: { "customers.defaultCustomerNo": "is required when every order goes to the default customer" },
    });
    expect(await db.sql`select settings from shops where id = ${shopId}`).toEqual([{ settings: {} }]);

    invalid.set("customers.defaultCustomerNo", "C00010");
    expect(await saveSettingsForm(shopId, invalid)).toMatchObject({ ok: true });
    expect(await loadSettings(shopId)).toMatchObject({
      allowBackgroundSyncs: true,
      customers: { mapping: "default_customer", defaultCustomerNo: "C00010" },
    });
  });

  it("offers the settings the tasks read, as stored, and saves what the form posts", async () => {
    const shopId = await ensureShop(getDb(), "hidden-settings.myshopify.com");
    await db.sql`update shops set settings = ${db.sql.json({
      companies: { import: "all" },
      products: { direction: "shopify_to_erp" },
      inventory: { enabled: true },
    })} where id = ${shopId}`;
    const values = await loadSettingsForm(shopId);
    // The product sync reads its direction, the stock sync (Locations page) its switch, the
    // company sync its import: offered, as stored.
    expect(values).toMatchObject({
      "companies.import": "all",
      "orders.shippingChargesAccount": "",
      "customers.mapping": "by_email_or_phone",
      "products.direction": "shopify_to_erp",
      "inventory.enabled": "true",
    });

    const posted = new FormData();
    for (const [name, value] of Object.entries(values)) posted.append(name, value);
    posted.set("orders.tipAccount", "6200");
    posted.set("companies.import", "none");
    posted.set("inventory.enabled", "false");
    expect(await saveSettingsForm(shopId, posted)).toMatchObject({ ok: true });
    expect(await loadSettings(shopId)).toMatchObject({
      orders: { tipAccount: "6200" },
      companies: { import: "none" },
      products: { direction: "shopify_to_erp" },
      inventory: { enabled: false },
    });
  });
});
