import type { Lazy } from "./field-resolver.ts";
import { idOf } from "./gid.ts";
import { asInput, asList, type Input, str } from "./input-helpers.ts";
import { orderPayload } from "./payloads.ts";
import { returnPayload } from "./payloads-money.ts";
import { processReturn } from "./return-process.ts";
import { emit, nextId, type ShopState, stamp } from "./shop-state.ts";
import type { OrderRec } from "./store-types.ts";
import type { ReturnLineItemRec, ReturnRec, ReturnStatus } from "./store-types-money.ts";
import { orderView } from "./views-order.ts";
import { fulfillmentLineOf, returnsOf, returnView, unitsInReturns } from "./views-return.ts";

/**
 * Returns: a merchant creates one (OPEN) or a buyer requests one (REQUESTED, then approved or
 * declined); an open return is processed (units restocked per disposition, optionally refunded)
 * and closes once every unit is processed; it can be cancelled before, closed and reopened.
 * Each step sends its returns/* topic, and orders/updated (the order's return status moves).
 */

export interface ReturnUserError {
  field: string[] | null;
  message: string;
  code: string;
}

export type Outcome = { return: object | null; userErrors: ReturnUserError[] };

export const fail = (field: string[] | null, message: string, code: string): Outcome => ({
  return: null,
  userErrors: [{ field, message, code }],
});

export function view(state: ShopState, order: OrderRec, r: ReturnRec): object {
  return returnView(state, order, r, () => orderView(state, order));
}

export function announce(state: ShopState, order: OrderRec, r: ReturnRec, topics: string[]): void {
  order.updatedAt = r.updatedAt;
  const payload = returnPayload(order, r);
  for (const topic of topics) emit(state, topic, payload);
  emit(state, "orders/updated", orderPayload(state, order));
}

/** Builds the return lines from ReturnLineItemInput / ReturnRequestLineItemInput, or the user errors. */
function buildLines(
  state: ShopState,
  order: OrderRec,
  inputs: Input[],
  root: string,
): { lines: ReturnLineItemRec[] } | { errors: ReturnUserError[] } {
  const errors: ReturnUserError[] = [];
  if (inputs.length === 0) {
    errors.push({ field: [root, "returnLineItems"], message: "Return line items can't be blank", code: "BLANK" });
  }
  const inReturns = unitsInReturns(state, order.id);
  const lines: ReturnLineItemRec[] = [];
  inputs.forEach((input, i) => {
    const field = [root, "returnLineItems", String(i)];
    const id = idOf(input.fulfillmentLineItemId, "FulfillmentLineItem");
    const found = id === null ? null : fulfillmentLineOf(state, order.id, id);
    const fulfillment = found ? state.fulfillments.get(found.fulfillmentId) : undefined;
    if (!found || fulfillment?.status !== "SUCCESS") {
      errors.push({
        field: [...field, "fulfillmentLineItemId"],
        message: "Fulfillment line item does not exist.",
        code: "NOT_FOUND",
      });
      return;
    }
    const quantity = Number(input.quantity);
    const taken = inReturns.get(found.line.id) ?? 0;
    if (!Number.isInteger(quantity) || quantity <= 0) {
      errors.push({ field: [...field, "quantity"], message: "Quantity must be greater than 0.", code: "GREATER_THAN" });
      return;
    }
    if (quantity > found.line.quantity - taken) {
      errors.push({
        field: [...field, "quantity"],
        message: `Quantity must be less than or equal to the returnable quantity (${found.line.quantity - taken}).`,
        code: "LESS_THAN_OR_EQUAL_TO",
      });
      return;
    }
    inReturns.set(found.line.id, taken + quantity);
    lines.push({
      id: nextId(state, "Other"),
      fulfillmentLineItemId: found.line.id,
      lineItemId: found.line.lineItemId,
      quantity,
      processedQuantity: 0,
      refundedQuantity: 0,
      returnReason: str(input.returnReason) ?? "UNKNOWN",
      returnReasonNote: str(input.returnReasonNote) ?? "",
      customerNote: str(input.customerNote),
      dispositions: [],
    });
  });
  return errors.length > 0 ? { errors } : { lines };
}

