import { afterEach, beforeEach, describe, expect, it } from "vitest";

import {
  type CatalogSandbox,
  finished,
  jsonl,
  SHOP,
  STAGED_UPLOADS,
  type StagedTarget,
  stageFile,
  startCatalogSandbox,
  until,
  uploadToTarget,
} from "./shopify-catalog-fixture.ts";

const RUN_MUTATION = `mutation($mutation: String!, $path: String!) {
  bulkOperationRunMutation(mutation: $mutation, stagedUploadPath: $path) {
    bulkOperation { id status type }
    userErrors { field message code } } }`;

type RunMutation = {
  bulkOperationRunMutation: {
    bulkOperation: { id: string; status: string; type: string } | null;
    userErrors: { field: string[] | null; message: string; code: string }[];
  };
};

const PRODUCT_SET = `mutation call($input: ProductSetInput!) {
  productSet(input: $input) {
    product { id title variants(first: 5) { nodes { sku price } } }
    userErrors { field message code } } }`;

function productLine(n: number, title = `Export ${n}`) {
  return {
    input: {
      title,
      productOptions: [{ name: "Size", values: [{ name: "S" }, { name: "M" }] }],
      variants: ["S", "M"].map((size) => ({
        optionValues: [{ optionName: "Size", name: size }],
        sku: `EXP-${n}-${size}`,
        price: "12.50",
      })),
    },
  };
}

const toJsonl = (lines: unknown[]) => Buffer.from(lines.map((l) => JSON.stringify(l)).join("\n") + "\n");

