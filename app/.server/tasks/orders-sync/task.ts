import { z } from "zod";

import { defineTask } from "../../runs/define-task.ts";
import { reconcileOrders } from "./reconcile-orders.ts";
import { importRecord } from "./record-import-outcome.ts";

/** "Sync orders" (BC report 30104): every order changed since the shop's cursor, whatever webhooks did. */
export const ordersSyncTask = defineTask({
  name: "orders__reconcile",
  title: "Sync orders",
  description: "Imports new and changed Shopify orders since the last run (webhooks bring most of them as they happen).",
  report: "30104",
  direction: "shopify_to_app",
  category: "orders",
  payload: z.looseObject({ shopId: z.number().int().positive() }),
  schedule: { recurrence: { kind: "minutes", every: 5 }, onHold: false },
  requires: { settings: (s) => (s.orders.importEnabled ? null : "Order import is off (Settings → Orders).") },
  async run(ctx) {
    const result = await reconcileOrders(ctx.shopId, { admin: await ctx.shopify(), now: ctx.clock.now() });
    for (const outcome of result.outcomes) ctx.record(importRecord(outcome));
    ctx.stat("listed", result.listed);
    ctx.summarize(
      `${result.firstRun ? "First run: " : ""}listed ${result.listed} changed order(s), read ${result.outcomes.length}`,
    );
  },
});
