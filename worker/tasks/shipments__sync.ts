import { syncShipments } from "../../app/.server/shipments/sync-shipments.ts";
import { shopRunTask } from "../shop-run-task.ts";

/** Posted ERP shipments → Shopify fulfillments with tracking (scheduled, or "Sync shipments now"). */
export const shipmentsSync = shopRunTask("shipments__sync", "shipments", async ({ shopId, trigger }) => {
  const result = await syncShipments(shopId, { trigger });
  if (result.skipped) return null;
  const synced = result.outcomes.filter((o) => o.status === "synced").length;
  return result.outcomes.length > 0 || result.stored > 0
    ? `shipments: ${result.stored} new, ${synced} of ${result.outcomes.length} fulfilled`
    : null;
});
