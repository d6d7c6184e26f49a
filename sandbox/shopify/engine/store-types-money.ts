import type { Cents } from "./store-types.ts";

/**
 * The money around orders: transaction details (fees, card), refunds, returns and the Shopify
 * Payments ledger (balance transactions grouped into payouts). Amounts are integer cents; a
 * presentment amount is in the order's presentment currency.
 */

/** A processing fee Shopify Payments charged on a transaction (TransactionFee), in the shop's currency. */
export interface TransactionFeeRec {
  id: number;
  type: string;
  amount: Cents;
  flatFee: Cents;
  flatFeeName: string | null;
  /** Percentage charged, as Shopify's Decimal text ("2.9"). */
  rate: string;
  rateName: string | null;
  taxAmount: Cents;
}

/** What a card payment shows (CardPaymentDetails); the number is masked as Shopify masks it. */
export interface CardRec {
  company: string;
  number: string;
  bin: string | null;
  name: string | null;
  expirationMonth: number | null;
  expirationYear: number | null;
  wallet: string | null;
}

export interface RefundLineItemRec {
  id: number;
  lineItemId: number;
  quantity: number;
  restockType: "RETURN" | "CANCEL" | "NO_RESTOCK" | "LEGACY_RESTOCK";
  /** Where restocked units went (or would have gone); null when none was named or found. */
  locationId: number | null;
  restocked: boolean;
  /** How many of the units had shipped (the rest were taken off open fulfillment orders). */
  shippedQuantity: number;
  /** Unit price after discounts, the line's refunded subtotal and its tax (shop cents). */
  price: Cents;
  subtotal: Cents;
  totalTax: Cents;
}

export interface RefundShippingLineRec {
  id: number;
  shippingLineId: number;
  subtotal: Cents;
  tax: Cents;
}

/** A refund of an order: lines (with restocking), shipping, and the REFUND transactions that paid it out. */
export interface RefundRec {
  id: number;
  orderId: number;
  /** The return it processed (returnProcess), if any. */
  returnId: number | null;
  note: string | null;
  lineItems: RefundLineItemRec[];
  shippingLines: RefundShippingLineRec[];
  /** Ids of the order's REFUND transactions made by this refund. */
  transactionIds: number[];
  /**
   * What the lines and shipping were worth minus what was refunded, shop cents: the refund
   * discrepancy (positive in the merchant's favour); its order adjustment carries the opposite sign.
   */
  adjustment: Cents;
  processedAt: string;
  createdAt: string;
  updatedAt: string;
}

export const RETURN_STATUSES = ["REQUESTED", "OPEN", "CLOSED", "DECLINED", "CANCELED"] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

/** What became of returned units (ReverseFulfillmentOrderDisposition). */
export interface DispositionRec {
  id: number;
  type: "RESTOCKED" | "NOT_RESTOCKED" | "MISSING" | "PROCESSING_REQUIRED";
  locationId: number | null;
  quantity: number;
  createdAt: string;
}

export interface ReturnLineItemRec {
  id: number;
  fulfillmentLineItemId: number;
  /** The order's line item the fulfillment line ships (kept so views need no lookup). */
  lineItemId: number;
  quantity: number;
  processedQuantity: number;
  refundedQuantity: number;
  returnReason: string;
  returnReasonNote: string;
  customerNote: string | null;
  /** The line of the return's reverse fulfillment order is the return line itself (same id). */
  dispositions: DispositionRec[];
}

export interface ReturnRec {
  id: number;
  orderId: number;
  /** `#1001-R1`: the order's name and the return's position on it. */
  name: string;
  status: ReturnStatus;
  lineItems: ReturnLineItemRec[];
  decline: { reason: string; note: string | null } | null;
  requestApprovedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const PAYOUT_STATUSES = ["SCHEDULED", "IN_TRANSIT", "PAID", "FAILED", "CANCELED"] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** Money Shopify Payments sends to (DEPOSIT) or takes from (WITHDRAWAL) the merchant's bank. */
export interface PayoutRec {
  id: number;
  status: PayoutStatus;
  currency: string;
  issuedAt: string;
  balanceTransactionIds: number[];
  createdAt: string;
  updatedAt: string;
}

export const BALANCE_TRANSACTION_TYPES = ["CHARGE", "REFUND", "ADJUSTMENT"] as const;

/** One movement in the Shopify Payments balance: a charge, a refund, an adjustment. */
export interface BalanceTransactionRec {
  id: number;
  type: (typeof BALANCE_TRANSACTION_TYPES)[number];
  test: boolean;
  currency: string;
  /** Signed: charges are positive, refunds negative; net = amount − fee. */
  amount: Cents;
  fee: Cents;
  net: Cents;
  sourceType: "CHARGE" | "REFUND" | "ADJUSTMENT";
  /** The charge's order transaction, or the refund's id. */
  sourceId: number;
  sourceOrderTransactionId: number | null;
  orderId: number | null;
  payoutId: number | null;
  transactionDate: string;
  createdAt: string;
  updatedAt: string;
}
