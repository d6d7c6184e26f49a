import { bigserial, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

import { shopIdColumn } from "./shop-ref.ts";

/**
 * `customers/data_request` compliance requests: recorded so the merchant can be sent what we hold
 * about the customer. Holds ids only, never the personal data itself.
 */
export const customerDataRequests = pgTable(
  "customer_data_requests",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    dataRequestId: text("data_request_id").notNull(),
    shopifyCustomerId: text("shopify_customer_id").notNull(),
    ordersRequested: jsonb("orders_requested").$type<string[]>().notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    fulfilledAt: timestamp("fulfilled_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("customer_data_requests_shop_request_uq").on(t.shopId, t.dataRequestId)],
);
