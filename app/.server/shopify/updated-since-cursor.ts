import { z } from "zod";

import type { RunCursor } from "../runs/define-task.ts";

/**
 * Where a Shopify → ERP task stopped reading a Shopify resource by `updated_at` (products, their
 * images, customers): the last record applied. Each run re-reads this much before it, as the
 * orders reconcile does: Shopify's search index lags writes by seconds, and records changed in
 * the same instant as the last one seen must not be skipped. A record read again with an
 * unchanged hash costs nothing in the ERP.
 */
export const UPDATED_SINCE_OVERLAP_MS = 2 * 60 * 1000;

const cursorSchema = z.object({ updatedAt: z.iso.datetime({ offset: true }), lastId: z.string().nullable() });
export type UpdatedSinceCursor = z.infer<typeof cursorSchema>;

export async function readUpdatedSinceCursor(cursor: RunCursor): Promise<UpdatedSinceCursor | null> {
  const stored = await cursor.read();
  if (stored === undefined) return null;
  const parsed = cursorSchema.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : null;
}

/** The search for changes since the cursor, less the overlap; null = every record. */
export function updatedSinceSearch(cursor: UpdatedSinceCursor | null): string | null {
  return cursor
    ? `updated_at:>'${new Date(Date.parse(cursor.updatedAt) - UPDATED_SINCE_OVERLAP_MS).toISOString()}'`
    : null;
}

/** Where the cursor may move once a page ending with `last` is applied (never backwards). */
export function cursorAfter(
  next: UpdatedSinceCursor | null,
  last: { id: string; updatedAt: string } | undefined,
): UpdatedSinceCursor | null {
  if (!last || (next !== null && Date.parse(last.updatedAt) < Date.parse(next.updatedAt))) return next;
  return { updatedAt: new Date(last.updatedAt).toISOString(), lastId: last.id };
}
