import type { ShopSettings } from "../../domain/settings-schema.ts";
import type { ErpLimits } from "../../mapping/erp-limits.ts";
import type { ErpItemRef } from "../../mapping/resolve-lines.ts";
import type { ImportedOrder, MoneyPair, OrderAddress, OrderLine } from "../orders-sync/imported-order.ts";
import type { ErpDocumentLine } from "../shipments-sync/shipment-records.ts";
import { fromMicros, type Micros, prorate, sum, toMicros } from "../../domain/money.ts";

export interface DraftAddress {
  line1: string;
  line2: string;
  city: string;
  state: string;
  countryCode: string;
  postalCode: string;
}

export interface DraftLine {
  type: "item" | "account" | "charge";
  /** The Shopify line item an item line comes from (kept with the order; the ERP never sees it). */
  shopifyLineId?: string;
  number: string;
  variantCode?: string;
  locationCode?: string;
  quantity: number;
  unitPrice: string;
  discountAmount?: string;
  description?: string;
}

/**
 * The ERP sales document an order becomes; structurally the ERP port's `SalesDocumentInput`
 * (the pure core may not import the adapters, so the shape is repeated here).
 */
export interface SalesDocumentDraft {
  type: "order" | "invoice";
  externalDocumentNumber: string;
  documentNumber?: string;
  customerNumber: string;
  currencyCode?: string;
  pricesIncludeTax: boolean;
  orderDate: string;
  addresses: { sellTo?: DraftAddress; billTo?: DraftAddress; shipTo?: DraftAddress & { name?: string } };
  lines: DraftLine[];
  invoiceDiscountAmount?: string;
}

export interface ResolvedOrder {
  customerNumber: string;
  /** ERP item per Shopify line id, for every item line. */
  items: ReadonlyMap<string, ErpItemRef>;
}

export type MapResult = { ok: true; document: SalesDocumentDraft } | { ok: false; error: string };

/** Shopify order (as imported) + resolved customer and items → the ERP sales document, or why not. */
export function mapToSalesDocument(
  order: ImportedOrder,
  resolved: ResolvedOrder,
  settings: ShopSettings,
  limits: Pick<ErpLimits, "externalDocumentNumberMaxLength" | "address">,
): MapResult {
  const s = settings.orders;
  const pick = (m: MoneyPair) => toMicros(s.currency === "presentment" ? m.presentment : m.shop);
  // Never cut: a cut name could match another order's document.
  const max = limits.externalDocumentNumberMaxLength;
  if (order.name.trim() === "" || order.name.length > max) {
    return {
      ok: false,
      error: `The order name "${order.name}" does not fit the ERP's ${max}-character external document number.`,
    };
  }
  const lines: DraftLine[] = [];
  for (const line of order.lines) {
    if (line.quantity <= 0) continue;
    if (line.isTip || line.isGiftCard) {
      const account = line.isTip ? s.tipAccount : s.giftCardAccount;
      if (!account) {
        const what = line.isTip ? "a tip" : "a sold gift card";
        return {
          ok: false,
          error: `The order has ${what}; set the ${line.isTip ? "tip" : "gift card"} account in Settings.`,
        };
      }
      lines.push(amountLine(account, line, pick));
      continue;
    }
    const item = resolved.items.get(line.shopifyLineId);
    if (!item) return { ok: false, error: `No ERP item for "${line.title}".` };
    const location = locationCode(line, settings);
    lines.push({
      ...amountLine(item.itemNumber, line, pick),
      type: "item",
      shopifyLineId: line.shopifyLineId,
      ...(item.variantCode ? { variantCode: item.variantCode } : {}),
      ...(location ? { locationCode: location } : {}),
    });
  }
  for (const shipping of order.shippingLines) {
    const price = pick(shipping.price);
    if (price <= 0n) continue;
    const target = shippingTarget(
      s.shippingMethods[shipping.title] ??
        (shipping.code ? s.shippingMethods[shipping.code] : undefined) ??
        s.shippingChargesAccount,
    );
    if (!target) {
      return {
        ok: false,
        error: `The order has shipping ("${shipping.title}"); set the shipping charges account in Settings.`,
      };
    }
    const discount = price - pick(shipping.discountedPrice);
    lines.push({
      type: target.type,
      number: target.number,
      quantity: 1,
      unitPrice: fromMicros(price),
      ...(discount > 0n ? { discountAmount: fromMicros(discount) } : {}),
      description: shipping.title.slice(0, 100),
    });
  }
  if (lines.length === 0) {
    return { ok: false, error: "The order has nothing left to invoice (every line was refunded)." };
  }
  const unallocated = pick(order.unallocatedDiscount);
  const fulfilled = order.fulfillmentStatus === "FULFILLED";
  const presentment = s.currency === "presentment" && order.presentmentCurrency !== order.shopCurrency;
  const shipTo = order.shippingAddress;
  return {
    ok: true,
    document: {
      type: s.documentType === "invoice_when_fulfilled" && fulfilled ? "invoice" : "order",
      externalDocumentNumber: order.name,
      ...(s.useOrderNameAsDocumentNo ? { documentNumber: order.name } : {}),
      customerNumber: resolved.customerNumber,
      // Shop currency = the ERP's local currency (BC leaves the code blank for it).
      ...(presentment ? { currencyCode: order.presentmentCurrency } : {}),
      pricesIncludeTax: order.taxesIncluded,
      orderDate: order.createdAt.slice(0, 10),
      addresses: {
        ...(order.billingAddress
          ? { sellTo: address(order.billingAddress, limits), billTo: address(order.billingAddress, limits) }
          : {}),
        ...(shipTo
          ? {
              shipTo: {
                ...address(shipTo, limits),
                name: (shipTo.company || personName(shipTo)).slice(0, limits.address.name),
              },
            }
          : {}),
      },
      lines,
      ...(unallocated > 0n ? { invoiceDiscountAmount: fromMicros(unallocated) } : {}),
    },
  };
}

