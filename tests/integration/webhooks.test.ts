import { beforeAll, describe, expect, it } from "vitest";

import { action as ordersCreate } from "../../app/routes/webhooks.orders.create.tsx";
import { action as ordersUpdated } from "../../app/routes/webhooks.orders.updated.tsx";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { orderPayload, webhookRequest } from "../support/webhook-request.ts";
import { drainJobs } from "../support/worker.ts";

const args = (request: Request) => ({ request, params: {}, context: {} });
let db: TestDatabase;

beforeAll(async () => {
  db = await useTestDatabase();
});

async function counts(shop: string) {
  const [row] = await db.sql<{ inbox: number; jobs: number; shops: number }[]>`
    select
      (select count(*)::int from webhook_inbox i join shops s on s.id = i.shop_id where s.domain = ${shop}) as inbox,
      (select count(*)::int from graphile_worker.jobs) as jobs,
      (select count(*)::int from shops where domain = ${shop}) as shops`;
  return row!;
}

describe("webhook routes", () => {
  it("answer 401 to a bad HMAC and change nothing", async () => {
    const shop = "bad-hmac.myshopify.com";
    const response = await ordersCreate(
      args(
        webhookRequest({
          topic: "orders/create",
          shop,
          body: orderPayload(1, "2026-11-01T10:00:00Z"),
          secret: "wrong",
        }),
      ),
    );
    expect(response.status).toBe(401);
    expect(await counts(shop)).toEqual({ inbox: 0, jobs: 0, shops: 0 });
  });

  it("answer 400 to a malformed body and change nothing", async () => {
    const shop = "malformed.myshopify.com";
    const notJson = await ordersCreate(
      args(webhookRequest({ topic: "orders/create", shop, body: null, rawBody: "{not json" })),
    );
    const wrongShape = await ordersCreate(args(webhookRequest({ topic: "orders/create", shop, body: { id: "x" } })));
    const wrongTopic = await ordersCreate(
      args(webhookRequest({ topic: "orders/updated", shop, body: orderPayload(2, "2026-11-01T10:00:00Z") })),
    );
    expect([notJson.status, wrongShape.status, wrongTopic.status]).toEqual([400, 400, 400]);
    expect(await wrongShape.text()).toContain("admin_graphql_api_id");
    expect(await counts(shop)).toEqual({ inbox: 0, jobs: 0, shops: 0 });
  });

  it("record the same delivery five times as one inbox row and one job", async () => {
    const shop = "replayed.myshopify.com";
    const body = orderPayload(3, "2026-11-01T10:00:00Z");
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await ordersCreate(
        args(webhookRequest({ topic: "orders/create", shop, body, webhookId: "wh-replayed-1" })),
      );
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(await counts(shop)).toMatchObject({ inbox: 1, jobs: 1, shops: 1 });
  });

  it("let the worker queue one import per shop for a burst of order webhooks, whatever their order", async () => {
    // The import reads each order back from Shopify, so the payloads' order does not matter; the
    // newest-version-wins behaviour is tested against the sandbox store in orders-import/.
    const shop = "ordered.myshopify.com";
    const newer = orderPayload(4, "2026-11-02T10:00:00Z", "#1004-edited");
    const older = orderPayload(4, "2026-11-01T10:00:00Z", "#1004");
    expect((await ordersUpdated(args(webhookRequest({ topic: "orders/updated", shop, body: newer })))).status).toBe(
      200,
    );
    expect((await ordersCreate(args(webhookRequest({ topic: "orders/create", shop, body: older })))).status).toBe(200);
    await drainJobs(db.url);

    const [shopRow] = await db.sql<{ id: string }[]>`select id from shops where domain = ${shop}`;
    const shopId = Number(shopRow!.id);
    const imports = await db.sql`
      select j.key, j.payload from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id
      where t.identifier = 'orders__import' and j.key = ${`orders__import:${shopId}`}`;
    expect(imports).toEqual([
      {
        key: `orders__import:${shopId}`,
        payload: [
          { orderId: "gid://shopify/Order/4", shopId, trigger: "webhook" },
          { orderId: "gid://shopify/Order/4", shopId, trigger: "webhook" },
        ],
      },
    ]);
    const inbox =
      await db.sql`select i.status, i.payload from webhook_inbox i join shops s on s.id = i.shop_id where s.domain = ${shop}`;
    expect(inbox).toEqual([
      { status: "processed", payload: null },
      { status: "processed", payload: null },
    ]);
  });
});
