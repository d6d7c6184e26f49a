import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type CatalogSandbox, startCatalogSandbox, until } from "./shopify-catalog-fixture.ts";

const PRODUCT_SET = `mutation($input: ProductSetInput!, $sync: Boolean) { productSet(input: $input, synchronous: $sync) {
  product { id variantsCount { count } }
  productSetOperation { id status product { id } userErrors { field message code } }
  userErrors { field message code } } }`;

type ProductSetAnswer = {
  productSet: {
    product: { id: string; variantsCount: { count: number } } | null;
    productSetOperation: { id: string; status: string; product: { id: string } | null; userErrors: unknown[] } | null;
    userErrors: { field: string[]; message: string; code: string }[];
  } | null;
};

const OPERATION = `query($id: ID!) { productOperation(id: $id) { status product { id title variantsCount { count } }
  ... on ProductSetOperation { id userErrors { field message code } } } }`;

function manyVariants(n: number, title = `Big ${n}`) {
  return {
    title,
    productOptions: [{ name: "Size", values: Array.from({ length: n }, (_, i) => ({ name: `S${i}` })) }],
    variants: Array.from({ length: n }, (_, i) => ({
      optionValues: [{ optionName: "Size", name: `S${i}` }],
      price: "1.00",
    })),
  };
}

