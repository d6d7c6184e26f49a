import { z } from "zod";

import { defineTask } from "../../runs/define-task.ts";
import { syncImagesFromErp } from "./sync-images.ts";

/** "Sync images" (BC report 30107): item pictures ↔ product images, in the direction set in Settings. */
export const imagesSyncTask = defineTask({
  name: "images__sync",
  title: "Sync images",
  description: "Puts each ERP item's picture on its Shopify product, replacing the picture the app put there before.",
  report: "30107",
  direction: "erp_to_shopify",
  category: "catalog",
  payload: z.looseObject({ shopId: z.number().int().positive() }),
  schedule: { recurrence: { kind: "hourly", minute: 40 }, onHold: false },
  requires: {
    erp: ["itemPictures"],
    setting: {
      path: ["images", "direction"],
      oneOf: ["erp_to_shopify"],
      reason: "picture sync ERP → Shopify is off in Settings (Prices and images → Picture sync)",
    },
  },
  preview: true,
  async run(ctx) {
    const result = await syncImagesFromErp(ctx);
    ctx.stat("products compared", result.compared);
    ctx.stat("pictures uploaded", result.uploaded);
    ctx.summarize(
      ctx.dryRun
        ? `Preview: ${result.compared} product(s) compared; nothing was written`
        : `${result.uploaded} picture(s) uploaded of ${result.compared} product(s) compared`,
    );
    if (result.continued) ctx.continueLater({ reason: "more items are waiting" });
  },
});
