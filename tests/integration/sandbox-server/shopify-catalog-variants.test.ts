import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type CatalogSandbox, startCatalogSandbox, until } from "./shopify-catalog-fixture.ts";

const CREATE = `mutation($product: ProductCreateInput!) { productCreate(product: $product) {
  product { id handle options { name values } variants(first: 5) { nodes { id title } } }
  userErrors { field message } } }`;

const BULK_CREATE = `mutation($id: ID!, $variants: [ProductVariantsBulkInput!]!, $strategy: ProductVariantsBulkCreateStrategy) {
  productVariantsBulkCreate(productId: $id, variants: $variants, strategy: $strategy) {
    product { options { name values } variants(first: 10) { nodes { title sku barcode price inventoryPolicy } } }
    productVariants { id title }
    userErrors { field message code } } }`;

const BULK_UPDATE = `mutation($id: ID!, $variants: [ProductVariantsBulkInput!]!, $partial: Boolean) {
  productVariantsBulkUpdate(productId: $id, variants: $variants, allowPartialUpdates: $partial) {
    productVariants { id price compareAtPrice sku inventoryItem { unitCost { amount } measurement { weight { value unit } } tracked } }
    userErrors { field message code } } }`;

const BULK_DELETE = `mutation($id: ID!, $ids: [ID!]!) { productVariantsBulkDelete(productId: $id, variantsIds: $ids) {
  product { variants(first: 10) { nodes { title } } } userErrors { field message code } } }`;

type Created = {
  productCreate: {
    product: {
      id: string;
      handle: string;
      options: { name: string; values: string[] }[];
      variants: { nodes: { id: string; title: string }[] };
    } | null;
    userErrors: { field: string[]; message: string }[];
  };
};
type BulkCreated = {
  productVariantsBulkCreate: {
    product: { options: { name: string; values: string[] }[]; variants: { nodes: Record<string, unknown>[] } } | null;
    productVariants: { id: string; title: string }[] | null;
    userErrors: { field: string[]; message: string; code: string }[];
  };
};

const sizes = (names: string[]) =>
  names.map((name, i) => ({
    optionValues: [{ optionName: "Size", name }],
    price: `${10 + i}.00`,
    barcode: `40000000000${i}`,
    inventoryItem: { sku: `SHIRT-${name}`, cost: "4.00" },
    inventoryPolicy: "CONTINUE",
  }));

