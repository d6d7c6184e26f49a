import { and, desc, eq, ilike, type SQL, sql } from "drizzle-orm";

import { orders } from "../../../db/schema/orders.ts";
import type { DbOrTx } from "../db.ts";

export const orderListFilters = [
  "unprocessed",
  "error",
  "conflict",
  "posting_error",
  "processed",
  "ignored",
  "all",
] as const;
export type OrderListFilter = (typeof orderListFilters)[number];

export interface OrderListRow {
  id: number;
  name: string;
  status: string;
  waitingOn: string | null;
  hasConflict: boolean;
  errorMessage: string | null;
  erpDocumentNumber: string | null;
  shopifyUpdatedAt: Date | null;
}

function filterCondition(shopId: number, filter: OrderListFilter): SQL | undefined {
  const shop = eq(orders.shopId, shopId);
  switch (filter) {
    case "all":
      return shop;
    case "conflict":
      return and(shop, eq(orders.hasConflict, true));
    case "posting_error":
      return and(shop, eq(orders.postingStatus, "error"));
    default:
      return and(shop, eq(orders.status, filter));
  }
}

/** The orders list: one status (or conflicts), optionally narrowed to names containing `search`. */
export function listOrders(
  db: DbOrTx,
  input: { shopId: number; filter: OrderListFilter; search?: string; limit: number; offset: number },
): Promise<OrderListRow[]> {
  const search = input.search?.trim();
  const where = and(
    filterCondition(input.shopId, input.filter),
    search ? ilike(orders.name, `%${search.replace(/[%_\\]/g, (c) => `\\${c}`)}%`) : undefined,
  );
  return db
    .select({
      id: orders.id,
      name: orders.name,
      status: orders.status,
      waitingOn: orders.waitingOn,
      hasConflict: orders.hasConflict,
      errorMessage: sql<string | null>`coalesce(${orders.errorMessage}, ${orders.postingError})`,
      erpDocumentNumber: orders.erpDocumentNumber,
      shopifyUpdatedAt: orders.shopifyUpdatedAt,
    })
    .from(orders)
    .where(where)
    .orderBy(desc(orders.shopifyUpdatedAt), desc(orders.id))
    .limit(input.limit)
    .offset(input.offset);
}

/** One order with everything its page shows (the snapshot is parsed by the caller). */
export async function getOrderDetail(db: DbOrTx, input: { shopId: number; orderId: number }) {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.shopId, input.shopId), eq(orders.id, input.orderId)));
  return row;
}
