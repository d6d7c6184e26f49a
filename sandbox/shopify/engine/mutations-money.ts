import type { Lazy } from "./field-resolver.ts";
import { idOf } from "./gid.ts";
import { idempotent } from "./idempotent.ts";
import { asInput, asList, str, type UserError } from "./input-helpers.ts";
import { restMoney, toCents } from "./money.ts";
import { orderTotals } from "./order-totals.ts";
import { orderPayload } from "./payloads.ts";
import { transactionPayload } from "./payloads-money.ts";
import { bookTransaction } from "./payments-ledger.ts";
import { createRefund } from "./refund-build.ts";
import { currentTotalOf } from "./refund-values.ts";
import { emit, type ShopState, stamp } from "./shop-state.ts";
import type { OrderRec, TransactionRec } from "./store-types.ts";
import {
  buildTransaction,
  capturableOf,
  derivedFinancialStatus,
  paymentTotals,
  toPresentmentCents,
  toShopCents,
} from "./transactions.ts";
import { canMarkAsPaid, orderView } from "./views-order.ts";
import { refundView } from "./views-refund.ts";
import { transactionView } from "./views-transaction.ts";

/** refundCreate, orderCapture and transactionVoid: money moving on an existing order. */

function findOrder(state: ShopState, id: unknown): OrderRec | undefined {
  return state.orders.get(idOf(id, "Order") ?? -1);
}

/** A transaction just added to the order: booked, statuses moved, announced. */
function settle(state: ShopState, order: OrderRec, t: TransactionRec): void {
  order.transactions.push(t);
  bookTransaction(state, order, t);
  const before = order.financialStatus;
  order.financialStatus = derivedFinancialStatus(order, orderTotals(order).total);
  order.updatedAt = stamp(state);
  emit(state, "order_transactions/create", transactionPayload(order, t));
  const payload = orderPayload(state, order);
  if (order.financialStatus === "PAID" && before !== "PAID") emit(state, "orders/paid", payload);
  emit(state, "orders/updated", payload);
}

function txView(state: ShopState, order: OrderRec, t: TransactionRec): object {
  return transactionView(state, order, t, () => orderView(state, order));
}

interface StoredRefund {
  refundId: number | null;
  userErrors: UserError[];
}

function refundOnce(state: ShopState, input: Record<string, unknown>): StoredRefund {
  const order = findOrder(state, input.orderId);
  if (!order) return { refundId: null, userErrors: [{ field: ["orderId"], message: "Order does not exist" }] };
  const shipping = asInput(input.shipping);
  const { refund, userErrors } = createRefund(state, order, {
    note: str(input.note),
    currency: str(input.currency),
    processedAt: str(input.processedAt),
    allowOverRefunding: input.allowOverRefunding === true,
    lines: asList(input.refundLineItems).map((l) => ({
      lineItemId: l.lineItemId,
      quantity: Number(l.quantity),
      restockType: str(l.restockType),
      locationId: l.locationId,
    })),
    shipping: shipping ? { fullRefund: shipping.fullRefund === true, amount: toCents(shipping.amount) } : null,
    transactions: asList(input.transactions).map((t) => ({
      amount: toCents(t.amount) ?? 0,
      gateway: str(t.gateway),
      kind: str(t.kind),
      parentId: t.parentId,
    })),
    returnId: null,
  });
  return { refundId: refund?.id ?? null, userErrors };
}

