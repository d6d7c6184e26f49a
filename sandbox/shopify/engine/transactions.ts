import type { PlanName } from "../contracts.ts";
import { asInput, type Input, str } from "./input-helpers.ts";
import { toCents } from "./money.ts";
import { nextId, type ShopState } from "./shop-state.ts";
import type { Cents, OrderRec, TransactionRec } from "./store-types.ts";
import type { CardRec, TransactionFeeRec } from "./store-types-money.ts";

export const SHOPIFY_PAYMENTS = "shopify_payments";

/**
 * Shopify Payments' online card rates per plan (US, 2026 price list: Basic/Grow 2.9 %, Advanced
 * 2.5 %, Plus 2.4 %, each + 30¢). The sandbox charges them on every successful sale or capture
 * through shopify_payments; real rates vary by country and card, which the sandbox does not model.
 */
const PAYMENTS_RATE: Record<PlanName, string> = { standard: "2.9", advanced: "2.5", plus: "2.4" };
const PAYMENTS_FLAT_FEE: Cents = 30;

/** Gateways that move money through a processor; any other name is a manual payment method. */
const PROCESSOR_GATEWAYS = new Set([
  SHOPIFY_PAYMENTS,
  "gift_card",
  "paypal",
  "bogus",
  "stripe",
  "shopify_installments",
]);

const GATEWAY_NAMES: Record<string, string> = {
  shopify_payments: "Shopify Payments",
  gift_card: "Gift card",
  manual: "Manual",
  bogus: "Bogus",
  paypal: "PayPal Express Checkout",
  cash: "Cash",
};

export function formattedGateway(gateway: string): string {
  return GATEWAY_NAMES[gateway] ?? gateway;
}

export function isManualGateway(gateway: string): boolean {
  return !PROCESSOR_GATEWAYS.has(gateway);
}

/** Kinds that take money from the buyer. */
export const RECEIVING_KINDS: ReadonlySet<string> = new Set(["SALE", "CAPTURE"]);

const TEST_CARD: CardRec = {
  company: "Visa",
  number: "•••• •••• •••• 4242",
  bin: "424242",
  name: null,
  expirationMonth: 12,
  expirationYear: 2030,
  wallet: null,
};

/**
 * The card a transaction was paid with. orderCreate has no card input, so the sandbox reads the
 * REST-style `payment_details` from `receiptJson` when given (`credit_card_company`,
 * `credit_card_number`, `credit_card_bin`, `credit_card_name`, `credit_card_wallet`), and gives a
 * card-processor transaction without one Stripe's Visa test card. A sandbox convention, not Shopify's.
 */
export function cardFrom(receiptJson: unknown, gateway: string): CardRec | null {
  let receipt: Input | null = null;
  if (typeof receiptJson === "string") {
    try {
      receipt = asInput(JSON.parse(receiptJson));
    } catch {
      receipt = null;
    }
  } else {
    receipt = asInput(receiptJson);
  }
  const details = asInput(receipt?.payment_details) ?? receipt;
  const company = str(details?.credit_card_company);
  if (details && company) {
    const digits = (str(details.credit_card_number) ?? "").replace(/\D/g, "").slice(-4);
    return {
      company,
      number: `•••• •••• •••• ${digits || "0000"}`,
      bin: str(details.credit_card_bin),
      name: str(details.credit_card_name),
      expirationMonth:
        typeof details.credit_card_expiration_month === "number" ? details.credit_card_expiration_month : null,
      expirationYear:
        typeof details.credit_card_expiration_year === "number" ? details.credit_card_expiration_year : null,
      wallet: walletOf(str(details.credit_card_wallet)),
    };
  }
  return gateway === SHOPIFY_PAYMENTS || gateway === "bogus" ? { ...TEST_CARD } : null;
}

const WALLETS = new Set(["AMAZON_PAY", "ANDROID_PAY", "APPLE_PAY", "FACEBOOK_PAY", "GOOGLE_PAY", "SHOPIFY_PAY"]);

/** REST names wallets in lower case ("apple_pay"); GraphQL's DigitalWallet enum in upper case. */
function walletOf(name: string | null): string | null {
  const upper = name?.toUpperCase() ?? null;
  return upper && WALLETS.has(upper) ? upper : null;
}

/** The processing fee on a successful Shopify Payments sale or capture (none otherwise). */
export function feesFor(
  state: ShopState,
  t: Pick<TransactionRec, "kind" | "status" | "gateway" | "amount">,
): TransactionFeeRec[] {
  if (t.gateway !== SHOPIFY_PAYMENTS || t.status !== "SUCCESS" || !RECEIVING_KINDS.has(t.kind) || t.amount <= 0) {
    return [];
  }
  const rate = PAYMENTS_RATE[state.info.plan];
  const amount = Math.round((t.amount * Number(rate)) / 100) + PAYMENTS_FLAT_FEE;
  return [
    {
      id: nextId(state, "Other"),
      // Fee type and names are the sandbox's guess at Shopify's labels; the amounts follow the rates above.
      type: "payment",
      amount,
      flatFee: PAYMENTS_FLAT_FEE,
      flatFeeName: "Flat fee",
      rate,
      rateName: "Card rate",
      taxAmount: 0,
    },
  ];
}

