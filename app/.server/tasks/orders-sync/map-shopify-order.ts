import { z } from "zod";

import {
  type ImportedOrder,
  importedOrderSchema,
  type MoneyPair,
  type OrderAddress,
  type OrderLine,
} from "./imported-order.ts";

/**
 * `OrderForImport` (app/.server/adapters/shopify/order-queries.ts) as it comes off the wire, line
 * pages merged. Parsed here, at the trust boundary, so a schema change at Shopify fails the import
 * loudly instead of storing a half-filled order.
 */
const amount = z.object({ amount: z.string() });
const moneyBag = z.object({ shopMoney: amount, presentmentMoney: amount });
const taxLine = z.object({ title: z.string(), rate: z.number().nullable(), priceSet: moneyBag });
const allocation = z.object({ allocatedAmountSet: moneyBag });
const address = z
  .object({
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    company: z.string().nullable(),
    address1: z.string().nullable(),
    address2: z.string().nullable(),
    city: z.string().nullable(),
    zip: z.string().nullable(),
    provinceCode: z.string().nullable(),
    countryCodeV2: z.string().nullable(),
    phone: z.string().nullable(),
  })
  .nullable();

export const shopifyOrderLineSchema = z.object({
  id: z.string(),
  sku: z.string().nullable(),
  title: z.string(),
  variantTitle: z.string().nullable(),
  quantity: z.number().int(),
  currentQuantity: z.number().int(),
  requiresShipping: z.boolean(),
  isGiftCard: z.boolean(),
  variant: z.object({ id: z.string(), barcode: z.string().nullable() }).nullable(),
  product: z.object({ id: z.string() }).nullable(),
  originalUnitPriceSet: moneyBag,
  discountAllocations: z.array(allocation),
  taxLines: z.array(taxLine),
});

export const shopifyOrderSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  processedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  closed: z.boolean(),
  test: z.boolean(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  currencyCode: z.string(),
  presentmentCurrencyCode: z.string(),
  taxesIncluded: z.boolean(),
  displayFinancialStatus: z.string().nullable(),
  displayFulfillmentStatus: z.string().nullable(),
  sourceName: z.string().nullable(),
  app: z.object({ name: z.string() }).nullable(),
  retailLocation: z.object({ id: z.string() }).nullable(),
  /** Where each line ships from: the location its fulfillment order is assigned to. */
  fulfillmentOrders: z
    .object({
      nodes: z.array(
        z.object({
          assignedLocation: z.object({ location: z.object({ id: z.string() }).nullable() }),
          lineItems: z.object({ nodes: z.array(z.object({ lineItem: z.object({ id: z.string() }) })) }),
        }),
      ),
    })
    .optional(),
  risk: z.object({
    recommendation: z.string(),
    assessments: z.array(z.object({ riskLevel: z.string() })),
  }),
  tags: z.array(z.string()),
  note: z.string().nullable(),
  customAttributes: z.array(z.object({ key: z.string(), value: z.string().nullable() })),
  // A Customer (consumer order) selects nothing here; a PurchasingCompany brings its company and location.
  purchasingEntity: z
    .object({
      __typename: z.string(),
      company: z.object({ id: z.string(), name: z.string() }).optional(),
      location: z.object({ id: z.string(), name: z.string() }).optional(),
    })
    .nullish(),
  customer: z
    .object({
      id: z.string(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      defaultEmailAddress: z.object({ emailAddress: z.string().nullable() }).nullable(),
      defaultPhoneNumber: z.object({ phoneNumber: z.string() }).nullable(),
    })
    .nullable(),
  billingAddress: address,
  shippingAddress: address,
  discountCodes: z.array(z.string()),
  currentSubtotalPriceSet: moneyBag,
  currentTotalTaxSet: moneyBag,
  currentTotalDiscountsSet: moneyBag,
  currentShippingPriceSet: moneyBag,
  currentTotalPriceSet: moneyBag,
  shippingLines: z.object({
    nodes: z.array(
      z.object({
        title: z.string(),
        code: z.string().nullable(),
        originalPriceSet: moneyBag,
        currentDiscountedPriceSet: moneyBag,
        discountAllocations: z.array(allocation),
        taxLines: z.array(taxLine),
      }),
    ),
  }),
  transactions: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      status: z.string(),
      gateway: z.string().nullable(),
      processedAt: z.string().nullable(),
      amountSet: moneyBag,
    }),
  ),
  lineItems: z.object({ nodes: z.array(shopifyOrderLineSchema) }),
});
export type ShopifyOrder = z.infer<typeof shopifyOrderSchema>;

