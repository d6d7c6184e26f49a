import { z } from "zod";

import { defineTask } from "../../runs/define-task.ts";
import { ORDERS_STREAM, reconcileOrders } from "./reconcile-orders.ts";
import { importRecord } from "./record-import-outcome.ts";

/**
 * "Sync orders" (BC report 30104): every order changed since the shop's cursor, whatever webhooks
 * did. Its preview lists and plans the same orders and stores nothing: each order it would write
 * is a `planned` record ("would import as new order #1001"), the cursor stays where it was.
 */
export const ordersSyncTask = defineTask({
  name: "orders__reconcile",
  title: "Sync orders",
  description:
    "Imports new and changed Shopify orders since the last run (webhooks bring most of them as they happen).",
  report: "30104",
  direction: "shopify_to_app",
  category: "orders",
  payload: z.looseObject({ shopId: z.number().int().positive() }),
  schedule: { recurrence: { kind: "minutes", every: 5 }, onHold: false },
  requires: {
    setting: { path: ["orders", "importEnabled"], oneOf: ["true"], reason: "Order import is off (Settings → Orders)." },
  },
  preview: true,
  async run(ctx) {
    const result = await reconcileOrders(ctx.shopId, {
      admin: await ctx.shopify(),
      db: ctx.db,
      settings: ctx.settings,
      now: ctx.clock.now(),
      cursor: ctx.cursor(ORDERS_STREAM),
      progress: (progress) => ctx.progress(progress),
      dryRun: ctx.dryRun,
    });
    for (const outcome of result.outcomes) ctx.record(importRecord(outcome));
    ctx.stat("listed", result.listed);
    ctx.stat("pages", result.pages);
    const verb = ctx.dryRun ? "would read" : "read";
    ctx.summarize(
      `${result.firstRun ? "First run: " : ""}listed ${result.listed} changed order(s), ${verb} ${result.outcomes.length}`,
    );
  },
});
