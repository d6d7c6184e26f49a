import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createShopifyEngine } from "../../../sandbox/shopify/engine/create-engine.ts";
import {
  type CatalogSandbox,
  finished,
  jsonl,
  SHOP,
  stageFile,
  startCatalogSandbox,
} from "./shopify-catalog-fixture.ts";

const CREATE = `mutation($title: String!) { productCreate(product: { title: $title }) {
  product { id variants(first: 1) { nodes { id } } } userErrors { field message } } }`;

const BULK_CREATE = `mutation($id: ID!, $variants: [ProductVariantsBulkInput!]!) {
  productVariantsBulkCreate(productId: $id, variants: $variants, strategy: PRESERVE_STANDALONE_VARIANT) {
    productVariants { id } userErrors { field message code } } }`;

type Created = { productCreate: { product: { id: string; variants: { nodes: { id: string }[] } } } | null } | null;

const THROTTLE = {
  message:
    "Daily variant creation limit reached. Please try again later. See https://help.shopify.com/api/getting-started/api-call-limit for more information about rate limits and how to avoid them.",
  extensions: { code: "VARIANT_THROTTLE_EXCEEDED" },
};

const sizes = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ optionValues: [{ optionName: "Title", name: `Size ${i}` }] }));

// 5,000 products × 10 variants: the 50,000-variant store where Shopify's daily creation limit starts.
const BIG_STORE = { products: 5000, variantsPerProduct: 10, locations: 1, customers: 0 };

