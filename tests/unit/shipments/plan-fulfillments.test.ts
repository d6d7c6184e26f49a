import { describe, expect, it } from "vitest";

import {
  type FulfillmentOrderView,
  MAX_LINES_PER_FULFILLMENT,
  planFulfillments,
  type PlanInput,
} from "../../../app/.server/tasks/shipments-sync/plan-fulfillments.ts";
import type { ErpDocumentLine, ShipmentContent } from "../../../app/.server/tasks/shipments-sync/shipment-records.ts";

const LINE_A = "gid://shopify/LineItem/1";
const LINE_B = "gid://shopify/LineItem/2";
const LINE_C = "gid://shopify/LineItem/3";

// The ERP's line references as BC returns them (its Line No.); the shipped lines below name them.
const erpLines: ErpDocumentLine[] = [
  { lineRef: "10000", shopifyLineId: LINE_A, type: "item", number: "1000", variantCode: "RED", quantity: 3 },
  // The same item twice (two variants, or the same variant on two lines): matched by line, not item.
  { lineRef: "20000", shopifyLineId: LINE_B, type: "item", number: "1000", variantCode: "BLUE", quantity: 2 },
  { lineRef: "30000", shopifyLineId: LINE_C, type: "item", number: "2000", variantCode: null, quantity: 1 },
  { lineRef: "40000", shopifyLineId: null, type: "account", number: "6100", variantCode: null, quantity: 1 },
];

function fo(id: string, lines: Array<[string, string, number]>, extra: Partial<FulfillmentOrderView> = {}) {
  return {
    id,
    status: "OPEN",
    requestStatus: "UNSUBMITTED",
    locationId: "gid://shopify/Location/1",
    locationName: "Warehouse",
    service: null,
    lines: lines.map(([lineId, lineItemId, remainingQuantity]) => ({ id: lineId, lineItemId, remainingQuantity })),
    ...extra,
  } satisfies FulfillmentOrderView;
}

function shipped(
  lines: Array<[number, string, number]>,
  tracking: ShipmentContent["tracking"] = null,
): ShipmentContent {
  return {
    lines: [
      ...lines.map(([sequence, number, quantity]) => ({
        sequence,
        // As BC ships them: the shipment line keeps the order line's number.
        orderLineRef: String(sequence),
        lineType: "Item",
        number,
        description: `Item ${number}`,
        quantity,
      })),
      {
        sequence: 40000,
        orderLineRef: "40000",
        lineType: "Account",
        number: "6100",
        description: "Shipping",
        quantity: 1,
      },
    ],
    tracking,
  };
}

function input(overrides: Partial<PlanInput>): PlanInput {
  return {
    orderName: "#1001",
    cancelledAt: null,
    content: shipped([[10000, "1000", 3]]),
    erpLines,
    orderLines: [
      { shopifyLineId: LINE_A, title: "Shirt - Red", sku: "1000-RED" },
      { shopifyLineId: LINE_B, title: "Shirt - Blue", sku: "1000-BLUE" },
      { shopifyLineId: LINE_C, title: "Cap", sku: "2000" },
    ],
    fulfillmentOrders: [
      fo("FO1", [
        ["FOL-A", LINE_A, 3],
        ["FOL-B", LINE_B, 2],
        ["FOL-C", LINE_C, 1],
      ]),
    ],
    ownServiceHandle: "",
    productMapping: { strategy: "item_no_and_variant_code", skuSeparator: "-" },
    ...overrides,
  };
}

