import { describe, expect, it } from "vitest";

import {
  mapShopifyOrder,
  normalizeDecimal,
  sumMoney,
} from "../../../app/.server/tasks/orders-sync/map-shopify-order.ts";
import { rawLine, rawOrder } from "./fixtures.ts";

describe("mapShopifyOrder", () => {
  it("maps header, customer, addresses, money pairs and transactions", () => {
    const order = mapShopifyOrder(rawOrder());
    expect(order).toMatchObject({
      version: 1,
      shopifyOrderId: "gid://shopify/Order/1001",
      name: "#1001",
      shopCurrency: "EUR",
      presentmentCurrency: "USD",
      financialStatus: "PAID",
      channel: "Online Store",
      riskLevel: null,
      customer: { shopifyCustomerId: "gid://shopify/Customer/7", email: "ava@example.com", phone: null },
      billingAddress: { countryCode: "US", city: "Lakeside" },
      shippingAddress: null,
      discountCodes: ["TEN"],
      totals: { total: { shop: "116.75", presentment: "116.75" }, tax: { shop: "18.00", presentment: "18.00" } },
      transactions: [{ kind: "SALE", status: "SUCCESS", amount: { shop: "116.75", presentment: "116.75" } }],
    });
  });

  it("sums a line's discount allocations and keeps quantities net of refunds and removals", () => {
    const [line] = mapShopifyOrder(
      rawOrder({ lineItems: { nodes: [rawLine({ quantity: 3, currentQuantity: 1 })] } }),
    ).lines;
    expect(line).toMatchObject({
      sku: "10001-V02",
      barcode: "2010001000011",
      quantity: 1,
      orderedQuantity: 3,
      unitPrice: { shop: "50.00", presentment: "55.00" },
      discount: { shop: "6.25", presentment: "6.90" },
      taxLines: [{ title: "VAT", rate: 0.2, amount: { shop: "18.00", presentment: "19.80" } }],
      isTip: false,
      isGiftCard: false,
    });
  });

  it("computes the order discount that no line or shipping line carries", () => {
    // 10.00 in total, 6.25 on the line, 2.50 on shipping: 1.25 is the invoice discount.
    expect(mapShopifyOrder(rawOrder()).unallocatedDiscount).toEqual({ shop: "1.25", presentment: "1.60" });
  });

  it("recognises tips and gift cards", () => {
    const tip = rawLine({ id: "gid://shopify/LineItem/2", title: "Tip", sku: "", variant: null, product: null });
    const gift = rawLine({ id: "gid://shopify/LineItem/3", isGiftCard: true });
    const lines = mapShopifyOrder(rawOrder({ lineItems: { nodes: [tip, gift] } })).lines;
    expect(lines.map((l) => [l.isTip, l.isGiftCard, l.sku])).toEqual([
      [true, false, null],
      [false, true, "10001-V02"],
    ]);
  });

  it.each([
    [{ recommendation: "NONE", assessments: [] }, null],
    [{ recommendation: "ACCEPT", assessments: [] }, "LOW"],
    [{ recommendation: "INVESTIGATE", assessments: [{ riskLevel: "LOW" }] }, "MEDIUM"],
    [{ recommendation: "ACCEPT", assessments: [{ riskLevel: "HIGH" }] }, "HIGH"],
    [{ recommendation: "CANCEL", assessments: [] }, "HIGH"],
    [{ recommendation: "NONE", assessments: [{ riskLevel: "PENDING" }] }, null],
  ])("risk %j is %s", (risk, level) => {
    expect(mapShopifyOrder(rawOrder({ risk })).riskLevel).toBe(level);
  });

  it.each([
    [{ app: { name: "Point of Sale" }, sourceName: "pos" }, "Point of Sale"],
    [{ app: null, sourceName: "pos" }, "Point of Sale"],
    [{ app: null, sourceName: "my-marketplace" }, "my-marketplace"],
    [{ app: null, sourceName: null }, null],
  ])("channel of %j is %s", (fields, channel) => {
    expect(mapShopifyOrder(rawOrder(fields)).channel).toBe(channel);
  });

  it("takes a POS sale's location as its lines' location", () => {
    const order = mapShopifyOrder(rawOrder({ retailLocation: { id: "gid://shopify/Location/3" } }));
    expect(order.lines[0]?.fulfillmentLocationId).toBe("gid://shopify/Location/3");
  });

  it("takes an online order's line locations from its fulfillment orders, before any retail location", () => {
    const raw = rawOrder({ retailLocation: { id: "gid://shopify/Location/3" } }) as Record<string, any>;
    const lineId = raw.lineItems.nodes[0].id as string;
    const fo = (location: string, ids: string[]) => ({
      assignedLocation: { location: { id: location } },
      lineItems: { nodes: ids.map((id) => ({ lineItem: { id } })) },
    });
    const located = (fos: unknown[]) =>
      mapShopifyOrder({ ...raw, fulfillmentOrders: { nodes: fos } }).lines[0]?.fulfillmentLocationId;
    // The first fulfillment order holding the line wins (a split line keeps its first location).
    expect(
      located([
        fo("gid://shopify/Location/1", ["gid://shopify/LineItem/999"]),
        fo("gid://shopify/Location/2", [lineId]),
        fo("gid://shopify/Location/5", [lineId]),
      ]),
    ).toBe("gid://shopify/Location/2");
    expect(located([fo("gid://shopify/Location/1", ["gid://shopify/LineItem/999"])])).toBe("gid://shopify/Location/3");
  });

  it("refuses a response that lacks what the import needs", () => {
    expect(() => mapShopifyOrder({ ...rawOrder(), lineItems: undefined })).toThrow();
  });
});

describe("decimal money", () => {
  it.each([
    ["50.9", "50.90"],
    ["0.0", "0.00"],
    ["-1.5", "-1.50"],
    ["1.005", "1.005"],
    ["12", "12.00"],
  ])("%s is spelled %s", (input, output) => {
    expect(normalizeDecimal(input)).toBe(output);
  });

  it("adds without floating-point error", () => {
    expect(
      sumMoney([
        { shop: "0.1", presentment: "0.2" },
        { shop: "0.2", presentment: "0.1" },
      ]),
    ).toEqual({
      shop: "0.30",
      presentment: "0.30",
    });
  });
});
