import { beforeAll, describe, expect, it } from "vitest";

import { retryFailedRun } from "../../app/.server/activity/retry.ts";
import { getDb } from "../../app/.server/db.ts";
import { countActivity } from "../../app/.server/queries/activity.ts";
import { markShopInstalled } from "../../app/.server/queries/shops.ts";
import { action as scopesUpdate } from "../../app/routes/webhooks.app.scopes_update.tsx";
import { action as appUninstalled } from "../../app/routes/webhooks.app.uninstalled.tsx";
import { action as dataRequest } from "../../app/routes/webhooks.customers.data_request.tsx";
import { action as customersRedact } from "../../app/routes/webhooks.customers.redact.tsx";
import { action as ordersCreate } from "../../app/routes/webhooks.orders.create.tsx";
import { action as shopRedact } from "../../app/routes/webhooks.shop.redact.tsx";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { orderPayload, webhookRequest } from "../support/webhook-request.ts";
import { drainJobs } from "../support/worker.ts";

const args = (request: Request) => ({ request, params: {}, context: {} });
let db: TestDatabase;

beforeAll(async () => {
  db = await useTestDatabase();
});

async function installShop(shop: string, at = new Date("2026-11-01T00:00:00Z")) {
  const shopId = await markShopInstalled(getDb(), { domain: shop, scopes: "read_orders", at });
  await db.sql`insert into sessions (id, shop, state, "isOnline", "accessToken", scope)
    values (${`offline_${shop}`}, ${shop}, '', false, 'shpat_x', 'read_orders')`;
  return shopId;
}

describe("app/uninstalled", () => {
  it("deletes the shop's sessions and marks it uninstalled, and a replay changes nothing", async () => {
    const shop = "uninstall.myshopify.com";
    await installShop(shop);
    const request = () =>
      webhookRequest({ topic: "app/uninstalled", shop, body: { id: 1, domain: shop }, webhookId: "wh-uninstall-1" });
    expect((await appUninstalled(args(request()))).status).toBe(200);
    const [afterFirst] = await db.sql`select uninstalled_at from shops where domain = ${shop}`;
    expect(afterFirst?.uninstalled_at).toBeInstanceOf(Date);
    expect(await db.sql`select id from sessions where shop = ${shop}`).toEqual([]);

    expect((await appUninstalled(args(request()))).status).toBe(200);
    const [afterReplay] = await db.sql`select uninstalled_at from shops where domain = ${shop}`;
    expect(afterReplay?.uninstalled_at).toEqual(afterFirst?.uninstalled_at);
    expect(await db.sql`select count(*)::int as n from webhook_inbox where topic = 'app/uninstalled'`).toEqual([
      { n: 1 },
    ]);
  });

  it("ignores an uninstall that happened before the latest reinstall", async () => {
    const shop = "reinstalled.myshopify.com";
    await installShop(shop, new Date("2026-11-10T00:00:00Z"));
    const late = webhookRequest({
      topic: "app/uninstalled",
      shop,
      body: { id: 2, domain: shop },
      triggeredAt: new Date("2026-11-09T00:00:00Z"),
    });
    expect((await appUninstalled(args(late))).status).toBe(200);
    expect(await db.sql`select uninstalled_at from shops where domain = ${shop}`).toEqual([{ uninstalled_at: null }]);
    expect(await db.sql`select count(*)::int as n from sessions where shop = ${shop}`).toEqual([{ n: 1 }]);
  });
});

describe("app/scopes_update", () => {
  it("records the granted scopes on the shop and its sessions", async () => {
    const shop = "scopes.myshopify.com";
    await installShop(shop);
    const request = webhookRequest({
      topic: "app/scopes_update",
      shop,
      body: { current: ["read_orders", "write_orders"] },
    });
    expect((await scopesUpdate(args(request))).status).toBe(200);
    expect(await db.sql`select scopes from shops where domain = ${shop}`).toEqual([
      { scopes: "read_orders,write_orders" },
    ]);
    expect(await db.sql`select scope from sessions where shop = ${shop}`).toEqual([
      { scope: "read_orders,write_orders" },
    ]);
  });
});

