import { and, eq, inArray, type SQL, sql } from "drizzle-orm";

import { orders } from "../../../db/schema/orders.ts";
import type { DbOrTx } from "../db.ts";
import type { ShopSettings } from "../domain/settings-schema.ts";

/**
 * How many open orders (unprocessed or in error, no conflict) need each setting that order
 * processing refuses an order without (app/.server/tasks/orders-process/map-to-sales-document.ts):
 * - `tip` / `giftCard`: a line that is a tip / a sold gift card, still with a quantity;
 * - `shipping`: a shipping line with a price in the document currency that no shipping method
 *   of the settings covers (by title, then code), so it needs the shipping charges account;
 * - `waitingForCustomer`: orders waiting for an ERP customer;
 * - `open`: all of them (what waits for an ERP connection when there is none).
 * `tip`, `giftCard` and `shipping` are counted only while their account is empty (0 otherwise), so
 * a shop that has them all reads no snapshot. One statement over the shop's open orders
 * (orders_shop_status_idx); about 0.2 s for 4,500 open orders that all need a missing account.
 */
export interface OrderSettingNeeds {
  open: number;
  tip: number;
  giftCard: number;
  shipping: number;
  waitingForCustomer: number;
}

export async function countOrderSettingNeeds(
  db: DbOrTx,
  input: { shopId: number; settings: ShopSettings },
): Promise<OrderSettingNeeds> {
  const { orders: o } = input.settings;
  const currency = o.currency === "presentment" ? "presentment" : "shop";
  const methods = Object.keys(o.shippingMethods);
  const methodKeys = sql`array[${sql.join(
    methods.map((key) => sql`${key}`),
    sql`, `,
  )}]::text[]`;
  const lineWith = (flag: "isTip" | "isGiftCard") => sql`exists (
    select 1 from jsonb_array_elements(coalesce(${orders.snapshot}->'lines', '[]'::jsonb)) line
    where (line->>${flag})::boolean and (line->>'quantity')::int > 0
      ${flag === "isGiftCard" ? sql`and not (line->>'isTip')::boolean` : sql``})`;
  const uncoveredShipping = sql`exists (
    select 1 from jsonb_array_elements(coalesce(${orders.snapshot}->'shippingLines', '[]'::jsonb)) ship
    where (ship->'price'->>${currency})::numeric > 0
      and not (ship->>'title' = any(${methodKeys}) or coalesce(ship->>'code', '') = any(${methodKeys})))`;
  const whileMissing = (account: string, condition: SQL) => (account === "" ? condition : sql`false`);
  const [row] = await db
    .select({
      open: sql<number>`count(*)::int`,
      tip: sql<number>`(count(*) filter (where ${whileMissing(o.tipAccount, lineWith("isTip"))}))::int`,
      giftCard: sql<number>`(count(*) filter (where ${whileMissing(o.giftCardAccount, lineWith("isGiftCard"))}))::int`,
      shipping: sql<number>`(count(*) filter (where ${whileMissing(o.shippingChargesAccount, uncoveredShipping)}))::int`,
      waitingForCustomer: sql<number>`(count(*) filter (where ${orders.waitingOn} = 'unmapped_customer'))::int`,
    })
    .from(orders)
    .where(
      and(
        eq(orders.shopId, input.shopId),
        inArray(orders.status, ["unprocessed", "error"]),
        eq(orders.hasConflict, false),
      ),
    );
  return {
    open: Number(row?.open ?? 0),
    tip: Number(row?.tip ?? 0),
    giftCard: Number(row?.giftCard ?? 0),
    shipping: Number(row?.shipping ?? 0),
    waitingForCustomer: Number(row?.waitingForCustomer ?? 0),
  };
}
