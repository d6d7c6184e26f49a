import { checkPageArgs, type ConnectionArgs, mapConnection, pageRows, sortRows } from "./connection.ts";
import type { Lazy } from "./field-resolver.ts";
import { gid } from "./gid.ts";
import { moneyV2 } from "./money.ts";
import { payoutSums } from "./payments-ledger.ts";
import { filterBySearch, type SearchSpec } from "./search-query.ts";
import type { ShopState } from "./shop-state.ts";
import type { BalanceTransactionRec, PayoutRec } from "./store-types-money.ts";

/**
 * `shopifyPaymentsAccount`: the store's Shopify Payments account with its payouts and balance
 * transactions. The sandbox assumes every store has Shopify Payments set up (a real store without
 * it answers null), with a daily payout schedule.
 */

const ACCOUNT_ID = 1;

function payoutStatusOf(state: ShopState, b: BalanceTransactionRec): string {
  const payout = b.payoutId === null ? undefined : state.payouts.get(b.payoutId);
  return payout ? payout.status : "PENDING";
}

const payoutSpec = (state: ShopState): SearchSpec<PayoutRec> => ({
  dates: ["issued_at"],
  text: (p) => String(p.id),
  fields: {
    id: (p) => p.id,
    status: (p) => p.status.toLowerCase(),
    issued_at: (p) => p.issuedAt,
    currency: (p) => p.currency,
    amount: (p) => Math.abs(payoutSums(state, p).net) / 100,
  },
});

const balanceSpec = (state: ShopState): SearchSpec<BalanceTransactionRec> => ({
  dates: ["processed_at", "payout_date"],
  text: (b) => String(b.id),
  fields: {
    id: (b) => b.id,
    transaction_type: (b) => b.type.toLowerCase(),
    processed_at: (b) => b.transactionDate,
    payout_status: (b) => payoutStatusOf(state, b).toLowerCase(),
    payout_date: (b) => (b.payoutId === null ? null : (state.payouts.get(b.payoutId)?.issuedAt ?? null)),
    payments_transfer_id: (b) => b.payoutId,
    currency: (b) => b.currency,
    test: (b) => b.test,
  },
});

function payoutSortValue(state: ShopState, p: PayoutRec, key: unknown): string | number {
  switch (key) {
    case "ISSUED_AT":
      return p.issuedAt;
    case "STATUS":
      return p.status;
    case "AMOUNT":
      return payoutSums(state, p).net;
    case "CHARGE_GROSS":
      return payoutSums(state, p).chargesGross;
    case "REFUND_GROSS":
      return payoutSums(state, p).refundsGross;
    case "FEE_AMOUNT":
      return payoutSums(state, p).chargesFee;
    default:
      return p.id;
  }
}

function balanceSortValue(state: ShopState, b: BalanceTransactionRec, key: unknown): string | number {
  switch (key) {
    case "AMOUNT":
      return b.amount;
    case "FEE":
      return b.fee;
    case "NET":
      return b.net;
    case "TRANSACTION_TYPE":
      return b.type;
    case "PAYOUT_STATUS":
      return payoutStatusOf(state, b);
    case "PAYOUT_DATE":
      return b.payoutId === null ? "" : (state.payouts.get(b.payoutId)?.issuedAt ?? "");
    case "ID":
      return b.id;
    default:
      return b.transactionDate;
  }
}

export function payoutView(state: ShopState, p: PayoutRec): object {
  const sums = payoutSums(state, p);
  const money = (cents: number) => moneyV2(cents, p.currency);
  return {
    __typename: "ShopifyPaymentsPayout",
    id: gid("ShopifyPaymentsPayout", p.id),
    legacyResourceId: String(p.id),
    status: p.status,
    issuedAt: p.issuedAt,
    // A payout moves money one way; its amount is positive and transactionType says which way.
    net: money(Math.abs(sums.net)),
    gross: money(Math.abs(sums.net)),
    transactionType: sums.net < 0 ? "WITHDRAWAL" : "DEPOSIT",
    externalTraceId: null,
    bankAccount: null,
    businessEntity: () => businessEntityView(state),
    summary: {
      __typename: "ShopifyPaymentsPayoutSummary",
      chargesGross: money(sums.chargesGross),
      chargesFee: money(sums.chargesFee),
      refundsFeeGross: money(sums.refundsGross),
      refundsFee: money(sums.refundsFee),
      adjustmentsGross: money(sums.adjustmentsGross),
      adjustmentsFee: money(sums.adjustmentsFee),
      advanceGross: money(0),
      advanceFees: money(0),
      reservedFundsGross: money(0),
      reservedFundsFee: money(0),
      retriedPayoutsGross: money(0),
      retriedPayoutsFee: money(0),
      usdcRebateCreditAmount: money(0),
    },
  };
}

