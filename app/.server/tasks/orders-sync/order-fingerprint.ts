import type { ImportedOrder, MoneyPair, OrderAddress, OrderLine } from "./imported-order.ts";

/**
 * What the ERP document made from an order depends on, as one stable string: lines (sku, variant,
 * quantity, prices, discounts), shipping, addresses, customer, cancellation and totals. Tags, the
 * note, attributes and metafields are left out on purpose: the app writes the ERP document number
 * back to the order, and that write must not look like an edit that conflicts with the document.
 */
export function orderFingerprint(order: ImportedOrder): string {
  return JSON.stringify([
    order.cancelledAt !== null,
    order.shopCurrency,
    order.presentmentCurrency,
    order.customer?.shopifyCustomerId ?? null,
    order.email,
    addressKey(order.billingAddress),
    addressKey(order.shippingAddress),
    [...order.lines].sort(byLineId).map(lineKey),
    order.shippingLines.map((s) => [s.title, s.code, money(s.price), money(s.discountedPrice)]),
    money(order.unallocatedDiscount),
    money(order.totals.total),
    money(order.totals.tax),
  ]);
}

/**
 * What changed between two versions, in words for the conflict list, e.g.
 * "line 10001-V02 quantity 2 → 1; order cancelled". Empty when nothing the ERP document depends on did.
 */
export function describeOrderChanges(before: ImportedOrder, after: ImportedOrder): string[] {
  const changes: string[] = [];
  if (before.cancelledAt === null && after.cancelledAt !== null) changes.push("order cancelled");
  if (before.cancelledAt !== null && after.cancelledAt === null) changes.push("order no longer cancelled");

  const beforeLines = new Map(before.lines.map((l) => [l.shopifyLineId, l]));
  const afterLines = new Map(after.lines.map((l) => [l.shopifyLineId, l]));
  for (const line of after.lines) {
    const old = beforeLines.get(line.shopifyLineId);
    const label = `line ${lineLabel(line)}`;
    if (!old) {
      changes.push(`${label} added (quantity ${line.quantity})`);
      continue;
    }
    // A cancellation zeroes every line; "order cancelled" already says so.
    if (old.quantity !== line.quantity && !(after.cancelledAt !== null && line.quantity === 0)) {
      changes.push(`${label} quantity ${old.quantity} → ${line.quantity}`);
    }
    if (old.sku !== line.sku) changes.push(`${label} SKU ${old.sku ?? "(none)"} → ${line.sku ?? "(none)"}`);
    if (old.variantId !== line.variantId) changes.push(`${label} variant changed`);
    if (money(old.unitPrice) !== money(line.unitPrice)) {
      changes.push(`${label} price ${old.unitPrice.shop} → ${line.unitPrice.shop}`);
    }
    if (money(old.discount) !== money(line.discount)) {
      changes.push(`${label} discount ${old.discount.shop} → ${line.discount.shop}`);
    }
  }
  for (const line of before.lines) {
    if (!afterLines.has(line.shopifyLineId)) changes.push(`line ${lineLabel(line)} removed`);
  }

  const shipping = (o: ImportedOrder) =>
    JSON.stringify(o.shippingLines.map((s) => [s.title, s.code, money(s.price), money(s.discountedPrice)]));
  if (shipping(before) !== shipping(after)) {
    changes.push(
      `shipping ${sumLabel(before.shippingLines.map((s) => s.discountedPrice))} → ${sumLabel(after.shippingLines.map((s) => s.discountedPrice))}`,
    );
  }
  if (addressKey(before.shippingAddress) !== addressKey(after.shippingAddress)) {
    changes.push("shipping address changed");
  }
  if (addressKey(before.billingAddress) !== addressKey(after.billingAddress)) changes.push("billing address changed");
  if ((before.customer?.shopifyCustomerId ?? null) !== (after.customer?.shopifyCustomerId ?? null)) {
    changes.push("customer changed");
  } else if (before.email !== after.email) {
    changes.push("e-mail changed");
  }
  if (before.shopCurrency !== after.shopCurrency || before.presentmentCurrency !== after.presentmentCurrency) {
    changes.push("currency changed");
  }
  if (money(before.unallocatedDiscount) !== money(after.unallocatedDiscount)) {
    changes.push(`order discount ${before.unallocatedDiscount.shop} → ${after.unallocatedDiscount.shop}`);
  }
  if (money(before.totals.total) !== money(after.totals.total) && before.cancelledAt === after.cancelledAt) {
    changes.push(`total ${before.totals.total.shop} → ${after.totals.total.shop}`);
  } else if (changes.length === 0 && orderFingerprint(before) !== orderFingerprint(after)) {
    changes.push("taxes changed");
  }
  return changes;
}

function lineLabel(line: OrderLine): string {
  return line.sku ?? line.title;
}

function lineKey(line: OrderLine) {
  return [
    line.shopifyLineId,
    line.sku,
    line.variantId,
    line.quantity,
    money(line.unitPrice),
    money(line.discount),
    line.isGiftCard,
    line.isTip,
  ];
}

function byLineId(a: OrderLine, b: OrderLine): number {
  return a.shopifyLineId < b.shopifyLineId ? -1 : a.shopifyLineId > b.shopifyLineId ? 1 : 0;
}

function money(pair: MoneyPair): string {
  // Both amounts were normalised by the mapper; Number() also absorbs "5.0" vs "5.00" in older snapshots.
  return `${Number(pair.shop)}/${Number(pair.presentment)}`;
}

function sumLabel(pairs: MoneyPair[]): string {
  return pairs.reduce((sum, p) => sum + Number(p.shop), 0).toFixed(2);
}

function addressKey(address: OrderAddress | null): string {
  if (!address) return "";
  return JSON.stringify([
    address.firstName,
    address.lastName,
    address.company,
    address.address1,
    address.address2,
    address.city,
    address.zip,
    address.provinceCode,
    address.countryCode,
  ]);
}