// ---- decimal money, exact (no floats): micro-units in a bigint ----

const SCALE = 1_000_000n;

function toMicros(value: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new Error(`not a decimal amount: ${value}`);
  const [, sign, whole = "0", fraction = ""] = match;
  const micros = BigInt(whole) * SCALE + BigInt(fraction.padEnd(6, "0").slice(0, 6));
  return sign === "-" ? -micros : micros;
}

function fromMicros(micros: bigint): string {
  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  const fraction = (abs % SCALE).toString().padStart(6, "0").replace(/0+$/, "").padEnd(2, "0");
  return `${negative && abs !== 0n ? "-" : ""}${abs / SCALE}.${fraction}`;
}

/** "50.9" → "50.90", "0.0" → "0.00": one spelling per amount, so snapshots compare as text. */
export function normalizeDecimal(value: string): string {
  return fromMicros(toMicros(value));
}

export function sumMoney(pairs: readonly MoneyPair[]): MoneyPair {
  let shop = 0n;
  let presentment = 0n;
  for (const pair of pairs) {
    shop += toMicros(pair.shop);
    presentment += toMicros(pair.presentment);
  }
  return { shop: fromMicros(shop), presentment: fromMicros(presentment) };
}

function subtractClampedAtZero(total: MoneyPair, parts: readonly MoneyPair[]): MoneyPair {
  const used = sumMoney(parts);
  const rest = (a: string, b: string) => {
    const left = toMicros(a) - toMicros(b);
    return fromMicros(left > 0n ? left : 0n);
  };
  return { shop: rest(total.shop, used.shop), presentment: rest(total.presentment, used.presentment) };
}

function money(bag: z.infer<typeof moneyBag>): MoneyPair {
  return { shop: normalizeDecimal(bag.shopMoney.amount), presentment: normalizeDecimal(bag.presentmentMoney.amount) };
}

// ---- the mapping ----

const RISK_ORDER = ["LOW", "MEDIUM", "HIGH"] as const;
type RiskLevel = (typeof RISK_ORDER)[number];

/** Shopify's recommendation stands for the level it implies; the worst of it and every assessment wins. */
function riskLevelOf(risk: ShopifyOrder["risk"]): RiskLevel | null {
  const fromRecommendation: Record<string, RiskLevel> = { CANCEL: "HIGH", INVESTIGATE: "MEDIUM", ACCEPT: "LOW" };
  const levels = [fromRecommendation[risk.recommendation], ...risk.assessments.map((a) => a.riskLevel)].filter(
    (level): level is RiskLevel => RISK_ORDER.includes(level as RiskLevel),
  );
  if (levels.length === 0) return null; // NONE / PENDING: nothing assessed yet
  return levels.reduce((worst, level) => (RISK_ORDER.indexOf(level) > RISK_ORDER.indexOf(worst) ? level : worst));
}

/** Shopify's own source names, spelled the way merchants see them in the admin. */
const SOURCE_NAMES: Record<string, string> = {
  web: "Online Store",
  pos: "Point of Sale",
  shopify_draft_order: "Draft Orders",
  iphone: "Shopify Mobile",
  android: "Shopify Mobile",
};

function channelOf(order: ShopifyOrder): string | null {
  if (order.app?.name) return order.app.name;
  if (order.sourceName) return SOURCE_NAMES[order.sourceName] ?? order.sourceName;
  return null;
}

function addressOf(value: z.infer<typeof address>): OrderAddress | null {
  if (!value) return null;
  const { countryCodeV2, ...rest } = value;
  return { ...rest, countryCode: countryCodeV2 };
}

function taxLinesOf(lines: z.infer<typeof taxLine>[]) {
  return lines.map((t) => ({ title: t.title, rate: t.rate, amount: money(t.priceSet) }));
}

function lineOf(line: z.infer<typeof shopifyOrderLineSchema>, locationId: string | null): OrderLine {
  const discount = sumMoney(line.discountAllocations.map((a) => money(a.allocatedAmountSet)));
  return {
    shopifyLineId: line.id,
    sku: line.sku && line.sku.trim() !== "" ? line.sku : null,
    barcode: line.variant?.barcode ?? null,
    variantId: line.variant?.id ?? null,
    productId: line.product?.id ?? null,
    title: line.title,
    variantTitle: line.variantTitle,
    // currentQuantity is what is left after refunds and order edits removed units.
    quantity: Math.max(0, line.currentQuantity),
    orderedQuantity: Math.max(0, line.quantity),
    unitPrice: money(line.originalUnitPriceSet),
    discount,
    taxLines: taxLinesOf(line.taxLines),
    requiresShipping: line.requiresShipping,
    isGiftCard: line.isGiftCard,
    // Shopify records a tip as a custom line item titled "Tip", with no variant or product.
    isTip: line.variant === null && line.product === null && line.title.trim().toLowerCase() === "tip",
    fulfillmentLocationId: locationId,
  };
}