export function balanceTransactionView(state: ShopState, b: BalanceTransactionRec): object {
  const order = b.orderId === null ? undefined : state.orders.get(b.orderId);
  const money = (cents: number) => moneyV2(cents, b.currency);
  return {
    __typename: "ShopifyPaymentsBalanceTransaction",
    id: gid("ShopifyPaymentsBalanceTransaction", b.id),
    type: b.type,
    test: b.test,
    amount: money(b.amount),
    fee: money(b.fee),
    net: money(b.net),
    sourceId: String(b.sourceId),
    sourceType: b.sourceType,
    sourceOrderTransactionId: b.sourceOrderTransactionId === null ? null : String(b.sourceOrderTransactionId),
    transactionDate: b.transactionDate,
    adjustmentReason: null,
    adjustmentsOrders: [],
    associatedOrder: order
      ? { __typename: "ShopifyPaymentsAssociatedOrder", id: gid("Order", order.id), name: order.name }
      : null,
    associatedPayout: {
      __typename: "ShopifyPaymentsBalanceTransactionAssociatedPayout",
      id: b.payoutId === null ? null : gid("ShopifyPaymentsPayout", b.payoutId),
      status: payoutStatusOf(state, b),
    },
  };
}

function businessEntityView(state: ShopState): object {
  return {
    __typename: "BusinessEntity",
    id: gid("BusinessEntity", ACCOUNT_ID),
    displayName: state.info.name,
    companyName: state.info.name,
    legalEntityId: null,
    primary: true,
    archived: false,
    address: {
      __typename: "BusinessEntityAddress",
      address1: null,
      address2: null,
      city: null,
      province: null,
      zip: null,
      countryCode: "US",
    },
    shopifyPaymentsAccount: () => paymentsAccountView(state),
  };
}

function empty(args: Record<string, unknown>): object {
  checkPageArgs(args as ConnectionArgs);
  return {
    edges: [],
    nodes: [],
    pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
  };
}

export function paymentsAccountView(state: ShopState): object {
  const currency = state.info.currencyCode;
  const pending = [...state.balanceTransactions.values()]
    .filter((b) => b.payoutId === null)
    .reduce((s, b) => s + b.net, 0);
  return {
    __typename: "ShopifyPaymentsAccount",
    id: gid("ShopifyPaymentsAccount", ACCOUNT_ID),
    activated: true,
    onboardable: false,
    accountOpenerName: null,
    country: "US",
    defaultCurrency: currency,
    balance: [moneyV2(pending, currency)],
    chargeStatementDescriptor: state.info.name.toUpperCase().slice(0, 22),
    chargeStatementDescriptors: {
      __typename: "ShopifyPaymentsDefaultChargeStatementDescriptor",
      default: state.info.name.toUpperCase().slice(0, 22),
      prefix: state.info.name.toUpperCase().slice(0, 10),
    },
    payoutStatementDescriptor: state.info.name.toUpperCase().slice(0, 10),
    payoutSchedule: {
      __typename: "ShopifyPaymentsPayoutSchedule",
      interval: "DAILY",
      monthlyAnchor: null,
      weeklyAnchor: null,
    },
    bankAccounts: empty,
    disputes: empty,
    payouts: (args: Record<string, unknown>) => {
      checkPageArgs(args as ConnectionArgs);
      let list = filterBySearch(state.payouts.values(), args.query as string | null, payoutSpec(state));
      if (typeof args.transactionType === "string") {
        list = list.filter((p) => (payoutSums(state, p).net < 0 ? "WITHDRAWAL" : "DEPOSIT") === args.transactionType);
      }
      const rows = sortRows(list, args.reverse as boolean | null, (p) => ({
        id: p.id,
        value: payoutSortValue(state, p, args.sortKey ?? "ISSUED_AT"),
      }));
      return mapConnection(pageRows(rows, args as ConnectionArgs), (p) => payoutView(state, p));
    },
    balanceTransactions: (args: Record<string, unknown>) => {
      checkPageArgs(args as ConnectionArgs);
      const list = filterBySearch(state.balanceTransactions.values(), args.query as string | null, balanceSpec(state));
      const rows = sortRows(list, args.reverse as boolean | null, (b) => ({
        id: b.id,
        value: balanceSortValue(state, b, args.sortKey ?? "PROCESSED_AT"),
      }));
      return mapConnection(pageRows(rows, args as ConnectionArgs), (b) => balanceTransactionView(state, b));
    },
  };
}

export const paymentsQueries: Record<string, Lazy<unknown>> = {
  shopifyPaymentsAccount: (_args, { state }) => paymentsAccountView(state),
};
