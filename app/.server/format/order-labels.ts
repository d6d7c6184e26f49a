import type { OrderEventKind } from "../queries/order-events.ts";

/**
 * The words a merchant reads for the states and history of an order, in one place. A new
 * event kind does not compile until it has its label here (Record over the kinds).
 */
export const orderEventLabels: Record<OrderEventKind, string> = {
  imported: "Imported from Shopify",
  updated: "Updated from Shopify",
  filtered: "Left out by an import filter",
  processing: "Queued for processing",
  processed: "ERP document created",
  waiting: "Waiting",
  error: "Processing failed",
  conflict: "Changed in Shopify after its ERP document was made",
  resolved: "Conflict marked resolved",
  ignored: "Ignored",
  written_back: "Document number written back to Shopify",
  skipped: "Skipped",
  fulfilled: "Fulfilled in Shopify",
  posted: "Posted in the ERP",
  posting_error: "Posting failed",
  closed: "Closed in Shopify",
};

/** The label of a stored event; a kind written by a newer version reads as a sentence, not a code. */
export function orderEventLabel(kind: string): string {
  if (kind in orderEventLabels) return orderEventLabels[kind as OrderEventKind];
  const words = kind.replaceAll("_", " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export type BadgeTone = "success" | "critical" | "warning" | "attention" | "info" | undefined;
export interface StatusBadge {
  label: string;
  tone: BadgeTone;
}

interface OrderState {
  status: "unprocessed" | "processed" | "error" | "ignored";
  waitingOn: "unmapped_customer" | "unmapped_product" | null;
  hasConflict: boolean;
  postingStatus: "posted" | "error" | null;
}

/** The badges of an order (sentence case, one tone per state): its processing state, then conflict and posting. */
export function orderStatusBadges(order: OrderState): StatusBadge[] {
  const badges: StatusBadge[] = [];
  if (order.status === "processed") badges.push({ label: "Processed", tone: "success" });
  else if (order.status === "error") badges.push({ label: "Failed", tone: "critical" });
  else if (order.status === "ignored") badges.push({ label: "Ignored", tone: undefined });
  else if (order.waitingOn === "unmapped_customer") badges.push({ label: "Waiting for customer", tone: "warning" });
  else if (order.waitingOn === "unmapped_product") badges.push({ label: "Waiting for product", tone: "warning" });
  else badges.push({ label: "Not processed", tone: "attention" });
  if (order.hasConflict) badges.push({ label: "Conflict", tone: "critical" });
  if (order.postingStatus === "posted") badges.push({ label: "Posted", tone: "info" });
  else if (order.postingStatus === "error") badges.push({ label: "Posting failed", tone: "critical" });
  return badges;
}

export function erpDocumentLabel(type: "order" | "invoice" | null): string {
  return type === "invoice" ? "Sales invoice" : "Sales order";
}
