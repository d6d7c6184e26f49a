import { describe, expect, it } from "vitest";

import {
  type PaymentFacts,
  type PaymentOrderFacts,
  type PaymentSettings,
  planPayment,
  resolveMethod,
} from "../../../app/.server/tasks/payments-sync/plan-payment.ts";

const settings: PaymentSettings = {
  process: "record",
  methods: { "shopify_payments/Visa": "VISA", shopify_payments: "CARD", Manual: "CASH", gift_card: "skip" },
  defaultMethod: "",
  journal: "",
};
const payment: PaymentFacts = {
  shopifyTransactionId: "gid://shopify/OrderTransaction/7001",
  gateway: "shopify_payments",
  cardBrand: "Visa",
  amount: "100.00",
  presentmentAmount: "92.00",
  processedAt: "2026-11-30T23:10:00Z",
};
const order: PaymentOrderFacts = {
  name: "#1001",
  status: "processed",
  presentment: false,
  invoiceNumber: "103001",
  customerNumber: "10000",
};

describe("resolveMethod", () => {
  it("takes gateway and card brand first, then the gateway, then the default; keys in any case", () => {
    expect(resolveMethod(settings, "shopify_payments", "Visa")).toBe("VISA");
    expect(resolveMethod(settings, "shopify_payments", "visa")).toBe("VISA");
    expect(resolveMethod(settings, "shopify_payments", "Mastercard")).toBe("CARD");
    expect(resolveMethod(settings, "manual", null)).toBe("CASH");
    expect(resolveMethod(settings, "paypal", null)).toBeNull();
    expect(resolveMethod({ ...settings, defaultMethod: "BANK" }, "paypal", null)).toBe("BANK");
  });
});

describe("planPayment", () => {
  it("records the shop amount by its transaction number, applied to the invoice, on the day it was processed", () => {
    expect(planPayment(payment, order, { ...settings, journal: "SHOPIFY" }, "2026-12-01")).toEqual({
      kind: "record",
      draft: {
        externalDocumentNumber: "7001",
        customerNumber: "10000",
        amount: "100.00",
        postingDate: "2026-11-30",
        appliesToInvoiceNumber: "103001",
        paymentMethodCode: "VISA",
        journalCode: "SHOPIFY",
        description: "Shopify #1001 shopify_payments (Visa)",
      },
    });
  });

  it("records the presentment amount when the order's ERP document is in the buyer's currency", () => {
    const plan = planPayment(payment, { ...order, presentment: true }, settings, "2026-12-01");
    expect(plan).toMatchObject({ kind: "record", draft: { amount: "92.00" } });
  });

  it("waits for the order, then for its invoice; import only keeps it; a skip gateway is skipped", () => {
    expect(planPayment(payment, null, settings, "2026-12-01")).toEqual({
      kind: "wait",
      reason: "waits for its order to be imported",
    });
    expect(planPayment(payment, { ...order, status: "unprocessed" }, settings, "2026-12-01")).toMatchObject({
      kind: "wait",
      reason: expect.stringContaining("it is unprocessed"),
    });
    expect(planPayment(payment, { ...order, invoiceNumber: null }, settings, "2026-12-01")).toMatchObject({
      kind: "wait",
      reason: expect.stringContaining("the invoice of order #1001"),
    });
    expect(planPayment(payment, order, { ...settings, process: "import_only" }, "2026-12-01")).toEqual({
      kind: "import",
    });
    expect(
      planPayment({ ...payment, gateway: "gift_card", cardBrand: null }, order, settings, "2026-12-01"),
    ).toMatchObject({ kind: "skip", method: "skip" });
  });

  it("an unmapped gateway or an unknown ERP customer is an error with the reason", () => {
    expect(planPayment({ ...payment, gateway: "paypal", cardBrand: null }, order, settings, "2026-12-01")).toEqual({
      kind: "error",
      reason: "no ERP payment method for paypal: map it in Settings → Payments, or set a default method",
    });
    expect(planPayment(payment, { ...order, customerNumber: null }, settings, "2026-12-01")).toMatchObject({
      kind: "error",
      reason: expect.stringContaining("ERP customer of order #1001"),
    });
  });

  it("a payment Shopify gives no time for is dated today", () => {
    const plan = planPayment({ ...payment, processedAt: null }, order, settings, "2026-12-01");
    expect(plan).toMatchObject({ kind: "record", draft: { postingDate: "2026-12-01" } });
  });
});
