import type { ShopSettings } from "../../domain/settings-schema.ts";
import type { ImportedOrder } from "./imported-order.ts";

export type ImportFilters = ShopSettings["orders"]["filters"];

/** Every filter reason starts with this, so a later import can tell a filter's "ignored" from the merchant's. */
export const FILTER_REASON_PREFIX = "Import filter: ";

export type FilterVerdict = { pass: true } | { pass: false; reason: string };

/**
 * Financial statuses that mean the buyer paid in full (a later partial refund does not undo that;
 * a refund shows up on the order's lines and is the processing's business).
 */
const PAID_STATUSES = new Set(["PAID", "PARTIALLY_REFUNDED"]);

const lower = (values: readonly string[]) => new Set(values.map((v) => v.trim().toLowerCase()));

/** The shop's import filters (Shopify Shop Card "Orders to Import" filters), the first that fails with its reason. */
export function passesImportFilters(order: ImportedOrder, filters: ImportFilters): FilterVerdict {
  if (filters.onlyPaid && !PAID_STATUSES.has(order.financialStatus ?? "")) {
    return fail(`not paid (financial status ${order.financialStatus ?? "unknown"})`);
  }
  if (filters.excludeHighRisk && order.riskLevel === "HIGH") return fail("high risk");
  if (filters.channels.length > 0 && !lower(filters.channels).has((order.channel ?? "").toLowerCase())) {
    return fail(`channel ${order.channel ?? "(none)"} is not one of ${filters.channels.join(", ")}`);
  }
  if (filters.tags.length > 0) {
    const wanted = lower(filters.tags);
    if (!order.tags.some((tag) => wanted.has(tag.trim().toLowerCase()))) {
      return fail(`has none of the tags ${filters.tags.join(", ")}`);
    }
  }
  return { pass: true };
}

function fail(reason: string): FilterVerdict {
  return { pass: false, reason: `${FILTER_REASON_PREFIX}${reason}` };
}