/**
 * The document's lines as the order keeps them, so a shipped ERP line finds its Shopify line:
 * `lineRefs` are the ERP's references of the created lines, in document order (null: not known).
 */
export function erpDocumentLinesOf(
  document: SalesDocumentDraft,
  lineRefs: readonly string[] | null,
): ErpDocumentLine[] {
  const refs = lineRefs?.length === document.lines.length ? lineRefs : null;
  return document.lines.map((line, index) => ({
    lineRef: refs?.[index] ?? null,
    shopifyLineId: line.shopifyLineId ?? null,
    type: line.type,
    number: line.number,
    variantCode: line.variantCode ?? null,
    quantity: line.quantity,
  }));
}

/**
 * What the document adds up to before the ERP's tax: lines less line discounts, less the
 * invoice discount. Equals Shopify's total when prices include tax, else its total less tax.
 */
export function documentTotal(document: SalesDocumentDraft): string {
  const lines = sum(
    document.lines.map((l) => toMicros(l.unitPrice) * BigInt(l.quantity) - toMicros(l.discountAmount ?? "0")),
  );
  return fromMicros(lines - toMicros(document.invoiceDiscountAmount ?? "0"));
}

function amountLine(number: string, line: OrderLine, pick: (m: MoneyPair) => Micros): DraftLine {
  // The allocation covers what was ordered; keep the share of what is left after refunds.
  const discount = prorate(pick(line.discount), line.quantity, line.orderedQuantity);
  return {
    type: "account",
    number,
    quantity: line.quantity,
    unitPrice: fromMicros(pick(line.unitPrice)),
    ...(discount > 0n ? { discountAmount: fromMicros(discount) } : {}),
    description: [line.title, line.variantTitle].filter(Boolean).join(" ").slice(0, 100),
  };
}

/** Settings may key a location by its gid or its numeric id. */
function locationCode(line: OrderLine, settings: ShopSettings): string | undefined {
  const id = line.fulfillmentLocationId;
  if (!id) return undefined;
  const locations = settings.orders.locations;
  return locations[id] ?? locations[id.replace(/^gid:\/\/shopify\/Location\//, "")];
}

function address(a: OrderAddress, { address: max }: Pick<ErpLimits, "address">): DraftAddress {
  return {
    line1: (a.address1 ?? "").slice(0, max.line1),
    line2: (a.address2 ?? "").slice(0, max.line2),
    city: (a.city ?? "").slice(0, max.city),
    state: (a.provinceCode ?? "").slice(0, max.state),
    countryCode: a.countryCode ?? "",
    postalCode: (a.zip ?? "").slice(0, max.postalCode),
  };
}

function personName(a: OrderAddress): string {
  return [a.firstName, a.lastName].filter(Boolean).join(" ");
}

/** A shipping mapping value: "6100" (G/L account), "item:FREIGHT" or "charge:P-FREIGHT". */
export function shippingTarget(value: string): { type: "account" | "item" | "charge"; number: string } | null {
  if (value === "") return null;
  const match = /^(account|item|charge):(.+)$/.exec(value);
  if (!match) return { type: "account", number: value };
  return { type: match[1] as "account" | "item" | "charge", number: match[2] ?? "" };
}
