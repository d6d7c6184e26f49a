import { z } from "zod";

import { defineTask } from "../../runs/define-task.ts";
import { syncShipments } from "./sync-shipments.ts";

/** "Sync shipments" (BC report 30109): posted ERP shipments → Shopify fulfillments with tracking. */
export const shipmentsSyncTask = defineTask({
  name: "shipments__sync",
  title: "Sync shipments",
  description: "Turns the ERP's posted shipments of Shopify orders into fulfillments with tracking.",
  report: "30109",
  direction: "erp_to_shopify",
  category: "shipments",
  payload: z.looseObject({ shopId: z.number().int().positive() }),
  schedule: { recurrence: { kind: "minutes", every: 15 }, onHold: false },
  requires: { erp: true },
  preview: true,
  async run(ctx) {
    const result = await syncShipments(ctx);
    ctx.stat("pulled", result.pulled);
    ctx.stat("stored", result.stored);
    ctx.summarize(
      ctx.dryRun
        ? `Preview: ${result.stored} new shipment(s) in the ERP, ${result.handled} planned; nothing was written`
        : `${result.stored} new shipment(s) from the ERP, ${result.handled} handled`,
    );
    if (result.continued) ctx.continueLater({ reason: "more shipments are waiting" });
  },
});
