import { and, eq } from "drizzle-orm";

import { syncCursors } from "../../../db/schema/sync-cursors.ts";
import type { DbOrTx } from "../db.ts";

/** Where a shop's stream left off, or undefined before its first run. */
export async function getSyncCursor(
  db: DbOrTx,
  input: { shopId: number; stream: string },
): Promise<string | undefined> {
  const [row] = await db
    .select({ cursor: syncCursors.cursor })
    .from(syncCursors)
    .where(and(eq(syncCursors.shopId, input.shopId), eq(syncCursors.stream, input.stream)));
  return row?.cursor;
}

/** Checkpoint a stream; call only once the page the cursor describes has been applied. */
export async function saveSyncCursor(
  db: DbOrTx,
  input: { shopId: number; stream: string; cursor: string },
): Promise<void> {
  const at = new Date();
  await db
    .insert(syncCursors)
    .values({ shopId: input.shopId, stream: input.stream, cursor: input.cursor, updatedAt: at })
    .onConflictDoUpdate({
      target: [syncCursors.shopId, syncCursors.stream],
      set: { cursor: input.cursor, updatedAt: at },
    });
}
