import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { INVENTORY_ACTIVATE_MUTATION as KEYED_ACTIVATE, UNKEYED_ACTIVATE_MUTATION } from "./inventory-documents.ts";
import {
  type CatalogSandbox,
  finished,
  jsonl,
  stageFile,
  startCatalogSandbox,
  until,
} from "./shopify-catalog-fixture.ts";

const TOGGLE = `mutation($item: ID!, $updates: [InventoryBulkToggleActivationInput!]!) {
  inventoryBulkToggleActivation(inventoryItemId: $item, inventoryItemUpdates: $updates) {
    inventoryItem { id } inventoryLevels { id location { id } } userErrors { field message code } } }`;
const RUN_MUTATION = `mutation($mutation: String!, $path: String!) {
  bulkOperationRunMutation(mutation: $mutation, stagedUploadPath: $path) {
    bulkOperation { id status type } userErrors { field message code } } }`;

type Activated = {
  inventoryActivate: {
    inventoryLevel: { id: string; quantities: { name: string; quantity: number }[]; updatedAt: string } | null;
    userErrors: { field: string[]; message: string }[];
  };
};
type Toggled = {
  inventoryBulkToggleActivation: {
    inventoryItem: { id: string } | null;
    inventoryLevels: { id: string; location: { id: string } }[] | null;
    userErrors: { field: string[]; message: string; code: string }[];
  };
};

const legacy = (gid: string) => Number(/\/(\d+)(\?|$)/.exec(gid)![1]);

