import { fromMicros, type Micros, prorate, sum, toMicros } from "../../domain/money.ts";

/** How a refunded line went back (Shopify's RefundLineItemRestockType; LEGACY_RESTOCK is RETURN's old name). */
export type RestockType = "RETURN" | "CANCEL" | "NO_RESTOCK" | "LEGACY_RESTOCK";

/** A Shopify refund as the credit memo needs it, in the document's currency (shop or presentment). */
export interface RefundFacts {
  /** The refund's legacy id: the credit memo's key, with the order's name. */
  legacyId: string;
  createdAt: string;
  lines: Array<{
    shopifyLineId: string;
    quantity: number;
    restockType: RestockType;
    /** Shopify location the units went back to (RETURN); null when none. */
    locationId: string | null;
    /** The refunded line's subtotal (price × quantity less its discounts), before tax. */
    subtotal: string;
    totalTax: string;
  }>;
  /** Refunded shipping, before tax, and its tax. */
  shipping: { subtotal: string; tax: string };
  /** What was paid back (the refund's successful REFUND transactions). */
  refunded: string;
}

export interface CreditMemoContext {
  orderName: string;
  customerNumber: string;
  currencyCode?: string;
  pricesIncludeTax: boolean;
  /** The order's posted invoice, when there is one: the credit memo is applied to it. */
  invoiceNumber: string | null;
  /** ERP item (and its ERP location on the order) per Shopify line id. */
  items: ReadonlyMap<string, { itemNumber: string; variantCode: string; locationCode: string | null }>;
  /** Shopify location id → ERP location code (the shop's mapping). */
  locations: ReadonlyMap<string, string>;
}

export interface CreditMemoSettings {
  /** Cancelled lines and the difference to what was paid back (BC: Refund Account). */
  refundAccount: string;
  /** Refunded lines not restocked (BC: Refund Account non-restock Items); "" = item lines. */
  nonRestockAccount: string;
  /** Refunded shipping. */
  shippingAccount: string;
  /** Where returned units go (BC: Return Location Priority): the default return location, or the original line's. */
  returnLocation: { priority: "default" | "original"; code: string };
}

export interface CreditMemoLine {
  type: "item" | "account";
  number: string;
  variantCode?: string;
  locationCode?: string;
  quantity: number;
  unitPrice: string;
  description?: string;
}

export interface CreditMemoDraft {
  externalDocumentNumber: string;
  customerNumber: string;
  currencyCode?: string;
  pricesIncludeTax: boolean;
  creditMemoDate: string;
  appliesToInvoiceNumber?: string;
  lines: CreditMemoLine[];
}

export type CreditMemoPlan = { ok: true; draft: CreditMemoDraft } | { ok: false; reason: string };

/** The refund's key in the ERP: the order's name and the refund's id, never cut (at most 35 in BC). */
export function creditMemoKey(orderName: string, refundLegacyId: string): string {
  return `${orderName}-R${refundLegacyId}`;
}

/**
 * A refund → the ERP credit memo (BC: Shpfy Create Sales Doc. Refund): returned and no-restock
 * lines as item lines (no-restock to the non-restock account when one is set), returned units at
 * the return location; cancelled lines to the refund account; refunded shipping to the shipping
 * account; and the difference between what was paid back and the lines (a refund discrepancy, a
 * unit price rounded to the cent) as a last refund-account line, so the credit memo is what the
 * customer got back, and the units returned are the units refunded.
 */
