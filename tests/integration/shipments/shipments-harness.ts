import { randomUUID } from "node:crypto";

import { expect } from "vitest";

import type { AdminClient } from "../../../app/.server/adapters/shopify/admin-client.ts";
import type { ShopifyAdmin } from "../../../app/.server/adapters/shopify/admin-port.ts";
import { getDb } from "../../../app/.server/db.ts";
import { getShopSettings } from "../../../app/.server/queries/shops.ts";
import type { TaskDefinition } from "../../../app/.server/runs/define-task.ts";
import { enqueueRun } from "../../../app/.server/runs/enqueue-run.ts";
import { toWorkerTask } from "../../../app/.server/runs/execute-run.ts";
import { createRunContext } from "../../../app/.server/runs/run-context.ts";
import { startRun } from "../../../app/.server/runs/run-records.ts";
import { reconcileOrders } from "../../../app/.server/tasks/orders-sync/reconcile-orders.ts";
import { createBusinessCentralSandbox } from "../../../sandbox/business-central/create-server.ts";
import type { BusinessCentralSandbox } from "../../../sandbox/business-central/sandbox-api.ts";
import type { PlanName } from "../../../sandbox/shopify/contracts.ts";
import type { TestDatabase } from "../../setup/test-database.ts";
import { connectToNewCompany, TEST_ERP_CLIENT } from "../../support/connect-erp.ts";
import { drainAllJobs, drainJobs } from "../../support/worker.ts";
import { ORDER_CREATE, startOrdersSandbox } from "../orders-import/orders-sandbox.ts";

const ENV = "production";

const ORDER_CREATE_WITH_OPTIONS = `mutation OrderCreate($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
  orderCreate(order: $order, options: $options) { order { id name updatedAt } userErrors { field message } }
}`;

/**
 * The two sandboxes over HTTP and the app between them: a store whose orders the app imports and
 * turns into BC sales orders, so a test can ship them in BC and sync the shipments back.
 */
