import { describe, expect, it } from "vitest";

import { shopSettingsSchema } from "../../../app/.server/domain/settings-schema.ts";
import { describeImportPlan } from "../../../app/.server/tasks/products-sync/describe-import-plan.ts";
import {
  importHash,
  newItemShape,
  type ShopifyProductForImport,
  variantLookups,
} from "../../../app/.server/tasks/products-sync/map-shopify-product.ts";
import {
  type ExistingImportLink,
  planProductImport,
  type VariantFacts,
} from "../../../app/.server/tasks/products-sync/plan-product-import.ts";

const settings = (products: Record<string, unknown> = {}) =>
  shopSettingsSchema.parse({ products: { direction: "shopify_to_erp", ...products } });
const limits = { itemNumberMaxLength: 20, variantCodeMaxLength: 10, displayNameMaxLength: 100 };

function product(
  variants: Array<[string, string | null, string | null]>,
  overrides: Partial<ShopifyProductForImport> = {},
): ShopifyProductForImport {
  return {
    id: "gid://shopify/Product/1",
    title: "Cushion",
    handle: "cushion",
    vendor: "Acme",
    productType: "Home",
    status: "ACTIVE",
    updatedAt: "2026-12-01T10:00:00Z",
    variantsTruncated: false,
    variants: variants.map(([title, sku, barcode], i) => ({
      id: `gid://shopify/ProductVariant/${i + 1}`,
      title,
      sku,
      barcode,
      price: "12.00",
      requiresComponents: false,
    })),
    ...overrides,
  };
}

const none: VariantFacts = { linked: null, bySku: [], byBarcode: null };
const found = (itemNumber: string, variantCode = ""): VariantFacts => ({
  linked: null,
  bySku: [{ itemNumber, variantCode }],
  byBarcode: null,
});

function plan(
  p: ShopifyProductForImport,
  facts: VariantFacts[],
  options: {
    link?: ExistingImportLink | null;
    itemLinks?: Map<string, string | null>;
    products?: Record<string, unknown>;
  } = {},
) {
  const s = settings(options.products);
  return planProductImport({
    product: p,
    hash: importHash(p, s),
    link: options.link ?? null,
    facts: new Map(p.variants.map((v, i) => [v.id, facts[i] ?? none])),
    itemLinks: options.itemLinks ?? new Map(),
    settings: s,
    limits,
  });
}

describe("variantLookups", () => {
  it("asks both readings of a SKU with the separator: item + variant, and the whole SKU as an item", () => {
    expect(variantLookups({ sku: "1896-S", barcode: "123" }, settings())).toEqual({
      bySku: [{ number: "1896", variantCode: "S" }, { number: "1896-S" }],
      byBarcode: { barcode: "123" },
    });
  });

  it("follows the mapping, and asks no barcode when the fallback is off or the SKU is the barcode", () => {
    expect(
      variantLookups({ sku: "V01", barcode: "123" }, settings({ mapping: "variant_code", findByBarcode: false })),
    ).toEqual({
      bySku: [{ variantCode: "V01" }],
      byBarcode: null,
    });
    expect(variantLookups({ sku: "123", barcode: "123" }, settings({ mapping: "barcode" }))).toEqual({
      bySku: [{ barcode: "123" }],
      byBarcode: null,
    });
    expect(variantLookups({ sku: " ", barcode: null }, settings())).toEqual({ bySku: [], byBarcode: null });
  });
});