/**
 * Line item → the location its fulfillment order is assigned to (the first, when a line is split
 * over several). Online orders name their locations only here; a POS sale's is its retail location.
 * Read in a second query (5 fulfillment orders × 25 lines), only for shops that map locations.
 */
function lineLocations(order: z.infer<typeof shopifyOrderSchema>): Map<string, string> {
  const locations = new Map<string, string>();
  for (const fo of order.fulfillmentOrders?.nodes ?? []) {
    const location = fo.assignedLocation.location?.id;
    if (!location) continue;
    for (const { lineItem } of fo.lineItems.nodes) {
      if (!locations.has(lineItem.id)) locations.set(lineItem.id, location);
    }
  }
  return locations;
}

/** The Admin API's order (parsed with `shopifyOrderSchema`) in the app's canonical shape. */
export function mapShopifyOrder(raw: unknown): ImportedOrder {
  const order = shopifyOrderSchema.parse(raw);
  const locations = lineLocations(order);
  const lines = order.lineItems.nodes.map((line) =>
    lineOf(line, locations.get(line.id) ?? order.retailLocation?.id ?? null),
  );
  const shippingLines = order.shippingLines.nodes.map((s) => ({
    title: s.title,
    code: s.code,
    price: money(s.originalPriceSet),
    discountedPrice: money(s.currentDiscountedPriceSet),
    taxLines: taxLinesOf(s.taxLines),
  }));
  const totalDiscounts = money(order.currentTotalDiscountsSet);
  const shippingDiscounts = order.shippingLines.nodes.flatMap((s) =>
    s.discountAllocations.map((a) => money(a.allocatedAmountSet)),
  );
  const imported: ImportedOrder = {
    version: 1,
    shopifyOrderId: order.id,
    name: order.name,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    processedAt: order.processedAt,
    cancelledAt: order.cancelledAt,
    closed: order.closed,
    test: order.test,
    email: order.email,
    phone: order.phone,
    shopCurrency: order.currencyCode,
    presentmentCurrency: order.presentmentCurrencyCode,
    taxesIncluded: order.taxesIncluded,
    financialStatus: order.displayFinancialStatus,
    fulfillmentStatus: order.displayFulfillmentStatus,
    riskLevel: riskLevelOf(order.risk),
    channel: channelOf(order),
    tags: order.tags,
    note: order.note,
    customAttributes: order.customAttributes,
    company: companyOf(order.purchasingEntity),
    customer: order.customer
      ? {
          shopifyCustomerId: order.customer.id,
          email: order.customer.defaultEmailAddress?.emailAddress ?? null,
          phone: order.customer.defaultPhoneNumber?.phoneNumber ?? null,
          firstName: order.customer.firstName,
          lastName: order.customer.lastName,
        }
      : null,
    billingAddress: addressOf(order.billingAddress),
    shippingAddress: addressOf(order.shippingAddress),
    lines,
    shippingLines,
    discountCodes: order.discountCodes,
    // What the order's discounts add up to beyond what Shopify allocated to lines and shipping
    // (e.g. a manual order-level discount): the ERP document's invoice discount.
    unallocatedDiscount: subtractClampedAtZero(totalDiscounts, [...lines.map((l) => l.discount), ...shippingDiscounts]),
    totals: {
      subtotal: money(order.currentSubtotalPriceSet),
      tax: money(order.currentTotalTaxSet),
      discounts: totalDiscounts,
      shipping: money(order.currentShippingPriceSet),
      total: money(order.currentTotalPriceSet),
    },
    transactions: order.transactions.map((t) => ({
      shopifyTransactionId: t.id,
      kind: t.kind,
      status: t.status,
      gateway: t.gateway,
      amount: money(t.amountSet),
      processedAt: t.processedAt,
    })),
  };
  // The canonical schema is the contract with order processing: check we honour it.
  return importedOrderSchema.parse(imported);
}

/** The B2B buyer of the order (company and location), or null for a consumer order. */
function companyOf(entity: z.infer<typeof shopifyOrderSchema>["purchasingEntity"]) {
  if (!entity?.company || !entity.location) return null;
  const { company, location } = entity;
  return { companyId: company.id, companyName: company.name, locationId: location.id, locationName: location.name };
}
