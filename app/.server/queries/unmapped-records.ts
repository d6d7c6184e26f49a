import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";

import { unmappedRecords } from "../../../db/schema/unmapped-records.ts";
import type { DbOrTx } from "../db.ts";

type UnmappedEntity = "customer" | "company" | "product";

export async function deleteUnmappedRecord(
  db: DbOrTx,
  input: { shopId: number; entity: UnmappedEntity; shopifyId: string },
): Promise<void> {
  await db
    .delete(unmappedRecords)
    .where(
      and(
        eq(unmappedRecords.shopId, input.shopId),
        eq(unmappedRecords.entity, input.entity),
        eq(unmappedRecords.shopifyId, input.shopifyId),
      ),
    );
}

/** Puts a record on the unmapped list, or back on it (a resolved one reopens, keeping first-seen). */
export async function openUnmappedRecord(
  db: DbOrTx,
  input: { shopId: number; entity: UnmappedEntity; shopifyId: string; label: string },
): Promise<void> {
  await db
    .insert(unmappedRecords)
    .values({ ...input, label: input.label.slice(0, 500) })
    .onConflictDoUpdate({
      target: [unmappedRecords.shopId, unmappedRecords.entity, unmappedRecords.shopifyId],
      set: { label: input.label.slice(0, 500), resolvedAt: null },
    });
}

/** Takes records off the unmapped list (mapped, created or ignored). */
export async function resolveUnmappedRecords(
  db: DbOrTx,
  input: { shopId: number; entity: UnmappedEntity; shopifyIds: readonly string[] },
): Promise<void> {
  if (input.shopifyIds.length === 0) return;
  await db
    .update(unmappedRecords)
    .set({ resolvedAt: new Date() })
    .where(
      and(
        eq(unmappedRecords.shopId, input.shopId),
        eq(unmappedRecords.entity, input.entity),
        inArray(unmappedRecords.shopifyId, [...input.shopifyIds]),
        isNull(unmappedRecords.resolvedAt),
      ),
    );
}

export async function getUnmappedRecord(db: DbOrTx, input: { shopId: number; id: number }) {
  const [row] = await db
    .select()
    .from(unmappedRecords)
    .where(and(eq(unmappedRecords.shopId, input.shopId), eq(unmappedRecords.id, input.id)));
  return row ?? null;
}

/** The open records of one kind, newest first (the unmapped lists). */
export function listOpenUnmappedRecords(db: DbOrTx, input: { shopId: number; entity: UnmappedEntity; limit?: number }) {
  return db
    .select({
      id: unmappedRecords.id,
      label: unmappedRecords.label,
      shopifyId: unmappedRecords.shopifyId,
      firstSeenAt: unmappedRecords.firstSeenAt,
    })
    .from(unmappedRecords)
    .where(
      and(
        eq(unmappedRecords.shopId, input.shopId),
        eq(unmappedRecords.entity, input.entity),
        isNull(unmappedRecords.resolvedAt),
      ),
    )
    .orderBy(desc(unmappedRecords.firstSeenAt))
    .limit(input.limit ?? 200);
}

export interface UnmappedRecordWithOrders {
  id: number;
  label: string;
  firstSeenAt: Date;
  /** From the newest waiting order that holds the record: what Shopify calls it. */
  title: string | null;
  variantTitle: string | null;
  sku: string | null;
  email: string | null;
  waitingOrderCount: number;
  /** The first few waiting orders' names. */
  waitingOrderNames: string[];
  /** Total open records of this kind (for the page's count; the list itself is capped). */
  openCount: number;
}

/**
 * The unmapped list with what a merchant recognises each record by (product and variant title and
 * SKU, or the customer's name and e-mail, read from the snapshots of the orders waiting on it) and
 * those orders (the ones a mapping re-queues and an ignore ignores). Only waiting orders are read
 * (status + waiting_on, a handful per record), never the shop's whole order history.
 */
