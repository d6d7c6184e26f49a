import { and, asc, desc, eq, inArray, max, min, notInArray, sql } from "drizzle-orm";

import { orderPayments } from "../../../db/schema/order-payments.ts";
import { orders } from "../../../db/schema/orders.ts";
import {
  type PayoutState,
  payoutStates,
  payoutTransactions,
  shopifyPayouts,
} from "../../../db/schema/shopify-payouts.ts";
import type { DbOrTx } from "../db.ts";

export type ShopifyPayoutRow = typeof shopifyPayouts.$inferSelect;
export type PayoutTransactionRow = typeof payoutTransactions.$inferSelect;

/** Shopify's final payout statuses: a payout in one of these is not read again. */
const FINAL = ["PAID", "FAILED", "CANCELED"];

/**
 * Where the next read starts (BC: SinceId): the lowest payout Shopify has not settled yet (or that
 * is to be looked at again: a Retry), else the one after the highest seen; 0 before any.
 */
export async function payoutReadFrom(db: DbOrTx, shopId: number): Promise<number> {
  const [row] = await db
    .select({
      open: min(
        sql<number>`case when ${notInArray(shopifyPayouts.status, FINAL)} or ${shopifyPayouts.state} = 'pending'
          then ${shopifyPayouts.legacyId} end`,
      ),
      last: max(shopifyPayouts.legacyId),
    })
    .from(shopifyPayouts)
    .where(eq(shopifyPayouts.shopId, shopId));
  if (row?.open != null) return Number(row.open);
  return row?.last != null ? Number(row.last) + 1 : 0;
}

/**
 * Payouts as Shopify reports them now: inserted (pending), or their status and amount brought up
 * to date; a payout whose status changed is looked at again (pending), unless already recorded.
 */
export async function upsertPayouts(
  db: DbOrTx,
  input: {
    shopId: number;
    payouts: ReadonlyArray<{
      shopifyPayoutId: string;
      legacyId: number;
      status: string;
      issuedAt: string;
      currency: string;
      net: string;
    }>;
    now: Date;
  },
): Promise<void> {
  if (input.payouts.length === 0) return;
  await db
    .insert(shopifyPayouts)
    .values(
      input.payouts.map((p) => ({
        shopId: input.shopId,
        shopifyPayoutId: p.shopifyPayoutId,
        legacyId: p.legacyId,
        status: p.status,
        issuedAt: new Date(p.issuedAt),
        currency: p.currency,
        net: p.net,
        updatedAt: input.now,
      })),
    )
    .onConflictDoUpdate({
      target: [shopifyPayouts.shopId, shopifyPayouts.shopifyPayoutId],
      set: {
        status: sql`excluded.status`,
        net: sql`excluded.net`,
        issuedAt: sql`excluded.issued_at`,
        state: sql`case when ${shopifyPayouts.status} <> excluded.status
          and ${shopifyPayouts.state} not in ('recorded', 'recording') then 'pending' else ${shopifyPayouts.state} end`,
      },
    });
}

/** Replaces what we hold of a payout's balance transactions with Shopify's list, and keeps their sums. */
export async function savePayoutTransactions(
  db: DbOrTx,
  input: {
    shopId: number;
    payout: ShopifyPayoutRow;
    transactions: ReadonlyArray<
      Omit<PayoutTransactionRow, "id" | "shopId" | "shopifyPayoutId" | "transactionDate"> & {
        transactionDate: string | null;
      }
    >;
    sums: { gross: string; fees: string; transactionsNet: string };
  },
): Promise<void> {
  await db
    .delete(payoutTransactions)
    .where(
      and(
        eq(payoutTransactions.shopId, input.shopId),
        eq(payoutTransactions.shopifyPayoutId, input.payout.shopifyPayoutId),
      ),
    );
  if (input.transactions.length > 0) {
    await db
      .insert(payoutTransactions)
      .values(
        input.transactions.map((t) => ({
          ...t,
          shopId: input.shopId,
          shopifyPayoutId: input.payout.shopifyPayoutId,
          transactionDate: t.transactionDate ? new Date(t.transactionDate) : null,
        })),
      )
      .onConflictDoUpdate({
        target: [payoutTransactions.shopId, payoutTransactions.shopifyBalanceTransactionId],
        set: { shopifyPayoutId: input.payout.shopifyPayoutId },
      });
  }
  await db
    .update(shopifyPayouts)
    .set({ ...input.sums, transactionCount: input.transactions.length })
    .where(and(eq(shopifyPayouts.shopId, input.shopId), eq(shopifyPayouts.id, input.payout.id)));
}

/**
 * Payouts to look at this run: new or changed in Shopify (pending), or left while recording; oldest
 * first. A waiting one is looked at again when Shopify's status moves (upsertPayouts makes it pending).
 */
