import { z } from "zod";

/** The cursor stream of the stock sync (beside the mirror's own streams). */
export const INVENTORY_STREAM = "inventory:levels";

/**
 * Where the stock sync got to:
 * - `stockPulled`: the ERP's stock has been pulled into the mirror completely once. Until then
 *   nothing is planned: an item whose other locations are not pulled yet would look out of stock.
 * - `readLocations`: the Shopify locations whose levels have been read in bulk into the shadow. A
 *   location newly mapped is read (and its items planned) before the feed goes on.
 * - `bulkId`: a bulk read Shopify is still running, picked up by the next run.
 * - `fullAfter`: a full pass over every linked item is under way, after this item number ("" = from
 *   the start); `fullSeq` is the mirror's head when it started, where the feed goes on from after it.
 * - `seq`: the mirror's change feed.
 * - `mapping`: the locations' mapping the shadow's targets were planned with; a different one (ERP
 *   locations or calculation changed on the Locations page) plans every item again.
 */
const cursorSchema = z.object({
  seq: z.number().int().nonnegative(),
  stockPulled: z.boolean(),
  readLocations: z.array(z.string()),
  bulkId: z.string().nullable(),
  fullAfter: z.string().nullable(),
  fullSeq: z.number().int().nonnegative(),
  mapping: z.string().default(""),
});
export type InventoryCursor = z.infer<typeof cursorSchema>;

export function readInventoryCursor(raw: string | undefined): InventoryCursor {
  try {
    const parsed = cursorSchema.safeParse(raw ? JSON.parse(raw) : null);
    if (parsed.success) return parsed.data;
  } catch {
    // An unreadable cursor starts over: a bulk read and a full pass, which send only what differs.
  }
  return { seq: 0, stockPulled: false, readLocations: [], bulkId: null, fullAfter: null, fullSeq: 0, mapping: "" };
}
