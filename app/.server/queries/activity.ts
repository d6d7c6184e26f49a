import { and, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";

import { apiLogEntries } from "../../../db/schema/api-log.ts";
import { inventoryLevels } from "../../../db/schema/inventory-levels.ts";
import { orderPayments } from "../../../db/schema/order-payments.ts";
import { orderRefunds } from "../../../db/schema/order-refunds.ts";
import { orders } from "../../../db/schema/orders.ts";
import { productLinks } from "../../../db/schema/product-links.ts";
import { shipments } from "../../../db/schema/shipments.ts";
import { shopifyCompanies } from "../../../db/schema/shopify-companies.ts";
import { shopifyCustomers } from "../../../db/schema/shopify-customers.ts";
import { shopifyPayouts } from "../../../db/schema/shopify-payouts.ts";
import { skippedRecords } from "../../../db/schema/skipped-records.ts";
import { taskRuns } from "../../../db/schema/task-runs.ts";
import { unmappedRecords } from "../../../db/schema/unmapped-records.ts";
import type { DbOrTx } from "../db.ts";
import type { ActivityTileKey } from "../domain/activity-tile-keys.ts";
import { listDrift } from "./inventory-drift.ts";
import { listOpenUnmappedRecords } from "./unmapped-records.ts";

/** One row of a tile's drill-down list, whatever table it comes from. */
export interface ActivityRow {
  id: number;
  title: string;
  detail: string | null;
  at: Date;
  /** The dashboard can redo this record's work (a failed run with a retry job). */
  canRetry?: boolean;
  /** The record's own page, when it has one. */
  href?: string;
}

interface TileSource {
  count: (shopId: number) => SQL;
  list: (db: DbOrTx, shopId: number, limit: number) => Promise<ActivityRow[]>;
}

const unmapped = (entity: "customer" | "company" | "product"): TileSource => {
  const where = (shopId: number) =>
    and(eq(unmappedRecords.shopId, shopId), eq(unmappedRecords.entity, entity), isNull(unmappedRecords.resolvedAt));
  return {
    count: (shopId) => sql`(select count(*) from ${unmappedRecords} where ${where(shopId)})`,
    list: async (db, shopId, limit) =>
      (await listOpenUnmappedRecords(db, { shopId, entity, limit })).map((row) => ({
        id: row.id,
        title: row.label,
        detail: row.shopifyId,
        at: row.firstSeenAt,
      })),
  };
};

const orderTile = (condition: (shopId: number) => SQL | undefined): TileSource => ({
  count: (shopId) => sql`(select count(*) from ${orders} where ${condition(shopId)})`,
  list: (db, shopId, limit) =>
    db
      .select({ id: orders.id, title: orders.name, detail: orders.errorMessage, at: orders.updatedAt })
      .from(orders)
      .where(condition(shopId))
      .orderBy(desc(orders.updatedAt))
      .limit(limit),
});

/**
 * Orders that failed: processing (no ERP document) or posting (the document exists, posting it
 * failed). Written exactly as the predicate of `orders_shop_errors_idx` so the planner uses it.
 */
const orderErrors = (shopId: number) =>
  and(eq(orders.shopId, shopId), sql`(${orders.status} = 'error' or ${orders.postingStatus} = 'error')`);

const orderErrorsTile: TileSource = {
  count: (shopId) => sql`(select count(*) from ${orders} where ${orderErrors(shopId)})`,
  list: async (db, shopId, limit) => {
    const rows = await db
      .select({
        id: orders.id,
        title: orders.name,
        status: orders.status,
        errorMessage: orders.errorMessage,
        postingError: orders.postingError,
        at: orders.updatedAt,
      })
      .from(orders)
      .where(orderErrors(shopId))
      .orderBy(desc(orders.updatedAt), desc(orders.id))
      .limit(limit);
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      detail: row.status === "error" ? row.errorMessage : row.postingError,
      at: row.at,
      href: `/app/orders/${row.id}`,
    }));
  },
};

const shipmentTile = (status: "unprocessed" | "error"): TileSource => {
  const where = (shopId: number) => and(eq(shipments.shopId, shopId), eq(shipments.status, status));
  return {
    count: (shopId) => sql`(select count(*) from ${shipments} where ${where(shopId)})`,
    list: (db, shopId, limit) =>
      db
        .select({
          id: shipments.id,
          title: shipments.erpShipmentNo,
          detail: shipments.errorMessage,
          at: shipments.updatedAt,
        })
        .from(shipments)
        .where(where(shopId))
        .orderBy(desc(shipments.updatedAt))
        .limit(limit),
  };
};

/** Products in error (refused by Shopify or the ERP): `product_links_shop_state_idx` answers the count. */
const productErrors = (shopId: number) => and(eq(productLinks.shopId, shopId), eq(productLinks.state, "error"));