export function payoutsToHandle(db: DbOrTx, input: { shopId: number; limit: number }): Promise<ShopifyPayoutRow[]> {
  return db
    .select()
    .from(shopifyPayouts)
    .where(and(eq(shopifyPayouts.shopId, input.shopId), inArray(shopifyPayouts.state, ["pending", "recording"])))
    .orderBy(asc(shopifyPayouts.legacyId))
    .limit(input.limit);
}

export function transactionsOfPayout(db: DbOrTx, input: { shopId: number; shopifyPayoutId: string }) {
  return db
    .select()
    .from(payoutTransactions)
    .where(
      and(eq(payoutTransactions.shopId, input.shopId), eq(payoutTransactions.shopifyPayoutId, input.shopifyPayoutId)),
    )
    .orderBy(asc(payoutTransactions.id));
}

export async function savePayoutOutcome(
  db: DbOrTx,
  input: {
    shopId: number;
    id: number;
    state: PayoutState;
    reason: string | null;
    difference?: string | null;
    erpDocumentNumber?: string | null;
    now: Date;
  },
): Promise<void> {
  await db
    .update(shopifyPayouts)
    .set({
      state: input.state,
      reason: input.reason,
      updatedAt: input.now,
      ...(input.difference !== undefined ? { difference: input.difference } : {}),
      ...(input.erpDocumentNumber !== undefined ? { erpDocumentNumber: input.erpDocumentNumber } : {}),
    })
    .where(and(eq(shopifyPayouts.shopId, input.shopId), eq(shopifyPayouts.id, input.id)));
}

/** Retry a payout in error or unbalanced: looked at again by the next run (its transactions read again). */
export async function retryPayout(db: DbOrTx, input: { shopId: number; id: number }): Promise<boolean> {
  const updated = await db
    .update(shopifyPayouts)
    .set({ state: "pending", reason: null, difference: null, updatedAt: new Date() })
    .where(
      and(
        eq(shopifyPayouts.shopId, input.shopId),
        eq(shopifyPayouts.id, input.id),
        inArray(shopifyPayouts.state, ["error", "unbalanced"]),
      ),
    )
    .returning({ id: shopifyPayouts.id });
  return updated.length > 0;
}

/** The Payouts page: newest first, with a state filter. */
export function listPayouts(
  db: DbOrTx,
  input: { shopId: number; states?: readonly PayoutState[]; limit: number; offset: number },
) {
  return db
    .select()
    .from(shopifyPayouts)
    .where(
      and(
        eq(shopifyPayouts.shopId, input.shopId),
        input.states && input.states.length > 0 ? inArray(shopifyPayouts.state, [...input.states]) : undefined,
      ),
    )
    .orderBy(desc(shopifyPayouts.legacyId))
    .limit(input.limit)
    .offset(input.offset);
}

export async function getPayout(db: DbOrTx, input: { shopId: number; id: number }) {
  const [row] = await db
    .select()
    .from(shopifyPayouts)
    .where(and(eq(shopifyPayouts.shopId, input.shopId), eq(shopifyPayouts.id, input.id)));
  return row ?? null;
}

/** How many payouts are in each state (the Payouts page's tabs). */
export async function countPayoutsByState(db: DbOrTx, shopId: number): Promise<Record<PayoutState, number>> {
  const rows = await db
    .select({ state: shopifyPayouts.state, n: sql<number>`count(*)::int` })
    .from(shopifyPayouts)
    .where(eq(shopifyPayouts.shopId, shopId))
    .groupBy(shopifyPayouts.state);
  const counts = Object.fromEntries(payoutStates.map((s) => [s, 0])) as Record<PayoutState, number>;
  for (const row of rows) counts[row.state] = Number(row.n);
  return counts;
}

/** What a payout's transactions link to: our order (by Shopify order id) and the ERP payment of each charge. */
export async function payoutTransactionLinks(
  db: DbOrTx,
  input: { shopId: number; transactions: readonly PayoutTransactionRow[] },
) {
  const orderIds = [...new Set(input.transactions.flatMap((t) => (t.shopifyOrderId ? [t.shopifyOrderId] : [])))];
  const paymentIds = [
    ...new Set(input.transactions.flatMap((t) => (t.shopifyTransactionId ? [t.shopifyTransactionId] : []))),
  ];
  const [ourOrders, payments] = await Promise.all([
    orderIds.length === 0
      ? []
      : db
          .select({ id: orders.id, shopifyOrderId: orders.shopifyOrderId })
          .from(orders)
          .where(and(eq(orders.shopId, input.shopId), inArray(orders.shopifyOrderId, orderIds))),
    paymentIds.length === 0
      ? []
      : db
          .select({
            id: orderPayments.shopifyTransactionId,
            state: orderPayments.state,
            erp: orderPayments.erpDocumentNumber,
          })
          .from(orderPayments)
          .where(and(eq(orderPayments.shopId, input.shopId), inArray(orderPayments.shopifyTransactionId, paymentIds))),
  ]);
  return {
    orderOf: new Map(ourOrders.map((o) => [o.shopifyOrderId, o.id])),
    paymentOf: new Map(payments.map((p) => [p.id, p])),
  };
}
