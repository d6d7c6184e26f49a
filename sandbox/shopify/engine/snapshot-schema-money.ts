import { z } from "zod";

import {
  BALANCE_TRANSACTION_TYPES,
  type BalanceTransactionRec,
  type CardRec,
  PAYOUT_STATUSES,
  type PayoutRec,
  type RefundRec,
  RETURN_STATUSES,
  type ReturnRec,
  type TransactionFeeRec,
} from "./store-types-money.ts";

// As in snapshot-schema.ts: each schema `satisfies` its record type, so a field added to
// store-types-money.ts without a line here fails the type check instead of being dropped.

const int = z.number().int();
const str = z.string();
const strOrNull = z.string().nullable();

export const transactionFeeSchema = z.object({
  id: int,
  type: str,
  amount: int,
  flatFee: int,
  flatFeeName: strOrNull,
  rate: str,
  rateName: strOrNull,
  taxAmount: int,
}) satisfies z.ZodType<TransactionFeeRec>;

export const cardSchema = z.object({
  company: str,
  number: str,
  bin: strOrNull,
  name: strOrNull,
  expirationMonth: int.nullable(),
  expirationYear: int.nullable(),
  wallet: strOrNull,
}) satisfies z.ZodType<CardRec>;

/** An order transaction; snapshots written before fees, cards and parents were modelled have none. */
export const transactionSchema = z
  .object({
    id: int,
    kind: str,
    status: str,
    gateway: str,
    amount: int,
    presentmentAmount: int.optional(),
    processedAt: str,
    test: z.boolean(),
    parentId: int.nullable().default(null),
    fees: z.array(transactionFeeSchema).default([]),
    card: cardSchema.nullable().default(null),
    errorCode: strOrNull.default(null),
    giftCardId: int.nullable().default(null),
    receiptJson: strOrNull.default(null),
  })
  .transform(({ presentmentAmount, ...t }) => ({ ...t, presentmentAmount: presentmentAmount ?? t.amount }));

export const refundSchema = z.object({
  id: int,
  orderId: int,
  returnId: int.nullable(),
  note: strOrNull,
  lineItems: z.array(
    z.object({
      id: int,
      lineItemId: int,
      quantity: int,
      restockType: z.enum(["RETURN", "CANCEL", "NO_RESTOCK", "LEGACY_RESTOCK"]),
      locationId: int.nullable(),
      restocked: z.boolean(),
      shippedQuantity: int,
      price: int,
      subtotal: int,
      totalTax: int,
    }),
  ),
  shippingLines: z.array(z.object({ id: int, shippingLineId: int, subtotal: int, tax: int })),
  transactionIds: z.array(int),
  adjustment: int,
  processedAt: str,
  createdAt: str,
  updatedAt: str,
}) satisfies z.ZodType<RefundRec>;

export const returnSchema = z.object({
  id: int,
  orderId: int,
  name: str,
  status: z.enum(RETURN_STATUSES),
  lineItems: z.array(
    z.object({
      id: int,
      fulfillmentLineItemId: int,
      lineItemId: int,
      quantity: int,
      processedQuantity: int,
      refundedQuantity: int,
      returnReason: str,
      returnReasonNote: str,
      customerNote: strOrNull,
      dispositions: z.array(
        z.object({
          id: int,
          type: z.enum(["RESTOCKED", "NOT_RESTOCKED", "MISSING", "PROCESSING_REQUIRED"]),
          locationId: int.nullable(),
          quantity: int,
          createdAt: str,
        }),
      ),
    }),
  ),
  decline: z.object({ reason: str, note: strOrNull }).nullable(),
  requestApprovedAt: strOrNull,
  closedAt: strOrNull,
  createdAt: str,
  updatedAt: str,
}) satisfies z.ZodType<ReturnRec>;

export const payoutSchema = z.object({
  id: int,
  status: z.enum(PAYOUT_STATUSES),
  currency: str,
  issuedAt: str,
  balanceTransactionIds: z.array(int),
  createdAt: str,
  updatedAt: str,
}) satisfies z.ZodType<PayoutRec>;

export const balanceTransactionSchema = z.object({
  id: int,
  type: z.enum(BALANCE_TRANSACTION_TYPES),
  test: z.boolean(),
  currency: str,
  amount: int,
  fee: int,
  net: int,
  sourceType: z.enum(["CHARGE", "REFUND", "ADJUSTMENT"]),
  sourceId: int,
  sourceOrderTransactionId: int.nullable(),
  orderId: int.nullable(),
  payoutId: int.nullable(),
  transactionDate: str,
  createdAt: str,
  updatedAt: str,
}) satisfies z.ZodType<BalanceTransactionRec>;
