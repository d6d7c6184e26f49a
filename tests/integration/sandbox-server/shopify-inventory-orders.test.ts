import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { LEVEL_STATES_QUERY } from "./inventory-documents.ts";
import { type CatalogSandbox, startCatalogSandbox, until } from "./shopify-catalog-fixture.ts";

const ORDER_CREATE = `mutation($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
  orderCreate(order: $order, options: $options) {
    order { id fulfillmentOrders(first: 5) { nodes { id assignedLocation { location { id } } } } }
    userErrors { field message code } } }`;
const FULFILLMENT_CREATE = `mutation($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id } userErrors { field message } } }`;
const ORDER_CANCEL = `mutation($id: ID!, $restock: Boolean!) {
  orderCancel(orderId: $id, reason: CUSTOMER, restock: $restock, refund: false) { orderCancelUserErrors { message } } }`;

type Created = {
  orderCreate: {
    order: {
      id: string;
      fulfillmentOrders: { nodes: { id: string; assignedLocation: { location: { id: string } } }[] };
    } | null;
    userErrors: { code: string }[];
  };
};

const legacy = (gid: string) => Number(/\/(\d+)(\?|$)/.exec(gid)![1]);

describe("stock held by orders in the sandbox store", () => {
  let sandbox: CatalogSandbox;
  let variant: string;
  let item: string;

  beforeEach(async () => {
    sandbox = await startCatalogSandbox({
      seed: { products: 1, variantsPerProduct: 1, locations: 2, customers: 0 },
      topics: ["inventory_levels/update"],
    });
    const body = await sandbox.gql<{ productVariants: { nodes: { id: string; inventoryItem: { id: string } }[] } }>(
      `{ productVariants(first: 1) { nodes { id inventoryItem { id } } } }`,
    );
    variant = body.data!.productVariants.nodes[0]!.id;
    item = body.data!.productVariants.nodes[0]!.inventoryItem.id;
  });
  afterEach(async () => {
    await sandbox.close();
  });

  async function states(location: string): Promise<{ available: number; committed: number; on_hand: number }> {
    const body = await sandbox.gql<{
      inventoryItem: { inventoryLevel: { quantities: { name: string; quantity: number }[] } };
    }>(LEVEL_STATES_QUERY, { item, location });
    const all = Object.fromEntries(body.data!.inventoryItem.inventoryLevel.quantities.map((q) => [q.name, q.quantity]));
    return { available: all.available!, committed: all.committed!, on_hand: all.on_hand! };
  }

  async function place(quantity: number): Promise<{ orderId: string; foId: string; location: string }> {
    const body = await sandbox.gql<Created>(ORDER_CREATE, {
      order: { lineItems: [{ variantId: variant, quantity }], financialStatus: "PAID" },
      options: { inventoryBehaviour: "DECREMENT_OBEYING_POLICY" },
    });
    expect(body.data!.orderCreate.userErrors).toEqual([]);
    const order = body.data!.orderCreate.order!;
    const fo = order.fulfillmentOrders.nodes[0]!;
    return { orderId: order.id, foId: fo.id, location: fo.assignedLocation.location.id };
  }

  /** The level webhooks for the item at `location` after the first `skip`. */
  async function levelHooks(location: string, count: number) {
    const mine = () =>
      sandbox
        .webhooks("inventory_levels/update")
        .filter((h) => h.inventory_item_id === legacy(item) && h.location_id === legacy(location));
    return until(
      async () => mine(),
      (list) => list.length >= count,
    );
  }

  it("placing moves units from available to committed at the assigned location; shipping takes them out of on_hand", async () => {
    const { foId, location } = await place(2);
    const placed = await states(location);
    expect(placed.committed).toBe(2);
    expect(placed.on_hand).toBe(placed.available + 2);
    const shipped = await sandbox.gql<{ fulfillmentCreate: { userErrors: unknown[] } }>(FULFILLMENT_CREATE, {
      fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foId }] },
    });
    expect(shipped.data!.fulfillmentCreate.userErrors).toEqual([]);
    expect(await states(location)).toEqual({ available: placed.available, committed: 0, on_hand: placed.on_hand - 2 });
    const hooks = await levelHooks(location, 2);
    // One when placed (available went down), one when shipped (available unchanged, on_hand down).
    expect(hooks.map((h) => h.available)).toEqual([placed.available, placed.available]);
    expect(hooks[0]).toMatchObject({
      admin_graphql_api_id: `gid://shopify/InventoryLevel/${legacy(location)}?inventory_item_id=${legacy(item)}`,
      updated_at: expect.any(String),
    });
  });

  it("cancelling with restock gives committed units back to available; without restock they leave on_hand", async () => {
    const first = await place(1);
    const before = await states(first.location);
    await sandbox.gql(ORDER_CANCEL, { id: first.orderId, restock: true });
    expect(await states(first.location)).toEqual({
      available: before.available + 1,
      committed: before.committed - 1,
      on_hand: before.on_hand,
    });
    const second = await place(1);
    const held = await states(second.location);
    await sandbox.gql(ORDER_CANCEL, { id: second.orderId, restock: false });
    expect(await states(second.location)).toEqual({
      available: held.available,
      committed: held.committed - 1,
      on_hand: held.on_hand - 1,
    });
    const hooks = await levelHooks(first.location, 4);
    expect(hooks.map((h) => h.available)).toEqual([
      before.available,
      before.available + 1,
      held.available,
      held.available,
    ]);
  });

  it("moving the fulfillment order to another location moves what it holds there", async () => {
    const { foId, location } = await place(2);
    const other = (
      await sandbox.gql<{ locations: { nodes: { id: string }[] } }>(`{ locations(first: 5) { nodes { id } } }`)
    )
      .data!.locations.nodes.map((l) => l.id)
      .find((id) => id !== location)!;
    const [fromBefore, toBefore] = [await states(location), await states(other)];
    const moved = await sandbox.gql<{
      fulfillmentOrderMove: { movedFulfillmentOrder: { id: string } | null; userErrors: unknown[] };
    }>(
      `mutation($id: ID!, $to: ID!) { fulfillmentOrderMove(id: $id, newLocationId: $to) { movedFulfillmentOrder { id } userErrors { field message } } }`,
      { id: foId, to: other },
    );
    expect(moved.data!.fulfillmentOrderMove.userErrors).toEqual([]);
    expect(await states(location)).toEqual({
      available: fromBefore.available + 2,
      committed: fromBefore.committed - 2,
      on_hand: fromBefore.on_hand,
    });
    expect(await states(other)).toEqual({
      available: toBefore.available - 2,
      committed: toBefore.committed + 2,
      on_hand: toBefore.on_hand,
    });
    // Shipped from there, the units leave the new location's on_hand.
    await sandbox.gql(FULFILLMENT_CREATE, {
      fulfillment: {
        lineItemsByFulfillmentOrder: [
          { fulfillmentOrderId: moved.data!.fulfillmentOrderMove.movedFulfillmentOrder!.id },
        ],
      },
    });
    expect(await states(other)).toEqual({
      available: toBefore.available - 2,
      committed: toBefore.committed,
      on_hand: toBefore.on_hand - 2,
    });
  });

  it("refuses an order that would oversell with DECREMENT_OBEYING_POLICY, holding nothing", async () => {
    const body = await sandbox.gql<Created>(ORDER_CREATE, {
      order: { lineItems: [{ variantId: variant, quantity: 100_000 }] },
      options: { inventoryBehaviour: "DECREMENT_OBEYING_POLICY" },
    });
    expect(body.data!.orderCreate.userErrors.map((e) => e.code)).toEqual(["INVENTORY_CLAIM_FAILED"]);
  });
});