describe("bulk mutations in the sandbox store", () => {
  let sandbox: CatalogSandbox;
  beforeEach(async () => {
    sandbox = await startCatalogSandbox({ seed: { products: 1, variantsPerProduct: 1, customers: 0 } });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  async function stageJsonl(bytes: Buffer): Promise<StagedTarget> {
    return stageFile(
      sandbox,
      { resource: "BULK_MUTATION_VARIABLES", filename: "lines.jsonl", mimeType: "text/jsonl" },
      bytes,
    );
  }

  const pathOf = (target: StagedTarget) => target.parameters.find((p) => p.name === "key")!.value;

  it("hands out a Google Cloud form upload target whose key is the staged upload path", async () => {
    const staged = await sandbox.gql<{ stagedUploadsCreate: { stagedTargets: StagedTarget[]; userErrors: unknown[] } }>(
      STAGED_UPLOADS,
      {
        input: [
          { resource: "BULK_MUTATION_VARIABLES", filename: "lines.jsonl", mimeType: "text/jsonl", httpMethod: "POST" },
        ],
      },
    );
    const [target] = staged.data!.stagedUploadsCreate.stagedTargets;
    expect(target).toEqual({
      url: `${sandbox.server.url}/staged-uploads/`,
      resourceUrl: null,
      parameters: [
        { name: "Content-Type", value: "text/jsonl" },
        { name: "success_action_status", value: "201" },
        { name: "acl", value: "private" },
        { name: "key", value: expect.stringMatching(/^tmp\/catalog-shop\/bulk\/[0-9a-f-]{36}\/bulk_op_vars$/) },
        { name: "x-goog-date", value: expect.stringMatching(/^\d{8}T\d{6}Z$/) },
        { name: "x-goog-credential", value: expect.stringContaining("/auto/storage/goog4_request") },
        { name: "x-goog-algorithm", value: "GOOG4-RSA-SHA256" },
        { name: "x-goog-signature", value: expect.stringMatching(/^[0-9a-f]{64}$/) },
        { name: "policy", value: expect.any(String) },
      ],
    });
    const response = await uploadToTarget(target!, toJsonl([productLine(1)]), "lines.jsonl", "text/jsonl");
    expect(response.status).toBe(201);
    const xml = await response.text();
    expect(xml).toContain(`<Key>${pathOf(target!)}</Key>`);
    expect(xml).toMatch(/^<\?xml version='1.0' encoding='UTF-8'\?><PostResponse><Location>/);
  });

  it("refuses an upload whose signature does not match its key, as Cloud Storage does", async () => {
    const staged = await sandbox.gql<{ stagedUploadsCreate: { stagedTargets: StagedTarget[] } }>(STAGED_UPLOADS, {
      input: [{ resource: "BULK_MUTATION_VARIABLES", filename: "x.jsonl", mimeType: "text/jsonl", httpMethod: "POST" }],
    });
    const target = staged.data!.stagedUploadsCreate.stagedTargets[0]!;
    const forged = {
      ...target,
      parameters: target.parameters.map((p) => (p.name === "x-goog-signature" ? { ...p, value: "0".repeat(64) } : p)),
    };
    const response = await uploadToTarget(forged, toJsonl([productLine(1)]), "x.jsonl", "text/jsonl");
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("<Code>SignatureDoesNotMatch</Code>");
    const run = await sandbox.gql<RunMutation>(RUN_MUTATION, { mutation: PRODUCT_SET, path: pathOf(target) });
    expect(run.data?.bulkOperationRunMutation.userErrors).toEqual([
      { field: ["stagedUploadPath"], message: expect.stringContaining("could not be found"), code: "NO_SUCH_FILE" },
    ]);
  });

  it("runs the mutation once per line: one result line each with __lineNumber, a failing line with its userErrors", async () => {
    const tooLong = "x".repeat(256);
    const target = await stageJsonl(toJsonl([productLine(1), productLine(2, tooLong), productLine(3)]));
    const run = await sandbox.gql<RunMutation>(RUN_MUTATION, { mutation: PRODUCT_SET, path: pathOf(target) });
    expect(run.data?.bulkOperationRunMutation).toEqual({
      bulkOperation: { id: expect.any(String), status: "CREATED", type: "MUTATION" },
      userErrors: [],
    });
    const id = run.data!.bulkOperationRunMutation.bulkOperation!.id;
    const op = await finished(sandbox, id);
    expect(op).toMatchObject({
      status: "COMPLETED",
      type: "MUTATION",
      objectCount: "3",
      rootObjectCount: "3",
      errorCode: null,
    });
    const lines = await jsonl(op.url!);
    expect(lines).toEqual([
      {
        data: {
          productSet: {
            product: {
              id: expect.stringMatching(/Product/),
              title: "Export 1",
              variants: {
                nodes: [
                  { sku: "EXP-1-S", price: "12.5" },
                  { sku: "EXP-1-M", price: "12.5" },
                ],
              },
            },
            userErrors: [],
          },
        },
        __lineNumber: 0,
      },
      {
        data: {
          productSet: {
            product: null,
            userErrors: [
              {
                field: ["input", "title"],
                message: "Title is too long (maximum is 255 characters)",
                code: "INVALID_PRODUCT",
              },
            ],
          },
        },
        __lineNumber: 1,
      },
      { data: { productSet: expect.objectContaining({ userErrors: [] }) }, __lineNumber: 2 },
    ]);
    const skus = await sandbox.gql<{ productVariants: { nodes: { sku: string }[] } }>(
      '{ productVariants(first: 10, query: "sku:EXP-*") { nodes { sku } } }',
    );
    expect(skus.data?.productVariants.nodes.map((n) => n.sku).sort()).toEqual([
      "EXP-1-M",
      "EXP-1-S",
      "EXP-3-M",
      "EXP-3-S",
    ]);
    const created = await until(
      async () => sandbox.webhooks("products/create"),
      (l) => l.length === 2,
    );
    expect(created.map((p) => p.title)).toEqual(["Export 1", "Export 3"]);
    const finish = await until(
      async () => sandbox.webhooks("bulk_operations/finish"),
      (l) => l.length === 1,
    );
    expect(finish[0]).toMatchObject({
      admin_graphql_api_id: id,
      status: "completed",
      type: "mutation",
      error_code: null,
    });
  });

  it("answers a line whose variables do not fit the mutation with errors, and goes on", async () => {
    const target = await stageJsonl(toJsonl([{ input: { title: 5 } }, productLine(4)]));
    const run = await sandbox.gql<RunMutation>(RUN_MUTATION, { mutation: PRODUCT_SET, path: pathOf(target) });
    const op = await finished(sandbox, run.data!.bulkOperationRunMutation.bulkOperation!.id);
    const lines = await jsonl(op.url!);
    expect(lines[0]).toEqual({
      errors: [expect.objectContaining({ message: expect.stringContaining("$input") })],
      __lineNumber: 0,
    });
    expect(lines[1]).toMatchObject({ data: { productSet: { userErrors: [] } }, __lineNumber: 1 });
  });

  it("refuses a mutation that does not parse, a path that was never uploaded, and a file that is not JSONL", async () => {
    const bad = await sandbox.gql<RunMutation>(RUN_MUTATION, { mutation: "mutation { productSet(", path: "tmp/x" });
    expect(bad.data?.bulkOperationRunMutation.userErrors).toEqual([
      {
        field: ["mutation"],
        message: expect.stringContaining("Failed to parse the mutation"),
        code: "INVALID_MUTATION",
      },
    ]);
    const missing = await sandbox.gql<RunMutation>(RUN_MUTATION, {
      mutation: PRODUCT_SET,
      path: "tmp/catalog-shop/bulk/nope/bulk_op_vars",
    });
    expect(missing.data?.bulkOperationRunMutation.userErrors[0]?.code).toBe("NO_SUCH_FILE");
    const target = await stageJsonl(Buffer.from("{not json}\n"));
    const invalid = await sandbox.gql<RunMutation>(RUN_MUTATION, { mutation: PRODUCT_SET, path: pathOf(target) });
    expect(invalid.data?.bulkOperationRunMutation.userErrors).toEqual([
      {
        field: ["stagedUploadPath"],
        message: expect.stringContaining("is invalid"),
        code: "INVALID_STAGED_UPLOAD_FILE",
      },
    ]);
    expect(sandbox.engine.shopState(SHOP)?.bulkOperations.size).toBe(0);
  });

  it("charges the bucket for the bulk mutation call only, not for the lines it runs", async () => {
    const lines = Array.from({ length: 40 }, (_, i) => productLine(100 + i));
    const target = await stageJsonl(toJsonl(lines));
    const before = await sandbox.gql("{ shop { name } }");
    const run = await sandbox.gql<RunMutation>(RUN_MUTATION, { mutation: PRODUCT_SET, path: pathOf(target) });
    await finished(sandbox, run.data!.bulkOperationRunMutation.bulkOperation!.id);
    const after = await sandbox.gql("{ shop { name } }");
    const available = (body: unknown) =>
      (body as { extensions: { cost: { throttleStatus: { currentlyAvailable: number } } } }).extensions.cost
        .throttleStatus.currentlyAvailable;
    // 40 productSet calls would cost 400+ points; the bucket only lost the one call (and refilled meanwhile).
    expect(available(before) - available(after)).toBeLessThan(30);
  });
});
