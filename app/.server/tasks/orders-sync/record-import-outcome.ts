import { coerceError } from "../../errors/coerce-error.ts";
import type { RecordResult } from "../../runs/define-task.ts";
import type { ImportOutcome } from "./import-orders.ts";

/** An import outcome as the run's per-record result (links to the order's page when we hold a row). */
export function importRecord(outcome: ImportOutcome): RecordResult {
  const key = outcome.orderId ?? outcome.shopifyOrderId;
  const base = { type: "order", key, label: outcome.shopifyOrderId.replace("gid://shopify/Order/", "Shopify order ") };
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
