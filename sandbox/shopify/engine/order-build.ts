import { upsertCustomer } from "./customer-build.ts";
import { idOf } from "./gid.ts";
import {
  addressFromInput,
  asInput,
  asList,
  bagCents,
  type Input,
  str,
  upsertMetafields,
  type UserError,
} from "./input-helpers.ts";
import { toCents } from "./money.ts";
import { paymentTermsFor, resolveB2b } from "./order-b2b.ts";
import { orderTotals } from "./order-totals.ts";
import { nextId, type ShopState, stamp } from "./shop-state.ts";
import type { Cents, CustomerRec, DiscountRec, LineItemRec, OrderRec, TaxLineRec } from "./store-types.ts";
import { derivedFinancialStatus, transactionFromCreateInput } from "./transactions.ts";

function taxLines(inputs: Input[], base: Cents): TaxLineRec[] {
  return inputs.map((t) => {
    const rate = Number(t.rate ?? 0);
    return { title: str(t.title) ?? "Tax", rate, amount: bagCents(t.priceSet) ?? Math.round(base * rate) };
  });
}

function discountFrom(input: Input | null, state: ShopState): DiscountRec | null {
  if (!input) return null;
  const fixed = asInput(input.itemFixedDiscountCode);
  if (fixed) {
    return { code: str(fixed.code) ?? "", kind: "FIXED", amount: bagCents(fixed.amountSet) ?? 0, percentage: null };
  }
  const pct = asInput(input.itemPercentageDiscountCode);
  if (pct) return { code: str(pct.code) ?? "", kind: "PERCENTAGE", amount: 0, percentage: Number(pct.percentage ?? 0) };
  const ship = asInput(input.freeShippingDiscountCode);
  if (ship) return { code: str(ship.code) ?? "", kind: "FREE_SHIPPING", amount: 0, percentage: null };
  void state;
  return null;
}

/** Spreads an order discount over lines in proportion to their totals; the last line takes the rounding. */
function allocate(lines: LineItemRec[], discount: DiscountRec): void {
  const base = lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
  const amount =
    discount.kind === "PERCENTAGE"
      ? Math.round((base * (discount.percentage ?? 0)) / 100)
      : Math.min(discount.amount, base);
  discount.amount = amount;
  let left = amount;
  lines.forEach((l, i) => {
    const share = i === lines.length - 1 ? left : Math.round((amount * l.unitPrice * l.quantity) / (base || 1));
    l.discount = share;
    left -= share;
  });
}

function resolveCustomer(state: ShopState, order: Input): CustomerRec | null | UserError {
  const customer = asInput(order.customer);
  const associate = asInput(customer?.toAssociate);
  const upsert = asInput(customer?.toUpsert);
  if (associate && upsert) {
    return {
      field: ["order", "customer"],
      message: "Only one of toAssociate or toUpsert may be provided",
      code: "REDUNDANT_CUSTOMER_FIELDS",
    };
  }
  const byId = idOf(associate?.id ?? order.customerId, "Customer");
  if (byId !== null) {
    return (
      state.customers.get(byId) ?? {
        field: ["order", "customer", "toAssociate", "id"],
        message: "Customer does not exist",
        code: "INVALID",
      }
    );
  }
  const email = str(associate?.email);
  if (email) {
    const found = [...state.customers.values()].find((c) => c.email?.toLowerCase() === email.toLowerCase());
    return (
      found ?? {
        field: ["order", "customer", "toAssociate", "email"],
        message: "Customer does not exist",
        code: "INVALID",
      }
    );
  }
  if (upsert) return upsertCustomer(state, upsert);
  return null;
}

/**
 * Builds (but does not store) an order from OrderCreateOrderInput. Shared by orderCreate and the
 * seeder so seeded orders look exactly like API-created ones.
 */
