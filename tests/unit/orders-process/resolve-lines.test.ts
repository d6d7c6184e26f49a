import { describe, expect, it } from "vitest";

import { itemLookups, resolveLines } from "../../../app/.server/mapping/resolve-lines.ts";
import { splitSku } from "../../../app/.server/mapping/sku.ts";
import { importedOrder, orderLine, settings } from "./imported-order-factory.ts";

/** An ERP's field sizes, as its adapter states them (these are Business Central's). */
const limits = {
  itemNumberMaxLength: 20,
  externalDocumentNumberMaxLength: 35,
  address: { line1: 100, line2: 50, city: 30, state: 30, postalCode: 20, name: 100 },
};

const noFacts = { links: new Map(), found: new Map() };

describe("SKU strategies", () => {
  const line = orderLine({ sku: "1896-S-V01", barcode: "2010001010678" });

  it.each([
    ["item_no", [{ number: "1896-S-V01" }]],
    ["variant_code", [{ variantCode: "1896-S-V01" }]],
    ["item_no_and_variant_code", [{ number: "1896-S", variantCode: "V01" }]],
    ["barcode", [{ barcode: "1896-S-V01" }]],
  ] as const)("%s asks %j, then falls back to the barcode", (mapping, first) => {
    expect(itemLookups(line, settings({ products: { mapping } }))).toEqual([...first, { barcode: "2010001010678" }]);
  });

  it("splits at the last separator and treats a SKU without one as a whole item number", () => {
    expect(splitSku("10001-V01", "-")).toEqual({ itemNumber: "10001", variantCode: "V01" });
    expect(splitSku("10001", "-")).toBeNull();
    expect(splitSku("10001/V01", "/")).toEqual({ itemNumber: "10001", variantCode: "V01" });
    expect(itemLookups(orderLine({ sku: "20001" }), settings())).toEqual([{ number: "20001" }]);
  });
});

describe("resolveLines", () => {
  it("uses links first, then matches; skips tips, gift cards and refunded lines", () => {
    const linked = orderLine({ sku: "10001-V01" });
    const matched = orderLine({ sku: "20001" });
    const order = importedOrder({
      lines: [
        linked,
        matched,
        orderLine({ isTip: true, variantId: null, sku: null }),
        orderLine({ isGiftCard: true }),
        orderLine({ quantity: 0, orderedQuantity: 1 }),
      ],
    });
    const decision = resolveLines(
      order,
      settings(),
      {
        links: new Map([[linked.variantId!, { itemNumber: "10001", variantCode: "V01" }]]),
        found: new Map([[matched.shopifyLineId, { itemNumber: "20001", variantCode: "" }]]),
      },
      limits,
    );
    expect(decision.unmapped).toEqual([]);
    expect(decision.lines.map((l) => l.resolution.kind)).toEqual(["linked", "matched"]);
  });

  it("lists each unmapped variant once, with its SKU", () => {
    const line = orderLine({ sku: "NOPE-1", title: "Mystery", variantTitle: null });
    const order = importedOrder({ lines: [line, { ...line, shopifyLineId: "gid://shopify/LineItem/x" }] });
    expect(resolveLines(order, settings(), noFacts, limits).unmapped).toEqual([
      { shopifyVariantId: line.variantId, label: "Mystery (SKU NOPE-1)" },
    ]);
  });

  it("creates only where the SKU is a whole item number and creation is allowed", () => {
    const whole = orderLine({ sku: "30001", unitPrice: { shop: "5.5", presentment: "6" } });
    const variant = orderLine({ sku: "30002-V01" });
    const order = importedOrder({ lines: [whole, variant] });
    const decision = resolveLines(order, settings({ products: { createUnknownInErp: true } }), noFacts, limits);
    expect(decision.lines[0]!.resolution).toMatchObject({
      kind: "create",
      item: { itemNumber: "30001", variantCode: "" },
      unitPrice: "5.5",
    });
    expect(decision.unmapped.map((u) => u.shopifyVariantId)).toEqual([variant.variantId]);
  });

  it("creates no item whose number is longer than the connected ERP keeps", () => {
    const order = importedOrder({ lines: [orderLine({ sku: "30001" })] });
    const allowed = settings({ products: { createUnknownInErp: true } });
    expect(resolveLines(order, allowed, noFacts, limits).lines[0]!.resolution.kind).toBe("create");
    const tight = { ...limits, itemNumberMaxLength: 4 };
    expect(resolveLines(order, allowed, noFacts, tight).lines[0]!.resolution.kind).toBe("unmapped");
  });
});