describe("planFulfillments", () => {
  it("matches shipped lines by the ERP line they came from, so the same item on two lines keeps its own quantity", () => {
    const result = planFulfillments(input({ content: shipped([[20000, "1000", 2]]) }));
    expect(result).toEqual({
      kind: "plan",
      plan: {
        notes: [],
        groups: [
          {
            locationId: "gid://shopify/Location/1",
            locationName: "Warehouse",
            accept: [],
            byFulfillmentOrder: [
              { fulfillmentOrderId: "FO1", lines: [{ id: "FOL-B", lineItemId: LINE_B, quantity: 2 }] },
            ],
            fulfillmentId: null,
            attempt: null,
          },
        ],
      },
    });
  });

  it("plans a partial shipment from what is left, and a second one from the rest", () => {
    const first = planFulfillments(input({ content: shipped([[10000, "1000", 1]]) }));
    expect(first.kind === "plan" && first.plan.groups[0]?.byFulfillmentOrder[0]?.lines).toEqual([
      { id: "FOL-A", lineItemId: LINE_A, quantity: 1 },
    ]);
    const after = input({
      content: shipped([
        [10000, "1000", 2],
        [30000, "2000", 1],
      ]),
      fulfillmentOrders: [
        fo("FO1", [
          ["FOL-A", LINE_A, 2],
          ["FOL-B", LINE_B, 2],
          ["FOL-C", LINE_C, 1],
        ]),
      ],
    });
    const second = planFulfillments(after);
    expect(second.kind === "plan" && second.plan.groups[0]?.byFulfillmentOrder[0]?.lines).toEqual([
      { id: "FOL-A", lineItemId: LINE_A, quantity: 2 },
      { id: "FOL-C", lineItemId: LINE_C, quantity: 1 },
    ]);
  });

  it("makes one group per location, and spreads a line split over two fulfillment orders", () => {
    const result = planFulfillments(
      input({
        fulfillmentOrders: [
          fo("FO1", [["FOL-A1", LINE_A, 1]]),
          fo("FO2", [["FOL-A2", LINE_A, 2]], { locationId: "gid://shopify/Location/2", locationName: "Store" }),
        ],
      }),
    );
    expect(result.kind).toBe("plan");
    if (result.kind !== "plan") return;
    expect(result.plan.groups.map((g) => [g.locationName, g.byFulfillmentOrder])).toEqual([
      ["Warehouse", [{ fulfillmentOrderId: "FO1", lines: [{ id: "FOL-A1", lineItemId: LINE_A, quantity: 1 }] }]],
      ["Store", [{ fulfillmentOrderId: "FO2", lines: [{ id: "FOL-A2", lineItemId: LINE_A, quantity: 2 }] }]],
    ]);
  });

  it("skips lines at a third-party fulfillment service with a note, and fulfills the rest", () => {
    const result = planFulfillments(
      input({
        content: shipped([
          [10000, "1000", 3],
          [30000, "2000", 1],
        ]),
        fulfillmentOrders: [
          fo("FO1", [["FOL-A", LINE_A, 3]], {
            locationId: "gid://shopify/Location/9",
            locationName: "Dropship",
            service: { handle: "acme-3pl", serviceName: "Acme 3PL" },
          }),
          fo("FO2", [["FOL-C", LINE_C, 1]]),
        ],
      }),
    );
    expect(result.kind).toBe("plan");
    if (result.kind !== "plan") return;
    expect(result.plan.groups).toHaveLength(1);
    expect(result.plan.groups[0]?.byFulfillmentOrder[0]?.fulfillmentOrderId).toBe("FO2");
    expect(result.plan.notes).toEqual(["Shirt - Red: 3 of 3 skipped (3 fulfilled by Acme 3PL)."]);
  });

  it("is nothing to sync, with the reason, when every line is at a third party", () => {
    const result = planFulfillments(
      input({
        fulfillmentOrders: [
          fo("FO1", [["FOL-A", LINE_A, 3]], { service: { handle: "acme-3pl", serviceName: "Acme 3PL" } }),
        ],
      }),
    );
    expect(result).toEqual({ kind: "nothing", reason: "Shirt - Red: 3 of 3 skipped (3 fulfilled by Acme 3PL)." });
  });

  it("accepts submitted requests at our own fulfillment service, and waits on unsubmitted ones", () => {
    const own = { handle: "erp-connector", serviceName: "ERP Connector" };
    const submitted = planFulfillments(
      input({
        ownServiceHandle: "erp-connector",
        fulfillmentOrders: [fo("FO1", [["FOL-A", LINE_A, 3]], { service: own, requestStatus: "SUBMITTED" })],
      }),
    );
    expect(submitted.kind === "plan" && submitted.plan.groups[0]?.accept).toEqual(["FO1"]);
    const unsubmitted = planFulfillments(
      input({
        ownServiceHandle: "erp-connector",
        fulfillmentOrders: [fo("FO1", [["FOL-A", LINE_A, 3]], { service: own })],
      }),
    );
    expect(unsubmitted).toEqual({
      kind: "nothing",
      reason: "Shirt - Red: 3 of 3 skipped (the fulfillment request at Warehouse is not submitted).",
    });
  });

  it("never plans more than Shopify has left: already fulfilled lines are nothing to sync", () => {
    const result = planFulfillments(
      input({ fulfillmentOrders: [fo("FO1", [["FOL-A", LINE_A, 0]], { status: "CLOSED" })] }),
    );
    expect(result).toEqual({ kind: "nothing", reason: "Shirt - Red: 3 of 3 skipped (already fulfilled in Shopify)." });
  });

  it("is an error for a cancelled order", () => {
    expect(planFulfillments(input({ cancelledAt: "2026-11-20T10:00:00Z" }))).toEqual({
      kind: "error",
      message: "The Shopify order #1001 was cancelled on 2026-11-20; the shipment cannot be fulfilled.",
    });
  });

  it("notes shipped lines that are not on the Shopify order, and ignores non-item lines", () => {
    const result = planFulfillments(input({ content: shipped([[50000, "9999", 1]]) }));
    expect(result).toEqual({ kind: "nothing", reason: "9999 Item 9999 (ERP line 50000) is not on the Shopify order." });
  });

  it("falls back to the item when line numbers moved, and to the SKU for documents made before lines were kept", () => {
    const moved = planFulfillments(input({ content: shipped([[15000, "2000", 1]]) }));
    expect(moved.kind === "plan" && moved.plan.groups[0]?.byFulfillmentOrder[0]?.lines[0]?.lineItemId).toBe(LINE_C);
    const legacy = planFulfillments(input({ erpLines: null, content: shipped([[10000, "2000", 1]]) }));
    expect(legacy.kind === "plan" && legacy.plan.groups[0]?.byFulfillmentOrder[0]?.lines[0]?.lineItemId).toBe(LINE_C);
  });

  it("matches by the ERP's order line reference, whatever the ERP's numbering: no position arithmetic", () => {
    // An ERP whose references are opaque, in an order of its own, and whose shipment lines are numbered 1, 2.
    const opaque = erpLines.map((l, i) => ({ ...l, lineRef: ["c", "a", "d", "b"][i] ?? null }));
    const content: ShipmentContent = {
      lines: [
        { sequence: 1, orderLineRef: "a", lineType: "Item", number: "1000", description: "Item 1000", quantity: 2 },
        { sequence: 2, orderLineRef: "c", lineType: "Item", number: "1000", description: "Item 1000", quantity: 3 },
      ],
      tracking: null,
    };
    const result = planFulfillments(input({ erpLines: opaque, content }));
    expect(result.kind === "plan" && result.plan.groups[0]?.byFulfillmentOrder[0]?.lines).toEqual([
      { id: "FOL-B", lineItemId: LINE_B, quantity: 2 },
      { id: "FOL-A", lineItemId: LINE_A, quantity: 3 },
    ]);
    // The same shipment against lines stored before references were kept: item 1000 is on two variants.
    const unreferenced = erpLines.map((l) => ({ ...l, lineRef: null }));
    expect(planFulfillments(input({ erpLines: unreferenced, content })).kind).toBe("error");
  });

  it("splits a location's lines into fulfillments of at most 250 lines", () => {
    const count = MAX_LINES_PER_FULFILLMENT + 5;
    const lines = Array.from({ length: count }, (_, i) => `gid://shopify/LineItem/${100 + i}`);
    const result = planFulfillments(
      input({
        erpLines: lines.map((id, i) => ({
          lineRef: String((i + 1) * 10000),
          shopifyLineId: id,
          type: "item",
          number: "1000",
          variantCode: null,
          quantity: 1,
        })),
        orderLines: lines.map((id, i) => ({ shopifyLineId: id, title: `Line ${i}`, sku: "1000" })),
        content: shipped(lines.map((_, i) => [(i + 1) * 10000, "1000", 1])),
        fulfillmentOrders: [
          fo(
            "FO1",
            lines.map((id, i) => [`FOL-${i}`, id, 1]),
          ),
        ],
      }),
    );
    expect(result.kind === "plan" && result.plan.groups.map((g) => g.byFulfillmentOrder[0]?.lines.length)).toEqual([
      MAX_LINES_PER_FULFILLMENT,
      5,
    ]);
  });

  describe("every shipped line's item must be the item of the Shopify line it is planned against", () => {
    it("is an error naming the ERP line, its item and the Shopify line when the line it was posted from holds another item", () => {
      // ERP line 10000 was made from "Shirt - Red" (item 1000); the shipment says it shipped item 2000 there.
      const result = planFulfillments(
        input({
          content: shipped([
            [10000, "2000", 1],
            [30000, "2000", 1],
          ]),
        }),
      );
      expect(result).toEqual({
        kind: "error",
        message:
          'The shipment does not match the Shopify order #1001: ERP line 10000 ships item 2000 (Item 2000), but it is planned against the Shopify line "Shirt - Red" (SKU 1000-RED), which the ERP document has as item 1000. Nothing was sent to Shopify.',
      });
    });

    it("does not guess between two variants of the item when the order line reference names no line of the document", () => {
      const result = planFulfillments(input({ content: shipped([[15000, "1000", 1]]) }));
      expect(result).toEqual({
        kind: "error",
        message:
          'The shipment does not match the Shopify order #1001: ERP line 15000 ships item 1000 (Item 1000), which is on the Shopify lines "Shirt - Red" (SKU 1000-RED) and "Shirt - Blue" (SKU 1000-BLUE); its order line names no line of the ERP document as the app made it, so which one shipped cannot be told. Nothing was sent to Shopify.',
      });
    });

    it("is an error when the stored document line points at a line that is not on the Shopify order", () => {
      const result = planFulfillments(
        input({ orderLines: [{ shopifyLineId: LINE_B, title: "Shirt - Blue", sku: "1000-BLUE" }] }),
      );
      expect(result.kind).toBe("error");
      expect(result.kind === "error" && result.message).toContain(
        `ERP line 10000 (item 1000) is planned against a Shopify line that is not on the order (${LINE_A}).`,
      );
    });

    it("without stored lines, a SKU names an item whole or before the separator, never by prefix", () => {
      // Item 1000 is not item 10001: the SKU "10001-V01" must not take item 1000's shipment.
      const result = planFulfillments(
        input({
          erpLines: null,
          content: shipped([[10000, "1000", 1]]),
          orderLines: [{ shopifyLineId: LINE_A, title: "Mug", sku: "10001-V01" }],
          fulfillmentOrders: [fo("FO1", [["FOL-A", LINE_A, 1]])],
        }),
      );
      expect(result).toEqual({
        kind: "nothing",
        reason: "1000 Item 1000 (ERP line 10000) is not on the Shopify order.",
      });
      // An item number that holds the separator itself still matches its whole SKU.
      const whole = planFulfillments(
        input({
          erpLines: null,
          content: shipped([[10000, "1896-S", 1]]),
          orderLines: [{ shopifyLineId: LINE_A, title: "Bolt", sku: "1896-S" }],
          fulfillmentOrders: [fo("FO1", [["FOL-A", LINE_A, 1]])],
        }),
      );
      expect(whole.kind === "plan" && whole.plan.groups[0]?.byFulfillmentOrder[0]?.lines[0]?.lineItemId).toBe(LINE_A);
    });

    it("without stored lines, does not spread one item over two variants' lines", () => {
      const result = planFulfillments(input({ erpLines: null, content: shipped([[10000, "1000", 3]]) }));
      expect(result.kind).toBe("error");
      expect(result.kind === "error" && result.message).toContain(
        'ERP line 10000 ships item 1000 (Item 1000), which is on the Shopify lines "Shirt - Red" (SKU 1000-RED) and "Shirt - Blue" (SKU 1000-BLUE)',
      );
    });

    it("without stored lines, is an error when the shop's SKUs are variant codes or barcodes, which name no item", () => {
      const result = planFulfillments(
        input({
          erpLines: null,
          content: shipped([[10000, "2000", 1]]),
          productMapping: { strategy: "barcode", skuSeparator: "-" },
          orderLines: [{ shopifyLineId: LINE_C, title: "Cap", sku: "2000" }],
        }),
      );
      expect(result).toEqual({
        kind: "error",
        message:
          "The shipment does not match the Shopify order #1001: ERP line 10000 (item 2000) cannot be checked against the Shopify lines: the ERP document was made before the app kept its lines, and the shop's SKUs are barcodes, not item numbers. Nothing was sent to Shopify.",
      });
    });
  });
});
