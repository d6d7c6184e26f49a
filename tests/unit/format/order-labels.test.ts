import { describe, expect, it } from "vitest";

import { countOf, formatDateTime, formatMoney } from "../../../app/.server/format/format.ts";
import { orderEventLabel, orderEventLabels, orderStatusBadges } from "../../../app/.server/format/order-labels.ts";
import { orderEventKinds } from "../../../app/.server/queries/order-events.ts";

describe("order history labels", () => {
  it.each(orderEventKinds)("%s has a sentence-case label that is not the raw kind", (kind) => {
    const label = orderEventLabel(kind);
    expect(label).toBe(orderEventLabels[kind]);
    expect(label).not.toContain("_");
    expect(label).not.toBe(kind);
    expect(label.charAt(0)).toBe(label.charAt(0).toUpperCase());
  });

  it("labels exactly the kinds an order's history can hold", () => {
    expect(Object.keys(orderEventLabels).sort()).toEqual([...orderEventKinds].sort());
  });

  it("reads a kind it does not know as words, not as a code", () => {
    expect(orderEventLabel("customer_redacted")).toBe("Customer redacted");
  });

  it("writes the document write-back as a merchant would say it", () => {
    expect(orderEventLabel("written_back")).toBe("Document number written back to Shopify");
  });
});

describe("status badges", () => {
  const base = { status: "unprocessed", waitingOn: null, hasConflict: false, postingStatus: null } as const;
  it("give one badge per state, in sentence case with a tone", () => {
    expect(orderStatusBadges({ ...base, status: "error" })).toEqual([{ label: "Failed", tone: "critical" }]);
    expect(orderStatusBadges({ ...base, waitingOn: "unmapped_customer" })).toEqual([
      { label: "Waiting for customer", tone: "warning" },
    ]);
    expect(orderStatusBadges({ ...base, status: "processed", hasConflict: true, postingStatus: "error" })).toEqual([
      { label: "Processed", tone: "success" },
      { label: "Conflict", tone: "critical" },
      { label: "Posting failed", tone: "critical" },
    ]);
  });
});

describe("formatting", () => {
  it("puts nouns in the right number", () => {
    expect(countOf(1, "product")).toBe("1 product");
    expect(countOf(2, "product")).toBe("2 products");
    expect(countOf(0, "order")).toBe("0 orders");
    expect(countOf(1200, "order")).toBe("1,200 orders");
  });

  it("formats money with its currency, and dates in the shop's time zone (UTC when unknown or invalid)", () => {
    expect(formatMoney("1234.5", "EUR")).toBe("€1,234.50");
    expect(formatMoney("10", "XQZ")).toBe("XQZ\u00a010.00");
    expect(formatMoney("10", "not a code")).toBe("10.00 not a code");
    expect(formatDateTime("2026-10-03T02:30:00Z", "Europe/Berlin")).toBe("Oct 3, 2026, 4:30 AM");
    expect(formatDateTime("2026-10-03T02:30:00Z", null)).toBe("Oct 3, 2026, 2:30 AM");
    expect(formatDateTime("2026-10-03T02:30:00Z", "Not/AZone")).toBe("Oct 3, 2026, 2:30 AM");
  });
});
