import { describe, expect, it } from "vitest";

import {
  documentTotal,
  mapToSalesDocument,
  shippingTarget,
} from "../../../app/.server/tasks/orders-process/map-to-sales-document.ts";
import { fromMicros, toMicros } from "../../../app/.server/domain/money.ts";
import { importedOrder, money, orderLine, settings } from "./imported-order-factory.ts";

/** An ERP's field sizes, as its adapter states them (these are Business Central's). */
const limits = {
  itemNumberMaxLength: 20,
  externalDocumentNumberMaxLength: 35,
  address: { line1: 100, line2: 50, city: 30, state: 30, postalCode: 20, name: 100 },
};

const shirt = orderLine({
  sku: "10001-V01",
  quantity: 2,
  unitPrice: money("62.90"),
  discount: money("12.58"),
  fulfillmentLocationId: "gid://shopify/Location/2",
});
const bottle = orderLine({ sku: "20001", title: "Bottle", variantTitle: null, unitPrice: money("25.90") });
const resolved = {
  customerNumber: "C00010",
  items: new Map([
    [shirt.shopifyLineId, { itemNumber: "10001", variantCode: "V01" }],
    [bottle.shopifyLineId, { itemNumber: "20001", variantCode: "" }],
  ]),
};
const shipping = { title: "Standard", code: "STD", price: money("9.90"), discountedPrice: money("9.90"), taxLines: [] };
const base = settings({
  orders: { shippingChargesAccount: "6100", locations: { "gid://shopify/Location/2": "EAST" } },
});

/** 2 × 62.90 − 12.58 + 25.90 − 5.00 order discount + 9.90 shipping (+ 10.00 tax when excluded). */
function workedExample(taxesIncluded: boolean) {
  return importedOrder({
    name: "#1042",
    taxesIncluded,
    lines: [shirt, bottle],
    shippingLines: [shipping],
    unallocatedDiscount: money("5.00"),
    totals: {
      subtotal: money("139.12"),
      tax: money("10.00"),
      discounts: money("17.58"),
      shipping: money("9.90"),
      total: money(taxesIncluded ? "144.02" : "154.02"),
    },
  });
}

