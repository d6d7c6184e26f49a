import { describe, expect, it } from "vitest";

import { matchShipmentOrder, type OrderCandidate } from "../../../app/.server/tasks/shipments-sync/match-order.ts";

const order = (id: number, name: string, erp: [OrderCandidate["erpDocumentType"], string | null] = [null, null]) =>
  ({
    id,
    name,
    shopifyOrderId: `gid://shopify/Order/${id}`,
    erpDocumentType: erp[0],
    erpDocumentNumber: erp[1],
  }) satisfies OrderCandidate;

const keys = (externalDocumentNo: string, erpOrderNo: string) => ({ externalDocumentNo, erpOrderNo });

describe("matchShipmentOrder", () => {
  it("takes the order both keys name", () => {
    const a = order(2, "#1002", ["order", "S-ORD7"]);
    expect(matchShipmentOrder(keys("#1002", "S-ORD7"), [a])).toEqual({ kind: "matched", order: a, notes: [] });
  });

  it("after the ERP reused a number, takes the order the name names, not the lowest id, and notes the stale link", () => {
    const stale = order(1, "#1001", ["order", "S-ORD7"]);
    const a = order(2, "#1002", ["order", "S-ORD7"]);
    expect(matchShipmentOrder(keys("#1002", "S-ORD7"), [stale, a])).toEqual({
      kind: "matched",
      order: a,
      notes: [
        "ERP sales order S-ORD7 is also linked to order #1001 (the ERP reused the number); the shipment names #1002.",
      ],
    });
  });

  it("is a conflict naming both orders and their ERP numbers when the name names one and the ERP order another", () => {
    const b = order(1, "#1001", ["order", "S-ORD5"]);
    const a = order(2, "#1002", ["order", "S-ORD7"]);
    expect(matchShipmentOrder(keys("#1002", "S-ORD5"), [b, a])).toEqual({
      kind: "conflict",
      message:
        "This shipment does not point at one Shopify order: its external document number names order #1002 (ERP sales order S-ORD7), but it was posted from ERP sales order S-ORD5, which the app made for order #1001. Nothing was sent to Shopify; check both orders and fulfill the right one in Shopify.",
    });
  });

  it("is a conflict when the external document number is no order of ours but the ERP order is linked to one", () => {
    const b = order(1, "#1001", ["order", "S-ORD5"]);
    const result = matchShipmentOrder(keys("#5001", "S-ORD5"), [b]);
    expect(result).toMatchObject({ kind: "conflict" });
    expect(result.kind === "conflict" && result.message).toContain(
      'its external document number "#5001" is no order imported into the app, but it was posted from ERP sales order S-ORD5, which the app made for order #1001.',
    );
    const blank = matchShipmentOrder(keys("", "S-ORD5"), [b]);
    expect(blank.kind === "conflict" && blank.message).toContain("the shipment carries no external document number");
  });

  it("is a conflict when the ERP order is linked to two orders and the shipment names neither", () => {
    const result = matchShipmentOrder(keys("", "S-ORD5"), [
      order(1, "#1001", ["order", "S-ORD5"]),
      order(3, "#1003", ["order", "S-ORD5"]),
    ]);
    expect(result.kind === "conflict" && result.message).toContain("which the app made for orders #1001 and #1003");
  });

  it("is a conflict when the named order has another ERP document than the one shipped", () => {
    const a = order(2, "#1002", ["order", "S-ORD7"]);
    const result = matchShipmentOrder(keys("#1002", "S-ORD9"), [a]);
    expect(result.kind === "conflict" && result.message).toContain(
      "names order #1002 (ERP sales order S-ORD7), but it was posted from ERP sales order S-ORD9, which no order in the app is linked to",
    );
    const invoiced = order(4, "#1004", ["invoice", "S-INV3"]);
    expect(matchShipmentOrder(keys("#1004", "S-ORD9"), [invoiced]).kind).toBe("conflict");
  });

  it("takes the named order when it has no ERP document of the app's, or when its invoice shipped without an order", () => {
    const handMade = order(2, "#1002");
    expect(matchShipmentOrder(keys("#1002", "S-ORD9"), [handMade])).toEqual({
      kind: "matched",
      order: handMade,
      notes: [],
    });
    const invoiced = order(4, "#1004", ["invoice", "S-INV3"]);
    expect(matchShipmentOrder(keys("#1004", ""), [invoiced])).toMatchObject({ kind: "matched", order: invoiced });
  });

  it("is none when neither key names an imported order", () => {
    expect(matchShipmentOrder(keys("PHONE-17", "S-ORD5"), [])).toEqual({ kind: "none" });
    expect(matchShipmentOrder(keys("", ""), [])).toEqual({ kind: "none" });
  });

  it("never picks between two orders of the same name", () => {
    const result = matchShipmentOrder(keys("#1002", "S-ORD9"), [order(2, "#1002"), order(8, "#1002")]);
    expect(result.kind === "conflict" && result.message).toContain("names orders #1002 (no ERP document from the app)");
  });
});
