import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createShopifyEngine, type SandboxShopifyEngine } from "../../../sandbox/shopify/engine/create-engine.ts";
import { openShopifyJournal, type ShopifyPersistence } from "../../../sandbox/shopify/engine/snapshot-journal.ts";
import {
  type CatalogSandbox,
  finished,
  jsonl,
  png,
  stageFile,
  startCatalogSandbox,
  until,
} from "./shopify-catalog-fixture.ts";

const FILE = `query($id: ID!) { node(id: $id) { ... on MediaImage { fileStatus image { url width height } } } }`;

describe("the sandbox store's catalog state across a restart", () => {
  let dir: string;
  let running: { raw: SandboxShopifyEngine; persistence: ShopifyPersistence; sandbox: CatalogSandbox }[];
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "shopify-catalog-"));
    running = [];
  });
  afterEach(async () => {
    for (const r of running) {
      await r.sandbox.close();
      r.persistence.close();
    }
    await rm(dir, { recursive: true, force: true });
  });

  const files = { snapshotFile: "", journalFile: "" };
  async function start(seed?: { products: number; variantsPerProduct: number }) {
    files.snapshotFile = path.join(dir, "store.json");
    files.journalFile = path.join(dir, "store.journal");
    const raw = createShopifyEngine();
    const persistence = await openShopifyJournal(raw, files);
    const sandbox = await startCatalogSandbox({
      engine: persistence.engine,
      ...(seed ? { seed: { ...seed, locations: 1, customers: 0 } } : {}),
    });
    const entry = { raw, persistence, sandbox };
    running.push(entry);
    return entry;
  }
  /** Stops a store the way a kill would: nothing more is written, background work is dropped. */
  async function kill(entry: (typeof running)[number]) {
    entry.persistence.close();
    entry.raw.reset();
    await entry.sandbox.server.close();
    await entry.sandbox.receiver.close();
    running = running.filter((r) => r !== entry);
  }

  it("keeps files with their bytes, completed bulk operations with their results, and productSet operations", async () => {
    const first = await start({ products: 2, variantsPerProduct: 2 });
    const image = await stageFile(
      first.sandbox,
      { resource: "IMAGE", filename: "kept.png", mimeType: "image/png" },
      png(12, 34),
    );
    const created = await first.sandbox.gql<{ fileCreate: { files: { id: string }[] } }>(
      "mutation($f: [FileCreateInput!]!) { fileCreate(files: $f) { files { id } } }",
      { f: [{ originalSource: image.resourceUrl }] },
    );
    const fileId = created.data!.fileCreate.files[0]!.id;
    await until(
      async () => (await first.sandbox.gql<{ node: { fileStatus: string } }>(FILE, { id: fileId })).data?.node,
      (f) => f?.fileStatus === "READY",
    );
    const bulk = await first.sandbox.gql<{ bulkOperationRunQuery: { bulkOperation: { id: string } } }>(
      'mutation { bulkOperationRunQuery(query: "{ products { nodes { id variants { nodes { sku } } } } }") { bulkOperation { id } } }',
    );
    const bulkId = bulk.data!.bulkOperationRunQuery.bulkOperation.id;
    const done = await finished(first.sandbox, bulkId);
    const lines = await jsonl(done.url!);
    const set = await first.sandbox.gql<{ productSet: { productSetOperation: { id: string } } }>(
      'mutation { productSet(input: { title: "Later" }, synchronous: false) { productSetOperation { id } } }',
    );
    const opId = set.data!.productSet.productSetOperation.id;
    await until(
      async () =>
        (
          await first.sandbox.gql<{ productOperation: { status: string } }>(
            "query($id: ID!) { productOperation(id: $id) { status } }",
            { id: opId },
          )
        ).data?.productOperation,
      (op) => op?.status === "COMPLETE",
    );
    await first.sandbox.gql("{ shop { name } }"); // a request after the background work flushes it
    await kill(first);

    const second = await start();
    expect(second.persistence.restored).toBe(true);
    const file = (
      await second.sandbox.gql<{ node: { fileStatus: string; image: { url: string; width: number; height: number } } }>(
        FILE,
        { id: fileId },
      )
    ).data!.node;
    expect(file).toMatchObject({ fileStatus: "READY", image: { width: 12, height: 34 } });
    // URLs follow the server's new origin; the bytes came back with the snapshot and journal.
    expect(file.image.url.startsWith(second.sandbox.server.url)).toBe(true);
    expect(Buffer.from(await (await fetch(file.image.url)).arrayBuffer())).toEqual(png(12, 34));
    const again = await finished(second.sandbox, bulkId);
    expect(again).toMatchObject({ status: "COMPLETED", objectCount: done.objectCount });
    expect(await jsonl(again.url!)).toEqual(lines);
    const op = await second.sandbox.gql<{ productOperation: { status: string; product: { title: string } } }>(
      "query($id: ID!) { productOperation(id: $id) { status product { title } } }",
      { id: opId },
    );
    expect(op.data?.productOperation).toEqual({ status: "COMPLETE", product: { title: "Later" } });
  });

  it("runs a bulk query a restart interrupted again from the start", async () => {
    const first = await start({ products: 1500, variantsPerProduct: 4 });
    const bulk = await first.sandbox.gql<{ bulkOperationRunQuery: { bulkOperation: { id: string } } }>(
      'mutation { bulkOperationRunQuery(query: "{ products { nodes { id variants { nodes { sku } } } } }") { bulkOperation { id } } }',
    );
    const bulkId = bulk.data!.bulkOperationRunQuery.bulkOperation.id;
    await until(
      async () =>
        (
          await first.sandbox.gql<{ node: { status: string } }>(
            "query($id: ID!) { node(id: $id) { ... on BulkOperation { status } } }",
            { id: bulkId },
          )
        ).data?.node,
      (op) => op?.status === "RUNNING",
    );
    await kill(first);

    const second = await start();
    const op = await finished(second.sandbox, bulkId);
    expect(op).toMatchObject({ status: "COMPLETED", objectCount: String(1500 * 5), rootObjectCount: "1500" });
    expect(await jsonl(op.url!)).toHaveLength(7500);
  });
});
