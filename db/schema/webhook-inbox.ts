import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

import { shopIdColumn } from "./shop-ref.ts";

/**
 * Every webhook delivery we accepted, keyed by Shopify's `X-Shopify-Webhook-Id` (the same on every
 * retry of a delivery), so a replay finds its row and is acknowledged without doing anything.
 * The payload is kept only until the follow-up job has run (it may hold personal data).
 */
export const webhookInbox = pgTable(
  "webhook_inbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    webhookId: text("webhook_id").notNull(),
    eventId: text("event_id"),
    topic: text("topic").notNull(),
    apiVersion: text("api_version"),
    triggeredAt: timestamp("triggered_at", { withTimezone: true }),
    payload: jsonb("payload"),
    /** received → processed | failed */
    status: text("status", { enum: ["received", "processed", "failed"] })
      .notNull()
      .default("received"),
    error: text("error"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("webhook_inbox_shop_webhook_uq").on(t.shopId, t.webhookId),
    index("webhook_inbox_shop_received_idx").on(t.shopId, t.receivedAt),
  ],
);
