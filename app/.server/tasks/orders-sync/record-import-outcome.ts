import { coerceError } from "../../errors/coerce-error.ts";
import type { RecordResult } from "../../runs/define-task.ts";
import type { ImportOutcome } from "./import-orders.ts";

/** An import outcome as the run's per-record result (links to the order's page when we hold a row). */
export function importRecord(outcome: ImportOutcome): RecordResult {
  const key = outcome.orderId ?? outcome.shopifyOrderId;
  const label = outcome.name ?? outcome.shopifyOrderId.replace("gid://shopify/Order/", "Shopify order ");
  const base = { type: "order", key, label };
  if (outcome.planned) {
    const planned = plannedReason(outcome);
    if (planned) return { ...base, outcome: "planned", reason: planned };
  }
  switch (outcome.action) {
    case "insert":
      return { ...base, outcome: "created" };
    case "update":
      return { ...base, outcome: "updated" };
    case "filtered":
      return { ...base, outcome: "skipped", reason: "Ignored by the import filters, or cancelled" };
    case "skip-older":
    case "skip-unchanged":
      return { ...base, outcome: "unchanged" };
    case "skip-out-of-scope":
      return { ...base, outcome: "skipped", reason: "Created before the import start date" };
    case "gone":
      return { ...base, outcome: "skipped", reason: "Shopify no longer has this order" };
    case "failed":
      return { ...base, outcome: "failed", reason: coerceError(outcome.error).message };
  }
}

/**
 * What a preview says the import would write, or null when it would write nothing (an unchanged,
 * older or out-of-scope version, a deleted order: those read the same as in a real run).
 */
function plannedReason(outcome: ImportOutcome): string | null {
  const name = outcome.name ?? outcome.shopifyOrderId;
  const plan = outcome.plan;
  const thenProcess = plan?.enqueueProcess ? ", then process it" : "";
  switch (outcome.action) {
    case "insert":
      return `would import as new order ${name}${thenProcess}`;
    case "update":
      if (plan?.conflict) return `would update order ${name} and mark a conflict: ${plan.conflict.reason}`;
      return `would update order ${name}${plan?.event ? ` (${plan.event.message})` : ""}${thenProcess}`;
    case "filtered":
      return `would record order ${name} as ignored: ${plan?.statusReason ?? "import filters"}`;
    default:
      return null;
  }
}