describe("the variant-creation throttle of a store with 50,000 variants", () => {
  let sandbox: CatalogSandbox;
  let clock = Date.parse("2026-11-02T09:00:00Z");
  beforeEach(async () => {
    clock = Date.parse("2026-11-02T09:00:00Z");
    sandbox = await startCatalogSandbox({
      engine: createShopifyEngine({ now: () => clock }),
      seed: BIG_STORE,
      topics: [],
    });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it("allows 1,000 new variants a day, then refuses creation with VARIANT_THROTTLE_EXCEEDED but not updates", async () => {
    const first = await sandbox.gql<Created>(CREATE, { title: "Day one" });
    expect(first.errors).toBeUndefined();
    const product = first.data!.productCreate!.product;
    const more = await sandbox.gql<{
      productVariantsBulkCreate: { productVariants: unknown[]; userErrors: unknown[] };
    }>(BULK_CREATE, {
      id: product.id,
      variants: sizes(999),
    });
    expect(more.data?.productVariantsBulkCreate.userErrors).toEqual([]);
    expect(more.data?.productVariantsBulkCreate.productVariants).toHaveLength(999);

    const refused = await sandbox.gql<Created>(CREATE, { title: "One too many" });
    expect(refused.data).toEqual({ productCreate: null });
    expect(refused.errors).toEqual([expect.objectContaining({ ...THROTTLE, path: ["productCreate"] })]);
    const refusedVariant = await sandbox.gql(BULK_CREATE, { id: product.id, variants: sizes(1000).slice(999) });
    expect(refusedVariant.errors).toEqual([
      expect.objectContaining({ ...THROTTLE, path: ["productVariantsBulkCreate"] }),
    ]);

    const update = await sandbox.gql<{ productVariantsBulkUpdate: { userErrors: unknown[] } }>(
      `mutation($p: ID!, $v: [ProductVariantsBulkInput!]!) { productVariantsBulkUpdate(productId: $p, variants: $v) { userErrors { message } } }`,
      { p: product.id, v: [{ id: product.variants.nodes[0]!.id, price: "3.00" }] },
    );
    expect(update.errors).toBeUndefined();
    expect(update.data?.productVariantsBulkUpdate.userErrors).toEqual([]);

    // A bulk mutation's line hits the same limit: the line carries the error, the operation completes.
    const target = await stageFile(
      sandbox,
      { resource: "BULK_MUTATION_VARIABLES", filename: "lines.jsonl", mimeType: "text/jsonl" },
      Buffer.from(`${JSON.stringify({ input: { title: "Bulk one" } })}\n`),
    );
    const run = await sandbox.gql<{ bulkOperationRunMutation: { bulkOperation: { id: string } } }>(
      `mutation($m: String!, $p: String!) { bulkOperationRunMutation(mutation: $m, stagedUploadPath: $p) { bulkOperation { id } userErrors { message } } }`,
      {
        m: "mutation($input: ProductSetInput!) { productSet(input: $input) { product { id } userErrors { message } } }",
        p: target.parameters.find((p) => p.name === "key")!.value,
      },
    );
    const op = await finished(sandbox, run.data!.bulkOperationRunMutation.bulkOperation.id);
    expect(op.status).toBe("COMPLETED");
    expect(await jsonl(op.url!)).toEqual([
      {
        errors: [expect.objectContaining({ ...THROTTLE, path: ["productSet"] })],
        data: { productSet: null },
        __lineNumber: 0,
      },
    ]);

    // A day later the allowance is back.
    clock += 24 * 60 * 60 * 1000 + 1;
    const nextDay = await sandbox.gql<Created>(CREATE, { title: "Day two" });
    expect(nextDay.errors).toBeUndefined();
    expect(nextDay.data?.productCreate?.product.id).toEqual(expect.any(String));
  });
});

describe("a Shopify Plus store with 50,000 variants", () => {
  let sandbox: CatalogSandbox;
  beforeEach(async () => {
    sandbox = await startCatalogSandbox({ plan: "plus", seed: BIG_STORE, topics: [] });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it("is not throttled", async () => {
    const first = await sandbox.gql<Created>(CREATE, { title: "Plus" });
    const res = await sandbox.gql<{ productVariantsBulkCreate: { userErrors: unknown[] } }>(BULK_CREATE, {
      id: first.data!.productCreate!.product.id,
      variants: sizes(1200),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.productVariantsBulkCreate.userErrors).toEqual([]);
  });
});

describe("a store put over 50,000 variants through the control API", () => {
  let sandbox: CatalogSandbox;
  beforeEach(async () => {
    sandbox = await startCatalogSandbox({ seed: { products: 2, variantsPerProduct: 3, locations: 1, customers: 0 } });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  const control = async (path: string, body: unknown) => {
    const response = await fetch(`${sandbox.server.url}${path}`, { method: "POST", body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const COUNT = `query($limit: Int) { productVariantsCount(limit: $limit) { count precision } }`;
  const variantsCount = async (variables: Record<string, unknown> = {}) =>
    (await sandbox.gql<{ productVariantsCount: { count: number; precision: string } }>(COUNT, variables)).data
      ?.productVariantsCount;

  it("counts its variants as productVariantsCount does: capped at the limit (10,000 by default), null for none", async () => {
    expect(await variantsCount()).toEqual({ count: 6, precision: "EXACT" });
    expect(await control(`/sandbox/shops/${SHOP}/existing-variants`, { count: 60_000 })).toEqual({
      status: 200,
      body: { variants: 60_006 },
    });
    expect(await variantsCount()).toEqual({ count: 10_000, precision: "AT_LEAST" });
    expect(await variantsCount({ limit: 50_001 })).toEqual({ count: 50_001, precision: "AT_LEAST" });
    expect(await variantsCount({ limit: null })).toEqual({ count: 60_006, precision: "EXACT" });
    // They are counted, not listed: the store's own variants are still the only ones a query returns.
    const listed = await sandbox.gql<{ productVariants: { nodes: unknown[] } }>(
      `{ productVariants(first: 50) { nodes { id } } }`,
    );
    expect(listed.data?.productVariants.nodes).toHaveLength(6);
  });

  it("throttles creation once over the threshold, and the clock control gives the day back", async () => {
    await control(`/sandbox/shops/${SHOP}/existing-variants`, { count: 50_000 });
    const first = await sandbox.gql<Created>(CREATE, { title: "Day one" });
    const more = await sandbox.gql<{ productVariantsBulkCreate: { userErrors: unknown[] } }>(BULK_CREATE, {
      id: first.data!.productCreate!.product.id,
      variants: sizes(999),
    });
    expect(more.data?.productVariantsBulkCreate.userErrors).toEqual([]);
    const refused = await sandbox.gql<Created>(CREATE, { title: "One too many" });
    expect(refused.errors).toEqual([expect.objectContaining({ ...THROTTLE, path: ["productCreate"] })]);

    // Almost a day: still refused. Past the rolling 24 hours: allowed again.
    const before = Date.now();
    const moved = await control("/sandbox/clock", { advanceMs: 24 * 60 * 60 * 1000 - 60_000 });
    expect(Date.parse(String(moved.body.now)) - before).toBeGreaterThanOrEqual(24 * 60 * 60 * 1000 - 60_000);
    expect((await sandbox.gql<Created>(CREATE, { title: "Too early" })).errors).toEqual([
      expect.objectContaining(THROTTLE),
    ]);
    await control("/sandbox/clock", { advanceMs: 120_000 });
    const nextDay = await sandbox.gql<Created & { productCreate: { product: { createdAt?: string } } }>(
      `mutation { productCreate(product: { title: "Day two" }) { product { id createdAt } userErrors { message } } }`,
    );
    expect(nextDay.errors).toBeUndefined();
    expect(Date.parse(nextDay.data!.productCreate!.product.createdAt!)).toBeGreaterThan(before + 24 * 60 * 60 * 1000);
  });

  it("refuses a clock moved backwards and existing variants for an unknown shop", async () => {
    expect((await control("/sandbox/clock", { advanceMs: -1 })).status).toBe(400);
    expect((await control("/sandbox/shops/nope.myshopify.com/existing-variants", { count: 1 })).status).toBe(404);
  });
});
