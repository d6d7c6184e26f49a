import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type CatalogSandbox, startCatalogSandbox } from "./shopify-catalog-fixture.ts";

describe("fields the sandbox store does not model", () => {
  let sandbox: CatalogSandbox;
  let productId: string;
  beforeEach(async () => {
    sandbox = await startCatalogSandbox({ seed: { products: 1, variantsPerProduct: 1, customers: 1, orders: 1 } });
    const res = await sandbox.gql<{ products: { nodes: { id: string }[] } }>("{ products(first: 1) { nodes { id } } }");
    productId = res.data!.products.nodes[0]!.id;
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it("answer a GraphQL error naming the type and field, with its path, instead of a made-up value", async () => {
    const res = await sandbox.gql<{ product: unknown }>(
      "query($id: ID!) { product(id: $id) { id title seo { title } } }",
      { id: productId },
    );
    expect(res.errors).toEqual([
      {
        message: "the sandbox does not model Product.seo",
        locations: [{ line: 1, column: 47 }],
        path: ["product", "seo"],
        extensions: { code: "SANDBOX_UNMODELLED_FIELD" },
      },
    ]);
    // `seo` is non-null, so the error nulls the product, as graphql-js and Shopify do.
    expect(res.data).toEqual({ product: null });
  });

  it("leave the modelled fields of other objects alone and name each gap once per place", async () => {
    const res = await sandbox.gql<{ a: { title: string }; b: { id: string; variants: { nodes: unknown[] } } | null }>(
      `query($id: ID!) { a: product(id: $id) { title }
        b: product(id: $id) { id variants(first: 1) { nodes { id unitPriceMeasurement { measuredType } } } } }`,
      { id: productId },
    );
    expect(res.data?.a).toEqual({ title: expect.any(String) });
    expect(res.errors?.map((e) => [e.message, e.path])).toEqual([
      [
        "the sandbox does not model ProductVariant.unitPriceMeasurement",
        ["b", "variants", "nodes", 0, "unitPriceMeasurement"],
      ],
    ]);
  });

  it("keep answering null where Shopify answers null: a user error without a field or code, an API order's app", async () => {
    const cancel = await sandbox.gql<{ bulkOperationCancel: { userErrors: { field: null; message: string }[] } }>(
      'mutation { bulkOperationCancel(id: "gid://shopify/BulkOperation/1") { userErrors { field message } } }',
    );
    expect(cancel.errors).toBeUndefined();
    const orders = await sandbox.gql<{ orders: { nodes: { sourceName: string; app: null }[] } }>(
      "{ orders(first: 1) { nodes { sourceName app { name } } } }",
    );
    expect(orders.errors).toBeUndefined();
    expect(orders.data?.orders.nodes).toEqual([{ sourceName: "api", app: null }]);
  });
});
