import { gid } from "./gid.ts";
import { restMoney } from "./money.ts";
import { restLineItem } from "./payloads.ts";
import type { ShopState } from "./shop-state.ts";
import type { Cents, OrderRec, TransactionRec } from "./store-types.ts";
import type { RefundRec, ReturnRec } from "./store-types-money.ts";
import { isManualGateway, toPresentmentCents } from "./transactions.ts";

/** REST-shaped webhook bodies for refunds/create, order_transactions/create and returns/*. */

function moneySet(order: OrderRec, shop: Cents, presentment = toPresentmentCents(order, shop)) {
  return {
    shop_money: { amount: restMoney(shop), currency_code: order.currency },
    presentment_money: { amount: restMoney(presentment), currency_code: order.presentmentCurrency },
  };
}

/** One order transaction as REST shows it (amounts in the presentment currency, like Shopify's). */
export function transactionPayload(order: OrderRec, t: TransactionRec): Record<string, unknown> {
  return {
    id: t.id,
    admin_graphql_api_id: gid("OrderTransaction", t.id),
    order_id: order.id,
    kind: t.kind.toLowerCase(),
    gateway: t.gateway,
    status: t.status.toLowerCase(),
    message: null,
    created_at: t.processedAt,
    processed_at: t.processedAt,
    test: t.test,
    authorization: null,
    location_id: null,
    user_id: null,
    parent_id: t.parentId,
    device_id: null,
    error_code: t.errorCode,
    source_name: "web",
    receipt: receiptOf(t),
    amount: restMoney(t.presentmentAmount),
    currency: order.presentmentCurrency,
    payment_id: `${order.name.replace(/^#/, "c")}.${order.transactions.indexOf(t) + 1}`,
    manual_payment_gateway: isManualGateway(t.gateway),
    payment_details: t.card
      ? {
          credit_card_bin: t.card.bin,
          credit_card_company: t.card.company,
          credit_card_number: t.card.number,
          credit_card_name: t.card.name,
          credit_card_wallet: t.card.wallet?.toLowerCase() ?? null,
          credit_card_expiration_month: t.card.expirationMonth,
          credit_card_expiration_year: t.card.expirationYear,
        }
      : undefined,
  };
}

export function refundPayload(_state: ShopState, order: OrderRec, r: RefundRec): Record<string, unknown> {
  const transactions = r.transactionIds.flatMap((id) => order.transactions.filter((t) => t.id === id));
  return {
    id: r.id,
    admin_graphql_api_id: gid("Refund", r.id),
    order_id: order.id,
    created_at: r.createdAt,
    processed_at: r.processedAt,
    note: r.note,
    user_id: null,
    restock: r.lineItems.some((l) => l.restocked),
    duties: [],
    total_duties_set: moneySet(order, 0),
    return: r.returnId === null ? null : { id: r.returnId, admin_graphql_api_id: gid("Return", r.returnId) },
    refund_line_items: r.lineItems.map((l) => {
      const line = order.lineItems.find((x) => x.id === l.lineItemId);
      return {
        id: l.id,
        quantity: l.quantity,
        line_item_id: l.lineItemId,
        location_id: l.locationId,
        restock_type: l.restockType.toLowerCase(),
        subtotal: l.subtotal / 100,
        total_tax: l.totalTax / 100,
        subtotal_set: moneySet(order, l.subtotal),
        total_tax_set: moneySet(order, l.totalTax),
        line_item: line ? { ...restLineItem(line), quantity: line.quantity } : null,
      };
    }),
    transactions: transactions.map((t) => transactionPayload(order, t)),
    order_adjustments:
      r.adjustment === 0
        ? []
        : [
            {
              id: r.id,
              order_id: order.id,
              refund_id: r.id,
              kind: "refund_discrepancy",
              reason: "Refund discrepancy",
              // Negative when the buyer got back less than the lines and shipping were worth.
              amount: restMoney(-r.adjustment),
              tax_amount: "0.00",
              amount_set: moneySet(order, -r.adjustment),
              tax_amount_set: moneySet(order, 0),
            },
          ],
    refund_shipping_lines: r.shippingLines.map((s) => {
      const line = order.shippingLines.find((x) => x.id === s.shippingLineId);
      return {
        id: s.id,
        shipping_line_id: s.shippingLineId,
        subtotal_amount_set: moneySet(order, s.subtotal),
        tax_amount_set: moneySet(order, s.tax),
        shipping_line: line
          ? {
              id: line.id,
              title: line.title,
              code: line.code,
              price: restMoney(line.price),
              discounted_price: restMoney(line.price - line.discount),
            }
          : null,
      };
    }),
  };
}

/** returns/* bodies: Shopify sends the return with its GraphQL ids and lower-case status. */
export function returnPayload(order: OrderRec, r: ReturnRec): Record<string, unknown> {
  return {
    id: r.id,
    admin_graphql_api_id: gid("Return", r.id),
    name: r.name,
    status: r.status.toLowerCase(),
    order: { id: order.id, admin_graphql_api_id: gid("Order", order.id) },
    order_id: order.id,
    total_return_line_items: r.lineItems.reduce((s, l) => s + l.quantity, 0),
    decline: r.decline ? { reason: r.decline.reason.toLowerCase(), note: r.decline.note } : null,
    return_line_items: r.lineItems.map((l) => ({
      id: l.id,
      admin_graphql_api_id: gid("ReturnLineItem", l.id),
      fulfillment_line_item: {
        id: l.fulfillmentLineItemId,
        admin_graphql_api_id: gid("FulfillmentLineItem", l.fulfillmentLineItemId),
        line_item: { id: l.lineItemId, admin_graphql_api_id: gid("LineItem", l.lineItemId) },
      },
      quantity: l.quantity,
      return_reason: l.returnReason.toLowerCase(),
      return_reason_note: l.returnReasonNote,
      customer_note: l.customerNote,
      restocking_fee: null,
    })),
    return_shipping_fees: [],
    exchange_line_items: [],
    total_exchange_line_items: 0,
  };
}

function receiptOf(t: TransactionRec): unknown {
  if (t.receiptJson === null) return {};
  try {
    return JSON.parse(t.receiptJson) as unknown;
  } catch {
    return {};
  }
}
