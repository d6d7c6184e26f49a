import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createShopifyEngine } from "../../../sandbox/shopify/engine/create-engine.ts";
import {
  APP,
  type CatalogSandbox,
  finished,
  jsonl,
  SHOP,
  startCatalogSandbox,
  until,
} from "./shopify-catalog-fixture.ts";

const RUN_QUERY = `mutation($query: String!) { bulkOperationRunQuery(query: $query) {
  bulkOperation { id status type objectCount url }
  userErrors { field message code } } }`;

type RunQuery = {
  bulkOperationRunQuery: {
    bulkOperation: { id: string; status: string; type: string; objectCount: string; url: string | null } | null;
    userErrors: { field: string[] | null; message: string; code: string }[];
  };
};

const PRODUCTS_WITH_VARIANTS = `{ products(query: "status:active") { edges { node {
  id title
  variants { edges { node { id sku inventoryItem { id } } } }
} } } }`;

const VARIANTS_WITH_LEVELS = `{ productVariants { nodes {
  id sku
  inventoryItem { id inventoryLevels { edges { node { id quantities(names: ["available"]) { quantity } } } } }
} } }`;

describe("bulk queries in the sandbox store", () => {
  let sandbox: CatalogSandbox;
  beforeEach(async () => {
    sandbox = await startCatalogSandbox({ seed: { products: 3, variantsPerProduct: 2, locations: 2, customers: 0 } });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it("writes every node as a JSONL line, children after their parent with __parentId, and tells the app when done", async () => {
    const started = await sandbox.gql<RunQuery>(RUN_QUERY, { query: PRODUCTS_WITH_VARIANTS });
    expect(started.data?.bulkOperationRunQuery).toEqual({
      bulkOperation: {
        id: expect.stringMatching(/^gid:\/\/shopify\/BulkOperation\/\d+$/),
        status: "CREATED",
        type: "QUERY",
        objectCount: "0",
        url: null,
      },
      userErrors: [],
    });
    const id = started.data!.bulkOperationRunQuery.bulkOperation!.id;
    const op = await finished(sandbox, id);
    // 3 products and their 6 variants.
    expect(op).toMatchObject({
      status: "COMPLETED",
      errorCode: null,
      objectCount: "9",
      rootObjectCount: "3",
      partialDataUrl: null,
    });
    expect(op.url).toMatch(new RegExp(`^${sandbox.server.url}/storage/`));
    const text = await (await fetch(op.url!)).text();
    expect(Number(op.fileSize)).toBe(Buffer.byteLength(text));
    const lines = await jsonl(op.url!);
    expect(lines).toHaveLength(9);
    const products = lines.filter((l) => String(l.id).includes("/Product/"));
    expect(products.map((p) => Object.keys(p))).toEqual([
      ["id", "title"],
      ["id", "title"],
      ["id", "title"],
    ]);
    // Each product is followed by its own variants (without edges/node wrappers), which name it.
    expect(
      lines.map((l) => (l.__parentId === undefined ? "P" : `V<${products.findIndex((p) => p.id === l.__parentId)}`)),
    ).toEqual(["P", "V<0", "V<0", "P", "V<1", "V<1", "P", "V<2", "V<2"]);
    expect(lines[1]).toEqual({
      id: expect.stringMatching(/ProductVariant/),
      sku: expect.any(String),
      inventoryItem: { id: expect.stringMatching(/InventoryItem/) },
      __parentId: products[0]!.id,
    });

    const current = await sandbox.gql<{ currentBulkOperation: { id: string; status: string } }>(
      "{ currentBulkOperation { id status } }",
    );
    expect(current.data?.currentBulkOperation).toEqual({ id, status: "COMPLETED" });
    const finish = await until(
      async () => sandbox.webhooks("bulk_operations/finish"),
      (list) => list.length > 0,
    );
    expect(finish).toEqual([
      {
        admin_graphql_api_id: id,
        completed_at: op.completedAt,
        created_at: op.createdAt,
        error_code: null,
        status: "completed",
        type: "query",
      },
    ]);
  });

  it("hangs a connection inside a plain object off the nearest node", async () => {
    const started = await sandbox.gql<RunQuery>(RUN_QUERY, { query: VARIANTS_WITH_LEVELS });
    const op = await finished(sandbox, started.data!.bulkOperationRunQuery.bulkOperation!.id);
    // 6 variants, 2 stock levels each.
    expect(op).toMatchObject({ status: "COMPLETED", objectCount: "18", rootObjectCount: "6" });
    const lines = await jsonl(op.url!);
    const variant = lines[0]!;
    expect(variant).toEqual({
      id: expect.stringMatching(/ProductVariant/),
      sku: expect.any(String),
      inventoryItem: { id: expect.any(String) },
    });
    expect(lines.slice(1, 3)).toEqual([
      {
        id: expect.stringMatching(/InventoryLevel/),
        quantities: [{ quantity: expect.any(Number) }],
        __parentId: variant.id,
      },
      {
        id: expect.stringMatching(/InventoryLevel/),
        quantities: [{ quantity: expect.any(Number) }],
        __parentId: variant.id,
      },
    ]);
  });

  it("answers no url when the query matched nothing", async () => {
    const started = await sandbox.gql<RunQuery>(RUN_QUERY, {
      query: '{ products(query: "title:nothing-like-this") { nodes { id } } }',
    });
    const op = await finished(sandbox, started.data!.bulkOperationRunQuery.bulkOperation!.id);
    expect(op).toMatchObject({ status: "COMPLETED", objectCount: "0", url: null, fileSize: null });
  });

  it.each([
    ["no connection", "{ shop { name } }", "at least one connection"],
    ["a top-level node field", '{ node(id: "gid://shopify/Product/1001") { id } }', "`node` or `nodes`"],
    [
      "three levels of connections",
      "{ products { nodes { id variants { nodes { id inventoryItem { id inventoryLevels { nodes { id } } } } } } } }",
      "more than 2 levels",
    ],
    [
      "six connections",
      "{ products { nodes { id a: variants { nodes { id } } b: variants { nodes { id } } c: variants { nodes { id } } d: variants { nodes { id } } e: variants { nodes { id } } } } }",
      "more than 5 connections",
    ],
    [
      "a nested connection under a node without id",
      "{ products { nodes { title variants { nodes { id } } } } }",
      "'id' field",
    ],
    [
      "a mutation",
      'mutation { productDelete(input: { id: "gid://shopify/Product/1" }) { deletedProductId } }',
      "query operations",
    ],
    ["an invalid field", "{ products { nodes { nope } } }", "Invalid bulk query"],
  ])("refuses %s with an INVALID user error", async (_name, query, message) => {
    const res = await sandbox.gql<RunQuery>(RUN_QUERY, { query });
    expect(res.data?.bulkOperationRunQuery.bulkOperation).toBeNull();
    expect(res.data?.bulkOperationRunQuery.userErrors).toEqual([
      { field: ["query"], message: expect.stringContaining(message), code: "INVALID" },
    ]);
  });

  it("names a field the sandbox does not model instead of starting an operation that would lack it", async () => {
    const res = await sandbox.gql<RunQuery>(RUN_QUERY, { query: "{ products { nodes { id seo { title } } } }" });
    expect(res.errors).toEqual([
      expect.objectContaining({ message: "the sandbox does not model Product.seo", path: ["bulkOperationRunQuery"] }),
    ]);
    expect(sandbox.engine.shopState(SHOP)?.bulkOperations.size).toBe(0);
  });

  it("runs at most five operations per app and shop at once; the sixth gets LIMIT_REACHED", async () => {
    const six = Array.from(
      { length: 6 },
      (_, i) =>
        `op${i}: bulkOperationRunQuery(query: "{ products { nodes { id } } }") { bulkOperation { id status } userErrors { field message code } }`,
    );
    const res = await sandbox.gql<Record<string, RunQuery["bulkOperationRunQuery"]>>(`mutation { ${six.join("\n")} }`);
    const answers = Object.values(res.data ?? {});
    expect(answers.slice(0, 5).every((a) => a.bulkOperation?.status === "CREATED" && a.userErrors.length === 0)).toBe(
      true,
    );
    expect(answers[5]).toEqual({
      bulkOperation: null,
      userErrors: [
        { field: null, message: "Bulk operations limit reached. Please try again later.", code: "LIMIT_REACHED" },
      ],
    });
    for (const a of answers.slice(0, 5)) await finished(sandbox, a.bulkOperation!.id);
    // Finished operations free their slots.
    const again = await sandbox.gql<RunQuery>(RUN_QUERY, { query: "{ products { nodes { id } } }" });
    expect(again.data?.bulkOperationRunQuery.userErrors).toEqual([]);
  });

  it("keeps operations to the app that ran them: another app sees none and hears no webhook", async () => {
    const other = { apiKey: "other-app", apiSecret: "other-secret" };
    sandbox.server.registerApp({
      ...other,
      appUrl: sandbox.receiver.url,
      webhooks: [{ topics: ["bulk_operations/finish"], uri: "/other" }],
    });
    const otherToken = sandbox.server.installApp(SHOP, other.apiKey).accessToken;
    const started = await sandbox.gql<RunQuery>(RUN_QUERY, { query: "{ products { nodes { id } } }" });
    const id = started.data!.bulkOperationRunQuery.bulkOperation!.id;
    await finished(sandbox, id);
    const seen = await sandbox.gql(
      "query($id: ID!) { node(id: $id) { id } current: currentBulkOperation { id } }",
      { id },
      otherToken,
    );
    expect(seen.data).toEqual({ node: null, current: null });
    await until(
      async () => sandbox.webhooks("bulk_operations/finish"),
      (l) => l.length === 1,
    );
    await sandbox.server.webhooks.waitForIdle();
    expect(sandbox.receiver.received.filter((r) => r.path === "/other")).toEqual([]);
    expect(
      sandbox.receiver.received.filter((r) => r.path === "/webhooks").map((r) => r.headers["x-shopify-topic"]),
    ).toEqual(["bulk_operations/finish"]);
    expect(APP.apiKey).not.toBe(other.apiKey);
  });
});

describe("a bulk query over a big store", () => {
  let sandbox: CatalogSandbox;
  beforeEach(async () => {
    sandbox = await startCatalogSandbox({
      seed: { products: 2000, variantsPerProduct: 5, locations: 1, customers: 0 },
    });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it("counts objects as it goes and can be canceled, leaving the lines it had written as partial data", async () => {
    const started = await sandbox.gql<RunQuery>(RUN_QUERY, {
      query: "{ products { nodes { id variants { nodes { id sku } } } } }",
    });
    const id = started.data!.bulkOperationRunQuery.bulkOperation!.id;
    await until(
      async () =>
        (
          await sandbox.gql<{ node: { status: string; objectCount: string } }>(
            "query($id: ID!) { node(id: $id) { ... on BulkOperation { status objectCount } } }",
            { id },
          )
        ).data?.node,
      (op) => op?.status === "RUNNING" && Number(op.objectCount) > 0,
    );
    const canceled = await sandbox.gql<{
      bulkOperationCancel: { bulkOperation: { status: string }; userErrors: unknown[] };
    }>(
      "mutation($id: ID!) { bulkOperationCancel(id: $id) { bulkOperation { status } userErrors { field message } } }",
      { id },
    );
    expect(canceled.data?.bulkOperationCancel).toEqual({ bulkOperation: { status: "CANCELING" }, userErrors: [] });
    const op = await finished(sandbox, id);
    expect(op).toMatchObject({ status: "CANCELED", url: null });
    const objects = Number(op.objectCount);
    expect(objects).toBeGreaterThan(0);
    expect(objects).toBeLessThan(12_000);
    expect(await jsonl(op.partialDataUrl!)).toHaveLength(objects);
    const again = await sandbox.gql<{ bulkOperationCancel: { userErrors: { message: string }[] } }>(
      "mutation($id: ID!) { bulkOperationCancel(id: $id) { userErrors { field message } } }",
      { id },
    );
    expect(again.data?.bulkOperationCancel.userErrors).toEqual([
      { field: null, message: "A bulk operation cannot be canceled when it is canceled" },
    ]);
    const finish = await until(
      async () => sandbox.webhooks("bulk_operations/finish"),
      (l) => l.length > 0,
    );
    expect(finish[0]).toMatchObject({ status: "canceled", type: "query", admin_graphql_api_id: id });
  });
});

describe("bulk operation results after seven days", () => {
  let sandbox: CatalogSandbox;
  let clock = Date.parse("2026-11-02T09:00:00Z");
  beforeEach(async () => {
    sandbox = await startCatalogSandbox({
      engine: createShopifyEngine({ now: () => clock }),
      seed: { products: 2, variantsPerProduct: 1, customers: 0 },
    });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it("are EXPIRED: no url any more, and the file is gone", async () => {
    const first = await sandbox.gql<RunQuery>(RUN_QUERY, { query: "{ products { nodes { id } } }" });
    const old = await finished(sandbox, first.data!.bulkOperationRunQuery.bulkOperation!.id);
    expect((await fetch(old.url!)).status).toBe(200);
    clock += 8 * 24 * 60 * 60 * 1000;
    const next = await sandbox.gql<RunQuery>(RUN_QUERY, { query: "{ products { nodes { id } } }" });
    await finished(sandbox, next.data!.bulkOperationRunQuery.bulkOperation!.id);
    const expired = await sandbox.gql<{ node: { status: string; url: string | null } }>(
      "query($id: ID!) { node(id: $id) { ... on BulkOperation { status url } } }",
      { id: old.id },
    );
    expect(expired.data?.node).toEqual({ status: "EXPIRED", url: null });
    expect((await fetch(old.url!)).status).toBe(404);
  });
});
