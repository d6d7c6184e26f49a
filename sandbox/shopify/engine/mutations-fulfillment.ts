import { GraphQLError } from "graphql";

import type { Lazy } from "./field-resolver.ts";
import { announceFulfillment, applyFulfillment, originFromInput, planFulfillment } from "./fulfillment-create.ts";
import { type LineInputProblem, requestedQuantities, takesEverything } from "./fulfillment-line-input.ts";
import { FINISHED_STATUSES, fulfillmentServiceOf, splitFulfillmentOrder } from "./fulfillment-orders.ts";
import { createFulfillmentService } from "./fulfillment-services.ts";
import { gid, idOf } from "./gid.ts";
import { asInput, asList, str, type UserError } from "./input-helpers.ts";
import { moveClaims } from "./order-stock.ts";
import { fulfillmentOrderRef } from "./payloads.ts";
import { emit, nextId, type ShopState, stamp } from "./shop-state.ts";
import type { FulfillmentOrderRec } from "./store-types.ts";
import { trackingFromInput } from "./tracking-urls.ts";
import { fulfillmentServiceView } from "./views-catalog.ts";
import { fulfillmentOrderView, fulfillmentView } from "./views-fulfillment.ts";

const NOT_FOUND = "Fulfillment order does not exist.";

function findFulfillmentOrder(state: ShopState, id: unknown): FulfillmentOrderRec | undefined {
  return state.fulfillmentOrders.get(idOf(id, "FulfillmentOrder") ?? -1);
}

/** `fulfillmentOrderLineItems` problems of move and submit, reported on the offending entry. */
function lineErrors(problems: LineInputProblem[]): UserError[] {
  return problems.map(({ index, kind }) => {
    const field = ["fulfillmentOrderLineItems", String(index)];
    if (kind === "unknown") return { field: [...field, "id"], message: "Fulfillment order line item does not exist." };
    if (kind === "nonPositive") return { field: [...field, "quantity"], message: "Quantity must be greater than 0" };
    return { field: [...field, "quantity"], message: "Invalid fulfillment order line item quantity requested." };
  });
}

/**
 * Accepting or rejecting a request is the fulfillment service's own business: Shopify refuses any
 * other app before looking at the request (a top-level ACCESS_DENIED error, data null).
 */
function accessDenied(field: string): GraphQLError {
  const requiredAccess =
    "`write_assigned_fulfillment_orders` access scope. Also: The API client must own the fulfillment service the fulfillment order is assigned to.";
  return new GraphQLError(`Access denied for ${field} field. Required access: ${requiredAccess}`, {
    extensions: { code: "ACCESS_DENIED", documentation: "https://shopify.dev/api/usage/access-scopes", requiredAccess },
  });
}

/** The fulfillment order of a request answer, after checking the caller owns its service. */
function requestForOwner(
  state: ShopState,
  apiKey: string,
  id: unknown,
  field: string,
): { fo: FulfillmentOrderRec } | { userErrors: UserError[] } {
  const fo = findFulfillmentOrder(state, id);
  if (!fo) return { userErrors: [{ field: ["id"], message: NOT_FOUND }] };
  if (fulfillmentServiceOf(state, fo)?.ownerApiKey !== apiKey) throw accessDenied(field);
  if (fo.requestStatus !== "SUBMITTED") {
    const verb = field === "fulfillmentOrderAcceptFulfillmentRequest" ? "accept" : "reject";
    return {
      userErrors: [
        {
          field: ["id"],
          message: `Cannot ${verb} a fulfillment request for a fulfillment order with request status ${fo.requestStatus.toLowerCase()}.`,
        },
      ],
    };
  }
  return { fo };
}

function answerLatestRequest(fo: FulfillmentOrderRec, responseData: Record<string, unknown>): void {
  const request = fo.merchantRequests.filter((r) => r.kind === "FULFILLMENT_REQUEST").at(-1);
  if (request) request.responseData = responseData;
}