export function buildOrder(state: ShopState, input: Input): { order: OrderRec } | { userErrors: UserError[] } {
  const errors: UserError[] = [];
  const lineInputs = asList(input.lineItems);
  if (lineInputs.length === 0) {
    errors.push({
      field: ["order", "lineItems"],
      message: "Line items must have at least one line item",
      code: "INVALID",
    });
  }
  const lines: LineItemRec[] = [];
  lineInputs.forEach((li, i) => {
    const field = ["order", "lineItems", String(i)];
    const quantity = Number(li.quantity ?? 0);
    if (!Number.isInteger(quantity) || quantity <= 0) {
      errors.push({ field: [...field, "quantity"], message: "Quantity must be greater than 0", code: "INVALID" });
    }
    const variantId = li.variantId === undefined || li.variantId === null ? null : idOf(li.variantId, "ProductVariant");
    const variant = variantId === null ? undefined : state.variants.get(variantId);
    if (li.variantId != null && !variant) {
      errors.push({ field: [...field, "variantId"], message: "Variant does not exist", code: "INVALID" });
    }
    const product = variant ? state.products.get(variant.productId) : undefined;
    const title = str(li.title) ?? product?.title ?? null;
    if (!variant && !title) {
      errors.push({ field: [...field, "title"], message: "Title can't be blank", code: "INVALID" });
    }
    const unitPrice = bagCents(li.priceSet) ?? variant?.price ?? null;
    if (unitPrice === null) {
      errors.push({ field: [...field, "priceSet"], message: "Price can't be blank", code: "INVALID" });
    }
    lines.push({
      id: nextId(state, "Other"),
      variantId: variant?.id ?? null,
      productId: product?.id ?? idOf(li.productId, "Product"),
      sku: str(li.sku) ?? variant?.sku ?? null,
      title: title ?? "",
      variantTitle: str(li.variantTitle) ?? (variant && variant.title !== "Default Title" ? variant.title : null),
      vendor: str(li.vendor) ?? product?.vendor ?? null,
      quantity: Math.max(0, quantity),
      currentQuantity: Math.max(0, quantity),
      unitPrice: unitPrice ?? 0,
      discount: 0,
      taxLines: [],
      requiresShipping: li.requiresShipping === undefined ? true : Boolean(li.requiresShipping),
      taxable: li.taxable !== false,
      customAttributes: asList(li.properties).map((p) => ({ key: str(p.name) ?? "", value: str(p.value) ?? "" })),
    });
  });
  const customerOrError = resolveCustomer(state, input);
  if (customerOrError && "message" in customerOrError) errors.push(customerOrError);
  if (errors.length > 0) return { userErrors: errors };
  const customer = customerOrError as CustomerRec | null;
  const b2b = resolveB2b(state, input, customer);
  if ("message" in b2b) return { userErrors: [b2b] };

  const discount = discountFrom(asInput(input.discountCode), state);
  if (discount && discount.kind !== "FREE_SHIPPING") allocate(lines, discount);
  lineInputs.forEach((li, i) => {
    const line = lines[i]!;
    line.taxLines = taxLines(asList(li.taxLines), line.unitPrice * line.quantity - line.discount);
  });
  const shippingLines = asList(input.shippingLines).map((s) => {
    const price = bagCents(s.priceSet) ?? 0;
    return {
      id: nextId(state, "Other"),
      title: str(s.title) ?? "Shipping",
      code: str(s.code),
      source: str(s.source),
      price,
      discount: discount?.kind === "FREE_SHIPPING" ? price : 0,
      taxLines: taxLines(asList(s.taxLines), price),
    };
  });
  const at = stamp(state);
  const number = state.nextOrderNumber;
  const currency = str(input.currency) ?? state.info.currencyCode;
  const order: OrderRec = {
    id: nextId(state, "Order"),
    number,
    name: str(input.name) ?? `#${number}`,
    email: str(input.email) ?? customer?.email ?? null,
    phone: str(input.phone) ?? null,
    note: str(input.note),
    poNumber: str(input.poNumber),
    tags: Array.isArray(input.tags) ? (input.tags as string[]) : [],
    customAttributes: asList(input.customAttributes).map((a) => ({ key: str(a.key) ?? "", value: str(a.value) ?? "" })),
    metafields: [],
    customerId: customer?.id ?? null,
    billingAddress: addressFromInput(state, input.billingAddress),
    shippingAddress: addressFromInput(state, input.shippingAddress),
    currency,
    presentmentCurrency: str(input.presentmentCurrency) ?? currency,
    presentmentRate: 1,
    taxesIncluded: input.taxesIncluded === true,
    financialStatus: "PENDING",
    fulfillmentStatus: str(input.fulfillmentStatus) === "FULFILLED" ? "FULFILLED" : "UNFULFILLED",
    lineItems: lines,
    shippingLines,
    discounts: discount ? [discount] : [],
    taxLines: lines.every((l) => l.taxLines.length === 0) ? taxLines(asList(input.taxLines), 0) : [],
    transactions: [],
    sourceName: str(input.sourceName) ?? "api",
    test: input.test === true,
    createdAt: at,
    updatedAt: at,
    processedAt: str(input.processedAt) ?? at,
    cancelledAt: null,
    cancelReason: null,
    closedAt: str(input.closedAt),
    retailLocationId: null,
    inventoryClaims: [],
    companyLocationId: b2b.companyLocationId,
    companyContactId: b2b.companyContactId,
    paymentTerms: paymentTermsFor(state, b2b.companyLocationId, at),
  };
  if (order.presentmentCurrency !== order.currency) order.presentmentRate = presentmentRateOf(input);
  order.transactions = asList(input.transactions).map((t) => transactionFromCreateInput(state, order, t, at));
  upsertMetafields(state, order.metafields, asList(input.metafields), at);
  order.financialStatus = str(input.financialStatus) ?? derivedFinancialStatus(order, orderTotals(order).total);
  state.nextOrderNumber += 1;
  return { order };
}

/**
 * Presentment units per shop unit, from the first amount given in both currencies (line prices,
 * then shipping, then transactions). Shopify converts at checkout's rate; orderCreate callers
 * give both amounts, so the sandbox takes the rate they imply (1 when none gives both).
 */
function presentmentRateOf(input: Input): number {
  const bags = [
    ...asList(input.lineItems).map((l) => l.priceSet),
    ...asList(input.shippingLines).map((s) => s.priceSet),
    ...asList(input.transactions).map((t) => t.amountSet),
  ];
  for (const bag of bags) {
    const shop = bagCents(bag);
    const presentment = toCents(asInput(asInput(bag)?.presentmentMoney)?.amount);
    if (shop && presentment) return presentment / shop;
  }
  return 1;
}
