import { describe, expect, it } from "vitest";

import { findLandedFulfillment } from "../../../app/.server/tasks/shipments-sync/find-landed-fulfillment.ts";
import type { FulfillmentGroup } from "../../../app/.server/tasks/shipments-sync/shipment-records.ts";
import { CARRIER_SETTING_PATTERN, trackingFor } from "../../../app/.server/tasks/shipments-sync/tracking.ts";

describe("trackingFor", () => {
  const tracking = { shippingAgentCode: "UPS", shippingAgentServiceCode: "GROUND", trackingNumber: "1Z 999" };

  it("maps the agent to the tracking company and fills the URL pattern", () => {
    expect(trackingFor(tracking, { ups: "UPS | https://track.example/?n={number}" })).toEqual({
      company: "UPS",
      number: "1Z 999",
      url: "https://track.example/?n=1Z%20999",
    });
  });

  it("sends an unmapped agent code as the company and leaves the URL to Shopify", () => {
    expect(trackingFor(tracking, {})).toEqual({ company: "UPS", number: "1Z 999" });
  });

  it("sends nothing without a number or agent, and no URL without a number", () => {
    expect(trackingFor(null, {})).toBeUndefined();
    expect(
      trackingFor({ shippingAgentCode: "", shippingAgentServiceCode: "", trackingNumber: " " }, {}),
    ).toBeUndefined();
    expect(trackingFor({ ...tracking, trackingNumber: "" }, { UPS: "UPS | https://x/{number}" })).toEqual({
      company: "UPS",
    });
  });

  it("accepts 'Company' and 'Company | https://…' settings only", () => {
    expect(CARRIER_SETTING_PATTERN.test("DHL Express")).toBe(true);
    expect(CARRIER_SETTING_PATTERN.test("Post | https://post.example/{number}")).toBe(true);
    expect(CARRIER_SETTING_PATTERN.test("Post | ftp://x")).toBe(false);
    expect(CARRIER_SETTING_PATTERN.test("")).toBe(false);
  });
});

describe("findLandedFulfillment", () => {
  const group: FulfillmentGroup = {
    locationId: "L1",
    locationName: "Warehouse",
    accept: [],
    byFulfillmentOrder: [
      {
        fulfillmentOrderId: "FO1",
        lines: [
          { id: "FOL-A", lineItemId: "A", quantity: 2 },
          { id: "FOL-B", lineItemId: "B", quantity: 1 },
        ],
      },
    ],
    fulfillmentId: null,
    attempt: { startedAt: "2026-11-27T00:00:00Z", knownFulfillmentIds: ["F1"] },
  };
  const lines = [
    { lineItemId: "A", quantity: 2 },
    { lineItemId: "B", quantity: 1 },
  ];

  it("finds the fulfillment the interrupted attempt made", () => {
    expect(findLandedFulfillment(group, [{ id: "F2", status: "SUCCESS", locationId: "L1", lines }], new Set())).toBe(
      "F2",
    );
  });

  it("ignores fulfillments that were there before, are claimed, elsewhere, cancelled or ship other lines", () => {
    const candidates = [
      { id: "F1", status: "SUCCESS", locationId: "L1", lines },
      { id: "F3", status: "SUCCESS", locationId: "L1", lines },
      { id: "F4", status: "SUCCESS", locationId: "L2", lines },
      { id: "F5", status: "CANCELLED", locationId: "L1", lines },
      { id: "F6", status: "SUCCESS", locationId: "L1", lines: [{ lineItemId: "A", quantity: 2 }] },
    ];
    expect(findLandedFulfillment(group, candidates, new Set(["F3"]))).toBeNull();
  });

  it("finds nothing when no attempt was recorded", () => {
    expect(
      findLandedFulfillment(
        { ...group, attempt: null },
        [{ id: "F2", status: "SUCCESS", locationId: "L1", lines }],
        new Set(),
      ),
    ).toBeNull();
  });
});