export function planCreditMemo(
  refund: RefundFacts,
  context: CreditMemoContext,
  settings: CreditMemoSettings,
): CreditMemoPlan {
  const withTax = (net: string, tax: string): Micros =>
    context.pricesIncludeTax ? toMicros(net) + toMicros(tax) : toMicros(net);
  const lines: CreditMemoLine[] = [];
  for (const line of refund.lines) {
    if (line.quantity <= 0) continue;
    const amount = withTax(line.subtotal, line.totalTax);
    const item = context.items.get(line.shopifyLineId);
    if (line.restockType === "CANCEL") {
      if (!settings.refundAccount) return needs("a refund account for cancelled lines");
      lines.push(
        accountLine(settings.refundAccount, amount, `Cancelled ${line.quantity} × line ${line.shopifyLineId}`),
      );
      continue;
    }
    if (line.restockType === "NO_RESTOCK" && settings.nonRestockAccount) {
      lines.push(
        accountLine(
          settings.nonRestockAccount,
          amount,
          `Refunded, not restocked: ${line.quantity} × line ${line.shopifyLineId}`,
        ),
      );
      continue;
    }
    if (!item) {
      return { ok: false, reason: `line ${line.shopifyLineId} of the refund is not on the order's ERP document` };
    }
    const location =
      line.restockType === "NO_RESTOCK"
        ? (item.locationCode ?? undefined)
        : returnLocation(line, item, context, settings);
    lines.push({
      type: "item",
      number: item.itemNumber,
      ...(item.variantCode ? { variantCode: item.variantCode } : {}),
      ...(location ? { locationCode: location } : {}),
      ...unitPriced(amount, line.quantity),
    });
  }
  const shipping = withTax(refund.shipping.subtotal, refund.shipping.tax);
  if (shipping !== 0n) {
    if (!settings.shippingAccount) return needs("a shipping account for refunded shipping");
    lines.push(accountLine(settings.shippingAccount, shipping, "Refunded shipping"));
  }
  const credited = sum(lines.map((l) => toMicros(l.unitPrice) * BigInt(l.quantity)));
  // Tax is the ERP's to add when prices exclude it: compare with what was paid back net of tax then.
  const tax = context.pricesIncludeTax
    ? 0n
    : sum(refund.lines.filter((l) => l.quantity > 0).map((l) => toMicros(l.totalTax))) + toMicros(refund.shipping.tax);
  const difference = toMicros(refund.refunded) - tax - credited;
  if (difference !== 0n) {
    if (!settings.refundAccount) return needs("a refund account for the difference to what was paid back");
    lines.push(accountLine(settings.refundAccount, difference, "Refund difference"));
  }
  if (lines.length === 0) return { ok: false, reason: "the refund has nothing to credit" };
  return {
    ok: true,
    draft: {
      externalDocumentNumber: creditMemoKey(context.orderName, refund.legacyId),
      customerNumber: context.customerNumber,
      ...(context.currencyCode ? { currencyCode: context.currencyCode } : {}),
      pricesIncludeTax: context.pricesIncludeTax,
      creditMemoDate: refund.createdAt.slice(0, 10),
      ...(context.invoiceNumber ? { appliesToInvoiceNumber: context.invoiceNumber } : {}),
      lines,
    },
  };
}

function needs(what: string): CreditMemoPlan {
  return { ok: false, reason: `Settings → Refunds needs ${what}` };
}

function returnLocation(
  line: RefundFacts["lines"][number],
  item: { locationCode: string | null },
  context: CreditMemoContext,
  settings: CreditMemoSettings,
): string | undefined {
  if (settings.returnLocation.priority === "original") {
    return item.locationCode ?? settings.returnLocation.code ?? undefined;
  }
  const mapped = line.locationId ? context.locations.get(line.locationId) : undefined;
  return settings.returnLocation.code || mapped || item.locationCode || undefined;
}

function accountLine(account: string, amount: Micros, description: string): CreditMemoLine {
  return { type: "account", number: account, quantity: 1, unitPrice: fromMicros(amount), description };
}

/** The units refunded at the unit price rounded to the cent; the rest goes to the difference line. */
function unitPriced(amount: Micros, quantity: number): { quantity: number; unitPrice: string } {
  return { quantity, unitPrice: fromMicros(prorate(amount, 1, quantity)) };
}
