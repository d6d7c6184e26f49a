import { gid } from "./gid.ts";
import { decimal, moneyBagPair, moneyV2 } from "./money.ts";
import type { ShopState } from "./shop-state.ts";
import type { OrderRec, TransactionRec } from "./store-types.ts";
import type { CardRec, TransactionFeeRec } from "./store-types-money.ts";
import {
  capturableOf,
  formattedGateway,
  isManualGateway,
  RECEIVING_KINDS,
  refundableOf,
  SHOPIFY_PAYMENTS,
  toPresentmentCents,
} from "./transactions.ts";

/** Shopify lets an authorization be captured for 7 days (card networks' standard window). */
const AUTHORIZATION_DAYS = 7;

function feeView(f: TransactionFeeRec, currency: string): object {
  return {
    __typename: "TransactionFee",
    id: gid("TransactionFee", f.id),
    type: f.type,
    amount: moneyV2(f.amount, currency),
    flatFee: moneyV2(f.flatFee, currency),
    flatFeeName: f.flatFeeName,
    rate: f.rate,
    rateName: f.rateName,
    taxAmount: moneyV2(f.taxAmount, currency),
  };
}

export function cardView(card: CardRec | null): object | null {
  if (!card) return null;
  return {
    __typename: "CardPaymentDetails",
    company: card.company,
    number: card.number,
    bin: card.bin,
    name: card.name,
    expirationMonth: card.expirationMonth,
    expirationYear: card.expirationYear,
    paymentMethodName: "card",
    avsResultCode: null,
    cvvResultCode: null,
    wallet: card.wallet,
  };
}

/** `Order.transactions` filters: capturable authorizations, or those a merchant could still resolve. */
export function transactionsOf(order: OrderRec, args: Record<string, unknown>): TransactionRec[] {
  let list = [...order.transactions];
  if (args.capturable === true) list = list.filter((t) => t.kind === "AUTHORIZATION" && capturableOf(order, t) > 0);
  if (args.capturable === false) list = list.filter((t) => !(t.kind === "AUTHORIZATION" && capturableOf(order, t) > 0));
  if (args.manuallyResolvable === true) list = list.filter((t) => t.status === "PENDING" && isManualGateway(t.gateway));
  if (typeof args.first === "number") list = list.slice(0, args.first);
  return list;
}

export function transactionView(state: ShopState, order: OrderRec, t: TransactionRec, orderView: () => object): object {
  const bag = (shop: number, presentment = toPresentmentCents(order, shop)) =>
    moneyBagPair(shop, presentment, order.currency, order.presentmentCurrency);
  const isAuth = t.kind === "AUTHORIZATION";
  const capturable = isAuth && t.status === "SUCCESS" ? capturableOf(order, t) : 0;
  const refundable = refundableOf(order, t);
  const parent = t.parentId === null ? undefined : order.transactions.find((p) => p.id === t.parentId);
  const index = order.transactions.indexOf(t);
  const expiresAt = isAuth ? new Date(Date.parse(t.processedAt) + AUTHORIZATION_DAYS * 86_400_000).toISOString() : null;
  return {
    __typename: "OrderTransaction",
    id: gid("OrderTransaction", t.id),
    kind: t.kind,
    status: t.status,
    test: t.test,
    gateway: t.gateway,
    formattedGateway: formattedGateway(t.gateway),
    manualPaymentGateway: isManualGateway(t.gateway),
    amountSet: bag(t.amount, t.presentmentAmount),
    amount: decimal(t.presentmentAmount),
    amountV2: moneyV2(t.presentmentAmount, order.presentmentCurrency),
    amountRoundingSet: null,
    accountNumber: t.card?.number ?? null,
    authorizationCode: null,
    authorizationExpiresAt: expiresAt,
    paymentId: `${order.name.replace(/^#/, "c")}.${index + 1}`,
    createdAt: t.processedAt,
    processedAt: t.processedAt,
    errorCode: t.errorCode,
    fees: t.fees.map((f) => feeView(f, order.currency)),
    paymentDetails: cardView(t.card),
    paymentIcon: null,
    paymentMethod: paymentMethodOf(t.card),
    parentTransaction: () => (parent ? transactionView(state, order, parent, orderView) : null),
    order: orderView,
    manuallyCapturable: capturable > 0,
    // Several captures against one authorization: Shopify Plus with Shopify Payments only.
    multiCapturable: isAuth && state.info.plan === "plus" && t.gateway === SHOPIFY_PAYMENTS,
    maximumRefundable: RECEIVING_KINDS.has(t.kind) ? decimal(toPresentmentCents(order, refundable)) : null,
    maximumRefundableV2: RECEIVING_KINDS.has(t.kind)
      ? moneyV2(toPresentmentCents(order, refundable), order.presentmentCurrency)
      : null,
    totalUnsettledSet: isAuth ? bag(capturable) : null,
    totalUnsettled: isAuth ? decimal(toPresentmentCents(order, capturable)) : null,
    totalUnsettledV2: isAuth ? moneyV2(toPresentmentCents(order, capturable), order.presentmentCurrency) : null,
    receiptJson: t.receiptJson ?? "{}",
    settlementCurrency: null,
    settlementCurrencyRate: null,
    shopifyPaymentsSet: null,
    currencyExchangeAdjustment: null,
    device: null,
    location: null,
    user: null,
  };
}

const PAYMENT_METHODS: Record<string, string> = {
  visa: "VISA",
  mastercard: "MASTERCARD",
  "american express": "AMERICAN_EXPRESS",
  amex: "AMERICAN_EXPRESS",
  discover: "DISCOVER",
  jcb: "JCB",
  maestro: "MAESTRO",
  "diners club": "DINERS_CLUB",
};

/** The deprecated PaymentMethods enum value for a card brand (null for brands it does not name). */
function paymentMethodOf(card: CardRec | null): string | null {
  return card ? (PAYMENT_METHODS[card.company.toLowerCase()] ?? null) : null;
}
