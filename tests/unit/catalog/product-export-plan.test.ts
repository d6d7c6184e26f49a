import { describe, expect, it } from "vitest";

import { shopSettingsSchema } from "../../../app/.server/domain/settings-schema.ts";
import { type CatalogItem, catalogItem } from "../../../app/.server/mapping/catalog-item.ts";
import { planPriceUpdates } from "../../../app/.server/tasks/prices-sync/plan-price-updates.ts";
import {
  mapItemToProduct,
  type PlannedProduct,
  type VariantPrice,
} from "../../../app/.server/tasks/products-sync/map-item-to-product.ts";
import { productUpdateInput } from "../../../app/.server/tasks/products-sync/map-product-input.ts";
import { planProductExport } from "../../../app/.server/tasks/products-sync/plan-product-export.ts";

const settings = (products: Record<string, unknown> = {}) =>
  shopSettingsSchema.parse({ products: { direction: "erp_to_shopify", ...products } });

function item(overrides: Record<string, unknown> = {}, variants: Array<[string, string]> = []): CatalogItem {
  const result = catalogItem([
    {
      entity: "items",
      erpId: "item-1",
      data: {
        number: "1000",
        displayName: "Bicycle",
        type: "inventory",
        blocked: false,
        gtin: "4006381333931",
        unitPrice: "499",
        unitCost: "250",
        itemCategoryCode: "BIKES",
        vendor: "Fabrikam",
        weight: { value: 12500, unit: "g" },
        variants: [],
        ...overrides,
      },
    },
    ...variants.map(([code, description]) => ({
      entity: "itemVariants",
      erpId: `v-${code}`,
      data: { itemNumber: "1000", code, description, picture: null },
    })),
  ]);
  if (result.kind !== "item") throw new Error("no item");
  return result.catalogItem;
}

const price = (p: string, compareAt: string | null = null): VariantPrice => ({
  price: p,
  compareAtPrice: compareAt,
  unitCost: "250",
});
const priced = (...codes: string[]) => new Map(codes.map((c) => [c, price("499")]));

function planned(
  catalog: CatalogItem,
  s = settings(),
  prices = priced("", ...catalog.variants.map((v) => v.code)),
): PlannedProduct {
  const mapped = mapItemToProduct(catalog, { settings: s, shopName: "Shop", prices });
  if (mapped.kind !== "product") throw new Error(mapped.reason);
  return mapped.product;
}

describe("an ERP item as a Shopify product", () => {
  it("names each variant by its description, with SKUs by the SKU mapping and the weight in kilograms", () => {
    const product = planned(
      item({}, [
        ["RED", "Red"],
        ["BLU", "Blue"],
      ]),
    );
    expect(product).toMatchObject({
      title: "Bicycle",
      vendor: "Fabrikam",
      productType: "BIKES",
      optionName: "Variant",
    });
    expect(product.variants.map((v) => [v.sku, v.optionValue, v.weightKg])).toEqual([
      ["1000-BLU", "Blue", 12.5],
      ["1000-RED", "Red", 12.5],
    ]);
  });

  it("an item without variants is one default variant with the item's GTIN as barcode", () => {
    const product = planned(item());
    expect(product.optionName).toBeNull();
    expect(product.variants).toMatchObject([
      { variantCode: "", sku: "1000", barcode: "4006381333931", optionValue: "Default Title" },
    ]);
  });

  it("skips, with the reason, what Shopify would refuse or what would make SKUs ambiguous", () => {
    const long = mapItemToProduct(item({ displayName: "x".repeat(256) }), {
      settings: settings(),
      shopName: "S",
      prices: priced(""),
    });
    expect(long).toMatchObject({ kind: "skip", reason: expect.stringContaining("255") });
    const twins = mapItemToProduct(
      item({}, [
        ["A", "a"],
        ["B", "b"],
      ]),
      {
        settings: settings({ mapping: "item_no" }),
        shopName: "S",
        prices: priced("A", "B"),
      },
    );
    expect(twins).toMatchObject({ kind: "skip", reason: expect.stringContaining("same SKU 1000") });
    const unpriced = mapItemToProduct(item(), { settings: settings(), shopName: "S", prices: new Map() });
    expect(unpriced).toMatchObject({ kind: "skip", reason: expect.stringContaining("no price") });
  });

  it("a blocked item gets the shop's blocked-item action as its status", () => {
    expect(planned(item({ blocked: true })).blockedStatus).toBe("DRAFT");
    expect(planned(item({ salesBlocked: true }), settings({ blockedAction: "archived" })).blockedStatus).toBe(
      "ARCHIVED",
    );
    expect(planned(item({ blocked: true }), settings({ blockedAction: "nothing" })).leaveAlone).toBe(true);
  });
});

