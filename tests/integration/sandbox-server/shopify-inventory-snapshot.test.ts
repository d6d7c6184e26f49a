import { afterEach, describe, expect, it } from "vitest";

import { createShopifyEngine } from "../../../sandbox/shopify/engine/create-engine.ts";
import { ADJUST_QUANTITIES_MUTATION, LEVEL_STATES_QUERY } from "./inventory-documents.ts";
import { type CatalogSandbox, SHOP, startCatalogSandbox } from "./shopify-catalog-fixture.ts";

type Shop = {
  inventoryItems: [number, { levels: [number, Record<string, unknown>][] }][];
  orders: [number, Record<string, unknown>][];
};

describe("inventory states and held stock survive a snapshot (and older snapshots still load)", () => {
  let sandbox: CatalogSandbox | null = null;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = null;
  });

  async function statesOf(s: CatalogSandbox, item: string, location: string) {
    const body = await s.gql<{
      inventoryItem: { inventoryLevel: { quantities: { name: string; quantity: number }[] } };
    }>(LEVEL_STATES_QUERY, { item, location });
    return Object.fromEntries(body.data!.inventoryItem.inventoryLevel.quantities.map((q) => [q.name, q.quantity]));
  }

  it("restores damaged units and an order's committed units, and an old snapshot gets zeros and no holds", async () => {
    sandbox = await startCatalogSandbox({ seed: { products: 1, variantsPerProduct: 1, locations: 1, customers: 0 } });
    const v = await sandbox.gql<{
      productVariants: { nodes: { id: string; inventoryItem: { id: string } }[] };
      locations: { nodes: { id: string }[] };
    }>(`{ productVariants(first: 1) { nodes { id inventoryItem { id } } } locations(first: 1) { nodes { id } } }`);
    const variant = v.data!.productVariants.nodes[0]!;
    const item = variant.inventoryItem.id;
    const location = v.data!.locations.nodes[0]!.id;
    await sandbox.gql(ADJUST_QUANTITIES_MUTATION, {
      key: "snap-1",
      input: {
        name: "damaged",
        reason: "damaged",
        changes: [
          {
            inventoryItemId: item,
            locationId: location,
            delta: 2,
            changeFromQuantity: null,
            ledgerDocumentUri: "x://d/1",
          },
        ],
      },
    });
    const created = await sandbox.gql<{ orderCreate: { order: { id: string } } }>(
      `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order, options: { inventoryBehaviour: DECREMENT_IGNORING_POLICY }) { order { id } } }`,
      { order: { lineItems: [{ variantId: variant.id, quantity: 1 }] } },
    );
    const before = await statesOf(sandbox, item, location);
    expect(before).toMatchObject({ damaged: 2, committed: 1 });
    const snapshot = JSON.parse(JSON.stringify(sandbox.engine.snapshot())) as { shops: Shop[] };
    await sandbox.close();

    const restored = createShopifyEngine();
    restored.restore(snapshot);
    sandbox = await startCatalogSandbox({ engine: restored });
    expect(await statesOf(sandbox, item, location)).toEqual(before);
    // The hold came back too: cancelling with restock returns the unit to available.
    await sandbox.gql(
      `mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, restock: true, refund: false) { orderCancelUserErrors { message } } }`,
      {
        id: created.data!.orderCreate.order.id,
      },
    );
    expect(await statesOf(sandbox, item, location)).toMatchObject({ available: before.available! + 1, committed: 0 });
    await sandbox.close();

    // The shape written before these states and holds were modelled.
    for (const shop of snapshot.shops) {
      for (const [, rec] of shop.inventoryItems) {
        for (const [, level] of rec.levels) {
          for (const key of ["reserved", "damaged", "safetyStock", "qualityControl", "incoming"]) delete level[key];
        }
      }
      for (const [, order] of shop.orders) delete order.inventoryClaims;
    }
    const old = createShopifyEngine();
    old.restore(snapshot);
    sandbox = await startCatalogSandbox({ engine: old });
    expect(sandbox.engine.hasShop(SHOP)).toBe(true);
    expect(await statesOf(sandbox, item, location)).toMatchObject({
      available: before.available,
      committed: 1,
      damaged: 0,
      on_hand: before.available! + 1,
    });
  });
});