const productErrorsTile: TileSource = {
  count: (shopId) => sql`(select count(*) from ${productLinks} where ${productErrors(shopId)})`,
  list: async (db, shopId, limit) =>
    (
      await db
        .select({
          id: productLinks.id,
          title: productLinks.title,
          detail: productLinks.reason,
          at: productLinks.updatedAt,
        })
        .from(productLinks)
        .where(productErrors(shopId))
        .orderBy(desc(productLinks.updatedAt), desc(productLinks.id))
        .limit(limit)
    ).map((row) => ({ ...row, href: `/app/products/${row.id}` })),
};

/** Customers in error or conflict: `shopify_customers_shop_state_idx` answers the count. */
const customerProblems = (shopId: number) =>
  and(eq(shopifyCustomers.shopId, shopId), inArray(shopifyCustomers.state, ["error", "conflict"]));

const companyProblems = (shopId: number) =>
  and(eq(shopifyCompanies.shopId, shopId), inArray(shopifyCompanies.state, ["error", "conflict"]));

/** Customers and B2B companies the ERP or Shopify refused, or changed on both sides: one tile, newest first. */
const customerProblemsTile: TileSource = {
  count: (shopId) => sql`((select count(*) from ${shopifyCustomers} where ${customerProblems(shopId)})
    + (select count(*) from ${shopifyCompanies} where ${companyProblems(shopId)}))`,
  list: async (db, shopId, limit) => {
    const [customers, companies] = await Promise.all([
      db
        .select({
          id: shopifyCustomers.id,
          title: shopifyCustomers.displayName,
          detail: shopifyCustomers.reason,
          at: shopifyCustomers.updatedAt,
        })
        .from(shopifyCustomers)
        .where(customerProblems(shopId))
        .orderBy(desc(shopifyCustomers.updatedAt), desc(shopifyCustomers.id))
        .limit(limit),
      db
        .select({
          id: shopifyCompanies.id,
          title: shopifyCompanies.name,
          detail: shopifyCompanies.reason,
          at: shopifyCompanies.updatedAt,
        })
        .from(shopifyCompanies)
        .where(companyProblems(shopId))
        .orderBy(desc(shopifyCompanies.updatedAt), desc(shopifyCompanies.id))
        .limit(limit),
    ]);
    return [
      ...customers.map((row) => ({ ...row, href: `/app/customers/${row.id}` })),
      ...companies.map((row) => ({ ...row, href: `/app/companies/${row.id}` })),
    ]
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .slice(0, limit);
  },
};

/**
 * Money after an order (refunds, payments) waiting or refused, each linking to its order's page
 * (where Retry is). Both tables have the same shape for this: state, reason, order.
 */
function orderMoneyTile(table: typeof orderRefunds | typeof orderPayments, what: string): TileSource {
  const problems = (shopId: number) => and(eq(table.shopId, shopId), inArray(table.state, ["waiting", "error"]));
  return {
    count: (shopId) => sql`(select count(*) from ${table} where ${problems(shopId)})`,
    list: async (db, shopId, limit) =>
      (
        await db
          .select({
            id: table.id,
            title: sql<string>`coalesce(${orders.name}, ${table.shopifyOrderId})`,
            detail: table.reason,
            at: table.updatedAt,
            orderId: table.orderId,
          })
          .from(table)
          .leftJoin(orders, and(eq(orders.shopId, table.shopId), eq(orders.id, table.orderId)))
          .where(problems(shopId))
          .orderBy(desc(table.updatedAt), desc(table.id))
          .limit(limit)
      ).map(({ orderId, ...row }) => ({
        ...row,
        title: `${what} of ${row.title}`,
        ...(orderId ? { href: `/app/orders/${orderId}` } : {}),
      })),
  };
}

const payoutProblems = (shopId: number) =>
  and(eq(shopifyPayouts.shopId, shopId), inArray(shopifyPayouts.state, ["unbalanced", "error"]));

/** Paid payouts the ERP does not have: unbalanced (the difference) or refused, each linking to its page (Retry). */
const payoutProblemsTile: TileSource = {
  count: (shopId) => sql`(select count(*) from ${shopifyPayouts} where ${payoutProblems(shopId)})`,
  list: async (db, shopId, limit) =>
    (
      await db
        .select({
          id: shopifyPayouts.id,
          legacyId: shopifyPayouts.legacyId,
          detail: shopifyPayouts.reason,
          at: shopifyPayouts.updatedAt,
        })
        .from(shopifyPayouts)
        .where(payoutProblems(shopId))
        .orderBy(desc(shopifyPayouts.updatedAt), desc(shopifyPayouts.id))
        .limit(limit)
    ).map(({ legacyId, ...row }) => ({ ...row, title: `Payout ${legacyId}`, href: `/app/payouts/${row.id}` })),
};

const failedRuns = (shopId: number) =>
  and(eq(taskRuns.shopId, shopId), eq(taskRuns.status, "failed"), isNull(taskRuns.dismissedAt));
