import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";

import { orders } from "../../../db/schema/orders.ts";
import type { DbOrTx } from "../db.ts";

export const orderListFilters = [
  "unprocessed",
  "error",
  "conflict",
  "posting_error",
  "money",
  "processed",
  "ignored",
  "all",
] as const;
export type OrderListFilter = (typeof orderListFilters)[number];

/** The columns the orders list sorts by; each has an index in db/schema/orders.ts (see orderSortExpressions). */
export const orderSortKeys = ["date", "order", "total", "status"] as const;
export type OrderSortKey = (typeof orderSortKeys)[number];
export type SortDirection = "asc" | "desc";

/**
 * What each sort key orders by. The date and total are read from the stored snapshot (jsonb):
 * they are not columns, but these exact expressions are indexed per shop (orders_shop_created_idx,
 * orders_shop_total_idx), so a page of a shop with 100,000 orders is an index scan plus LIMIT,
 * not a sort of every row. The order name sorts by length first so #999 comes before #1000.
 */
const orderSortExpressions: Record<OrderSortKey, SQL[]> = {
  date: [sql`(${orders.snapshot} ->> 'createdAt')`],
  order: [sql`length(${orders.name})`, sql`${orders.name}`],
  total: [sql`((${orders.snapshot} #>> '{totals,total,shop}')::numeric)`],
  status: [sql`${orders.status}`],
};

export interface OrderListRow {
  id: number;
  name: string;
  status: "unprocessed" | "processed" | "error" | "ignored";
  waitingOn: "unmapped_customer" | "unmapped_product" | null;
  hasConflict: boolean;
  postingStatus: "posted" | "error" | null;
  errorMessage: string | null;
  erpDocumentType: "order" | "invoice" | null;
  erpDocumentNumber: string | null;
  /** Shopify's createdAt (ISO), from the snapshot. */
  placedAt: string | null;
  customerName: string | null;
  customerEmail: string | null;
  total: string | null;
  currency: string | null;
}

/**
 * The reason of the order's first refund or payment that waits or was refused (the "Refunds and
 * payments" tab): both tables are indexed by shop and order.
 */
const moneyProblem = sql<string | null>`coalesce(
  (select r.reason from order_refunds r where r.shop_id = ${orders.shopId} and r.shopify_order_id = ${orders.shopifyOrderId}
    and r.state in ('waiting', 'error') order by r.id limit 1),
  (select p.reason from order_payments p where p.shop_id = ${orders.shopId} and p.shopify_order_id = ${orders.shopifyOrderId}
    and p.state in ('waiting', 'error') order by p.id limit 1))`;

function filterCondition(filter: OrderListFilter): SQL | undefined {
  switch (filter) {
    case "all":
      return undefined;
    case "money":
      return sql`${moneyProblem} is not null`;
    case "conflict":
      return eq(orders.hasConflict, true);
    case "posting_error":
      return eq(orders.postingStatus, "error");
    default:
      return eq(orders.status, filter);
  }
}

const customerName = sql<string | null>`nullif(trim(concat_ws(' ',
  ${orders.snapshot} #>> '{customer,firstName}', ${orders.snapshot} #>> '{customer,lastName}')), '')`;
const customerEmail = sql<
  string | null
>`coalesce(${orders.snapshot} #>> '{customer,email}', ${orders.snapshot} ->> 'email')`;

/**
 * The customer keys an order is found by: e-mail, first name, last name and full name, lower-cased.
 * The same expression is indexed with GIN (orders_shop_customer_keys_idx in db/schema/orders.ts),
 * so an exact key is found without reading (and de-TOASTing) every stored snapshot of the shop.
 */
const customerKeys = (alias: string) => {
  const snapshot = sql.raw(`${alias}.snapshot`);
  return sql`(array[
    lower(${snapshot} #>> '{customer,email}'),
    lower(${snapshot} ->> 'email'),
    lower(${snapshot} #>> '{customer,firstName}'),
    lower(${snapshot} #>> '{customer,lastName}'),
    lower((${snapshot} #>> '{customer,firstName}') || ' ' || (${snapshot} #>> '{customer,lastName}'))
  ])`;
};

