import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { documentsPostTask } from "../../../app/.server/tasks/documents-post/task.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { startShipmentsWorld } from "../shipments/shipments-harness.ts";

let db: TestDatabase;
let world: Awaited<ReturnType<typeof startShipmentsWorld>>;

beforeAll(async () => {
  db = await useTestDatabase();
  world = await startShipmentsWorld(db);
});

afterAll(async () => {
  await world.close();
});

async function ourRows(shopId: number) {
  return {
    orders:
      await db.sql`select id, status, posting_status, posting_error, posted_at, shopify_closed_at from orders where shop_id = ${shopId} order by id`,
    events: await db.sql`select id, kind from order_events where shop_id = ${shopId} order by id`,
    skipped: await db.sql`select * from skipped_records where shop_id = ${shopId} order by id`,
  };
}

describe("Preview of Post ERP documents", () => {
  it("lists the batch as planned, posts nothing in BC, and a real run then posts exactly those", async () => {
    const shop = await world.newShop({ posting: { onlyFulfilled: false, olderThanHours: 0 } });
    const orders = [await shop.placeProcessedOrder([[0, 1]]), await shop.placeProcessedOrder([[1, 2]])];
    const ids = await db.sql<
      Array<{ id: number }>
    >`select id::int from orders where shop_id = ${shop.shopId} order by id`;

    const before = await ourRows(shop.shopId);
    const bcBefore = world.bc.requestLog.entries().length;
    const preview = await world.runTask(documentsPostTask, shop.shopId, { dryRun: true });

    expect(preview.run).toMatchObject({ status: "succeeded", dry_run: true });
    expect(preview.run!.summary).toBe("Preview: 2 document(s) would be posted; nothing was written");
    expect(preview.records).toEqual(
      orders.map((order, i) => ({
        type: "order",
        key: String(ids[i]!.id),
        label: `${order.name} (ERP sales order ${order.salesOrder.number})`,
        outcome: "planned",
        reason: `would ship and invoice sales order ${order.salesOrder.number} (${order.name}).`,
      })),
    );
    // Nothing posted: both sales orders still open in BC, no invoice, no write request reached it.
    for (const order of orders) expect(shop.company.salesOrders.get(order.salesOrder.id)).toBeDefined();
    expect(shop.company.salesInvoices.all()).toEqual([]);
    const bcCalls = world.bc.requestLog.entries().slice(bcBefore);
    expect(bcCalls.filter((e) => e.method !== "GET" && !e.path.includes("/oauth2/"))).toEqual([]);
    expect(await ourRows(shop.shopId)).toEqual(before);

    const real = await world.runTask(documentsPostTask, shop.shopId);
    expect(real.records.map((r) => [r.key, r.outcome])).toEqual(ids.map((o) => [String(o.id), "updated"]));
    expect(
      shop.company.salesInvoices
        .all()
        .map((i) => i.externalDocumentNumber)
        .sort(),
    ).toEqual(orders.map((o) => o.name).sort());
    // The order page's "runs that touched this order": the preview and the posting run.
    const touched = await db.sql<Array<{ dry_run: boolean }>>`
      select r.dry_run from task_run_records rr join task_runs r on r.id = rr.run_id
      where rr.shop_id = ${shop.shopId} and rr.record_type = 'order' and rr.record_key = ${String(ids[0]!.id)}
        and r.task = 'documents__post' order by r.id`;
    expect(touched.map((t) => t.dry_run)).toEqual([true, false]);
  });
});