const openSkips = (shopId: number) => and(eq(skippedRecords.shopId, shopId), isNull(skippedRecords.resolvedAt));
const openApiErrors = (shopId: number) =>
  and(eq(apiLogEntries.shopId, shopId), eq(apiLogEntries.isError, true), isNull(apiLogEntries.dismissedAt));

/** Written as the predicate of `inventory_levels_shop_drift_idx`. */
const drifted = (shopId: number) =>
  and(eq(inventoryLevels.shopId, shopId), sql`${inventoryLevels.driftAt} is not null`);

const stockDriftTile: TileSource = {
  count: (shopId) => sql`(select count(*) from ${inventoryLevels} where ${drifted(shopId)})`,
  list: async (db, shopId, limit) =>
    (await listDrift(db, { shopId, limit })).map((row, index) => ({
      id: index + 1,
      title: `${row.itemNumber ?? row.variantId}${row.variantCode ? ` (${row.variantCode})` : ""} at ${row.locationName ?? row.locationId}`,
      detail: `Shopify ${row.shopify ?? "not stocked"}, ERP ${row.target ?? "?"}`,
      at: row.foundAt,
      href: "/app/inventory/drift",
    })),
};

const sources: Record<ActivityTileKey, TileSource> = {
  "unmapped-customers": unmapped("customer"),
  "unmapped-companies": unmapped("company"),
  "unmapped-products": unmapped("product"),
  "unprocessed-orders": orderTile((shopId) => and(eq(orders.shopId, shopId), eq(orders.status, "unprocessed"))),
  "order-errors": orderErrorsTile,
  "order-conflicts": orderTile((shopId) => and(eq(orders.shopId, shopId), eq(orders.hasConflict, true))),
  "unprocessed-shipments": shipmentTile("unprocessed"),
  "shipment-errors": shipmentTile("error"),
  "product-errors": productErrorsTile,
  "customer-problems": customerProblemsTile,
  "refund-problems": orderMoneyTile(orderRefunds, "Refund"),
  "payment-problems": orderMoneyTile(orderPayments, "Payment"),
  "payout-problems": payoutProblemsTile,
  "sync-errors": {
    count: (shopId) => sql`(select count(*) from ${taskRuns} where ${failedRuns(shopId)})`,
    // Failed runs of any task, each linking to its run page (task titles are mapped by the caller).
    list: async (db, shopId, limit) =>
      (
        await db
          .select({
            id: taskRuns.id,
            title: taskRuns.task,
            detail: taskRuns.errorMessage,
            at: taskRuns.queuedAt,
            canRetry: sql<boolean>`${taskRuns.retryJob} is not null`,
          })
          .from(taskRuns)
          .where(failedRuns(shopId))
          .orderBy(desc(taskRuns.queuedAt), desc(taskRuns.id))
          .limit(limit)
      ).map((row) => ({ ...row, href: `/app/runs/${row.id}` })),
  },
  "stock-drift": stockDriftTile,
  "skipped-records": {
    count: (shopId) => sql`(select count(*) from ${skippedRecords} where ${openSkips(shopId)})`,
    list: (db, shopId, limit) =>
      db
        .select({
          id: skippedRecords.id,
          title: sql<string>`${skippedRecords.entity} || ' ' || ${skippedRecords.recordKey}`,
          detail: skippedRecords.reason,
          at: skippedRecords.skippedAt,
        })
        .from(skippedRecords)
        .where(openSkips(shopId))
        .orderBy(desc(skippedRecords.skippedAt))
        .limit(limit),
  },
  "api-errors": {
    count: (shopId) => sql`(select count(*) from ${apiLogEntries} where ${openApiErrors(shopId)})`,
    list: (db, shopId, limit) =>
      db
        .select({
          id: apiLogEntries.id,
          title: sql<string>`${apiLogEntries.system} || ': ' || ${apiLogEntries.operation}`,
          detail: apiLogEntries.errorMessage,
          at: apiLogEntries.createdAt,
        })
        .from(apiLogEntries)
        .where(openApiErrors(shopId))
        .orderBy(desc(apiLogEntries.createdAt))
        .limit(limit),
  },
};

/** Every tile's count for one shop in one round trip; each subquery is served by a partial index. */
export async function countActivity(db: DbOrTx, shopId: number): Promise<Record<ActivityTileKey, number>> {
  const keys = Object.keys(sources) as ActivityTileKey[];
  const columns = sql.join(
    keys.map((key) => sql`${sources[key].count(shopId)}::int as ${sql.identifier(key)}`),
    sql`, `,
  );
  const [row] = await db.execute<Record<ActivityTileKey, number>>(sql`select ${columns}`);
  if (!row) throw new Error("activity counts returned no row");
  return Object.fromEntries(keys.map((key) => [key, Number(row[key])])) as Record<ActivityTileKey, number>;
}

export function listActivity(db: DbOrTx, shopId: number, key: ActivityTileKey, limit = 50): Promise<ActivityRow[]> {
  return sources[key].list(db, shopId, limit);
}