describe("compliance webhooks", () => {
  it("record a customer data request", async () => {
    const shop = "data-request.myshopify.com";
    const body = {
      shop_id: 1,
      shop_domain: shop,
      customer: { id: 42, email: "a@example.com", phone: null },
      orders_requested: [1001, 1002],
      data_request: { id: 9 },
    };
    expect((await dataRequest(args(webhookRequest({ topic: "customers/data_request", shop, body })))).status).toBe(200);
    const rows = await db.sql`select shopify_customer_id, orders_requested from customer_data_requests`;
    expect(rows).toEqual([
      {
        shopify_customer_id: "gid://shopify/Customer/42",
        orders_requested: ["gid://shopify/Order/1001", "gid://shopify/Order/1002"],
      },
    ]);
    const [inbox] = await db.sql`select payload, status from webhook_inbox where topic = 'customers/data_request'`;
    expect(inbox).toEqual({ payload: null, status: "processed" });
  });

  it("customers/redact removes stored personal data of that customer only", async () => {
    const shop = "customer-redact.myshopify.com";
    const shopId = await installShop(shop);
    await db.sql`insert into unmapped_records (shop_id, entity, shopify_id, label)
      values (${shopId}, 'customer', 'gid://shopify/Customer/77', 'buyer@example.com'),
             (${shopId}, 'customer', 'gid://shopify/Customer/78', 'other@example.com')`;
    // An order webhook for customer 77 still waiting in the inbox holds their e-mail.
    await ordersCreate(
      args(webhookRequest({ topic: "orders/create", shop, body: orderPayload(900, "2026-11-01T10:00:00Z") })),
    );
    const body = {
      shop_id: 1,
      shop_domain: shop,
      customer: { id: 77, email: "buyer@example.com", phone: null },
      orders_to_redact: [900],
    };
    expect((await customersRedact(args(webhookRequest({ topic: "customers/redact", shop, body })))).status).toBe(200);
    await db.sql`update webhook_inbox set status = 'processed' where topic = 'orders/create' and shop_id = ${shopId}`;
    await drainJobs(db.url);

    expect(await db.sql`select shopify_id from unmapped_records where shop_id = ${shopId}`).toEqual([
      { shopify_id: "gid://shopify/Customer/78" },
    ]);
    const payloads = await db.sql`select topic, payload from webhook_inbox where shop_id = ${shopId} order by id`;
    expect(payloads).toEqual([
      { topic: "orders/create", payload: null },
      { topic: "customers/redact", payload: null },
    ]);
  });

  it("shop/redact removes every row of that shop and leaves other shops alone", async () => {
    const shop = "shop-redact.myshopify.com";
    const other = "shop-kept.myshopify.com";
    const shopId = await installShop(shop);
    const otherId = await installShop(other);
    for (const id of [shopId, otherId]) {
      await db.sql`insert into skipped_records (shop_id, entity, record_key, reason) values (${id}, 'product', 'p1', 'no SKU')`;
      await db.sql`insert into sync_cursors (shop_id, stream, cursor) values (${id}, 'orders', 'c1')`;
    }
    const body = { shop_id: 1, shop_domain: shop };
    expect((await shopRedact(args(webhookRequest({ topic: "shop/redact", shop, body })))).status).toBe(200);
    await drainJobs(db.url);

    expect(await db.sql`select domain from shops where domain in (${shop}, ${other})`).toEqual([{ domain: other }]);
    expect(await db.sql`select count(*)::int as n from sessions where shop = ${shop}`).toEqual([{ n: 0 }]);
    for (const table of ["skipped_records", "sync_cursors", "webhook_inbox"]) {
      const [row] = await db.sql`select count(*)::int as n from ${db.sql(table)} where shop_id = ${shopId}`;
      expect(row?.n, table).toBe(0);
    }
    expect(await db.sql`select count(*)::int as n from skipped_records where shop_id = ${otherId}`).toEqual([{ n: 1 }]);
  });
});

describe("a webhook whose follow-up keeps failing", () => {
  it("ends as a failed delivery and a synchronization error with the reason, not a stuck job", async () => {
    const shop = "failing.myshopify.com";
    const other = "someone-else.myshopify.com";
    const shopId = await installShop(shop);
    await installShop(other);
    // A redaction naming another shop than the one it was delivered for is refused every time.
    const body = { shop_id: 1, shop_domain: other };
    expect((await shopRedact(args(webhookRequest({ topic: "shop/redact", shop, body })))).status).toBe(200);
    const [job] = await db.sql`select id, max_attempts from graphile_worker.jobs`;
    await db.sql`select graphile_worker.reschedule_jobs(array[${job!.id}]::bigint[], attempts := ${job!.max_attempts - 1})`;
    await drainJobs(db.url);

    expect(await db.sql`select id from graphile_worker.jobs`).toEqual([]);
    const [inbox] =
      await db.sql`select status, error from webhook_inbox where shop_id = ${shopId} and topic = 'shop/redact'`;
    expect(inbox).toEqual({ status: "failed", error: `shop/redact for ${other} arrived for another shop` });
    const runs =
      await db.sql`select id, task, status, attempts, error_message from task_runs where shop_id = ${shopId}`;
    expect(runs).toEqual([
      expect.objectContaining({ task: "webhook__process", status: "failed", attempts: job!.max_attempts }),
    ]);
    expect(String(runs[0]?.error_message)).toContain("shop/redact");
    expect(await db.sql`select domain from shops where domain in (${shop}, ${other}) order by domain`).toHaveLength(2);

    // The merchant presses Retry once (a second press finds nothing to retry): the work is queued again.
    const runId = runs[0]!.id as number;
    expect(await retryFailedRun({ shopId, runId })).toEqual({ retried: true });
    expect(await retryFailedRun({ shopId, runId })).toEqual({ retried: false });
    expect((await countActivity(getDb(), shopId))["sync-errors"]).toBe(0);
    const requeued = await db.sql`select task_identifier, attempts from graphile_worker.jobs`;
    expect(requeued).toEqual([{ task_identifier: "webhook__process", attempts: 0 }]);
  });
});