describe("what an item needs in Shopify", () => {
  const product = planned(
    item({}, [
      ["RED", "Red"],
      ["BLU", "Blue"],
    ]),
  );
  const linked = {
    state: "linked" as const,
    shopifyProductId: "gid://shopify/Product/1",
    handle: "bicycle-1000",
    lastWrittenHash: product.hash,
    blockedStatusWritten: null as "DRAFT" | "ARCHIVED" | null,
  };
  const variantLinks = product.variants.map((v, i) => ({
    variantCode: v.variantCode,
    shopifyVariantId: `gid://shopify/ProductVariant/${i}`,
    lastWrittenHash: v.hash,
  }));
  const base = { product, variantLinks, match: { kind: "none" as const }, canUpdateShopify: true };

  it("creates a new item by a handle with its number, and resumes a pending create by the stored handle", () => {
    expect(planProductExport({ ...base, link: null, variantLinks: [] })).toEqual({
      kind: "create",
      handle: "bicycle-1000",
      resumed: false,
    });
    expect(
      planProductExport({ ...base, link: { ...linked, state: "pending", shopifyProductId: null, handle: "old-1000" } }),
    ).toEqual({
      kind: "create",
      handle: "old-1000",
      resumed: true,
    });
  });

  it("sends nothing when every hash matches what was last written", () => {
    expect(planProductExport({ ...base, link: linked })).toMatchObject({ kind: "unchanged" });
  });

  it("updates only what changed, and adds a variant the ERP added", () => {
    const changed = { ...variantLinks[0]!, lastWrittenHash: "old" };
    const plan = planProductExport({ ...base, link: linked, variantLinks: [changed] });
    expect(plan).toEqual({
      kind: "update",
      productId: linked.shopifyProductId,
      adopt: [],
      productFields: false,
      restoreStatus: false,
      variantUpdates: [{ variantCode: changed.variantCode, shopifyVariantId: changed.shopifyVariantId }],
      variantCreates: [product.variants[1]!.variantCode],
      variantDeletes: [],
    });
  });

  it("deletes a linked variant the ERP deleted, and only that one", () => {
    const plan = planProductExport({
      ...base,
      product: {
        ...product,
        variants: product.variants.slice(0, 1),
        deletedVariantCodes: [product.variants[1]!.variantCode],
      },
      link: linked,
      variantLinks: [
        {
          ...variantLinks[0]!,
          variantCode: product.variants[0]!.variantCode,
          lastWrittenHash: product.variants[0]!.hash,
        },
        {
          variantCode: product.variants[1]!.variantCode,
          shopifyVariantId: "gid://shopify/ProductVariant/7",
          lastWrittenHash: "h",
        },
      ],
    });
    expect(plan).toMatchObject({
      kind: "update",
      variantUpdates: [],
      variantCreates: [],
      variantDeletes: [
        { variantCode: product.variants[1]!.variantCode, shopifyVariantId: "gid://shopify/ProductVariant/7" },
      ],
    });
  });

  it("adopts the one Shopify product carrying the SKUs, and refuses two", () => {
    const match = {
      kind: "product" as const,
      productId: "gid://shopify/Product/9",
      variants: product.variants.map((v, i) => ({ id: `gid://shopify/ProductVariant/9${i}`, sku: v.sku })),
    };
    expect(planProductExport({ ...base, link: null, variantLinks: [], match })).toMatchObject({
      kind: "update",
      productId: "gid://shopify/Product/9",
      adopt: [
        { shopifyVariantId: "gid://shopify/ProductVariant/90" },
        { shopifyVariantId: "gid://shopify/ProductVariant/91" },
      ],
    });
    expect(
      planProductExport({
        ...base,
        link: null,
        variantLinks: [],
        match: { kind: "ambiguous", productIds: ["gid://shopify/Product/1", "gid://shopify/Product/2"] },
      }),
    ).toMatchObject({
      kind: "skip",
      reason: expect.stringContaining("gid://shopify/Product/1, gid://shopify/Product/2"),
    });
  });

  it("leaves a linked product alone when the shop does not let the ERP update products", () => {
    expect(
      planProductExport({ ...base, link: { ...linked, lastWrittenHash: "old" }, canUpdateShopify: false }),
    ).toMatchObject({ kind: "unchanged" });
  });

  it("gives an unblocked item's product back its status only when the app set the blocked one", () => {
    const blocked = planned(
      item({ blocked: true }, [
        ["RED", "Red"],
        ["BLU", "Blue"],
      ]),
    );
    expect(blocked.blockedStatus).toBe("DRAFT");
    const whileBlocked = { ...linked, lastWrittenHash: blocked.hash, blockedStatusWritten: "DRAFT" as const };
    expect(planProductExport({ ...base, link: whileBlocked })).toMatchObject({
      kind: "update",
      productFields: true,
      restoreStatus: true,
    });
    // Never blocked by the app: a product with the same fields stays as the merchant has it.
    expect(planProductExport({ ...base, link: linked })).toMatchObject({ kind: "unchanged" });
    expect(planProductExport({ ...base, product: blocked, link: whileBlocked })).toMatchObject({ kind: "unchanged" });
  });

  it("never creates a blocked item", () => {
    const blocked = planned(item({ blocked: true }));
    expect(planProductExport({ ...base, product: blocked, link: null, variantLinks: [] })).toMatchObject({
      kind: "skip",
    });
  });
});