function openReturn(state: ShopState, root: string, input: Input, status: ReturnStatus, topic: string): Outcome {
  const order = state.orders.get(idOf(input.orderId, "Order") ?? -1);
  if (!order) return fail([root, "orderId"], "Order does not exist.", "NOT_FOUND");
  const built = buildLines(state, order, asList(input.returnLineItems), root);
  if ("errors" in built) return { return: null, userErrors: built.errors };
  const at = stamp(state);
  const r: ReturnRec = {
    id: nextId(state, "Return"),
    orderId: order.id,
    name: `${order.name}-R${returnsOf(state, order.id).length + 1}`,
    status,
    lineItems: built.lines,
    decline: null,
    requestApprovedAt: status === "OPEN" ? at : null,
    closedAt: null,
    createdAt: str(input.requestedAt) ?? at,
    updatedAt: at,
  };
  state.returns.set(r.id, r);
  announce(state, order, r, [topic]);
  return { return: view(state, order, r), userErrors: [] };
}

/** A status change allowed only from `from`; `apply` sets what else changes. */
function transition(
  state: ShopState,
  id: unknown,
  field: string[],
  from: readonly ReturnStatus[],
  to: ReturnStatus,
  topic: string,
  apply: (r: ReturnRec, at: string) => void = () => {},
): Outcome {
  const r = state.returns.get(idOf(id, "Return") ?? -1);
  const order = r ? state.orders.get(r.orderId) : undefined;
  if (!r || !order) return fail(field, "Return does not exist.", "NOT_FOUND");
  if (!from.includes(r.status)) {
    return fail(
      field,
      `Return is not in a valid state to be ${to.toLowerCase()}. Its status is ${r.status}.`,
      "INVALID_STATE",
    );
  }
  const at = stamp(state);
  r.status = to;
  apply(r, at);
  r.updatedAt = at;
  announce(state, order, r, [topic]);
  return { return: view(state, order, r), userErrors: [] };
}

export const returnMutations: Record<string, Lazy<unknown>> = {
  returnCreate: (args, { state }) =>
    openReturn(state, "returnInput", asInput(args.returnInput) ?? {}, "OPEN", "returns/approve"),
  returnRequest: (args, { state }) =>
    openReturn(state, "input", asInput(args.input) ?? {}, "REQUESTED", "returns/request"),
  returnApproveRequest: (args, { state }) =>
    transition(state, asInput(args.input)?.id, ["input", "id"], ["REQUESTED"], "OPEN", "returns/approve", (r, at) => {
      r.requestApprovedAt = at;
    }),
  returnDeclineRequest: (args, { state }) => {
    const input = asInput(args.input) ?? {};
    return transition(state, input.id, ["input", "id"], ["REQUESTED"], "DECLINED", "returns/decline", (r) => {
      r.decline = { reason: str(input.declineReason) ?? "OTHER", note: str(input.declineNote) };
    });
  },
  returnCancel: (args, { state }) => {
    const r = state.returns.get(idOf(args.id, "Return") ?? -1);
    if (r && r.lineItems.some((l) => l.processedQuantity > 0)) {
      return fail(["id"], "Return can't be canceled because it has processed items.", "INVALID_STATE");
    }
    return transition(state, args.id, ["id"], ["REQUESTED", "OPEN"], "CANCELED", "returns/cancel");
  },
  returnClose: (args, { state }) =>
    transition(state, args.id, ["id"], ["OPEN"], "CLOSED", "returns/close", (r, at) => {
      r.closedAt = at;
    }),
  returnReopen: (args, { state }) =>
    transition(state, args.id, ["id"], ["CLOSED"], "OPEN", "returns/reopen", (r) => {
      r.closedAt = null;
    }),
  returnProcess: (args, { state }) => processReturn(state, asInput(args.input) ?? {}),
};
