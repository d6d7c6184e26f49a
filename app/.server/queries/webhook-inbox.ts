import { and, eq, lt } from "drizzle-orm";

import { webhookInbox } from "../../../db/schema/webhook-inbox.ts";
import type { DbOrTx } from "../db.ts";

export interface InboxInsert {
  shopId: number;
  webhookId: string;
  eventId: string | null;
  topic: string;
  apiVersion: string | null;
  triggeredAt: Date | null;
  payload: unknown;
}

/** Record a delivery; `undefined` when this webhook id was already recorded (a replay). */
export async function insertInboxRow(db: DbOrTx, row: InboxInsert): Promise<number | undefined> {
  const [inserted] = await db
    .insert(webhookInbox)
    .values(row)
    .onConflictDoNothing({ target: [webhookInbox.shopId, webhookInbox.webhookId] })
    .returning({ id: webhookInbox.id });
  return inserted?.id;
}

export async function getInboxRow(db: DbOrTx, input: { shopId: number; id: number }) {
  const [row] = await db
    .select()
    .from(webhookInbox)
    .where(and(eq(webhookInbox.shopId, input.shopId), eq(webhookInbox.id, input.id)));
  return row;
}

/** Done: drop the payload (it may hold personal data) but keep the row for replay detection. */
export async function markInboxProcessed(db: DbOrTx, input: { shopId: number; id: number }): Promise<void> {
  await db
    .update(webhookInbox)
    .set({ status: "processed", payload: null, processedAt: new Date(), error: null })
    .where(and(eq(webhookInbox.shopId, input.shopId), eq(webhookInbox.id, input.id)));
}

export async function markInboxFailed(db: DbOrTx, input: { shopId: number; id: number; error: string }) {
  await db
    .update(webhookInbox)
    .set({ status: "failed", error: input.error.slice(0, 2000) })
    .where(and(eq(webhookInbox.shopId, input.shopId), eq(webhookInbox.id, input.id)));
}

/**
 * Housekeeping across shops (the one sanctioned cross-shop statement: it reads no shop's data,
 * it only ages out replay-detection rows). Shopify retries a delivery for up to 4 hours (48 for
 * redaction); 30 days is far beyond that.
 */
export async function pruneInbox(db: DbOrTx, olderThan: Date): Promise<number> {
  const deleted = await db
    .delete(webhookInbox)
    .where(and(eq(webhookInbox.status, "processed"), lt(webhookInbox.receivedAt, olderThan)))
    .returning({ id: webhookInbox.id });
  return deleted.length;
}