describe("price updates", () => {
  const shadow = { shopifyVariantId: "v1", variantCode: "", price: "10", compareAtPrice: null, unitCost: "4" };

  it("sends only what differs, by value not by spelling", () => {
    expect(
      planPriceUpdates([shadow], new Map([["", { price: "10.00", compareAtPrice: null, unitCost: "4.0" }]])),
    ).toEqual([]);
    expect(planPriceUpdates([shadow], new Map([["", { price: "12", compareAtPrice: null, unitCost: "4" }]]))).toEqual([
      {
        shopifyVariantId: "v1",
        variantCode: "",
        price: "12",
        next: { price: "12", compareAtPrice: null, unitCost: "4" },
      },
    ]);
  });

  it("never sends a compare-at price the ERP does not set, and clears only one the app wrote", () => {
    const merchantsOwn = planPriceUpdates(
      [shadow],
      new Map([["", { price: "9", compareAtPrice: null, unitCost: null }]]),
    );
    expect(merchantsOwn[0]).not.toHaveProperty("compareAtPrice");
    const ours = planPriceUpdates(
      [{ ...shadow, compareAtPrice: "15" }],
      new Map([["", { price: "10", compareAtPrice: null, unitCost: null }]]),
    );
    expect(ours[0]).toMatchObject({ compareAtPrice: null });
  });

  it("leaves a variant the ERP cannot price alone", () => {
    expect(planPriceUpdates([shadow], new Map())).toEqual([]);
  });
});

describe("a product update", () => {
  it("sends only the fields the ERP sets, never a create's fallback vendor or an empty description", () => {
    const bare = planned(item({ vendor: null, itemCategoryCode: "", displayName2: "" }));
    expect(bare.vendor).toBe("Shop");
    expect(productUpdateInput(bare, "gid://shopify/Product/1")).toEqual({
      id: "gid://shopify/Product/1",
      title: "Bicycle",
    });
    const full = planned(item({ displayName2: "Light & fast" }));
    expect(productUpdateInput(full, "gid://shopify/Product/1")).toEqual({
      id: "gid://shopify/Product/1",
      title: "Bicycle",
      descriptionHtml: "<p>Light &amp; fast</p>",
      vendor: "Fabrikam",
      productType: "BIKES",
    });
  });
});
