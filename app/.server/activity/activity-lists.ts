import { getDb } from "../db.ts";
import { type ActivityRow, countActivity, listActivity } from "../queries/activity.ts";
import type { ActivityTileKey } from "./tiles.ts";

/** Every tile's count for the dashboard (one statement). */
export function loadActivityCounts(shopId: number): Promise<Record<ActivityTileKey, number>> {
  return countActivity(getDb(), shopId);
}

/** The list behind one tile. */
export function loadActivityList(shopId: number, key: ActivityTileKey): Promise<ActivityRow[]> {
  return listActivity(getDb(), shopId, key);
}
