import { bigint } from "drizzle-orm/pg-core";

import { shops } from "./shops.ts";

/**
 * The `shop_id` column every shop-owned table has: required, and deleted with its shop (which is
 * how `shop/redact` removes a shop's data in one statement).
 */
export const shopIdColumn = () =>
  bigint("shop_id", { mode: "number" })
    .notNull()
    .references(() => shops.id, { onDelete: "cascade" });