describe("mapToSalesDocument", () => {
  it("worked example: the document adds up to Shopify's total (less tax when prices exclude it)", () => {
    for (const taxesIncluded of [false, true]) {
      const order = workedExample(taxesIncluded);
      const result = mapToSalesDocument(order, resolved, base, limits);
      if (!result.ok) throw new Error(result.error);
      const expected = toMicros(order.totals.total.shop) - (taxesIncluded ? 0n : toMicros(order.totals.tax.shop));
      expect(documentTotal(result.document)).toBe(fromMicros(expected));
      expect(result.document.pricesIncludeTax).toBe(taxesIncluded);
    }
  });

  it("builds header and lines: external number, items with variant and location, shipping, invoice discount", () => {
    const result = mapToSalesDocument(workedExample(false), resolved, base, limits);
    expect(result).toMatchObject({
      ok: true,
      document: {
        type: "order",
        externalDocumentNumber: "#1042",
        customerNumber: "C00010",
        orderDate: "2026-10-05",
        invoiceDiscountAmount: "5",
        lines: [
          {
            type: "item",
            number: "10001",
            variantCode: "V01",
            locationCode: "EAST",
            quantity: 2,
            unitPrice: "62.9",
            discountAmount: "12.58",
          },
          { type: "item", number: "20001", quantity: 1, unitPrice: "25.9" },
          { type: "account", number: "6100", quantity: 1, unitPrice: "9.9", description: "Standard" },
        ],
      },
    });
    expect(result.ok && result.document.currencyCode).toBeUndefined();
    expect(result.ok && "documentNumber" in result.document).toBe(false);
  });

  it.each([
    ["sales_order", "FULFILLED", "order"],
    ["invoice_when_fulfilled", "FULFILLED", "invoice"],
    ["invoice_when_fulfilled", "PARTIALLY_FULFILLED", "order"],
  ] as const)("documentType %s + %s → sales %s", (documentType, fulfillmentStatus, type) => {
    const order = importedOrder({ ...workedExample(false), fulfillmentStatus });
    const result = mapToSalesDocument(
      order,
      resolved,
      settings({ ...base, orders: { ...base.orders, documentType } }),
      limits,
    );
    expect(result.ok && result.document.type).toBe(type);
  });

  it("uses the order name as document number when asked, and refuses one over 35 characters", () => {
    const s = settings({ ...base, orders: { ...base.orders, useOrderNameAsDocumentNo: true } });
    expect(mapToSalesDocument(workedExample(false), resolved, s, limits)).toMatchObject({
      document: { documentNumber: "#1042" },
    });
    const long = { ...workedExample(false), name: `#${"9".repeat(35)}` };
    expect(mapToSalesDocument(long, resolved, base, limits)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/35/),
    });
  });

  it("checks the order name against the connected ERP's limit, not a fixed one", () => {
    const short = { ...limits, externalDocumentNumberMaxLength: 4 };
    expect(mapToSalesDocument(workedExample(false), resolved, base, short)).toEqual({
      ok: false,
      error: 'The order name "#1042" does not fit the ERP\'s 4-character external document number.',
    });
    const roomy = { ...limits, externalDocumentNumberMaxLength: 60 };
    const long = { ...workedExample(false), name: `#${"9".repeat(40)}` };
    expect(mapToSalesDocument(long, resolved, base, roomy).ok).toBe(true);
  });

  it("presentment currency: presentment amounts and the currency code", () => {
    const order = importedOrder({
      presentmentCurrency: "EUR",
      lines: [{ ...bottle, unitPrice: money("25.90", "23.80") }],
    });
    const s = settings({ orders: { currency: "presentment" } });
    expect(mapToSalesDocument(order, resolved, s, limits)).toMatchObject({
      document: { currencyCode: "EUR", lines: [{ unitPrice: "23.8" }] },
    });
  });

  it("keeps the discount share of what is left after a refund and skips fully refunded lines", () => {
    const partly = { ...shirt, quantity: 1, orderedQuantity: 2 };
    const gone = { ...bottle, quantity: 0, orderedQuantity: 1 };
    const result = mapToSalesDocument(importedOrder({ lines: [partly, gone] }), resolved, base, limits);
    expect(result).toMatchObject({ document: { lines: [{ quantity: 1, discountAmount: "6.29" }] } });
    expect(result.ok && result.document.lines).toHaveLength(1);
  });

  it("tips, gift cards and mapped shipping methods go to their accounts; a missing account is an error", () => {
    const tip = orderLine({ isTip: true, variantId: null, sku: null, title: "Tip", unitPrice: money("3.00") });
    const card = orderLine({ isGiftCard: true, title: "Gift card", unitPrice: money("50.00") });
    const express = { ...shipping, title: "Express", code: "EXP", discountedPrice: money("4.90") };
    const order = importedOrder({ lines: [bottle, tip, card], shippingLines: [express] });
    const s = settings({
      orders: { tipAccount: "6200", giftCardAccount: "2300", shippingMethods: { EXP: "6110" } },
    });
    expect(mapToSalesDocument(order, resolved, s, limits)).toMatchObject({
      document: {
        lines: [
          { number: "20001" },
          { type: "account", number: "6200", unitPrice: "3" },
          { type: "account", number: "2300", unitPrice: "50" },
          { type: "account", number: "6110", unitPrice: "9.9", discountAmount: "5" },
        ],
      },
    });
    expect(mapToSalesDocument(order, resolved, settings(), limits)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/tip/),
    });
    const shippingOnly = importedOrder({ lines: [bottle], shippingLines: [shipping] });
    expect(mapToSalesDocument(shippingOnly, resolved, settings(), limits)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/shipping charges account/),
    });
  });

  it("a shipping method can be charged to an item or an item charge instead of an account", () => {
    const express = { ...shipping, title: "Express", code: "EXP" };
    const order = importedOrder({ lines: [bottle], shippingLines: [shipping, express] });
    const s = settings({ orders: { shippingMethods: { Standard: "item:FREIGHT", EXP: "charge:P-FREIGHT" } } });
    expect(mapToSalesDocument(order, resolved, s, limits)).toMatchObject({
      document: {
        lines: [
          { number: "20001" },
          { type: "item", number: "FREIGHT", unitPrice: "9.9" },
          { type: "charge", number: "P-FREIGHT", unitPrice: "9.9" },
        ],
      },
    });
    expect(shippingTarget("6100")).toEqual({ type: "account", number: "6100" });
    expect(shippingTarget("")).toBeNull();
  });
});