export async function listOpenUnmappedWithOrders(
  db: DbOrTx,
  input: { shopId: number; entity: "customer" | "product"; limit?: number },
): Promise<UnmappedRecordWithOrders[]> {
  const product = input.entity === "product";
  const matches = product
    ? sql`(l.line ->> 'variantId' = u.shopify_id or l.line ->> 'shopifyLineId' = u.shopify_id)`
    : sql`coalesce(o.snapshot #>> '{customer,shopifyCustomerId}', o.shopify_order_id) = u.shopify_id`;
  const title = product
    ? sql`l.line ->> 'title'`
    : sql`nullif(trim(concat_ws(' ', o.snapshot #>> '{customer,firstName}', o.snapshot #>> '{customer,lastName}')), '')`;
  const variantTitle = product ? sql`l.line ->> 'variantTitle'` : sql`null::text`;
  const sku = product ? sql`l.line ->> 'sku'` : sql`null::text`;
  const email = product ? sql`null::text` : sql`coalesce(o.snapshot #>> '{customer,email}', o.snapshot ->> 'email')`;
  const rows = await db.execute<{
    id: string | number;
    label: string;
    first_seen_at: Date | string;
    title: string | null;
    variant_title: string | null;
    sku: string | null;
    email: string | null;
    waiting_order_count: number | null;
    waiting_order_names: string[] | null;
    open_count: number;
  }>(sql`
    with waiting as (
      select o.id, o.name, o.shopify_order_id, o.snapshot
      from orders o
      where o.shop_id = ${input.shopId} and o.status = 'unprocessed'
        and o.waiting_on = ${product ? "unmapped_product" : "unmapped_customer"}
    )
    select u.id, u.label, u.first_seen_at, count(*) over ()::int as open_count,
      w.title, w.variant_title, w.sku, w.email, w.waiting_order_count, w.waiting_order_names
    from unmapped_records u
    left join lateral (
      select count(distinct o.id)::int as waiting_order_count,
        (array_agg(distinct o.name))[1:5] as waiting_order_names,
        (array_agg(${title} order by o.id desc))[1] as title,
        (array_agg(${variantTitle} order by o.id desc))[1] as variant_title,
        (array_agg(${sku} order by o.id desc))[1] as sku,
        (array_agg(${email} order by o.id desc))[1] as email
      from waiting o
      ${product ? sql`cross join lateral jsonb_array_elements(o.snapshot -> 'lines') as l(line)` : sql``}
      where ${matches}
    ) w on true
    where u.shop_id = ${input.shopId} and u.entity = ${input.entity} and u.resolved_at is null
    order by u.first_seen_at desc, u.id desc
    limit ${input.limit ?? 200}`);
  return rows.map((row) => ({
    id: Number(row.id),
    label: row.label,
    firstSeenAt: new Date(row.first_seen_at),
    title: row.title,
    variantTitle: row.variant_title,
    sku: row.sku,
    email: row.email,
    waitingOrderCount: row.waiting_order_count ?? 0,
    waitingOrderNames: row.waiting_order_names ?? [],
    openCount: row.open_count,
  }));
}

/** Which of these records are on the unmapped list now (an order waits for them). */
export async function openUnmappedIds(
  db: DbOrTx,
  input: { shopId: number; entity: UnmappedEntity; shopifyIds: readonly string[] },
): Promise<Set<string>> {
  if (input.shopifyIds.length === 0) return new Set();
  const rows = await db
    .select({ id: unmappedRecords.shopifyId })
    .from(unmappedRecords)
    .where(
      and(
        eq(unmappedRecords.shopId, input.shopId),
        eq(unmappedRecords.entity, input.entity),
        inArray(unmappedRecords.shopifyId, [...input.shopifyIds]),
        isNull(unmappedRecords.resolvedAt),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

/** Company locations whose orders wait on the unmapped list, oldest first. */
export async function openUnmappedCompanyLocations(
  db: DbOrTx,
  input: { shopId: number; limit: number },
): Promise<string[]> {
  const rows = await db
    .select({ id: unmappedRecords.shopifyId })
    .from(unmappedRecords)
    .where(
      and(
        eq(unmappedRecords.shopId, input.shopId),
        eq(unmappedRecords.entity, "company"),
        isNull(unmappedRecords.resolvedAt),
        sql`${unmappedRecords.shopifyId} like 'gid://shopify/CompanyLocation/%'`,
      ),
    )
    .orderBy(unmappedRecords.firstSeenAt)
    .limit(input.limit);
  return rows.map((r) => r.id);
}
