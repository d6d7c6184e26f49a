import { gid, idOf } from "./gid.ts";
import { asInput, asList, type Input, str } from "./input-helpers.ts";
import { toCents } from "./money.ts";
import { announce, fail, type Outcome, type ReturnUserError, view } from "./mutations-returns.ts";
import { createRefund } from "./refund-build.ts";
import { announceLevels, restockReturned, type Touched } from "./refund-stock.ts";
import { nextId, type ShopState, stamp } from "./shop-state.ts";
import type { DispositionRec, ReturnLineItemRec } from "./store-types-money.ts";

/**
 * returnProcess: marks units processed; a RESTOCKED disposition puts them back in stock at its
 * location; `financialTransfer.issueRefund` refunds them (a Refund tied to the return) with the
 * given transactions, plus `refundShipping`. Every unit processed closes the return.
 */
export function processReturn(state: ShopState, input: Input): Outcome {
  const r = state.returns.get(idOf(input.returnId, "Return") ?? -1);
  const order = r ? state.orders.get(r.orderId) : undefined;
  if (!r || !order) return fail(["input", "returnId"], "Return does not exist.", "NOT_FOUND");
  if (r.status !== "OPEN") {
    return fail(
      ["input", "returnId"],
      `Return must be open to be processed. Its status is ${r.status}.`,
      "INVALID_STATE",
    );
  }
  const errors: ReturnUserError[] = [];
  const plan: {
    line: ReturnLineItemRec;
    quantity: number;
    restockAt: number | null;
    restockQuantity: number;
    dispositions: Omit<DispositionRec, "id" | "createdAt">[];
  }[] = [];
  asList(input.returnLineItems).forEach((li, i) => {
    const field = ["input", "returnLineItems", String(i)];
    const line = r.lineItems.find((l) => l.id === idOf(li.id, "ReturnLineItem"));
    if (!line) {
      errors.push({ field: [...field, "id"], message: "Return line item does not exist.", code: "NOT_FOUND" });
      return;
    }
    const quantity = Number(li.quantity);
    if (quantity <= 0 || quantity > line.quantity - line.processedQuantity) {
      errors.push({
        field: [...field, "quantity"],
        message: `Quantity must be between 1 and the processable quantity (${line.quantity - line.processedQuantity}).`,
        code: "INVALID",
      });
      return;
    }
    const dispositions: Omit<DispositionRec, "id" | "createdAt">[] = [];
    for (const d of asList(li.dispositions)) {
      const type = str(d.dispositionType) as DispositionRec["type"];
      const locationId = d.locationId == null ? null : idOf(d.locationId, "Location");
      if ((type === "RESTOCKED" || d.locationId != null) && (locationId === null || !state.locations.has(locationId))) {
        errors.push({
          field: [...field, "dispositions", "locationId"],
          message: "Location does not exist.",
          code: "NOT_FOUND",
        });
        return;
      }
      dispositions.push({ type, locationId, quantity: Number(d.quantity) });
    }
    const restocked = dispositions.filter((d) => d.type === "RESTOCKED");
    const restockQuantity = Math.min(
      quantity,
      restocked.reduce((sum, d) => sum + d.quantity, 0),
    );
    plan.push({ line, quantity, restockAt: restocked[0]?.locationId ?? null, restockQuantity, dispositions });
  });
  if (plan.length === 0 && errors.length === 0) {
    errors.push({ field: ["input", "returnLineItems"], message: "Return line items can't be blank.", code: "BLANK" });
  }
  if (errors.length > 0) return { return: null, userErrors: errors };

  const issueRefund = asInput(asInput(input.financialTransfer)?.issueRefund);
  if (issueRefund) {
    const shipping = asInput(input.refundShipping);
    const shippingAmount = toCents(asInput(shipping?.shippingRefundAmount)?.amount);
    const { userErrors } = createRefund(state, order, {
      note: str(input.note),
      currency: str(asInput(asList(issueRefund.orderTransactions)[0]?.transactionAmount)?.currencyCode),
      processedAt: null,
      allowOverRefunding: issueRefund.allowOverRefunding === true,
      // Restocked units are refunded as returned to their location; the others without restocking.
      lines: plan.flatMap((p) => [
        ...(p.restockQuantity > 0 && p.restockAt !== null
          ? [
              {
                lineItemId: gid("LineItem", p.line.lineItemId),
                quantity: p.restockQuantity,
                restockType: "RETURN",
                locationId: gid("Location", p.restockAt),
              },
            ]
          : []),
        ...(p.quantity > p.restockQuantity
          ? [
              {
                lineItemId: gid("LineItem", p.line.lineItemId),
                quantity: p.quantity - p.restockQuantity,
                restockType: "NO_RESTOCK",
                locationId: null,
              },
            ]
          : []),
      ]),
      shipping: shipping ? { fullRefund: shipping.fullRefund === true, amount: shippingAmount } : null,
      transactions: asList(issueRefund.orderTransactions).map((t) => ({
        amount: toCents(asInput(t.transactionAmount)?.amount) ?? 0,
        gateway: null,
        kind: "REFUND",
        parentId: t.parentId,
      })),
      returnId: r.id,
    });
    if (userErrors.length > 0) {
      return {
        return: null,
        userErrors: userErrors.map((e) => ({
          field: e.field ? ["input", "financialTransfer", ...e.field] : null,
          message: e.message,
          code: "INVALID",
        })),
      };
    }
    for (const p of plan) p.line.refundedQuantity += p.quantity;
  } else {
    const touched: Touched = new Map();
    const at = stamp(state);
    for (const p of plan) {
      const line = order.lineItems.find((l) => l.id === p.line.lineItemId);
      if (line && p.restockAt !== null) restockReturned(state, line, p.restockQuantity, p.restockAt, at, touched);
    }
    announceLevels(state, touched);
  }
  const at = stamp(state);
  for (const p of plan) {
    p.line.processedQuantity += p.quantity;
    for (const d of p.dispositions) p.line.dispositions.push({ id: nextId(state, "Other"), createdAt: at, ...d });
  }
  if (r.lineItems.every((l) => l.processedQuantity >= l.quantity)) {
    r.status = "CLOSED";
    r.closedAt = at;
  }
  r.updatedAt = at;
  announce(state, order, r, ["returns/process", "returns/update"]);
  return { return: view(state, order, r), userErrors: [] };
}