export const fulfillmentMutations: Record<string, Lazy<unknown>> = {
  fulfillmentCreate: (args, { state, apiKey }) => {
    const input = asInput(args.fulfillment) ?? {};
    const planned = planFulfillment(state, apiKey, input);
    if ("userErrors" in planned) return { fulfillment: null, userErrors: planned.userErrors };
    const rec = applyFulfillment(
      state,
      planned.plan,
      {
        trackingInfo: trackingFromInput(asInput(input.trackingInfo)),
        notifyCustomer: input.notifyCustomer === true,
        message: str(args.message),
        originAddress: originFromInput(asInput(input.originAddress)),
      },
      stamp(state),
    );
    announceFulfillment(state, planned.plan.order, rec);
    return { fulfillment: fulfillmentView(state, rec), userErrors: [] };
  },

  fulfillmentServiceCreate: (args, { state, apiKey }) => {
    const created = createFulfillmentService(state, {
      name: str(args.name) ?? "",
      ownerApiKey: apiKey,
      callbackUrl: str(args.callbackUrl),
      trackingSupport: args.trackingSupport === true,
      inventoryManagement: args.inventoryManagement === true,
      requiresShippingMethod: args.requiresShippingMethod !== false,
    });
    if ("userErrors" in created) return { fulfillmentService: null, userErrors: created.userErrors };
    return { fulfillmentService: fulfillmentServiceView(state, created.location), userErrors: [] };
  },

  fulfillmentOrderMove: (args, { state }) => {
    const fail = (userErrors: UserError[]) => ({
      movedFulfillmentOrder: null,
      originalFulfillmentOrder: null,
      remainingFulfillmentOrder: null,
      userErrors: userErrors.map((e) => ({ ...e, code: null })),
    });
    const fo = findFulfillmentOrder(state, args.id);
    if (!fo) return fail([{ field: ["id"], message: NOT_FOUND }]);
    const location = state.locations.get(idOf(args.newLocationId, "Location") ?? -1);
    if (!location?.isActive) return fail([{ field: ["newLocationId"], message: "Location does not exist." }]);
    if (FINISHED_STATUSES.has(fo.status)) {
      return fail([
        { field: ["id"], message: `Cannot move a fulfillment order with status ${fo.status.toLowerCase()}.` },
      ]);
    }
    // Units a fulfillment service was asked for stay there until it lets go of them.
    if (fo.requestStatus !== "UNSUBMITTED" && fo.requestStatus !== "REJECTED") {
      return fail([
        {
          field: ["id"],
          message: `Cannot move a fulfillment order with request status ${fo.requestStatus.toLowerCase()}.`,
        },
      ]);
    }
    if (fo.locationId === location.id) {
      return fail([{ field: ["newLocationId"], message: "Fulfillment order is already assigned to this location." }]);
    }
    const { quantities, problems } = requestedQuantities(fo, asList(args.fulfillmentOrderLineItems));
    if (problems.length > 0) return fail(lineErrors(problems));
    const at = stamp(state);
    const from = fo.locationId;
    const shippedAny = fo.lineItems.some((l) => l.remainingQuantity < l.totalQuantity);
    let moved: FulfillmentOrderRec;
    if (takesEverything(fo, quantities) && !shippedAny) {
      // The whole fulfillment order goes: Shopify re-assigns it rather than making a new one.
      fo.locationId = location.id;
      fo.status = "OPEN";
      fo.requestStatus = "UNSUBMITTED";
      fo.updatedAt = at;
      moved = fo;
    } else {
      moved = splitFulfillmentOrder(state, fo, quantities, location.id, at);
    }
    const order = state.orders.get(fo.orderId);
    if (order) {
      const units = new Map(moved.lineItems.map((l) => [l.lineItemId, l.remainingQuantity]));
      moveClaims(state, order, from, location.id, units, at);
    }
    emit(state, "fulfillment_orders/moved", {
      original_fulfillment_order: fulfillmentOrderRef(fo),
      moved_fulfillment_order: fulfillmentOrderRef(moved),
      destination_location_id: gid("Location", location.id),
      fulfillment_order_line_items_requested: [...quantities].map(([id, quantity]) => ({
        id: gid("FulfillmentOrderLineItem", id),
        quantity,
      })),
    });
    return {
      movedFulfillmentOrder: fulfillmentOrderView(state, moved),
      originalFulfillmentOrder: fulfillmentOrderView(state, fo),
      // Deprecated: the original when something is left in it to fulfil.
      remainingFulfillmentOrder:
        moved !== fo && !FINISHED_STATUSES.has(fo.status) ? fulfillmentOrderView(state, fo) : null,
      userErrors: [],
    };
  },

  fulfillmentOrderSubmitFulfillmentRequest: (args, { state }) => {
    const fail = (userErrors: UserError[]) => ({
      originalFulfillmentOrder: null,
      submittedFulfillmentOrder: null,
      unsubmittedFulfillmentOrder: null,
      userErrors,
    });
    const fo = findFulfillmentOrder(state, args.id);
    if (!fo) return fail([{ field: ["id"], message: NOT_FOUND }]);
    if (!fulfillmentServiceOf(state, fo)) {
      return fail([{ field: ["id"], message: "Fulfillment order is not assigned to a fulfillment service." }]);
    }
    if (fo.status !== "OPEN" || (fo.requestStatus !== "UNSUBMITTED" && fo.requestStatus !== "REJECTED")) {
      return fail([
        {
          field: ["id"],
          message: `Cannot request fulfillment for a fulfillment order with status ${fo.status.toLowerCase()} and request status ${fo.requestStatus.toLowerCase()}.`,
        },
      ]);
    }
    const { quantities, problems } = requestedQuantities(fo, asList(args.fulfillmentOrderLineItems));
    if (problems.length > 0) return fail(lineErrors(problems));
    const at = stamp(state);
    // A partial request: the units not asked for go to a new, unsubmitted fulfillment order.
    const left = new Map<number, number>();
    for (const line of fo.lineItems) {
      const units = line.remainingQuantity - (quantities.get(line.id) ?? 0);
      if (units > 0) left.set(line.id, units);
    }
    const unsubmitted = left.size > 0 ? splitFulfillmentOrder(state, fo, left, fo.locationId, at) : null;
    fo.requestStatus = "SUBMITTED";
    fo.updatedAt = at;
    const request = {
      id: nextId(state, "Other"),
      kind: "FULFILLMENT_REQUEST" as const,
      message: str(args.message),
      notifyCustomer: args.notifyCustomer === true,
      sentAt: at,
      responseData: null,
    };
    fo.merchantRequests.push(request);
    emit(state, "fulfillment_orders/fulfillment_request_submitted", {
      original_fulfillment_order: fulfillmentOrderRef(fo),
      submitted_fulfillment_order: fulfillmentOrderRef(fo),
      fulfillment_order_merchant_request: {
        id: gid("FulfillmentOrderMerchantRequest", request.id),
        message: request.message,
      },
    });
    return {
      originalFulfillmentOrder: fulfillmentOrderView(state, fo),
      submittedFulfillmentOrder: fulfillmentOrderView(state, fo),
      unsubmittedFulfillmentOrder: unsubmitted ? fulfillmentOrderView(state, unsubmitted) : null,
      userErrors: [],
    };
  },

  fulfillmentOrderAcceptFulfillmentRequest: (args, { state, apiKey }) => {
    const found = requestForOwner(state, apiKey, args.id, "fulfillmentOrderAcceptFulfillmentRequest");
    if ("userErrors" in found) return { fulfillmentOrder: null, userErrors: found.userErrors };
    const { fo } = found;
    fo.requestStatus = "ACCEPTED";
    fo.status = "IN_PROGRESS";
    fo.updatedAt = stamp(state);
    const message = str(args.message);
    answerLatestRequest(fo, { accepted: true, message, estimated_shipped_at: str(args.estimatedShippedAt) });
    emit(state, "fulfillment_orders/fulfillment_request_accepted", {
      fulfillment_order: fulfillmentOrderRef(fo),
      message,
    });
    return { fulfillmentOrder: fulfillmentOrderView(state, fo), userErrors: [] };
  },

  fulfillmentOrderRejectFulfillmentRequest: (args, { state, apiKey }) => {
    const found = requestForOwner(state, apiKey, args.id, "fulfillmentOrderRejectFulfillmentRequest");
    if ("userErrors" in found) return { fulfillmentOrder: null, userErrors: found.userErrors };
    const { fo } = found;
    fo.requestStatus = "REJECTED";
    fo.updatedAt = stamp(state);
    const message = str(args.message);
    answerLatestRequest(fo, {
      accepted: false,
      message,
      reason: str(args.reason),
      line_items: asList(args.lineItems).map((l) => ({
        fulfillment_order_line_item_id: str(l.fulfillmentOrderLineItemId),
        message: str(l.message),
      })),
    });
    emit(state, "fulfillment_orders/fulfillment_request_rejected", {
      fulfillment_order: fulfillmentOrderRef(fo),
      message,
    });
    return { fulfillmentOrder: fulfillmentOrderView(state, fo), userErrors: [] };
  },
};