export const moneyMutations: Record<string, Lazy<unknown>> = {
  // Since 2026-04 refundCreate is refused without @idempotent(key:); a resend with the key answers
  // the first call's refund (kept as ids, so the answer also survives a restart).
  refundCreate: (args, { state }, info) => {
    const input = asInput(args.input) ?? {};
    const stored = idempotent(
      state,
      info,
      `refundCreate:${JSON.stringify(input)}`,
      () => refundOnce(state, input),
      () => ({
        refundId: null,
        userErrors: [
          {
            field: null,
            message: "The same idempotency key cannot be used with different operation parameters.",
            code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH",
          },
        ],
      }),
    ) as StoredRefund;
    const refund = stored.refundId === null ? undefined : state.refunds.get(stored.refundId);
    const order = refund ? state.orders.get(refund.orderId) : undefined;
    if (!refund || !order) return { refund: null, order: null, userErrors: stored.userErrors };
    const self = () => orderView(state, order);
    return { refund: refundView(state, order, refund, self), order: self(), userErrors: [] };
  },
  orderCapture: (args, { state }) => {
    const input = asInput(args.input) ?? {};
    const order = findOrder(state, input.id);
    const fail = (field: string[], message: string) => ({
      transaction: null,
      userErrors: [{ field: ["input", ...field], message }] satisfies UserError[],
    });
    if (!order) return fail(["id"], "Order does not exist");
    const parentId = idOf(input.parentTransactionId, "OrderTransaction");
    const auth = order.transactions.find((t) => t.id === parentId);
    if (!auth || auth.kind !== "AUTHORIZATION" || auth.status !== "SUCCESS") {
      return fail(["parentTransactionId"], "Parent transaction must be a successful authorization");
    }
    const currency = str(input.currency);
    if (order.presentmentCurrency !== order.currency && currency !== order.presentmentCurrency) {
      return fail(["currency"], "Currency must match the order's presentment currency");
    }
    if (currency !== null && currency !== order.presentmentCurrency) {
      return fail(["currency"], "Currency must match the order's presentment currency");
    }
    const presentment = toCents(input.amount) ?? 0;
    const amount = toShopCents(order, presentment);
    const left = capturableOf(order, auth);
    if (amount <= 0) return fail(["amount"], "Amount must be greater than 0");
    // A second capture against one authorization needs multi-capture (Shopify Plus).
    const captured = order.transactions.some((t) => t.parentId === auth.id && t.kind === "CAPTURE");
    if (captured && state.info.plan !== "plus") {
      return fail(["parentTransactionId"], "Transaction has already been captured");
    }
    if (amount > left) {
      return fail(
        ["amount"],
        `Amount ${restMoney(presentment)} is greater than the capturable amount ${restMoney(left)}`,
      );
    }
    const t = buildTransaction(state, {
      kind: "CAPTURE",
      status: "SUCCESS",
      gateway: auth.gateway,
      amount,
      presentmentAmount: presentment,
      processedAt: stamp(state),
      test: auth.test,
      parentId: auth.id,
      card: auth.card,
      giftCardId: null,
    });
    settle(state, order, t);
    return { transaction: txView(state, order, t), userErrors: [] };
  },
  orderMarkAsPaid: (args, { state }) => {
    const order = findOrder(state, asInput(args.input)?.id);
    if (!order) return { order: null, userErrors: [{ field: ["input", "id"], message: "Order does not exist" }] };
    const current = currentTotalOf(state, order);
    if (!canMarkAsPaid(order, current)) {
      return { order: null, userErrors: [{ field: ["input", "id"], message: "Order cannot be marked as paid." }] };
    }
    const payments = paymentTotals(order);
    const owed = current - (payments.received - payments.refunded);
    // A manual payment for what is still owed, as the admin's "Mark as paid" records it.
    const t = buildTransaction(state, {
      kind: "SALE",
      status: "SUCCESS",
      gateway: "manual",
      amount: owed,
      presentmentAmount: toPresentmentCents(order, owed),
      processedAt: stamp(state),
      test: order.test,
      parentId: null,
      card: null,
      giftCardId: null,
    });
    settle(state, order, t);
    return { order: orderView(state, order), userErrors: [] };
  },
  transactionVoid: (args, { state }) => {
    const id = idOf(args.parentTransactionId, "OrderTransaction");
    const order = [...state.orders.values()].find((o) => o.transactions.some((t) => t.id === id));
    const auth = order?.transactions.find((t) => t.id === id);
    const fail = (message: string, code: string) => ({
      transaction: null,
      userErrors: [{ field: ["parentTransactionId"], message, code }],
    });
    if (!order || !auth) return fail("Transaction does not exist", "TRANSACTION_NOT_FOUND");
    if (auth.kind !== "AUTHORIZATION" || auth.status !== "SUCCESS") {
      return fail("Parent transaction must be a successful authorization", "AUTH_NOT_SUCCESSFUL");
    }
    if (capturableOf(order, auth) < auth.amount) {
      return fail("Authorization can't be voided: it was captured or voided already", "AUTH_NOT_VOIDABLE");
    }
    const t = buildTransaction(state, {
      kind: "VOID",
      status: "SUCCESS",
      gateway: auth.gateway,
      amount: auth.amount,
      presentmentAmount: auth.presentmentAmount,
      processedAt: stamp(state),
      test: auth.test,
      parentId: auth.id,
      card: auth.card,
      giftCardId: null,
    });
    settle(state, order, t);
    return { transaction: txView(state, order, t), userErrors: [] };
  },
};
