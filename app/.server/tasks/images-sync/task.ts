import { z } from "zod";

import { defineTask } from "../../runs/define-task.ts";
import { syncImagesFromShopify } from "./import-images.ts";
import { syncImagesFromErp } from "./sync-images.ts";

/** "Sync images" (BC report 30107): item pictures ↔ product images, one direction per shop, as set in Settings. */
export const imagesSyncTask = defineTask({
  name: "images__sync",
  title: "Sync images",
  description:
    "Puts each ERP item's picture (and each variant's own) on its Shopify product, replacing the picture the app put there before; or makes each product's first image its ERP item's picture, in the direction set in Settings.",
  report: "30107",
  direction: "both",
  category: "catalog",
  payload: z.looseObject({ shopId: z.number().int().positive() }),
  schedule: { recurrence: { kind: "hourly", minute: 40 }, onHold: false },
  requires: {
    erp: ["itemPictures"],
    setting: {
      path: ["images", "direction"],
      oneOf: ["erp_to_shopify", "shopify_to_erp"],
      reason: "picture sync is off in Settings (Prices and images → Picture sync)",
    },
  },
  preview: true,
  async run(ctx) {
    if (ctx.settings.images.direction === "shopify_to_erp") {
      const imported = await syncImagesFromShopify(ctx);
      ctx.stat("read from Shopify", imported.read);
      ctx.stat("pictures written", imported.written);
      ctx.summarize(
        ctx.dryRun
          ? `Preview: ${imported.compared} changed product image(s) planned; nothing was written`
          : `${imported.written} item picture(s) written of ${imported.compared} changed product image(s)`,
      );
      if (imported.continued) ctx.continueLater({ reason: "more changed products are waiting" });
      return;
    }
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
