import { describe, expect, it } from "vitest";

import {
  type CreditMemoContext,
  type CreditMemoSettings,
  planCreditMemo,
  type RefundFacts,
} from "../../../app/.server/tasks/refunds-process/plan-credit-memo.ts";

const context: CreditMemoContext = {
  orderName: "#1001",
  customerNumber: "C00010",
  pricesIncludeTax: false,
  invoiceNumber: "103001",
  items: new Map([
    ["gid://shopify/LineItem/1", { itemNumber: "1000", variantCode: "RED", locationCode: "MAIN" }],
    ["gid://shopify/LineItem/2", { itemNumber: "2000", variantCode: "", locationCode: "EAST" }],
  ]),
  locations: new Map([["gid://shopify/Location/7", "EAST"]]),
};
const settings: CreditMemoSettings = {
  refundAccount: "6920",
  nonRestockAccount: "",
  shippingAccount: "6810",
  returnLocation: { priority: "default", code: "" },
};

function refund(overrides: Partial<RefundFacts> = {}): RefundFacts {
  return {
    legacyId: "555",
    createdAt: "2026-12-04T10:00:00Z",
    lines: [
      {
        shopifyLineId: "gid://shopify/LineItem/1",
        quantity: 2,
        restockType: "RETURN",
        locationId: "gid://shopify/Location/7",
        subtotal: "20.00",
        totalTax: "3.80",
      },
    ],
    shipping: { subtotal: "0", tax: "0" },
    refunded: "23.80",
    ...overrides,
  };
}

describe("planCreditMemo", () => {
  it("a returned line is an item line at the location it went back to, applied to the invoice, nothing else", () => {
    const plan = planCreditMemo(refund(), context, settings);
    expect(plan).toEqual({
      ok: true,
      draft: {
        externalDocumentNumber: "#1001-R555",
        customerNumber: "C00010",
        pricesIncludeTax: false,
        creditMemoDate: "2026-12-04",
        appliesToInvoiceNumber: "103001",
        lines: [
          { type: "item", number: "1000", variantCode: "RED", locationCode: "EAST", quantity: 2, unitPrice: "10" },
        ],
      },
    });
  });

  it("the default return location wins when set; 'original' takes the order line's", () => {
    const byDefault = planCreditMemo(refund(), context, {
      ...settings,
      returnLocation: { priority: "default", code: "RETURNS" },
    });
    const original = planCreditMemo(refund(), context, {
      ...settings,
      returnLocation: { priority: "original", code: "RETURNS" },
    });
    expect(byDefault.ok && byDefault.draft.lines[0]!.locationCode).toBe("RETURNS");
    expect(original.ok && original.draft.lines[0]!.locationCode).toBe("MAIN");
  });

  it("cancelled lines go to the refund account, not-restocked ones to the non-restock account when set", () => {
    const lines: RefundFacts["lines"] = [
      { ...refund().lines[0]!, restockType: "CANCEL" },
      { ...refund().lines[0]!, shopifyLineId: "gid://shopify/LineItem/2", restockType: "NO_RESTOCK", locationId: null },
    ];
    const plan = planCreditMemo(refund({ lines, refunded: "47.60" }), context, {
      ...settings,
      nonRestockAccount: "6930",
    });
    expect(plan.ok && plan.draft.lines).toEqual([
      {
        type: "account",
        number: "6920",
        quantity: 1,
        unitPrice: "20",
        description: "Cancelled 2 × line gid://shopify/LineItem/1",
      },
      {
        type: "account",
        number: "6930",
        quantity: 1,
        unitPrice: "20",
        description: "Refunded, not restocked: 2 × line gid://shopify/LineItem/2",
      },
    ]);
    // Without a non-restock account the line is an item line at its own location (no stock comes back in Shopify).
    const asItem = planCreditMemo(refund({ lines: [lines[1]!], refunded: "23.80" }), context, settings);
    expect(asItem.ok && asItem.draft.lines).toEqual([
      { type: "item", number: "2000", locationCode: "EAST", quantity: 2, unitPrice: "10" },
    ]);
  });

  it("refunded shipping goes to the shipping account; a refund discrepancy or rounding to the refund account", () => {
    const lines: RefundFacts["lines"] = [{ ...refund().lines[0]!, quantity: 3, subtotal: "10.00", totalTax: "1.90" }];
    const plan = planCreditMemo(
      refund({ lines, shipping: { subtotal: "4.95", tax: "0.94" }, refunded: "18.00" }),
      context,
      settings,
    );
    // 10.00 / 3 = 3.33 a unit (9.99); shipping 4.95; paid back 18.00 less 2.84 tax = 15.16: 0.22 more.
    expect(plan.ok && plan.draft.lines).toEqual([
      { type: "item", number: "1000", variantCode: "RED", locationCode: "EAST", quantity: 3, unitPrice: "3.33" },
      { type: "account", number: "6810", quantity: 1, unitPrice: "4.95", description: "Refunded shipping" },
      { type: "account", number: "6920", quantity: 1, unitPrice: "0.22", description: "Refund difference" },
    ]);
    // Less paid back than the goods were worth (Shopify's refund discrepancy): a negative line.
    const less = planCreditMemo(
      refund({ lines, shipping: { subtotal: "4.95", tax: "0.94" }, refunded: "17.00" }),
      context,
      settings,
    );
    expect(less.ok && less.draft.lines.at(-1)).toMatchObject({ number: "6920", unitPrice: "-0.78" });
  });

  it("prices including tax carry the tax in the lines", () => {
    const plan = planCreditMemo(refund(), { ...context, pricesIncludeTax: true }, settings);
    expect(plan.ok && plan.draft.lines).toEqual([
      { type: "item", number: "1000", variantCode: "RED", locationCode: "EAST", quantity: 2, unitPrice: "11.9" },
    ]);
  });

  it("says what is missing instead of guessing: an unknown line, a missing account, nothing to credit", () => {
    expect(
      planCreditMemo(
        refund({ lines: [{ ...refund().lines[0]!, shopifyLineId: "gid://shopify/LineItem/9" }] }),
        context,
        settings,
      ),
    ).toEqual({
      ok: false,
      reason: "line gid://shopify/LineItem/9 of the refund is not on the order's ERP document",
    });
    expect(
      planCreditMemo(refund({ lines: [{ ...refund().lines[0]!, restockType: "CANCEL" }] }), context, {
        ...settings,
        refundAccount: "",
      }),
    ).toEqual({ ok: false, reason: "Settings → Refunds needs a refund account for cancelled lines" });
    expect(planCreditMemo(refund({ lines: [], refunded: "0" }), context, settings)).toEqual({
      ok: false,
      reason: "the refund has nothing to credit",
    });
  });
});
