import { z } from "zod";

import { defineTask } from "../../runs/define-task.ts";
import { syncProductsFromShopify } from "./import-products.ts";
import { describeWaitingVariants } from "./plan-variant-allowance.ts";
import { syncProductsFromErp } from "./sync-products.ts";

/** "Sync products" (BC report 30108): items and variants ↔ products and variants, one direction per shop. */
export const productsSyncTask = defineTask({
  name: "products__sync",
  title: "Sync products",
  description:
    "ERP items and their variants become Shopify products (or Shopify products are mapped to ERP items), in the direction set in Settings.",
  report: "30108",
  direction: "both",
  category: "catalog",
  payload: z.looseObject({ shopId: z.number().int().positive() }),
  schedule: { recurrence: { kind: "hourly", minute: 10 }, onHold: false },
  requires: {
    erp: true,
    setting: {
      path: ["products", "direction"],
      oneOf: ["erp_to_shopify", "shopify_to_erp"],
      reason: "product sync is off in Settings (Products → Product sync)",
    },
  },
  preview: true,
  async run(ctx) {
    if (ctx.settings.products.direction === "shopify_to_erp") {
      const imported = await syncProductsFromShopify(ctx);
      ctx.stat("read from Shopify", imported.read);
      ctx.summarize(
        ctx.dryRun
          ? `Preview: ${imported.handled} changed Shopify product(s) planned; nothing was written`
          : `${imported.read} changed Shopify product(s) read; ${imported.handled} handled`,
      );
      if (imported.continued) ctx.continueLater({ reason: "more changed products are waiting" });
      return;
    }
    const result = await syncProductsFromErp(ctx);
    ctx.stat("pulled", result.pulled);
    ctx.stat("changed in the ERP", result.changedInErp);
    const waiting = describeWaitingVariants(result.variantsWaiting);
    ctx.summarize(
      ctx.dryRun
        ? `Preview: ${result.handled} changed item(s) planned; nothing was written`
        : `${result.pulled} record(s) read from the ERP, ${result.changedInErp} changed; ${result.handled} item(s) handled${waiting ? `; ${waiting}` : ""}`,
    );
    if (result.continued) ctx.continueLater({ reason: "more items are waiting" });
  },
});
