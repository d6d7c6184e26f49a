import type { ErpAdapter } from "../../adapters/erp/port.ts";
import type { Db } from "../../db.ts";
import type { ShopSettings } from "../../domain/settings-schema.ts";
import { countOf } from "../../format/format.ts";
import { readOrderToProcess } from "../../queries/order-processing.ts";
import type { RecordResult } from "../../runs/define-task.ts";
import { importedOrderSchema } from "../orders-sync/imported-order.ts";
import { mapToSalesDocument } from "./map-to-sales-document.ts";
import { withStockLocations } from "./order-locations.ts";
import { resolveWithErp } from "./resolve-with-erp.ts";

/**
 * What processing would do to one order, found with ERP reads only (the Shopify order number,
 * customers, items), nothing written: no lock, no link, no customer or item created, no document,
 * no order event. Mirrors processOrder's steps so that the real run does what the preview said.
 * An order the run would change is `planned`; one it would leave alone keeps its real outcome.
 */
export async function previewOrder(input: {
  db: Db;
  adapter: ErpAdapter;
  shopId: number;
  orderId: number;
  settings: ShopSettings;
}): Promise<RecordResult> {
  const { db, adapter, shopId, orderId } = input;
  const settings = await withStockLocations(db, shopId, input.settings);
  const row = await readOrderToProcess(db, { shopId, orderId });
  const base = { type: "order", key: orderId, ...(row ? { label: row.name } : {}) };
  if (!row) return { ...base, outcome: "unchanged", reason: "left alone: not found" };
  if (row.status === "processed") return { ...base, outcome: "unchanged", reason: "left alone: processed" };
  if (row.status === "ignored") return { ...base, outcome: "unchanged", reason: "left alone: ignored" };
  if (row.hasConflict) return { ...base, outcome: "unchanged", reason: "left alone: conflict" };
  const parsed = importedOrderSchema.safeParse(row.snapshot);
  if (!parsed.success) {
    return { ...base, outcome: "planned", reason: "would mark the order in error: its snapshot no longer reads" };
  }
  const order = parsed.data;
  if (!settings.allowOutgoingWrites) {
    return {
      ...base,
      outcome: "skipped",
      reason: "Outgoing writes are off for this shop; no ERP document would be created.",
    };
  }
  const resolution = await resolveWithErp(db, adapter, { shopId, order, settings, plan: true });
  if (resolution.kind === "waiting") {
    return { ...base, outcome: "planned", reason: `would wait: ${resolution.message}` };
  }
  const mapped = mapToSalesDocument(order, resolution.resolved, settings, adapter.limits);
  if (!mapped.ok) return { ...base, outcome: "planned", reason: `would mark the order in error: ${mapped.error}` };
  const { document } = mapped;
  // The real create looks the order number up first and links a document made by an earlier attempt.
  const existing = await adapter.findSalesDocument(document.externalDocumentNumber);
  if (existing) {
    const found = `${existing.number} found by order number ${document.externalDocumentNumber}`;
    return { ...base, outcome: "planned", reason: `would link the ERP document ${found}` };
  }
  const customer = resolution.resolved.customerNumber;
  const forCustomer = resolution.wouldCreate.some((c) => c.startsWith("customer "))
    ? "a new customer"
    : `customer ${customer}`;
  const creations =
    resolution.wouldCreate.length > 0 ? `; first would create ${resolution.wouldCreate.join(", ")}` : "";
  return {
    ...base,
    outcome: "planned",
    reason: `would create an ERP sales ${document.type} with ${countOf(document.lines.length, "line")} for ${forCustomer}${creations}`,
  };
}
