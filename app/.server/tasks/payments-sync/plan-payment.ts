/**
 * What becomes of one Shopify payment (a successful sale or capture): pure, so every branch is
 * tested without a store or an ERP. The task reads the facts and carries the plan out.
 */

export const SKIP_METHOD = "skip";

export interface PaymentFacts {
  /** Shopify's transaction id; its numeric tail is the ERP payment's external document number. */
  shopifyTransactionId: string;
  gateway: string;
  cardBrand: string | null;
  amount: string;
  presentmentAmount: string;
  processedAt: string | null;
}

export interface PaymentOrderFacts {
  name: string;
  /** Our order's status: only a processed order has an ERP document to pay. */
  status: string;
  /** The order's ERP document is in the presentment currency (Settings → Orders → Document currency). */
  presentment: boolean;
  /** The order's posted invoice; null while it has none. */
  invoiceNumber: string | null;
  customerNumber: string | null;
}

export interface PaymentSettings {
  process: "off" | "import_only" | "record";
  /** "gateway" or "gateway/card brand" (any case) → the ERP payment method, or "skip". */
  methods: Readonly<Record<string, string>>;
  /** For gateways the mapping does not name; "" = none (such a payment is an error until mapped). */
  defaultMethod: string;
  /** Where the ERP records payments; "" = the adapter's default. */
  journal: string;
}

export interface PaymentDraft {
  externalDocumentNumber: string;
  customerNumber: string;
  amount: string;
  postingDate: string;
  appliesToInvoiceNumber: string;
  paymentMethodCode: string;
  journalCode?: string;
  description: string;
}

export type PaymentPlan =
  | { kind: "wait"; reason: string }
  | { kind: "import" }
  | { kind: "skip"; reason: string; method: string }
  | { kind: "error"; reason: string }
  | { kind: "record"; draft: PaymentDraft };

/** The mapping's key for a gateway and card brand: how the merchant writes it in Settings. */
export function methodKey(gateway: string, cardBrand?: string | null): string {
  const g = gateway.trim().toLowerCase();
  return cardBrand ? `${g}/${cardBrand.trim().toLowerCase()}` : g;
}

/** The mapped method: gateway and card brand first, then the gateway, then the default. */
export function resolveMethod(settings: PaymentSettings, gateway: string, cardBrand: string | null): string | null {
  const byKey = new Map(Object.entries(settings.methods).map(([k, v]) => [normalizeKey(k), v]));
  const hit =
    (cardBrand ? byKey.get(methodKey(gateway, cardBrand)) : undefined) ??
    byKey.get(methodKey(gateway)) ??
    (settings.defaultMethod || undefined);
  return hit ?? null;
}

function normalizeKey(key: string): string {
  const [gateway = "", brand] = key.split("/");
  return methodKey(gateway, brand?.trim() ? brand : null);
}

/** The transaction's numeric id (gid://shopify/OrderTransaction/123 → 123): short enough for any ERP's reference field. */
export function transactionNumber(shopifyTransactionId: string): string {
  return shopifyTransactionId.split("/").at(-1) ?? shopifyTransactionId;
}

export function planPayment(
  payment: PaymentFacts,
  order: PaymentOrderFacts | null,
  settings: PaymentSettings,
  /** YYYY-MM-DD: the posting date of a payment Shopify gives no time for. */
  today: string,
): PaymentPlan {
  if (!order) return { kind: "wait", reason: "waits for its order to be imported" };
  if (order.status !== "processed") {
    return { kind: "wait", reason: `waits for order ${order.name} to reach the ERP (it is ${order.status})` };
  }
  if (settings.process !== "record") return { kind: "import" };
  const method = resolveMethod(settings, payment.gateway, payment.cardBrand);
  const paidWith = payment.cardBrand ? `${payment.gateway} (${payment.cardBrand})` : payment.gateway || "no gateway";
  if (!method) {
    return {
      kind: "error",
      reason: `no ERP payment method for ${paidWith}: map it in Settings → Payments, or set a default method`,
    };
  }
  if (method.toLowerCase() === SKIP_METHOD) {
    return { kind: "skip", reason: `payments by ${paidWith} are not recorded (Settings → Payments)`, method };
  }
  if (!order.customerNumber) return { kind: "error", reason: `the ERP customer of order ${order.name} is not known` };
  if (!order.invoiceNumber) {
    return {
      kind: "wait",
      reason: `waits for the invoice of order ${order.name}: its ERP document is not posted yet`,
    };
  }
  const number = transactionNumber(payment.shopifyTransactionId);
  return {
    kind: "record",
    draft: {
      externalDocumentNumber: number,
      customerNumber: order.customerNumber,
      amount: order.presentment ? payment.presentmentAmount : payment.amount,
      postingDate: payment.processedAt?.slice(0, 10) ?? today,
      appliesToInvoiceNumber: order.invoiceNumber,
      paymentMethodCode: method,
      ...(settings.journal ? { journalCode: settings.journal } : {}),
      description: `Shopify ${order.name} ${paidWith}`.slice(0, 100),
    },
  };
}
