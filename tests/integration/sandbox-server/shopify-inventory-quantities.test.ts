import { afterEach, beforeEach, describe, expect, it } from "vitest";

import {
  ADJUST_QUANTITIES_MUTATION,
  INVENTORY_OF_VARIANTS_QUERY,
  INVENTORY_SET_QUANTITIES_MUTATION,
  LEVEL_STATES_QUERY,
} from "./inventory-documents.ts";
import { type CatalogSandbox, startCatalogSandbox, until } from "./shopify-catalog-fixture.ts";

interface Level {
  location: { id: string };
  quantities: { name: string; quantity: number }[];
  updatedAt: string;
}
interface VariantInventory {
  id: string;
  inventoryItem: { id: string; tracked: boolean; inventoryLevels: { nodes: Level[] } };
}
interface SetResult {
  inventorySetQuantities: {
    inventoryAdjustmentGroup: {
      id: string;
      createdAt: string;
      changes: {
        name: string;
        delta: number;
        quantityAfterChange: number;
        item: { id: string };
        location: { id: string };
      }[];
    } | null;
    userErrors: { field: string[] | null; message: string; code: string }[];
  } | null;
}

const LEVEL_TOPICS = ["inventory_levels/update", "inventory_levels/connect", "inventory_items/update"];
const legacy = (gid: string) => Number(/\/(\d+)(\?|$)/.exec(gid)![1]);

