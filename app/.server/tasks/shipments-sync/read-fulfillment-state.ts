import type { ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { runOperation } from "../../adapters/shopify/admin-port.ts";
import {
  FULFILLMENT_LINES_QUERY,
  FULFILLMENT_ORDER_LINES_QUERY,
  ORDER_FULFILLMENT_ORDERS_QUERY,
  ORDER_FULFILLMENTS_QUERY,
} from "../../adapters/shopify/fulfillment-queries.ts";
import type { FulfillmentSummary, FulfillmentView } from "./find-landed-fulfillment.ts";
import type { FulfillmentOrderView } from "./plan-fulfillments.ts";

export interface OrderFulfillmentState {
  name: string;
  cancelledAt: string | null;
  closed: boolean;
  financialStatus: string | null;
  fulfillmentStatus: string;
  fulfillmentOrders: FulfillmentOrderView[];
}

/** The order's fulfillment orders with every line (paged past the first 40); null when the order is gone. */
export async function readFulfillmentState(
  admin: ShopifyAdmin,
  orderId: string,
): Promise<OrderFulfillmentState | null> {
  const data = await runOperation(admin, ORDER_FULFILLMENT_ORDERS_QUERY, { id: orderId });
  const order = data.order;
  if (!order) return null;
  if (order.fulfillmentOrders.pageInfo.hasNextPage) {
    // Ten locations' worth of fulfillment orders on one order: not seen in practice; refuse rather than half-plan.
    throw new Error(`${order.name} has more than 10 fulfillment orders; fulfill it in Shopify.`);
  }
  const fulfillmentOrders: FulfillmentOrderView[] = [];
  for (const fo of order.fulfillmentOrders.nodes) {
    const lines = fo.lineItems.nodes.map(lineView);
    let page = fo.lineItems.pageInfo;
    while (page.hasNextPage) {
      const more = await runOperation(admin, FULFILLMENT_ORDER_LINES_QUERY, { id: fo.id, after: page.endCursor });
      const items = more.fulfillmentOrder?.lineItems;
      if (!items) break;
      lines.push(...items.nodes.map(lineView));
      page = items.pageInfo;
    }
    const location = fo.assignedLocation.location;
    fulfillmentOrders.push({
      id: fo.id,
      status: fo.status,
      requestStatus: fo.requestStatus,
      locationId: location?.id ?? "",
      locationName: location?.name ?? "(no location)",
      service: location?.fulfillmentService
        ? { handle: location.fulfillmentService.handle, serviceName: location.fulfillmentService.serviceName }
        : null,
      lines,
    });
  }
  return {
    name: order.name,
    cancelledAt: order.cancelledAt ?? null,
    closed: order.closed,
    financialStatus: order.displayFinancialStatus ?? null,
    fulfillmentStatus: order.displayFulfillmentStatus,
    fulfillmentOrders,
  };
}

function lineView(node: { id: string; remainingQuantity: number; lineItem: { id: string } }) {
  return { id: node.id, lineItemId: node.lineItem.id, remainingQuantity: node.remainingQuantity };
}

/** Every fulfillment of the order, without its lines. */
export async function readOrderFulfillments(admin: ShopifyAdmin, orderId: string): Promise<FulfillmentSummary[]> {
  const data = await runOperation(admin, ORDER_FULFILLMENTS_QUERY, { id: orderId });
  return (data.order?.fulfillments ?? []).map((f) => ({
    id: f.id,
    status: f.status,
    locationId: f.location?.id ?? null,
  }));
}

/** One fulfillment's lines (only candidates for an interrupted attempt are read). */
export async function withLines(admin: ShopifyAdmin, fulfillment: FulfillmentSummary): Promise<FulfillmentView> {
  const data = await runOperation(admin, FULFILLMENT_LINES_QUERY, { id: fulfillment.id });
  const nodes = data.fulfillment?.fulfillmentLineItems.nodes ?? [];
  return { ...fulfillment, lines: nodes.map((n) => ({ lineItemId: n.lineItem.id, quantity: n.quantity ?? 0 })) };
}
