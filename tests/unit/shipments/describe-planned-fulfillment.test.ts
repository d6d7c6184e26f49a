import { describe, expect, it } from "vitest";

import { describePlannedFulfillment } from "../../../app/.server/tasks/shipments-sync/describe-planned-fulfillment.ts";
import type { FulfillmentGroup } from "../../../app/.server/tasks/shipments-sync/shipment-records.ts";

const group = (over: Partial<FulfillmentGroup> = {}): FulfillmentGroup => ({
  locationId: "gid://shopify/Location/1",
  locationName: "Shop location",
  accept: [],
  byFulfillmentOrder: [
    {
      fulfillmentOrderId: "gid://shopify/FulfillmentOrder/1",
      lines: [
        { id: "fol-1", lineItemId: "li-1", quantity: 2 },
        { id: "fol-2", lineItemId: "li-2", quantity: 1 },
      ],
    },
  ],
  fulfillmentId: null,
  attempt: null,
  ...over,
});

describe("describePlannedFulfillment", () => {
  const base = { orderName: "#1001", tracking: undefined, cancelledAt: null, notes: [] };

  it("names the lines, units, location and tracking of each fulfillment still to send", () => {
    expect(
      describePlannedFulfillment({
        ...base,
        plan: { groups: [group()], notes: [] },
        tracking: { company: "UPS", number: "1Z1", url: "https://t.example/1Z1" },
      }),
    ).toBe("would fulfil 2 lines (3 units) of #1001 at Shop location with tracking UPS 1Z1 (https://t.example/1Z1).");
  });

  it("leaves out groups already in Shopify, says when our service's request is accepted first, and keeps the notes", () => {
    const done = group({ locationName: "East", fulfillmentId: "gid://shopify/Fulfillment/9" });
    const own = group({
      locationName: "Our warehouse",
      accept: ["gid://shopify/FulfillmentOrder/2"],
      byFulfillmentOrder: [
        { fulfillmentOrderId: "gid://shopify/FulfillmentOrder/2", lines: [{ id: "f", lineItemId: "l", quantity: 1 }] },
      ],
    });
    expect(
      describePlannedFulfillment({
        ...base,
        plan: { groups: [done, own], notes: ["Gift card: not on the order."] },
        notes: [],
      }),
    ).toBe(
      "would fulfil 1 line (1 unit) of #1001 at Our warehouse without tracking, accepting our fulfillment service's request first. Gift card: not on the order.",
    );
  });

  it("says nothing is left, or that a cancelled order stops it", () => {
    const sent = group({ fulfillmentId: "gid://shopify/Fulfillment/1" });
    expect(describePlannedFulfillment({ ...base, plan: { groups: [sent], notes: [] } })).toBe(
      "would send nothing more: every fulfillment of #1001 is already in Shopify.",
    );
    expect(
      describePlannedFulfillment({
        ...base,
        plan: { groups: [group()], notes: [] },
        cancelledAt: "2026-01-02T00:00:00Z",
      }),
    ).toBe("would not fulfil: the Shopify order #1001 was cancelled.");
  });
});