describe("productSet modes and Shopify's product limits", () => {
  let sandbox: CatalogSandbox;
  beforeEach(async () => {
    sandbox = await startCatalogSandbox({ seed: { products: 1, variantsPerProduct: 1, customers: 0 } });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it("runs asynchronously with synchronous: false: an operation CREATED now, then ACTIVE, then COMPLETE with the product", async () => {
    const res = await sandbox.gql<ProductSetAnswer>(PRODUCT_SET, { input: manyVariants(150), sync: false });
    expect(res.data?.productSet).toEqual({
      product: null,
      productSetOperation: {
        id: expect.stringMatching(/^gid:\/\/shopify\/ProductSetOperation\/\d+$/),
        status: "CREATED",
        product: null,
        userErrors: [],
      },
      userErrors: [],
    });
    const id = res.data!.productSet!.productSetOperation!.id;
    const statuses = new Set<string>();
    const done = await until(
      async () =>
        (
          await sandbox.gql<{
            productOperation: {
              status: string;
              product: { title: string; variantsCount: { count: number } } | null;
              userErrors: unknown[];
            };
          }>(OPERATION, { id })
        ).data?.productOperation,
      (op) => (statuses.add(op?.status ?? ""), op?.status === "COMPLETE"),
    );
    expect(done).toEqual({
      id,
      status: "COMPLETE",
      product: { id: expect.any(String), title: "Big 150", variantsCount: { count: 150 } },
      userErrors: [],
    });
    expect([...statuses].every((s) => ["CREATED", "ACTIVE", "COMPLETE"].includes(s))).toBe(true);
    const node = await sandbox.gql<{ node: { status: string } }>(
      "query($id: ID!) { node(id: $id) { ... on ProductSetOperation { status } } }",
      { id },
    );
    expect(node.data?.node.status).toBe("COMPLETE");
  });

  it("reports an asynchronous productSet's user errors on its operation", async () => {
    const res = await sandbox.gql<ProductSetAnswer>(PRODUCT_SET, { input: { title: "" }, sync: false });
    const id = res.data!.productSet!.productSetOperation!.id;
    const done = await until(
      async () =>
        (
          await sandbox.gql<{ productOperation: { status: string; product: unknown; userErrors: unknown[] } }>(
            OPERATION,
            { id },
          )
        ).data?.productOperation,
      (op) => op?.status === "COMPLETE",
    );
    expect(done).toMatchObject({
      product: null,
      userErrors: [{ field: ["input", "title"], message: "Title can't be blank", code: "INVALID_INPUT" }],
    });
  });

  it("refuses more than 100 variants synchronously and more than 2,048 at all", async () => {
    const sync = await sandbox.gql<ProductSetAnswer>(PRODUCT_SET, { input: manyVariants(101) });
    expect(sync.data?.productSet?.userErrors).toEqual([
      {
        field: ["input", "variants"],
        message: expect.stringContaining("synchronous: false"),
        code: "VARIANTS_OVER_LIMIT",
      },
    ]);
    const hundred = await sandbox.gql<ProductSetAnswer>(PRODUCT_SET, { input: manyVariants(100) });
    expect(hundred.data?.productSet?.product?.variantsCount.count).toBe(100);
    const huge = await sandbox.gql<ProductSetAnswer>(PRODUCT_SET, { input: manyVariants(2049), sync: false });
    const id = huge.data!.productSet!.productSetOperation!.id;
    const done = await until(
      async () =>
        (await sandbox.gql<{ productOperation: { status: string; userErrors: { code: string }[] } }>(OPERATION, { id }))
          .data?.productOperation,
      (op) => op?.status === "COMPLETE",
    );
    expect(done?.userErrors.map((e) => e.code)).toEqual(["VARIANTS_OVER_LIMIT"]);
  });

  it("refuses text over 255 characters, more than three options and a taken handle, with Shopify's messages", async () => {
    const long = "y".repeat(256);
    const res = await sandbox.gql<ProductSetAnswer>(PRODUCT_SET, {
      input: {
        title: long,
        handle: long,
        vendor: long,
        productType: long,
        productOptions: ["A", "B", "C", "D"].map((name) => ({ name, values: [{ name: "1" }] })),
        variants: [{ optionValues: [{ optionName: "A", name: "1" }], sku: long, barcode: long }],
      },
    });
    expect(res.data?.productSet?.userErrors).toEqual([
      { field: ["input", "title"], message: "Title is too long (maximum is 255 characters)", code: "INVALID_PRODUCT" },
      {
        field: ["input", "handle"],
        message: "Handle is too long (maximum is 255 characters)",
        code: "INVALID_PRODUCT",
      },
      {
        field: ["input", "vendor"],
        message: "Vendor is too long (maximum is 255 characters)",
        code: "INVALID_PRODUCT",
      },
      {
        field: ["input", "productType"],
        message: "Product type is too long (maximum is 255 characters)",
        code: "INVALID_PRODUCT",
      },
      {
        field: ["input", "productOptions"],
        message: "Can only specify a maximum of 3 options",
        code: "OPTIONS_OVER_LIMIT",
      },
      {
        field: ["input", "variants", "0", "sku"],
        message: "SKU is too long (maximum is 255 characters)",
        code: "INVALID_VARIANT",
      },
      {
        field: ["input", "variants", "0", "barcode"],
        message: "Barcode is too long (maximum is 255 characters)",
        code: "INVALID_VARIANT",
      },
    ]);
    const exactly = "z".repeat(255);
    const fits = await sandbox.gql<ProductSetAnswer>(PRODUCT_SET, {
      input: { title: exactly, handle: "taken-handle" },
    });
    expect(fits.data?.productSet?.userErrors).toEqual([]);
    const taken = await sandbox.gql<ProductSetAnswer>(PRODUCT_SET, {
      input: { title: "Other", handle: "taken-handle" },
    });
    expect(taken.data?.productSet?.userErrors).toEqual([
      {
        field: ["input", "handle"],
        message: "Handle 'taken-handle' already in use. Please provide a new handle.",
        code: "HANDLE_NOT_UNIQUE",
      },
    ]);
    const created = await sandbox.gql<{ productCreate: { userErrors: unknown[] } }>(
      "mutation($p: ProductCreateInput!) { productCreate(product: $p) { userErrors { field message } } }",
      { p: { title: long } },
    );
    expect(created.data?.productCreate.userErrors).toEqual([
      { field: ["title"], message: "Title is too long (maximum is 255 characters)" },
    ]);
    const variants = await sandbox.gql<{ productVariantsBulkUpdate: { userErrors: unknown[] } }>(
      `mutation($p: ID!, $v: [ProductVariantsBulkInput!]!) { productVariantsBulkUpdate(productId: $p, variants: $v) { userErrors { field message code } } }`,
      {
        p: fits.data!.productSet!.product!.id,
        v: [{ id: "gid://shopify/ProductVariant/1", inventoryItem: { sku: long } }],
      },
    );
    expect(variants.data?.productVariantsBulkUpdate.userErrors).toEqual(
      expect.arrayContaining([
        {
          field: ["variants", "0", "inventoryItem", "sku"],
          message: "SKU is too long (maximum is 255 characters)",
          code: "TOO_LONG",
        },
      ]),
    );
  });

  it("generates a free handle from the title when none is given", async () => {
    const first = await sandbox.gql<{ productSet: { product: { handle: string } } }>(
      `mutation { productSet(input: { title: "Same Title" }) { product { handle } } }`,
    );
    const second = await sandbox.gql<{ productSet: { product: { handle: string } } }>(
      `mutation { productSet(input: { title: "Same Title" }) { product { handle } } }`,
    );
    expect([first.data?.productSet.product.handle, second.data?.productSet.product.handle]).toEqual([
      "same-title",
      "same-title-1",
    ]);
  });
});
