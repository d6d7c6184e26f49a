import { expect } from "vitest";

import { at, createHarness, type GqlBody, type Harness } from "./engine-harness.ts";

/** The app under test; fulfillment services made through the control API belong to THIRD_PARTY. */
export const APP = "app-1";
export const THIRD_PARTY = "sandbox-3pl";

export const ORDER_CREATE = `mutation($order: OrderCreateOrderInput!) {
  orderCreate(order: $order) { order { id name } userErrors { field message code } }
}`;

export const FO_FIELDS = `id status requestStatus createdAt updatedAt orderId orderName order { id }
  assignedLocation { name location { id name isFulfillmentService fulfillmentService { id handle serviceName type } } }
  lineItems(first: 10) { nodes { id totalQuantity remainingQuantity sku lineItem { id sku } variant { id } } pageInfo { hasNextPage } }
  supportedActions { action } fulfillments(first: 5) { nodes { id } } deliveryMethod { methodType }`;

export const ORDER_FULFILLMENT = `query($id: ID!) { order(id: $id) {
  id updatedAt closed closedAt fulfillable displayFulfillmentStatus
  lineItems(first: 10) { nodes { id sku quantity unfulfilledQuantity fulfillableQuantity } }
  fulfillmentOrders(first: 10) { nodes { ${FO_FIELDS} } }
  fulfillments(first: 10) { id name status totalQuantity }
} }`;

export const FULFILLMENT_FIELDS = `id name status createdAt updatedAt totalQuantity location { id }
  trackingInfo(first: 5) { company number url }
  fulfillmentLineItems(first: 10) { nodes { id quantity lineItem { id sku } } }
  order { id } fulfillmentOrders(first: 5) { nodes { id } }`;

export const FULFILLMENT_CREATE = `mutation($fulfillment: FulfillmentInput!, $message: String) {
  fulfillmentCreate(fulfillment: $fulfillment, message: $message) {
    fulfillment { ${FULFILLMENT_FIELDS} }
    userErrors { field message }
  }
}`;

export interface FoLine {
  id: string;
  totalQuantity: number;
  remainingQuantity: number;
  sku: string | null;
  lineItem: { id: string; sku: string | null };
}

export interface FulfillmentOrder {
  id: string;
  status: string;
  requestStatus: string;
  updatedAt: string;
  assignedLocation: { name: string; location: { id: string; isFulfillmentService: boolean } | null };
  lineItems: { nodes: FoLine[] };
  supportedActions: { action: string }[];
  deliveryMethod: { methodType: string };
}

export interface OrderFulfillment {
  id: string;
  updatedAt: string;
  closed: boolean;
  closedAt: string | null;
  fulfillable: boolean;
  displayFulfillmentStatus: string;
  lineItems: {
    nodes: { id: string; sku: string; quantity: number; unfulfilledQuantity: number; fulfillableQuantity: number }[];
  };
  fulfillmentOrders: { nodes: FulfillmentOrder[] };
  fulfillments: { id: string; name: string; status: string; totalQuantity: number }[];
}

/** Runs a document as `apiKey`, failing the test on any top-level error (documents must validate). */
export async function run(
  h: Harness,
  query: string,
  variables: Record<string, unknown> = {},
  apiKey = APP,
): Promise<Record<string, unknown>> {
  const body = await h.gql(query, variables, { apiKey });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

/** Same, but keeps top-level errors for tests that expect them. */
export async function runRaw(
  h: Harness,
  query: string,
  variables: Record<string, unknown>,
  apiKey = APP,
): Promise<GqlBody> {
  return h.gql(query, variables, { apiKey });
}

/**
 * An order whose first line (variant 1001, 2 units) is stocked at the Main Warehouse and whose
 * second (variant 1008, 3 units) only at the East Store: two fulfillment orders.
 */
export async function twoLocationOrder(h: Harness, extra: Record<string, unknown> = {}): Promise<string> {
  const data = await run(h, ORDER_CREATE, {
    order: {
      email: "buyer@example.com",
      lineItems: [
        { variantId: "gid://shopify/ProductVariant/1001", quantity: 2 },
        { variantId: "gid://shopify/ProductVariant/1008", quantity: 3 },
      ],
      shippingLines: [
        { title: "Standard", code: "STD", priceSet: { shopMoney: { amount: "5.00", currencyCode: "USD" } } },
      ],
      ...extra,
    },
  });
  expect(at(data, "orderCreate.userErrors")).toEqual([]);
  return at<string>(data, "orderCreate.order.id");
}

export async function readOrder(h: Harness, id: string, apiKey = APP): Promise<OrderFulfillment> {
  return at<OrderFulfillment>(await run(h, ORDER_FULFILLMENT, { id }, apiKey), "order");
}

export function fulfillAll(foId: string, extra: Record<string, unknown> = {}) {
  return { fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foId }], ...extra } };
}

export function freshHarness(): Harness {
  return createHarness();
}