export async function startShipmentsWorld(db: TestDatabase) {
  const store = await startOrdersSandbox();
  const bc: BusinessCentralSandbox = await createBusinessCentralSandbox({ port: 0 });
  process.env.BUSINESS_CENTRAL_SANDBOX_URL = bc.url;

  const runAllJobs = () => drainAllJobs(db);

  /** A shop with the app installed, connected to its own BC company seeded with the same catalog. */
  async function newShop(settings: Record<string, unknown> = {}, options: { plan?: PlanName } = {}) {
    const name = `ship-${randomUUID().slice(0, 8)}`;
    const shop = await store.newShop(name, { allowBackgroundSyncs: false, ...settings }, options);
    const tenant = `${name}.onmicrosoft.com`;
    const companyId = (await connectToNewCompany(bc, shop.shopId, { tenant, name: name.toUpperCase() })).company.info
      .id;
    // Looked up on every use: a restored BC snapshot (an ERP data reset) replaces the company's tables.
    const currentCompany = () => bc.company(tenant, ENV, companyId);

    /**
     * An order placed in the store and processed into a BC sales order; lines are [variant index,
     * quantity]. `inventoryBehaviour` as orderCreate takes it (Shopify's default, BYPASS, leaves
     * stock alone; a checkout's order is DECREMENT_OBEYING_POLICY).
     */
    async function placeProcessedOrder(
      lines: Array<[number, number]> = [
        [0, 3],
        [1, 2],
      ],
      inventoryBehaviour?: "BYPASS" | "DECREMENT_IGNORING_POLICY" | "DECREMENT_OBEYING_POLICY",
    ) {
      const seeded = await shop.gql(
        `{ customers(first: 1) { nodes { id } } productVariants(first: 8) { nodes { id } } }`,
      );
      const variants = seeded.productVariants.nodes as Array<{ id: string }>;
      const created = await shop.gql(inventoryBehaviour ? ORDER_CREATE_WITH_OPTIONS : ORDER_CREATE, {
        ...(inventoryBehaviour ? { options: { inventoryBehaviour } } : {}),
        order: {
          customer: { toAssociate: { id: seeded.customers.nodes[0].id } },
          financialStatus: "PAID",
          lineItems: lines.map(([index, quantity]) => ({ variantId: variants[index]!.id, quantity })),
        },
      });
      expect(created.orderCreate.userErrors).toEqual([]);
      const order = created.orderCreate.order as { id: string; name: string };
      await reconcileOrders(shop.shopId);
      await runAllJobs();
      const company = currentCompany();
      const salesOrder = company.salesOrders.all().find((o) => o.externalDocumentNumber === order.name);
      if (!salesOrder) throw new Error(`no BC sales order for ${order.name}`);
      const salesLines = company.salesOrderLines
        .filter((l) => l.documentId === salesOrder.id)
        .sort((a, b) => a.sequence - b.sequence);
      return { ...order, salesOrder, salesLines };
    }

    /** The order's fulfillments as Shopify has them. */
    async function fulfillments(orderId: string) {
      const data = await shop.gql(
        `query F($id: ID!) { order(id: $id) { displayFulfillmentStatus fulfillments(first: 20) { id trackingInfo(first: 5) { company number url } fulfillmentLineItems(first: 20) { nodes { quantity lineItem { id } } } } lineItems(first: 20) { nodes { id } } } }`,
        { id: orderId },
      );
      const lineIds = (data.order.lineItems.nodes as Array<{ id: string }>).map((l) => l.id);
      return {
        status: data.order.displayFulfillmentStatus as string,
        lineIds,
        fulfillments: (data.order.fulfillments as any[]).map((f) => ({
          id: f.id as string,
          tracking: f.trackingInfo as Array<{ company: string | null; number: string | null; url: string | null }>,
          lines: (f.fulfillmentLineItems.nodes as any[]).map((n) => [lineIds.indexOf(n.lineItem.id), n.quantity]),
        })),
      };
    }

    /** A call to the company's standard BC API, as any BC client would make it. */
    async function bcApi(method: string, path: string, body?: unknown) {
      const token = (await (
        await fetch(bc.tokenUrl(tenant), {
          method: "POST",
          body: new URLSearchParams({
            grant_type: "client_credentials",
            client_id: TEST_ERP_CLIENT.clientId,
            client_secret: TEST_ERP_CLIENT.clientSecret,
            scope: "https://api.businesscentral.dynamics.com/.default",
          }),
        })
      ).json()) as { access_token: string };
      return fetch(`${bc.apiBaseUrl(tenant, ENV)}/companies(${companyId})/${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token.access_token}`,
          "Content-Type": "application/json",
          ...(method === "PATCH" || method === "DELETE" ? { "If-Match": "*" } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    }

    /** A BC user's edit of a sales order (or one of its lines) through the standard API. */
    async function editInBc(path: string, body: Record<string, unknown>) {
      const response = await bcApi("PATCH", path, body);
      if (response.status !== 200) throw new Error(`PATCH ${path}: ${response.status} ${await response.text()}`);
    }

    /** Posts a shipment of the whole order in BC, as the warehouse would. */
    const ship = (salesOrderId: string) => bc.postShipment(tenant, ENV, companyId, salesOrderId);

    return {
      ...shop,
      tenant,
      get company() {
        return currentCompany();
      },
      placeProcessedOrder,
      fulfillments,
      bcApi,
      editInBc,
      ship,
    };
  }

  /** The run records of the shop's runs of a task after `afterId`, oldest first, with their outcomes. */
  async function runsSince(shopId: number, task: string, afterId: number) {
    const runs = await db.sql<
      Array<{
        id: number;
        status: string;
        dry_run: boolean;
        trigger: string;
        summary: string | null;
        error_message: string | null;
      }>
    >`select id::int, status, dry_run, trigger, summary, error_message from task_runs
      where shop_id = ${shopId} and task = ${task} and id > ${afterId} order by id`;
    const records = await db.sql<
      Array<{ type: string; key: string; label: string | null; outcome: string; reason: string | null }>
    >`select record_type as type, record_key as key, label, outcome, reason from task_run_records
      where shop_id = ${shopId} and run_id = any(${runs.map((r) => r.id)}::bigint[]) order by id`;
    return { runs, run: runs[0], records };
  }

  const lastRunId = async () =>
    (await db.sql<Array<{ id: number }>>`select coalesce(max(id), 0)::int as id from task_runs`)[0]!.id;

  /**
   * "Run now" (or "Preview") of a task for a shop, through the real worker: queued as the button
   * queues it, run by graphile-worker with the registry's task list; returns the run and its records.
   */
  async function runTask(
    task: TaskDefinition,
    shopId: number,
    options: { dryRun?: boolean; clock?: { now(): Date } } = {},
  ) {
    const since = await lastRunId();
    await enqueueRun(getDb(), task, { shopId, trigger: "manual", ...(options.dryRun ? { dryRun: true } : {}) });
    // A clock of the test's own (a day later, say) runs the task as the worker does, on that clock.
    await drainJobs(db.url, options.clock ? { [task.name]: toWorkerTask(task, { clock: options.clock }) } : undefined);
    const result = await runsSince(shopId, task.name, since);
    expect(result.run, `a run of ${task.name}`).toBeDefined();
    return result;
  }

  /**
   * A run of the task in this process, on the real run context, with the Shopify client the test
   * hands it (a watched real client: the kill-switch tests flip the setting in the middle of a run).
   */
  async function runInline(task: TaskDefinition, shopId: number, options: { admin: ShopifyAdmin }) {
    const since = await lastRunId();
    const now = new Date();
    const runId = await startRun(getDb(), {
      shopId,
      task: task.name,
      category: task.category,
      trigger: "manual",
      dryRun: false,
      jobId: null,
      attempts: 1,
      now,
    });
    const handle = createRunContext({
      db: getDb(),
      task,
      shopId,
      runId,
      trigger: "manual",
      dryRun: false,
      attempt: 1,
      settings: await getShopSettings(getDb(), shopId),
      clock: { now: () => new Date() },
      log: { info: () => {}, warn: () => {}, debug: () => {} },
    });
    // The tasks use the port's query method only; the watched client is the real one underneath.
    const admin = options.admin as unknown as AdminClient;
    await task.run({ ...handle.ctx, shopify: async () => admin }, { shopId });
    await handle.flush();
    return runsSince(shopId, task.name, since);
  }

  async function shipmentRows(shopId: number) {
    return db.sql<
      Array<{
        erp_shipment_no: string;
        status: string;
        reason: string | null;
        error_message: string | null;
        fulfillment_ids: string[];
      }>
    >`select erp_shipment_no, status, reason, error_message, fulfillment_ids from shipments where shop_id = ${shopId} order by id`;
  }

  return {
    store,
    bc,
    newShop,
    runAllJobs,
    runTask,
    runInline,
    runsSince,
    shipmentRows,
    env: ENV,
    close: async () => {
      await store.close();
      await bc.close();
    },
  };
}
