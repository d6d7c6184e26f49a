import type { PlanName, SeedOptions } from "../../../sandbox/shopify/contracts.ts";
import type { SandboxShopifyEngine } from "../../../sandbox/shopify/engine/create-engine.ts";
import { LEVEL_STATES_QUERY } from "./inventory-documents.ts";
import { type CatalogSandbox, SHOP, startCatalogSandbox } from "./shopify-catalog-fixture.ts";

/** Every money, return and order topic the sandbox store announces around payments. */
export const MONEY_TOPICS = [
  "orders/create",
  "orders/updated",
  "orders/paid",
  "order_transactions/create",
  "refunds/create",
  "returns/request",
  "returns/approve",
  "returns/decline",
  "returns/cancel",
  "returns/close",
  "returns/reopen",
  "returns/process",
  "returns/update",
  "inventory_levels/update",
];

export interface MoneySandbox extends CatalogSandbox {
  /** Waits for background work and deliveries, then the bodies received for `topic`. */
  delivered(topic: string): Promise<Record<string, unknown>[]>;
  clearWebhooks(): Promise<void>;
  /** POSTs to the sandbox control API; throws unless it answers 2xx. */
  control<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T>;
  /** The first variant and its inventory item, and the first location. */
  catalog(): Promise<{ variant: string; item: string; location: string; price: string }>;
  /** available / committed / on_hand of an item at a location. */
  stock(item: string, location: string): Promise<{ available: number; committed: number; on_hand: number }>;
}

export async function startMoneySandbox(
  options: { seed?: SeedOptions | null; engine?: SandboxShopifyEngine; plan?: PlanName } = {},
): Promise<MoneySandbox> {
  const sandbox = await startCatalogSandbox({
    topics: MONEY_TOPICS,
    ...(options.plan ? { plan: options.plan } : {}),
    ...(options.seed === null
      ? {}
      : { seed: options.seed ?? { products: 1, variantsPerProduct: 1, locations: 1, customers: 0, orders: 0 } }),
    ...(options.engine ? { engine: options.engine } : {}),
  });
  const settle = async () => {
    await sandbox.engine.idle();
    await sandbox.server.webhooks.waitForIdle();
  };
  return {
    ...sandbox,
    async delivered(topic) {
      await settle();
      return sandbox.webhooks(topic);
    },
    async clearWebhooks() {
      await settle();
      sandbox.receiver.received.length = 0;
    },
    async control<T>(path: string, body?: unknown) {
      const response = await fetch(`${sandbox.server.url}/sandbox/shops/${SHOP}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body ?? {}),
      });
      const json = (await response.json()) as T;
      if (!response.ok) throw new Error(`control ${path} answered ${response.status}: ${JSON.stringify(json)}`);
      return json;
    },
    async catalog() {
      const body = await sandbox.gql<{
        productVariants: { nodes: { id: string; price: string; inventoryItem: { id: string } }[] };
        locations: { nodes: { id: string }[] };
      }>(
        `{ productVariants(first: 1) { nodes { id price inventoryItem { id } } } locations(first: 1) { nodes { id } } }`,
      );
      const v = body.data!.productVariants.nodes[0]!;
      return { variant: v.id, item: v.inventoryItem.id, location: body.data!.locations.nodes[0]!.id, price: v.price };
    },
    async stock(item, location) {
      const body = await sandbox.gql<{
        inventoryItem: { inventoryLevel: { quantities: { name: string; quantity: number }[] } };
      }>(LEVEL_STATES_QUERY, { item, location });
      const all = Object.fromEntries(
        body.data!.inventoryItem.inventoryLevel.quantities.map((q) => [q.name, q.quantity]),
      );
      return { available: all.available!, committed: all.committed!, on_hand: all.on_hand! };
    },
  };
}

export type UserErrors = { field: string[] | null; message: string; code?: string | null }[];

export const ORDER_CREATE = `mutation($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
  orderCreate(order: $order, options: $options) {
    order {
      id name displayFinancialStatus
      lineItems(first: 5) { nodes { id } }
      fulfillmentOrders(first: 5) { nodes { id lineItems(first: 5) { nodes { id } } } }
      transactions { id kind }
    }
    userErrors { field message code } } }`;

export interface CreatedOrder {
  id: string;
  name: string;
  displayFinancialStatus: string;
  lineItems: { nodes: { id: string }[] };
  fulfillmentOrders: { nodes: { id: string; lineItems: { nodes: { id: string }[] } }[] };
  transactions: { id: string; kind: string }[];
}

export function usd(amount: string) {
  return { shopMoney: { amount, currencyCode: "USD" } };
}

/** orderCreate that must succeed. */
export async function createOrder(
  sandbox: CatalogSandbox,
  order: Record<string, unknown>,
  options?: Record<string, unknown>,
): Promise<CreatedOrder> {
  const body = await sandbox.gql<{ orderCreate: { order: CreatedOrder | null; userErrors: UserErrors } }>(
    ORDER_CREATE,
    { order, options: options ?? null },
  );
  const created = body.data?.orderCreate.order;
  if (!created) throw new Error(`orderCreate failed: ${JSON.stringify(body)}`);
  return created;
}

/** Ships every open unit of the order's first fulfillment order (or `quantity` of its first line). */
export async function fulfil(sandbox: CatalogSandbox, order: CreatedOrder, quantity?: number): Promise<string> {
  const fo = order.fulfillmentOrders.nodes[0]!;
  const body = await sandbox.gql<{
    fulfillmentCreate: {
      fulfillment: { id: string; fulfillmentLineItems: { nodes: { id: string }[] } } | null;
      userErrors: UserErrors;
    };
  }>(
    `mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) {
      fulfillment { id fulfillmentLineItems(first: 5) { nodes { id } } } userErrors { field message } } }`,
    {
      f: {
        lineItemsByFulfillmentOrder: [
          {
            fulfillmentOrderId: fo.id,
            ...(quantity === undefined
              ? {}
              : { fulfillmentOrderLineItems: [{ id: fo.lineItems.nodes[0]!.id, quantity }] }),
          },
        ],
      },
    },
  );
  const f = body.data?.fulfillmentCreate.fulfillment;
  if (!f) throw new Error(`fulfillmentCreate failed: ${JSON.stringify(body)}`);
  return f.fulfillmentLineItems.nodes[0]!.id;
}