/**
 * Orders whose name contains `search` (#1001, 1001, 100) or whose customer's e-mail, first, last
 * or full name is `search` (any case). The two halves are separate subqueries so each takes its
 * own path (the name index; the GIN index of customer keys) instead of one scan that reads every
 * snapshot: with 100,000 orders that scan took two seconds.
 */
function searchCondition(shopId: number, search: string | undefined): SQL | undefined {
  const term = search?.trim();
  if (!term) return undefined;
  const pattern = `%${term.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  return sql`${orders.id} in (
    select o.id from orders o where o.shop_id = ${shopId} and o.name ilike ${pattern}
    union all
    select o.id from orders o where o.shop_id = ${shopId} and ${customerKeys("o")} @> array[lower(${term})]::text[]
  )`;
}

/** The orders list: one tab, optionally narrowed by `search`, sorted by one whitelisted key. */
export function listOrders(
  db: DbOrTx,
  input: {
    shopId: number;
    filter: OrderListFilter;
    search?: string;
    sort?: OrderSortKey;
    direction?: SortDirection;
    limit: number;
    offset: number;
  },
): Promise<OrderListRow[]> {
  const order = input.direction === "asc" ? asc : desc;
  const by = orderSortExpressions[input.sort ?? "date"].map((expression) => order(expression));
  return db
    .select({
      id: orders.id,
      name: orders.name,
      status: orders.status,
      waitingOn: orders.waitingOn,
      hasConflict: orders.hasConflict,
      postingStatus: orders.postingStatus,
      errorMessage:
        input.filter === "money"
          ? moneyProblem
          : sql<string | null>`coalesce(${orders.errorMessage}, ${orders.postingError})`,
      erpDocumentType: orders.erpDocumentType,
      erpDocumentNumber: orders.erpDocumentNumber,
      placedAt: sql<string | null>`${orders.snapshot} ->> 'createdAt'`,
      customerName,
      customerEmail,
      total: sql<string | null>`${orders.snapshot} #>> '{totals,total,shop}'`,
      currency: sql<string | null>`${orders.snapshot} ->> 'shopCurrency'`,
    })
    .from(orders)
    .where(
      and(eq(orders.shopId, input.shopId), filterCondition(input.filter), searchCondition(input.shopId, input.search)),
    )
    .orderBy(...by, order(orders.id))
    .limit(input.limit)
    .offset(input.offset);
}

/**
 * How many orders each tab holds, in one statement: one count per tab, each on its own index
 * (status, the conflict and posting-error partial indexes, the shop), narrowed by the same search
 * as the list so the counts match what a tab shows.
 */
export async function countOrdersByFilter(
  db: DbOrTx,
  input: { shopId: number; search?: string },
): Promise<Record<OrderListFilter, number>> {
  const search = searchCondition(input.shopId, input.search);
  const counted = (filter: OrderListFilter) =>
    sql<number>`(select count(*)::int from ${orders} where ${and(eq(orders.shopId, input.shopId), filterCondition(filter), search)})`;
  const [row] = await db.execute<Record<OrderListFilter, number>>(
    sql`select ${sql.join(
      orderListFilters.map((filter) => sql`${counted(filter)} as ${sql.identifier(filter)}`),
      sql`, `,
    )}`,
  );
  return Object.fromEntries(orderListFilters.map((filter) => [filter, Number(row?.[filter] ?? 0)])) as Record<
    OrderListFilter,
    number
  >;
}

/** One order with everything its page shows (the snapshot is parsed by the caller). */
export async function getOrderDetail(db: DbOrTx, input: { shopId: number; orderId: number }) {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.shopId, input.shopId), eq(orders.id, input.orderId)));
  return row;
}
