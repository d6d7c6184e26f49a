import { nextId, type ShopState, stamp } from "./shop-state.ts";
import type { OrderRec, TransactionRec } from "./store-types.ts";
import type { BalanceTransactionRec, PayoutRec, PayoutStatus } from "./store-types-money.ts";
import { RECEIVING_KINDS, SHOPIFY_PAYMENTS } from "./transactions.ts";

/**
 * The Shopify Payments balance: every successful sale or capture through shopify_payments becomes
 * a CHARGE balance transaction (amount, its fee, net = amount − fee) and every refund through it a
 * REFUND one (negative; Shopify keeps the original fee, so the refund's fee is 0). They wait,
 * pending, until a payout takes them (the control API stands in for Shopify's payout schedule).
 */

/** Books a transaction that just landed on `order` when it moves Shopify Payments money. */
export function bookTransaction(
  state: ShopState,
  order: OrderRec,
  t: TransactionRec,
  source: { refundId?: number } = {},
): BalanceTransactionRec | null {
  if (t.gateway !== SHOPIFY_PAYMENTS || t.status !== "SUCCESS") return null;
  const charge = RECEIVING_KINDS.has(t.kind);
  if (!charge && t.kind !== "REFUND") return null;
  const at = stamp(state);
  const fee = charge ? t.fees.reduce((s, f) => s + f.amount, 0) : 0;
  const amount = charge ? t.amount : -t.amount;
  const rec: BalanceTransactionRec = {
    id: nextId(state, "ShopifyPaymentsBalanceTransaction"),
    type: charge ? "CHARGE" : "REFUND",
    test: t.test,
    currency: order.currency,
    amount,
    fee,
    net: amount - fee,
    sourceType: charge ? "CHARGE" : "REFUND",
    sourceId: charge ? t.id : (source.refundId ?? t.id),
    sourceOrderTransactionId: t.id,
    orderId: order.id,
    payoutId: null,
    transactionDate: t.processedAt,
    createdAt: at,
    updatedAt: at,
  };
  state.balanceTransactions.set(rec.id, rec);
  return rec;
}

export class LedgerError extends Error {
  override name = "LedgerError";
}

/**
 * Groups every pending balance transaction into a new payout (ids increase), as Shopify's payout
 * schedule does; throws when nothing is pending.
 */
export function createPayout(state: ShopState, options: { status?: PayoutStatus; issuedAt?: string } = {}): PayoutRec {
  const pending = [...state.balanceTransactions.values()]
    .filter((b) => b.payoutId === null)
    .sort((a, b) => a.id - b.id);
  if (pending.length === 0) throw new LedgerError("no pending balance transactions to pay out");
  const at = stamp(state);
  const payout: PayoutRec = {
    id: nextId(state, "ShopifyPaymentsPayout"),
    status: options.status ?? "SCHEDULED",
    currency: state.info.currencyCode,
    issuedAt: options.issuedAt ?? at,
    balanceTransactionIds: pending.map((b) => b.id),
    createdAt: at,
    updatedAt: at,
  };
  for (const b of pending) {
    b.payoutId = payout.id;
    b.updatedAt = at;
  }
  state.payouts.set(payout.id, payout);
  return payout;
}

/** Moves a payout on (e.g. to PAID once the bank has it); its balance transactions show the new status. */
export function setPayoutStatus(state: ShopState, id: number, status: PayoutStatus): PayoutRec {
  const payout = state.payouts.get(id);
  if (!payout) throw new LedgerError(`no payout ${id}`);
  const at = stamp(state);
  payout.status = status;
  payout.updatedAt = at;
  for (const bid of payout.balanceTransactionIds) {
    const b = state.balanceTransactions.get(bid);
    if (b) b.updatedAt = at;
  }
  return payout;
}

export interface PayoutSums {
  net: number;
  chargesGross: number;
  chargesFee: number;
  refundsGross: number;
  refundsFee: number;
  adjustmentsGross: number;
  adjustmentsFee: number;
}

export function payoutSums(state: ShopState, payout: PayoutRec): PayoutSums {
  const sums: PayoutSums = {
    net: 0,
    chargesGross: 0,
    chargesFee: 0,
    refundsGross: 0,
    refundsFee: 0,
    adjustmentsGross: 0,
    adjustmentsFee: 0,
  };
  for (const id of payout.balanceTransactionIds) {
    const b = state.balanceTransactions.get(id);
    if (!b) continue;
    sums.net += b.net;
    if (b.type === "CHARGE") {
      sums.chargesGross += b.amount;
      sums.chargesFee += b.fee;
    } else if (b.type === "REFUND") {
      sums.refundsGross += b.amount;
      sums.refundsFee += b.fee;
    } else {
      sums.adjustmentsGross += b.amount;
      sums.adjustmentsFee += b.fee;
    }
  }
  return sums;
}