describe("stocking items at locations in the sandbox store", () => {
  let sandbox: CatalogSandbox;
  let items: string[];
  let locations: string[];

  beforeEach(async () => {
    sandbox = await startCatalogSandbox({
      seed: { products: 3, variantsPerProduct: 1, locations: 2, customers: 0 },
      topics: [
        "bulk_operations/finish",
        "inventory_levels/connect",
        "inventory_levels/update",
        "inventory_levels/disconnect",
      ],
    });
    const body = await sandbox.gql<{
      productVariants: { nodes: { inventoryItem: { id: string } }[] };
      locations: { nodes: { id: string }[] };
    }>(`{ productVariants(first: 10) { nodes { inventoryItem { id } } } locations(first: 10) { nodes { id } } }`);
    items = body.data!.productVariants.nodes.map((v) => v.inventoryItem.id);
    locations = body.data!.locations.nodes.map((l) => l.id);
    // Every seeded item starts stocked only at the first location.
    for (const item of items) {
      const off = await sandbox.gql<Toggled>(TOGGLE, {
        item,
        updates: [{ locationId: locations[1], activate: false }],
      });
      expect(off.data!.inventoryBulkToggleActivation.userErrors).toEqual([]);
    }
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it("refuses inventoryActivate without @idempotent, as 2026-04 and later do ", async () => {
    const body = await sandbox.gql(UNKEYED_ACTIVATE_MUTATION, {
      inventoryItemId: items[0],
      locationId: locations[1],
    });
    expect(body.data).toEqual({ inventoryActivate: null });
    expect(body.errors?.[0]).toMatchObject({
      message: "The @idempotent directive is required for this mutation.",
      extensions: { code: "BAD_REQUEST" },
    });
  });

  it("activates with a first available quantity, announces connect and update, and answers a resend from the key", async () => {
    const vars = { inventoryItemId: items[0], locationId: locations[1], available: 12, key: "act-1" };
    const body = await sandbox.gql<Activated>(KEYED_ACTIVATE, vars);
    expect(body.data!.inventoryActivate).toEqual({
      inventoryLevel: {
        id: `gid://shopify/InventoryLevel/${legacy(locations[1]!)}?inventory_item_id=${legacy(items[0]!)}`,
        quantities: [
          { name: "available", quantity: 12 },
          { name: "on_hand", quantity: 12 },
        ],
        updatedAt: expect.any(String),
      },
      userErrors: [],
    });
    const again = await sandbox.gql<Activated>(KEYED_ACTIVATE, vars);
    expect(again.data).toEqual(body.data);
    const connect = await until(
      async () => sandbox.webhooks("inventory_levels/connect"),
      (l) => l.length >= 1,
    );
    expect(connect).toHaveLength(1);
    expect(connect[0]).toMatchObject({
      inventory_item_id: legacy(items[0]!),
      location_id: legacy(locations[1]!),
      available: 12,
    });
    // A new key on a stocked level: no first quantity any more.
    const late = await sandbox.gql<Activated>(KEYED_ACTIVATE, { ...vars, available: 3, key: "act-2" });
    expect(late.data!.inventoryActivate).toEqual({
      inventoryLevel: null,
      userErrors: [
        {
          field: ["available"],
          message: "Not allowed to set available quantity when the item is already active at the location.",
        },
      ],
    });
    const onHand = await sandbox.gql<Activated>(KEYED_ACTIVATE, {
      inventoryItemId: items[1],
      locationId: locations[1],
      onHand: 5,
      key: "act-3",
    });
    expect(onHand.data!.inventoryActivate.inventoryLevel!.quantities.map((q) => q.quantity)).toEqual([5, 5]);
    const missing = await sandbox.gql<Activated>(KEYED_ACTIVATE, {
      inventoryItemId: "gid://shopify/InventoryItem/999999",
      locationId: locations[1],
      key: "act-4",
    });
    expect(missing.data!.inventoryActivate.userErrors.map((e) => e.field)).toEqual([["inventoryItemId"]]);
  });

  it("inventoryBulkToggleActivation stocks at several locations and refuses to unstock the only one", async () => {
    const on = await sandbox.gql<Toggled>(TOGGLE, {
      item: items[2],
      updates: [{ locationId: locations[1], activate: true }],
    });
    expect(on.data!.inventoryBulkToggleActivation).toEqual({
      inventoryItem: { id: items[2] },
      inventoryLevels: [
        { id: expect.stringContaining(`InventoryLevel/${legacy(locations[1]!)}?`), location: { id: locations[1] } },
      ],
      userErrors: [],
    });
    await sandbox.gql(TOGGLE, { item: items[2], updates: [{ locationId: locations[0], activate: false }] });
    const only = await sandbox.gql<Toggled>(TOGGLE, {
      item: items[2],
      updates: [{ locationId: locations[1], activate: false }],
    });
    expect(only.data!.inventoryBulkToggleActivation.userErrors).toEqual([
      {
        field: ["inventoryItemUpdates", "0", "locationId"],
        message: "Cannot unstock an inventory item from the only location at which it is stocked.",
        code: "CANNOT_DEACTIVATE_FROM_ONLY_LOCATION",
      },
    ]);
    const disconnect = await until(
      async () => sandbox.webhooks("inventory_levels/disconnect"),
      (l) => l.length >= 4,
    );
    expect(disconnect.at(-1)).toEqual({ inventory_item_id: legacy(items[2]!), location_id: legacy(locations[0]!) });
  });

  it("runs inventoryActivate as a bulk mutation from staged JSONL and writes one result line per input line", async () => {
    const lines = items.map((item, i) => ({
      inventoryItemId: item,
      locationId: locations[1],
      available: 10 + i,
      key: `bulk-act-${i}`,
    }));
    const bytes = Buffer.from(lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    const target = await stageFile(
      sandbox,
      { resource: "BULK_MUTATION_VARIABLES", filename: "activate.jsonl", mimeType: "text/jsonl" },
      bytes,
    );
    const path = target.parameters.find((p) => p.name === "key")!.value;
    const run = await sandbox.gql<{
      bulkOperationRunMutation: { bulkOperation: { id: string; type: string } | null; userErrors: unknown[] };
    }>(RUN_MUTATION, { mutation: KEYED_ACTIVATE, path });
    expect(run.data!.bulkOperationRunMutation.userErrors).toEqual([]);
    const op = await finished(sandbox, run.data!.bulkOperationRunMutation.bulkOperation!.id);
    expect(op).toMatchObject({ status: "COMPLETED", type: "MUTATION", objectCount: "3", rootObjectCount: "3" });
    const result = await jsonl(op.url!);
    expect(result).toEqual(
      items.map((item, i) => ({
        data: {
          inventoryActivate: {
            inventoryLevel: {
              id: `gid://shopify/InventoryLevel/${legacy(locations[1]!)}?inventory_item_id=${legacy(item)}`,
              quantities: [
                { name: "available", quantity: 10 + i },
                { name: "on_hand", quantity: 10 + i },
              ],
              updatedAt: expect.any(String),
            },
            userErrors: [],
          },
        },
        __lineNumber: i,
      })),
    );
    const finish = await until(
      async () => sandbox.webhooks("bulk_operations/finish"),
      (l) => l.length >= 1,
    );
    expect(finish[0]).toMatchObject({ status: "completed", type: "mutation" });
  });

  it("a bulk run of the unkeyed document fails every line as a direct call would", async () => {
    const bytes = Buffer.from(
      JSON.stringify({ inventoryItemId: items[0], locationId: locations[1], available: 1 }) + "\n",
    );
    const target = await stageFile(
      sandbox,
      { resource: "BULK_MUTATION_VARIABLES", filename: "activate.jsonl", mimeType: "text/jsonl" },
      bytes,
    );
    const path = target.parameters.find((p) => p.name === "key")!.value;
    const run = await sandbox.gql<{ bulkOperationRunMutation: { bulkOperation: { id: string } } }>(RUN_MUTATION, {
      mutation: UNKEYED_ACTIVATE_MUTATION,
      path,
    });
    const op = await finished(sandbox, run.data!.bulkOperationRunMutation.bulkOperation.id);
    const [line] = await jsonl(op.url!);
    expect(line).toMatchObject({
      data: { inventoryActivate: null },
      errors: [{ message: "The @idempotent directive is required for this mutation." }],
      __lineNumber: 0,
    });
  });
});