describe("inventory quantities in the sandbox store (the sync's own documents)", () => {
  let sandbox: CatalogSandbox;
  let variants: VariantInventory[];

  beforeEach(async () => {
    sandbox = await startCatalogSandbox({
      seed: { products: 3, variantsPerProduct: 1, locations: 3, customers: 0 },
      topics: LEVEL_TOPICS,
    });
    const list = await sandbox.gql<{
      productVariants: { nodes: { id: string }[] };
      locations: { nodes: { id: string }[] };
    }>(`{ productVariants(first: 10) { nodes { id } } }`);
    variants = await read(list.data!.productVariants.nodes.map((v) => v.id));
  });
  afterEach(async () => {
    await sandbox.close();
  });

  async function read(ids: string[]): Promise<VariantInventory[]> {
    const body = await sandbox.gql<{ nodes: VariantInventory[] }>(INVENTORY_OF_VARIANTS_QUERY, { ids });
    expect(body.errors).toBeUndefined();
    return body.data!.nodes;
  }
  const qty = (level: Level | undefined, name: string) => level?.quantities.find((q) => q.name === name)?.quantity;
  const levelAt = (v: VariantInventory, location: string) =>
    v.inventoryItem.inventoryLevels.nodes.find((l) => l.location.id === location);
  async function states(item: string, location: string): Promise<Record<string, number>> {
    const body = await sandbox.gql<{
      inventoryItem: { inventoryLevel: { quantities: { name: string; quantity: number }[] } };
    }>(LEVEL_STATES_QUERY, { item, location });
    return Object.fromEntries(body.data!.inventoryItem.inventoryLevel.quantities.map((q) => [q.name, q.quantity]));
  }
  const set = (input: Record<string, unknown>, key: string) =>
    sandbox.gql<SetResult>(INVENTORY_SET_QUANTITIES_MUTATION, { input, key });

  it("reads every variant's levels with available and on_hand", () => {
    expect(variants).toHaveLength(3);
    for (const v of variants) {
      expect(v.inventoryItem.tracked).toBe(true);
      expect(v.inventoryItem.inventoryLevels.nodes.length).toBeGreaterThan(0);
      for (const level of v.inventoryItem.inventoryLevels.nodes) {
        expect(level.quantities.map((q) => q.name)).toEqual(["available", "on_hand"]);
        // Nothing committed or unavailable in a fresh seed: the two agree.
        expect(qty(level, "on_hand")).toBe(qty(level, "available"));
      }
    }
  });

  it("sets available with a compare-and-set, reports available and on_hand changes and announces the level", async () => {
    const v = variants[0]!;
    const location = v.inventoryItem.inventoryLevels.nodes[0]!.location.id;
    const before = qty(levelAt(v, location), "available")!;
    const body = await set(
      {
        name: "available",
        reason: "correction",
        referenceDocumentUri: "gid://erp-connector/StockSync/run-1",
        quantities: [
          {
            inventoryItemId: v.inventoryItem.id,
            locationId: location,
            quantity: before + 7,
            changeFromQuantity: before,
          },
        ],
      },
      "set-1",
    );
    const group = body.data!.inventorySetQuantities!.inventoryAdjustmentGroup!;
    expect(body.data!.inventorySetQuantities!.userErrors).toEqual([]);
    expect(group.id).toMatch(/^gid:\/\/shopify\/InventoryAdjustmentGroup\/\d+$/);
    expect(group.changes).toEqual([
      {
        name: "available",
        delta: 7,
        quantityAfterChange: before + 7,
        item: { id: v.inventoryItem.id },
        location: { id: location },
      },
      {
        name: "on_hand",
        delta: 7,
        quantityAfterChange: before + 7,
        item: { id: v.inventoryItem.id },
        location: { id: location },
      },
    ]);
    const kept = await sandbox.gql<{ inventoryAdjustmentGroup?: unknown }>(
      `mutation($input: InventorySetQuantitiesInput!, $item: ID!, $location: ID!) { inventorySetQuantities(input: $input) @idempotent(key: "set-1") {
        inventoryAdjustmentGroup { reason referenceDocumentUri
          here: changes(inventoryItemIds: [$item], locationIds: [$location]) { name }
          elsewhere: changes(locationIds: ["gid://shopify/Location/1"]) { name } } } }`,
      {
        input: {
          name: "available",
          reason: "correction",
          referenceDocumentUri: "gid://erp-connector/StockSync/run-1",
          quantities: [
            {
              inventoryItemId: v.inventoryItem.id,
              locationId: location,
              quantity: before + 7,
              changeFromQuantity: before,
            },
          ],
        },
        item: v.inventoryItem.id,
        location,
      },
    );
    // The resend is answered from the key, and the group keeps the reason and the document.
    expect(kept.data).toEqual({
      inventorySetQuantities: {
        inventoryAdjustmentGroup: {
          reason: "correction",
          referenceDocumentUri: "gid://erp-connector/StockSync/run-1",
          here: [{ name: "available" }, { name: "on_hand" }],
          elsewhere: [],
        },
      },
    });
    expect(qty(levelAt((await read([v.id]))[0]!, location), "available")).toBe(before + 7);
    const hooks = await until(
      async () => sandbox.webhooks("inventory_levels/update"),
      (list) => list.length >= 1,
    );
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toEqual({
      inventory_item_id: legacy(v.inventoryItem.id),
      location_id: legacy(location),
      available: before + 7,
      updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      admin_graphql_api_id: `gid://shopify/InventoryLevel/${legacy(location)}?inventory_item_id=${legacy(v.inventoryItem.id)}`,
    });
  });

  it("refuses a stale compare per input index with CHANGE_FROM_QUANTITY_STALE and changes nothing", async () => {
    const [a, b] = variants as [VariantInventory, VariantInventory];
    const la = a.inventoryItem.inventoryLevels.nodes[0]!;
    const lb = b.inventoryItem.inventoryLevels.nodes[0]!;
    const body = await set(
      {
        name: "available",
        reason: "correction",
        quantities: [
          {
            inventoryItemId: a.inventoryItem.id,
            locationId: la.location.id,
            quantity: 1,
            changeFromQuantity: qty(la, "available"),
          },
          {
            inventoryItemId: b.inventoryItem.id,
            locationId: lb.location.id,
            quantity: 1,
            changeFromQuantity: qty(lb, "available")! + 1,
          },
        ],
      },
      "stale-1",
    );
    expect(body.data!.inventorySetQuantities).toEqual({
      inventoryAdjustmentGroup: null,
      userErrors: [
        {
          field: ["input", "quantities", "1", "changeFromQuantity"],
          message: "The changeFromQuantity value does not match persisted value.",
          code: "CHANGE_FROM_QUANTITY_STALE",
        },
      ],
    });
    const after = await read([a.id]);
    expect(qty(levelAt(after[0]!, la.location.id), "available")).toBe(qty(la, "available"));
  });

  it("needs changeFromQuantity on every quantity (null skips the check) and has no ignoreCompareQuantity in 2026-10", async () => {
    const v = variants[0]!;
    const location = v.inventoryItem.inventoryLevels.nodes[0]!.location.id;
    const missing = await set(
      {
        name: "available",
        reason: "correction",
        quantities: [{ inventoryItemId: v.inventoryItem.id, locationId: location, quantity: 3 }],
      },
      "missing-1",
    );
    expect(missing.data!.inventorySetQuantities!.userErrors).toEqual([
      {
        field: ["input", "quantities", "0", "changeFromQuantity"],
        message: "The changeFromQuantity field is required. Pass null to skip the check.",
        code: "COMPARE_QUANTITY_REQUIRED",
      },
    ]);
    const skipped = await set(
      {
        name: "available",
        reason: "correction",
        quantities: [
          { inventoryItemId: v.inventoryItem.id, locationId: location, quantity: 3, changeFromQuantity: null },
        ],
      },
      "skip-1",
    );
    expect(skipped.data!.inventorySetQuantities!.userErrors).toEqual([]);
    const old = await set(
      {
        name: "available",
        reason: "correction",
        ignoreCompareQuantity: true,
        quantities: [
          { inventoryItemId: v.inventoryItem.id, locationId: location, quantity: 3, changeFromQuantity: null },
        ],
      },
      "old-1",
    );
    expect(old.data).toBeUndefined();
    // Refused as an invalid variable value, the problem naming the field the input type no longer has.
    expect(old.errors?.[0]?.message).toBe(
      "Variable $input of type InventorySetQuantitiesInput! was provided invalid value",
    );
    expect(JSON.stringify(old.errors?.[0]?.extensions?.problems)).toContain("ignoreCompareQuantity");
  });

  it("sets on_hand around committed and unavailable units; on_hand is the sum of the states", async () => {
    const v = variants[0]!;
    const location = v.inventoryItem.inventoryLevels.nodes[0]!.location.id;
    const available = qty(levelAt(v, location), "available")!;
    // Two damaged units (adjusting a state other than available needs a ledger document).
    const damaged = await sandbox.gql<{ inventoryAdjustQuantities: { userErrors: unknown[] } }>(
      ADJUST_QUANTITIES_MUTATION,
      {
        key: "damage-1",
        input: {
          name: "damaged",
          reason: "damaged",
          changes: [
            {
              inventoryItemId: v.inventoryItem.id,
              locationId: location,
              delta: 2,
              changeFromQuantity: null,
              ledgerDocumentUri: "gid://erp-connector/Damage/1",
            },
          ],
        },
      },
    );
    expect(damaged.data!.inventoryAdjustQuantities.userErrors).toEqual([]);
    expect(await states(v.inventoryItem.id, location)).toEqual({
      available,
      committed: 0,
      reserved: 0,
      damaged: 2,
      safety_stock: 0,
      quality_control: 0,
      incoming: 0,
      on_hand: available + 2,
    });
    const body = await set(
      {
        name: "on_hand",
        reason: "cycle_count_available",
        quantities: [
          {
            inventoryItemId: v.inventoryItem.id,
            locationId: location,
            quantity: 50,
            changeFromQuantity: available + 2,
          },
        ],
      },
      "onhand-1",
    );
    expect(
      body.data!.inventorySetQuantities!.inventoryAdjustmentGroup!.changes.map((c) => [
        c.name,
        c.delta,
        c.quantityAfterChange,
      ]),
    ).toEqual([
      ["on_hand", 50 - available - 2, 50],
      ["available", 50 - available - 2, 48],
    ]);
    expect(await states(v.inventoryItem.id, location)).toMatchObject({ available: 48, damaged: 2, on_hand: 50 });
    const negative = await set(
      {
        name: "on_hand",
        reason: "correction",
        quantities: [
          { inventoryItemId: v.inventoryItem.id, locationId: location, quantity: -1, changeFromQuantity: null },
        ],
      },
      "onhand-2",
    );
    expect(negative.data!.inventorySetQuantities!.userErrors).toEqual([
      {
        field: ["input", "quantities", "0", "quantity"],
        message: "The quantity can't be negative.",
        code: "INVALID_QUANTITY_NEGATIVE",
      },
    ]);
  });

  it("stocks the item at a location it was not stocked at (2026-10 sets it there)", async () => {
    const v = variants[0]!;
    const [keep, drop] = v.inventoryItem.inventoryLevels.nodes.map((l) => l.location.id) as [string, string];
    expect(drop, "the seed stocks the variant at two locations or more").toBeDefined();
    type Toggle = {
      inventoryBulkToggleActivation: { inventoryLevels: unknown[] | null; userErrors: { code: string }[] };
    };
    const TOGGLE = `mutation($item: ID!, $updates: [InventoryBulkToggleActivationInput!]!) {
      inventoryBulkToggleActivation(inventoryItemId: $item, inventoryItemUpdates: $updates) {
        inventoryLevels { id } userErrors { field message code } } }`;
    const off = await sandbox.gql<Toggle>(TOGGLE, {
      item: v.inventoryItem.id,
      updates: [{ locationId: drop, activate: false }],
    });
    expect(off.data!.inventoryBulkToggleActivation).toEqual({ inventoryLevels: [], userErrors: [] });
    expect(levelAt((await read([v.id]))[0]!, drop)).toBeUndefined();
    const stale = await set(
      {
        name: "available",
        reason: "correction",
        quantities: [{ inventoryItemId: v.inventoryItem.id, locationId: drop, quantity: 4, changeFromQuantity: 1 }],
      },
      "new-0",
    );
    // An unstocked level compares as zero.
    expect(stale.data!.inventorySetQuantities!.userErrors.map((e) => e.code)).toEqual(["CHANGE_FROM_QUANTITY_STALE"]);
    const body = await set(
      {
        name: "available",
        reason: "correction",
        quantities: [{ inventoryItemId: v.inventoryItem.id, locationId: drop, quantity: 4, changeFromQuantity: 0 }],
      },
      "new-1",
    );
    expect(body.data!.inventorySetQuantities!.userErrors).toEqual([]);
    expect(qty(levelAt((await read([v.id]))[0]!, drop), "available")).toBe(4);
    expect(keep).toBeDefined();
  });

  it("takes at most 250 quantities a call and refuses unknown names, reasons, items and duplicate pairs", async () => {
    const v = variants[0]!;
    const location = v.inventoryItem.inventoryLevels.nodes[0]!.location.id;
    const many = Array.from({ length: 251 }, () => ({
      inventoryItemId: v.inventoryItem.id,
      locationId: location,
      quantity: 1,
      changeFromQuantity: null,
    }));
    const tooMany = await set({ name: "available", reason: "correction", quantities: many }, "many-1");
    expect(tooMany.data).toEqual({ inventorySetQuantities: null });
    expect(tooMany.errors?.[0]).toMatchObject({
      message: "The input array size of 251 is greater than the maximum allowed of 250.",
      extensions: { code: "MAX_INPUT_SIZE_EXCEEDED" },
    });
    const bad = await set(
      {
        name: "committed",
        reason: "because",
        quantities: [
          {
            inventoryItemId: "gid://shopify/InventoryItem/999999",
            locationId: location,
            quantity: 1,
            changeFromQuantity: null,
          },
          { inventoryItemId: v.inventoryItem.id, locationId: location, quantity: 1, changeFromQuantity: null },
          { inventoryItemId: v.inventoryItem.id, locationId: location, quantity: 1, changeFromQuantity: null },
        ],
      },
      "bad-1",
    );
    expect(bad.data!.inventorySetQuantities!.userErrors.map((e) => [e.code, e.field?.join(".")])).toEqual([
      ["INVALID_NAME", "input.name"],
      ["INVALID_REASON", "input.reason"],
      ["INVALID_INVENTORY_ITEM", "input.quantities.0.inventoryItemId"],
      ["NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR", "input.quantities.2"],
    ]);
    const noKey = await sandbox.gql(
      `mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { userErrors { code } } }`,
      { input: { name: "available", reason: "correction", quantities: [] } },
    );
    expect(noKey.errors?.[0]?.message).toBe("The @idempotent directive is required for this mutation.");
  });

  it("adjusts available by a delta as a merchant edit does, with a webhook, and refuses a ledger document there", async () => {
    const v = variants[1]!;
    const location = v.inventoryItem.inventoryLevels.nodes[0]!.location.id;
    const before = qty(levelAt(v, location), "available")!;
    const change = { inventoryItemId: v.inventoryItem.id, locationId: location, delta: -3, changeFromQuantity: before };
    type Adjust = { inventoryAdjustQuantities: { inventoryAdjustmentGroup: unknown; userErrors: { code: string }[] } };
    const body = await sandbox.gql<Adjust>(ADJUST_QUANTITIES_MUTATION, {
      key: "adj-1",
      input: {
        name: "available",
        reason: "correction",
        referenceDocumentUri: "logistics://admin/edit/1",
        changes: [change],
      },
    });
    expect(body.data!.inventoryAdjustQuantities).toEqual({
      inventoryAdjustmentGroup: {
        reason: "correction",
        referenceDocumentUri: "logistics://admin/edit/1",
        changes: [
          {
            name: "available",
            delta: -3,
            quantityAfterChange: before - 3,
            ledgerDocumentUri: null,
            item: { id: v.inventoryItem.id },
            location: { id: location },
          },
          {
            name: "on_hand",
            delta: -3,
            quantityAfterChange: before - 3,
            ledgerDocumentUri: null,
            item: { id: v.inventoryItem.id },
            location: { id: location },
          },
        ],
      },
      userErrors: [],
    });
    const hooks = await until(
      async () => sandbox.webhooks("inventory_levels/update"),
      (l) => l.length >= 1,
    );
    expect(hooks[0]).toMatchObject({
      inventory_item_id: legacy(v.inventoryItem.id),
      location_id: legacy(location),
      available: before - 3,
    });
    const stale = await sandbox.gql<Adjust>(ADJUST_QUANTITIES_MUTATION, {
      key: "adj-2",
      input: { name: "available", reason: "correction", changes: [change] },
    });
    expect(stale.data!.inventoryAdjustQuantities.userErrors.map((e) => e.code)).toEqual(["CHANGE_FROM_QUANTITY_STALE"]);
    const ledger = await sandbox.gql<Adjust>(ADJUST_QUANTITIES_MUTATION, {
      key: "adj-3",
      input: {
        name: "available",
        reason: "correction",
        changes: [{ ...change, changeFromQuantity: null, ledgerDocumentUri: "x://y/1" }],
      },
    });
    expect(ledger.data!.inventoryAdjustQuantities.userErrors.map((e) => e.code)).toEqual([
      "INVALID_AVAILABLE_DOCUMENT",
    ]);
    const committed = await sandbox.gql<Adjust>(ADJUST_QUANTITIES_MUTATION, {
      key: "adj-4",
      input: { name: "committed", reason: "correction", changes: [{ ...change, changeFromQuantity: null }] },
    });
    expect(committed.data!.inventoryAdjustQuantities.userErrors.map((e) => e.code)).toEqual(["INVALID_QUANTITY_NAME"]);
  });

  it("makes a variant untracked with inventoryItemUpdate (webhook inventory_items/update)", async () => {
    const v = variants[2]!;
    const body = await sandbox.gql<{
      inventoryItemUpdate: { inventoryItem: { id: string; tracked: boolean }; userErrors: unknown[] };
    }>(
      `mutation($id: ID!, $input: InventoryItemInput!) { inventoryItemUpdate(id: $id, input: $input) { inventoryItem { id tracked } userErrors { field message } } }`,
      { id: v.inventoryItem.id, input: { tracked: false } },
    );
    expect(body.data!.inventoryItemUpdate).toEqual({
      inventoryItem: { id: v.inventoryItem.id, tracked: false },
      userErrors: [],
    });
    expect((await read([v.id]))[0]!.inventoryItem.tracked).toBe(false);
    const hooks = await until(
      async () => sandbox.webhooks("inventory_items/update"),
      (l) => l.length >= 1,
    );
    expect(hooks[0]).toMatchObject({
      id: legacy(v.inventoryItem.id),
      tracked: false,
      admin_graphql_api_id: v.inventoryItem.id,
    });
  });
});
