import { firstOrderImportedAt } from "../queries/order-refunds.ts";
import type { RunContext } from "../runs/define-task.ts";
import { readUpdatedSinceCursor, type UpdatedSinceCursor } from "./updated-since-cursor.ts";

/**
 * Money a webhook may not have brought (refunds, payments): read from the orders changed since
 * the stream's cursor, a page at a time, each page noted before the cursor moves past it. The
 * first run starts at the shop's first imported order: money of older orders is not the app's.
 * Returns true when it stopped at `maxPages` (more to read next run).
 */
export async function discoverOrderChanges<T>(
  ctx: RunContext,
  input: {
    stream: string;
    maxPages: number;
    read: (
      cursor: UpdatedSinceCursor,
      options: { maxPages: number },
    ) => AsyncGenerator<{ items: T[]; next: UpdatedSinceCursor | null }>;
    note: (items: T[]) => Promise<number>;
  },
): Promise<{ noted: number; more: boolean }> {
  const store = ctx.cursor(input.stream);
  let cursor = await readUpdatedSinceCursor(store);
  if (!cursor) {
    const since = (await firstOrderImportedAt(ctx.db, ctx.shopId)) ?? ctx.clock.now();
    cursor = { updatedAt: since.toISOString(), lastId: null };
  }
  let pages = 0;
  let noted = 0;
  for await (const page of input.read(cursor, { maxPages: input.maxPages })) {
    pages++;
    // Noting is our own bookkeeping (a preview shows what would be made of it); only a real run
    // moves the cursor.
    noted += await input.note(page.items);
    if (!ctx.dryRun && page.next) await store.checkpoint(JSON.stringify(page.next));
  }
  return { noted, more: pages >= input.maxPages };
}