describe("planProductImport", () => {
  const cushion = product([
    ["Red", "CUSH-RED", null],
    ["Blue", "CUSH-BLU", "4012345678918"],
  ]);

  it("links a product whose variants all map to one item, noting the barcode matches", () => {
    const result = plan(cushion, [
      found("CUSH", "RED"),
      { linked: null, bySku: [], byBarcode: { itemNumber: "CUSH", variantCode: "BLU" } },
    ]);
    expect(result).toMatchObject({
      kind: "link",
      itemNumber: "CUSH",
      variants: [
        { via: "sku", item: { variantCode: "RED" } },
        { via: "barcode", item: { variantCode: "BLU" } },
      ],
      unmatched: [],
    });
    expect(describeImportPlan(result)).toBe("would link 2 variant(s) to item CUSH");
  });

  it("links what maps and lists the rest of the product's variants as unmapped", () => {
    const result = plan(cushion, [found("CUSH", "RED"), none]);
    expect(result).toMatchObject({ kind: "link", unmatched: [{ label: "Cushion – Blue (SKU CUSH-BLU)" }] });
  });

  it("refuses a SKU that names two items, and variants that name two items, naming both", () => {
    const twice: VariantFacts = {
      linked: null,
      bySku: [
        { itemNumber: "CUSH", variantCode: "RED" },
        { itemNumber: "CUSH-RED", variantCode: "" },
      ],
      byBarcode: null,
    };
    expect(plan(cushion, [twice, none])).toEqual({
      kind: "skip",
      reason: "ambiguous: SKU CUSH-RED names CUSH variant RED and item CUSH-RED; map it by hand",
    });
    expect(plan(cushion, [found("CUSH", "RED"), found("PILLOW", "BLU")])).toEqual({
      kind: "skip",
      reason:
        "ambiguous: the product's variants map to item CUSH (SKU CUSH-RED) and item PILLOW (SKU CUSH-BLU); one product is one item",
    });
  });

  it("refuses an item already linked to another Shopify product", () => {
    const result = plan(cushion, [found("CUSH", "RED"), found("CUSH", "BLU")], {
      itemLinks: new Map([["CUSH", "gid://shopify/Product/9"]]),
    });
    expect(result).toEqual({
      kind: "skip",
      reason: "item CUSH is already linked to Shopify product gid://shopify/Product/9",
    });
  });

  it("sends nothing when the product hashes as last read, or the merchant ignored it", () => {
    const s = settings();
    const seen: ExistingImportLink = {
      state: "linked",
      erpItemNumber: "CUSH",
      reason: null,
      lastSeenShopifyHash: importHash(cushion, s),
    };
    expect(plan(cushion, [], { link: seen }).kind).toBe("unchanged");
    expect(plan(cushion, [], { link: { ...seen, state: "ignored", lastSeenShopifyHash: null } })).toEqual({
      kind: "unchanged",
      reason: "ignored by the merchant",
    });
    // A changed SKU is a change; so is a failed last attempt.
    const renamed = product([
      ["Red", "CUSH-RD", null],
      ["Blue", "CUSH-BLU", "4012345678918"],
    ]);
    expect(plan(renamed, [found("CUSH", "RED"), found("CUSH", "BLU")], { link: seen }).kind).toBe("link");
    expect(
      plan(cushion, [found("CUSH", "RED"), found("CUSH", "BLU")], { link: { ...seen, state: "error" } }).kind,
    ).toBe("link");
  });

  it("lists an unknown product as unmapped, or creates it from the template when the shop allows it", () => {
    expect(plan(cushion, [none, none])).toMatchObject({ kind: "unmapped", variants: [{}, {}] });
    const create = plan(cushion, [none, none], { products: { createUnknownInErp: true, itemTemplateNo: "TPL" } });
    expect(create).toEqual({
      kind: "create",
      templateNumber: "TPL",
      item: {
        kind: "item",
        itemNumber: "CUSH",
        displayName: "Cushion",
        unitPrice: "12.00",
        variants: [
          {
            shopifyVariantId: "gid://shopify/ProductVariant/1",
            variantCode: "RED",
            description: "Red",
            sku: "CUSH-RED",
            barcode: null,
          },
          {
            shopifyVariantId: "gid://shopify/ProductVariant/2",
            variantCode: "BLU",
            description: "Blue",
            sku: "CUSH-BLU",
            barcode: "4012345678918",
          },
        ],
      },
    });
    expect(describeImportPlan(create)).toBe("would create item CUSH from template item TPL with 2 variant(s)");
  });

  it("updates a mapped item's name only when the shop lets Shopify update items", () => {
    const s = settings();
    const linked: VariantFacts[] = [
      { linked: { itemNumber: "CUSH", variantCode: "RED" }, bySku: [], byBarcode: null },
      { linked: { itemNumber: "CUSH", variantCode: "BLU" }, bySku: [], byBarcode: null },
    ];
    const seen: ExistingImportLink = {
      state: "linked",
      erpItemNumber: "CUSH",
      reason: null,
      lastSeenShopifyHash: importHash(cushion, s),
    };
    const retitled = { ...cushion, title: "Cushion, velvet" };
    expect(plan(retitled, linked, { link: seen })).toEqual({
      kind: "unchanged",
      reason: "changed in Shopify, but the shop does not let Shopify update ERP items",
    });
    const update = plan(retitled, linked, { link: seen, products: { shopifyCanUpdateItems: true } });
    expect(update).toMatchObject({ kind: "link", itemNumber: "CUSH", update: { displayName: "Cushion, velvet" } });
    expect(describeImportPlan(update)).toBe(
      `would keep the link to item CUSH, update item CUSH's name to "Cushion, velvet" where it differs`,
    );
  });

  it("makes a new Shopify variant of a mapped product a new variant of its item when the shop creates unknown products", () => {
    const facts = [found("CUSH", "RED"), none];
    expect(plan(cushion, facts)).toMatchObject({
      kind: "link",
      createVariants: [],
      unmatched: [{ shopifyVariantId: "gid://shopify/ProductVariant/2" }],
    });
    const result = plan(cushion, facts, { products: { createUnknownInErp: true } });
    expect(result).toMatchObject({
      kind: "link",
      unmatched: [],
      createVariants: [
        { shopifyVariantId: "gid://shopify/ProductVariant/2", variantCode: "BLU", barcode: "4012345678918" },
      ],
    });
    expect(describeImportPlan(result)).toBe(
      "would link 1 variant(s) to item CUSH, create 1 new variant(s) of item CUSH",
    );
    // A SKU naming another item is not this item's variant.
    const other = product([
      ["Red", "CUSH-RED", null],
      ["Blue", "PILLOW-BLU", null],
    ]);
    expect(plan(other, facts, { products: { createUnknownInErp: true } })).toMatchObject({
      createVariants: [],
      unmatched: [{}],
    });
  });

  it("never creates a bundle in the ERP: it waits on the unmapped list with the reason, and a matching SKU still links it", () => {
    const bundle = {
      ...cushion,
      variants: cushion.variants.map((v, i) => ({ ...v, requiresComponents: i === 1 })),
    };
    const created = plan(bundle, [none, none], { products: { createUnknownInErp: true, itemTemplateNo: "TPL" } });
    expect(created).toMatchObject({ kind: "unmapped", variants: [{}, {}] });
    expect(created.kind === "unmapped" && created.reason).toContain("it is a bundle (Blue sells as components)");
    // An added bundle variant of a mapped product is not made an item variant either.
    expect(plan(bundle, [found("CUSH", "RED"), none], { products: { createUnknownInErp: true } })).toMatchObject({
      kind: "link",
      createVariants: [],
      unmatched: [{ shopifyVariantId: "gid://shopify/ProductVariant/2" }],
    });
    // The ERP's assembly item carries the SKU: mapped like any product.
    expect(plan(bundle, [found("CUSH", "RED"), found("CUSH", "BLU")])).toMatchObject({
      kind: "link",
      itemNumber: "CUSH",
    });
    // Becoming a bundle is a change the import reads again.
    expect(importHash(bundle, settings())).not.toBe(importHash(cushion, settings()));
  });

  it("refuses a product with more variants than were read", () => {
    expect(plan({ ...cushion, variantsTruncated: true }, []).kind).toBe("skip");
  });
});

