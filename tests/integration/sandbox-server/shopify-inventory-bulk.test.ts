import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { BULK_LEVELS_QUERY, BULK_QUERY_RUN, INVENTORY_OF_VARIANTS_QUERY } from "./inventory-documents.ts";
import { type CatalogSandbox, finished, SHOP, startCatalogSandbox } from "./shopify-catalog-fixture.ts";

const VARIANTS = 2_000;
const LOCATIONS = 2;

describe("reading every level with the sync's bulk query (sandbox store)", () => {
  let sandbox: CatalogSandbox;

  beforeAll(async () => {
    sandbox = await startCatalogSandbox();
    // The control API's seed: the benchmark path (sandbox/shopify/bench/inventory-bulk.ts runs it at 100,000).
    const seeded = await fetch(`${sandbox.server.url}/sandbox/shops/${SHOP}/seed`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ products: VARIANTS / 2, variantsPerProduct: 2, locations: LOCATIONS, customers: 0 }),
    });
    expect(await seeded.json()).toMatchObject({ summary: { variants: VARIANTS, locations: LOCATIONS } });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it("writes each variant with its inline inventory item, then its levels as child lines naming the variant", async () => {
    const run = await sandbox.gql<{
      bulkOperationRunQuery: { bulkOperation: { id: string; status: string }; userErrors: unknown[] };
    }>(BULK_QUERY_RUN, { query: BULK_LEVELS_QUERY });
    expect(run.data!.bulkOperationRunQuery.userErrors).toEqual([]);
    const op = await finished(sandbox, run.data!.bulkOperationRunQuery.bulkOperation.id);
    expect(op).toMatchObject({
      status: "COMPLETED",
      objectCount: String(VARIANTS * (1 + LOCATIONS)),
      rootObjectCount: String(VARIANTS),
    });
    const text = await (await fetch(op.url!)).text();
    expect(Number(op.fileSize)).toBe(Buffer.byteLength(text));
    const lines = text
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(VARIANTS * (1 + LOCATIONS));
    type VariantLine = { id: string; inventoryItem: { id: string } };
    let variant: VariantLine | null = null;
    const levelsOf = new Map<string, number>();
    for (const line of lines) {
      if (!("__parentId" in line)) {
        expect(Object.keys(line).sort()).toEqual(["id", "inventoryItem"]);
        expect(line.inventoryItem).toEqual({
          id: expect.stringMatching(/^gid:\/\/shopify\/InventoryItem\/\d+$/),
          tracked: true,
        });
        variant = line as unknown as VariantLine;
        continue;
      }
      // A level follows its variant and names it; the inventory item in between is not a line of its own.
      expect(line.__parentId).toBe(variant!.id);
      expect(line).toEqual({
        item: { id: variant!.inventoryItem.id },
        location: { id: expect.stringMatching(/^gid:\/\/shopify\/Location\/\d+$/) },
        quantities: [
          { name: "available", quantity: expect.any(Number) },
          { name: "on_hand", quantity: expect.any(Number) },
        ],
        updatedAt: expect.any(String),
        __parentId: variant!.id,
      });
      levelsOf.set(variant!.id, (levelsOf.get(variant!.id) ?? 0) + 1);
    }
    expect(levelsOf.size).toBe(VARIANTS);
    expect([...levelsOf.values()].every((n) => n === LOCATIONS)).toBe(true);
  });

  it("reads 25 variants' levels by id in one call, well under the 1,000-point ceiling", async () => {
    const list = await sandbox.gql<{ productVariants: { nodes: { id: string }[] } }>(
      `{ productVariants(first: 25) { nodes { id } } }`,
    );
    const ids = list.data!.productVariants.nodes.map((v) => v.id);
    const body = (await sandbox.gql(INVENTORY_OF_VARIANTS_QUERY, { ids })) as {
      data: { nodes: { id: string; inventoryItem: { inventoryLevels: { nodes: unknown[] } } }[] };
      extensions: { cost: { requestedQueryCost: number; actualQueryCost: number } };
    };
    expect(body.data.nodes.map((n) => n.id)).toEqual(ids);
    expect(body.data.nodes.every((n) => n.inventoryItem.inventoryLevels.nodes.length === LOCATIONS)).toBe(true);
    const { requestedQueryCost, actualQueryCost } = body.extensions.cost;
    // Requested: variant 1 + item 1 + levels connection 2 + 20 × (level 1 + location 1 + quantities 1) = 64
    // (the sandbox counts a list field once, not per id); actual counts the 2 levels there are.
    expect(requestedQueryCost).toBe(64);
    expect(actualQueryCost).toBeLessThan(requestedQueryCost);
  });
});