/** Shop cents for an amount the caller gave in the order's presentment currency. */
export function toShopCents(order: OrderRec, presentment: Cents): Cents {
  return Math.round(presentment / order.presentmentRate);
}

export function toPresentmentCents(order: OrderRec, shop: Cents): Cents {
  return Math.round(shop * order.presentmentRate);
}

export interface NewTransaction {
  kind: string;
  status: string;
  gateway: string;
  amount: Cents;
  presentmentAmount: Cents;
  processedAt: string;
  test: boolean;
  parentId: number | null;
  card: CardRec | null;
  giftCardId: number | null;
  receiptJson?: string | null;
}

/** A transaction with its id and fees. */
export function buildTransaction(state: ShopState, t: NewTransaction): TransactionRec {
  return {
    id: nextId(state, "Other"),
    ...t,
    receiptJson: t.receiptJson ?? null,
    fees: feesFor(state, t),
    errorCode: null,
  };
}

/** OrderCreateOrderTransactionInput → transaction, before the order is stored. */
export function transactionFromCreateInput(
  state: ShopState,
  order: Pick<OrderRec, "presentmentRate" | "test">,
  input: Input,
  at: string,
): TransactionRec {
  const bag = asInput(input.amountSet);
  const amount = toCents(asInput(bag?.shopMoney)?.amount) ?? 0;
  const presentment = toCents(asInput(bag?.presentmentMoney)?.amount) ?? Math.round(amount * order.presentmentRate);
  const giftCardId = typeof input.giftCardId === "string" ? Number(/\/(\d+)$/.exec(input.giftCardId)?.[1] ?? NaN) : NaN;
  const gateway = str(input.gateway) ?? (Number.isFinite(giftCardId) ? "gift_card" : "manual");
  return buildTransaction(state, {
    kind: str(input.kind) ?? "SALE",
    status: str(input.status) ?? "SUCCESS",
    gateway,
    amount,
    presentmentAmount: presentment,
    processedAt: str(input.processedAt) ?? at,
    test: input.test === true || order.test,
    parentId: null,
    card: cardFrom(input.receiptJson, gateway),
    giftCardId: Number.isFinite(giftCardId) ? giftCardId : null,
    receiptJson:
      input.receiptJson === undefined || input.receiptJson === null
        ? null
        : typeof input.receiptJson === "string"
          ? input.receiptJson
          : JSON.stringify(input.receiptJson),
  });
}

export interface PaymentTotals {
  received: Cents;
  refunded: Cents;
  /** Authorized and not yet captured or voided. */
  capturable: Cents;
  /** An authorization was voided and nothing was received. */
  voided: boolean;
  authorized: boolean;
}

/** What the order's successful transactions add up to, in shop cents. */
export function paymentTotals(order: OrderRec): PaymentTotals {
  const ok = order.transactions.filter((t) => t.status === "SUCCESS");
  const received = ok.filter((t) => RECEIVING_KINDS.has(t.kind)).reduce((s, t) => s + t.amount, 0);
  const refunded = ok.filter((t) => t.kind === "REFUND").reduce((s, t) => s + t.amount, 0);
  let capturable = 0;
  let voided = false;
  let authorized = false;
  for (const auth of ok.filter((t) => t.kind === "AUTHORIZATION")) {
    authorized = true;
    const left = capturableOf(order, auth);
    if (order.transactions.some((t) => t.parentId === auth.id && t.kind === "VOID" && t.status === "SUCCESS")) {
      voided = true;
    }
    capturable += left;
  }
  return { received, refunded, capturable, voided, authorized };
}

/** What is left to capture of an authorization (0 once voided). */
export function capturableOf(order: OrderRec, auth: TransactionRec): Cents {
  const children = order.transactions.filter((t) => t.parentId === auth.id && t.status === "SUCCESS");
  if (children.some((t) => t.kind === "VOID")) return 0;
  const captured = children.filter((t) => t.kind === "CAPTURE").reduce((s, t) => s + t.amount, 0);
  return Math.max(0, auth.amount - captured);
}

/** What is left to refund of a sale or capture. */
export function refundableOf(order: OrderRec, t: TransactionRec): Cents {
  if (!RECEIVING_KINDS.has(t.kind) || t.status !== "SUCCESS") return 0;
  const refunded = order.transactions
    .filter((r) => r.parentId === t.id && r.kind === "REFUND" && r.status === "SUCCESS")
    .reduce((s, r) => s + r.amount, 0);
  return Math.max(0, t.amount - refunded);
}

/**
 * The financial status Shopify derives from the transactions: refunds first (partly or fully
 * refunded), then what was received against the total, then open or voided authorizations.
 */
export function derivedFinancialStatus(order: OrderRec, total: Cents): string {
  const p = paymentTotals(order);
  if (p.refunded > 0) return p.refunded >= p.received ? "REFUNDED" : "PARTIALLY_REFUNDED";
  if (p.received >= total && total > 0) return "PAID";
  if (p.received > 0) return "PARTIALLY_PAID";
  if (p.voided && p.capturable === 0) return "VOIDED";
  return p.authorized ? "AUTHORIZED" : "PENDING";
}