describe("newItemShape", () => {
  it("makes a product with its default variant an item without variants", () => {
    const shape = newItemShape(product([["Default Title", "MUG-1", "123"]], { title: "Mug" }), settings(), limits);
    expect(shape).toMatchObject({
      kind: "item",
      itemNumber: "MUG-1",
      variants: [{ variantCode: "", description: "Mug", barcode: "123" }],
    });
  });

  it("cannot name an item from variant codes or barcodes, nor from SKUs naming two items, nor past the ERP's sizes", () => {
    expect(newItemShape(product([["Red", "RED", null]]), settings({ mapping: "variant_code" }), limits)).toMatchObject({
      kind: "cannot",
    });
    expect(
      newItemShape(
        product([
          ["A", "X-1", null],
          ["B", "Y-2", null],
        ]),
        settings(),
        limits,
      ),
    ).toEqual({
      kind: "cannot",
      reason: "the variants' SKUs name 2 items (X, Y); one product is one item",
    });
    expect(newItemShape(product([["Red", "X-ABCDEFGHIJK", null]]), settings(), limits)).toMatchObject({
      kind: "cannot",
      reason: expect.stringMatching(/variant code ABCDEFGHIJK is longer/),
    });
    expect(newItemShape(product([["Red", null, null]]), settings(), limits)).toMatchObject({ kind: "cannot" });
  });
});