describe("products and variants in the sandbox store", () => {
  let sandbox: CatalogSandbox;
  beforeEach(async () => {
    sandbox = await startCatalogSandbox({ seed: { products: 0, customers: 0 } });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  async function createProduct(product: Record<string, unknown>) {
    const res = await sandbox.gql<Created>(CREATE, { product });
    expect(res.data?.productCreate.userErrors).toEqual([]);
    return res.data!.productCreate.product!;
  }

  it("creates a product with its standalone variant, then replaces it with the ERP's variants", async () => {
    const product = await createProduct({
      title: "Shirt",
      productOptions: [{ name: "Size", values: [{ name: "S" }, { name: "M" }] }],
    });
    expect(product).toMatchObject({
      handle: "shirt",
      options: [{ name: "Size", values: ["S", "M"] }],
      variants: { nodes: [{ title: "S" }] },
    });
    const created = await sandbox.gql<BulkCreated>(BULK_CREATE, {
      id: product.id,
      variants: sizes(["S", "M", "L"]),
      strategy: "REMOVE_STANDALONE_VARIANT",
    });
    expect(created.data?.productVariantsBulkCreate.userErrors).toEqual([]);
    expect(created.data?.productVariantsBulkCreate.product).toEqual({
      options: [{ name: "Size", values: ["S", "M", "L"] }],
      variants: {
        nodes: [
          { title: "S", sku: "SHIRT-S", barcode: "400000000000", price: "10.0", inventoryPolicy: "CONTINUE" },
          { title: "M", sku: "SHIRT-M", barcode: "400000000001", price: "11.0", inventoryPolicy: "CONTINUE" },
          { title: "L", sku: "SHIRT-L", barcode: "400000000002", price: "12.0", inventoryPolicy: "CONTINUE" },
        ],
      },
    });
  });

  it("with the DEFAULT strategy drops only a 'Default Title' variant, and keeps a custom one", async () => {
    const plain = await createProduct({ title: "Plain" });
    expect(plain.variants.nodes).toEqual([{ id: expect.any(String), title: "Default Title" }]);
    const res = await sandbox.gql<BulkCreated>(BULK_CREATE, { id: plain.id, variants: sizes(["S"]) });
    expect(res.data?.productVariantsBulkCreate.product?.variants.nodes.map((v) => v.title)).toEqual(["S"]);

    const custom = await createProduct({
      title: "Custom",
      productOptions: [{ name: "Size", values: [{ name: "XS" }] }],
    });
    const kept = await sandbox.gql<BulkCreated>(BULK_CREATE, { id: custom.id, variants: sizes(["S"]) });
    expect(kept.data?.productVariantsBulkCreate.product?.variants.nodes.map((v) => v.title)).toEqual(["XS", "S"]);
  });

  it("refuses variants that already exist, lack an option value, or name an option the product lacks, writing none", async () => {
    const product = await createProduct({
      title: "Strict",
      productOptions: [{ name: "Size", values: [{ name: "S" }] }],
    });
    const res = await sandbox.gql<BulkCreated>(BULK_CREATE, {
      id: product.id,
      variants: [
        { optionValues: [{ optionName: "Size", name: "S" }] },
        { optionValues: [] },
        {
          optionValues: [
            { optionName: "Size", name: "M" },
            { optionName: "Colour", name: "Red" },
          ],
        },
        { optionValues: [{ optionName: "Size", name: "L" }], price: "-1" },
      ],
    });
    expect(res.data?.productVariantsBulkCreate).toEqual({
      product: null,
      productVariants: null,
      userErrors: [
        {
          field: ["variants", "0", "optionValues"],
          message: "The variant 'S' already exists.",
          code: "VARIANT_ALREADY_EXISTS",
        },
        {
          field: ["variants", "1", "optionValues"],
          message: "You need to add option values for Size",
          code: "NEED_TO_ADD_OPTION_VALUES",
        },
        {
          field: ["variants", "2", "optionValues"],
          message: "Variant options are more than the product options.",
          code: "OPTION_VALUES_FOR_NUMBER_OF_UNKNOWN_OPTIONS",
        },
        {
          field: ["variants", "3", "price"],
          message: "Price must be greater than or equal to 0",
          code: "GREATER_THAN_OR_EQUAL_TO",
        },
      ],
    });
    const after = await sandbox.gql<{ product: { variants: { nodes: unknown[] } } }>(
      "query($id: ID!) { product(id: $id) { variants(first: 10) { nodes { id } } } }",
      { id: product.id },
    );
    expect(after.data?.product.variants.nodes).toHaveLength(1);
  });

  it("updates prices, SKUs and inventory items in bulk, all or nothing unless partial updates are allowed", async () => {
    const product = await createProduct({ title: "Mug", productOptions: [{ name: "Size", values: [{ name: "S" }] }] });
    const variantId = product.variants.nodes[0]!.id;
    const ok = await sandbox.gql<{ productVariantsBulkUpdate: { productVariants: unknown[]; userErrors: unknown[] } }>(
      BULK_UPDATE,
      {
        id: product.id,
        variants: [
          {
            id: variantId,
            price: "9.95",
            compareAtPrice: "12.00",
            inventoryItem: {
              sku: "MUG-S",
              cost: "3.10",
              tracked: true,
              measurement: { weight: { value: 0.35, unit: "KILOGRAMS" } },
            },
          },
        ],
      },
    );
    expect(ok.data?.productVariantsBulkUpdate).toEqual({
      productVariants: [
        {
          id: variantId,
          price: "9.95",
          compareAtPrice: "12.0",
          sku: "MUG-S",
          inventoryItem: {
            unitCost: { amount: "3.1" },
            measurement: { weight: { value: 0.35, unit: "KILOGRAMS" } },
            tracked: true,
          },
        },
      ],
      userErrors: [],
    });
    const strict = await sandbox.gql<{
      productVariantsBulkUpdate: { productVariants: unknown; userErrors: { code: string }[] };
    }>(BULK_UPDATE, {
      id: product.id,
      variants: [
        { id: variantId, price: "1.00" },
        { price: "2.00" },
        { id: "gid://shopify/ProductVariant/999999", price: "3.00" },
      ],
    });
    expect(strict.data?.productVariantsBulkUpdate.productVariants).toBeNull();
    expect(strict.data?.productVariantsBulkUpdate.userErrors.map((e) => e.code)).toEqual([
      "PRODUCT_VARIANT_ID_MISSING",
      "PRODUCT_VARIANT_DOES_NOT_EXIST",
    ]);
    const partial = await sandbox.gql<{
      productVariantsBulkUpdate: { productVariants: { price: string }[]; userErrors: { code: string }[] };
    }>(BULK_UPDATE, { id: product.id, partial: true, variants: [{ id: variantId, price: "1.00" }, { price: "2.00" }] });
    expect(partial.data?.productVariantsBulkUpdate.productVariants.map((v) => v.price)).toEqual(["1.0"]);
    expect(partial.data?.productVariantsBulkUpdate.userErrors.map((e) => e.code)).toEqual([
      "PRODUCT_VARIANT_ID_MISSING",
    ]);
    const noStock = await sandbox.gql<{ productVariantsBulkUpdate: { userErrors: { code: string }[] } }>(BULK_UPDATE, {
      id: product.id,
      variants: [
        { id: variantId, inventoryQuantities: [{ locationId: "gid://shopify/Location/1", availableQuantity: 1 }] },
      ],
    });
    expect(noStock.data?.productVariantsBulkUpdate.userErrors.map((e) => e.code)).toEqual([
      "NO_INVENTORY_QUANTITIES_ON_VARIANTS_UPDATE",
    ]);
  });

  it("deletes variants of the product only, and never the last one", async () => {
    const product = await createProduct({ title: "Cap", productOptions: [{ name: "Size", values: [{ name: "S" }] }] });
    const more = await sandbox.gql<BulkCreated>(BULK_CREATE, { id: product.id, variants: sizes(["M", "L"]) });
    const [m, l] = more.data!.productVariantsBulkCreate.productVariants!;
    const foreign = await sandbox.gql<{ productVariantsBulkDelete: { userErrors: { code: string }[] } }>(BULK_DELETE, {
      id: product.id,
      ids: [m!.id, "gid://shopify/ProductVariant/424242"],
    });
    expect(foreign.data?.productVariantsBulkDelete.userErrors.map((e) => e.code)).toEqual([
      "AT_LEAST_ONE_VARIANT_DOES_NOT_BELONG_TO_THE_PRODUCT",
    ]);
    const deleted = await sandbox.gql<{
      productVariantsBulkDelete: { product: { variants: { nodes: { title: string }[] } } };
    }>(BULK_DELETE, {
      id: product.id,
      ids: [m!.id, l!.id],
    });
    expect(deleted.data?.productVariantsBulkDelete.product.variants.nodes).toEqual([{ title: "S" }]);
    const last = await sandbox.gql<{ productVariantsBulkDelete: { userErrors: { code: string }[] } }>(BULK_DELETE, {
      id: product.id,
      ids: [product.variants.nodes[0]!.id],
    });
    expect(last.data?.productVariantsBulkDelete.userErrors.map((e) => e.code)).toEqual(["CANNOT_DELETE_LAST_VARIANT"]);
  });

  it("announces every product write as products/create, /update and /delete in Shopify's REST shape", async () => {
    const product = await createProduct({
      title: "Announced",
      productOptions: [{ name: "Size", values: [{ name: "S" }] }],
    });
    await sandbox.gql(BULK_CREATE, { id: product.id, variants: sizes(["M"]) });
    await sandbox.gql(`mutation($p: ProductUpdateInput!) { productUpdate(product: $p) { userErrors { message } } }`, {
      p: { id: product.id, title: "Renamed" },
    });
    await sandbox.gql(
      `mutation($id: ID!) { productDelete(input: { id: $id }) { deletedProductId userErrors { message } } }`,
      { id: product.id },
    );
    const numeric = Number(product.id.split("/").pop());
    const created = await until(
      async () => sandbox.webhooks("products/create"),
      (l) => l.length === 1,
    );
    expect(created[0]).toMatchObject({
      id: numeric,
      admin_graphql_api_id: product.id,
      title: "Announced",
      handle: "announced",
      status: "active",
      variants: [
        {
          id: expect.any(Number),
          sku: null,
          barcode: null,
          price: "0.00",
          compare_at_price: null,
          inventory_item_id: expect.any(Number),
          inventory_policy: "deny",
          admin_graphql_api_id: expect.stringMatching(/ProductVariant/),
        },
      ],
      updated_at: expect.any(String),
    });
    const updated = await until(
      async () => sandbox.webhooks("products/update"),
      (l) => l.length === 2,
    );
    expect(updated[0]!.variants).toEqual([
      expect.objectContaining({ option1: "S" }),
      expect.objectContaining({
        option1: "M",
        sku: "SHIRT-M",
        barcode: "400000000000",
        price: "10.00",
        inventory_policy: "continue",
      }),
    ]);
    expect(updated[1]).toMatchObject({ title: "Renamed" });
    expect(
      await until(
        async () => sandbox.webhooks("products/delete"),
        (l) => l.length === 1,
      ),
    ).toEqual([{ id: numeric }]);
  });
});

describe("product webhooks with include_fields", () => {
  let sandbox: CatalogSandbox;
  beforeEach(async () => {
    sandbox = await startCatalogSandbox({
      seed: { products: 0, customers: 0 },
      topics: ["products/update"],
      includeFields: ["id", "updated_at", "variants.id", "variants.price"],
    });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it("sends only the subscribed fields", async () => {
    const res = await sandbox.gql<Created>(CREATE, { product: { title: "Lean" } });
    const id = res.data!.productCreate.product!.id;
    await sandbox.gql(`mutation($p: ProductUpdateInput!) { productUpdate(product: $p) { userErrors { message } } }`, {
      p: { id, vendor: "Acme" },
    });
    const [payload] = await until(
      async () => sandbox.webhooks("products/update"),
      (l) => l.length === 1,
    );
    expect(payload).toEqual({
      id: Number(id.split("/").pop()),
      updated_at: expect.any(String),
      variants: [{ id: expect.any(Number), price: "0.00" }],
    });
  });
});
