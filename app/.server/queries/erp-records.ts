import { and, asc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";

import { erpRecords } from "../../../db/schema/erp-records.ts";
import type { DbOrTx } from "../db.ts";

export interface MirrorRecordInput {
  entity: string;
  erpId: string;
  itemNumber: string;
  data: Record<string, unknown>;
  hash: string;
  erpModifiedAt: string | null;
}

export interface MirrorRecord {
  entity: string;
  erpId: string;
  itemNumber: string;
  data: Record<string, unknown>;
  changeSeq: number;
  /** The ERP's time of its last change, when the ERP said. */
  modifiedAt: Date | null;
  /** A key sweep found it gone from the ERP (what it was is still here). */
  deleted: boolean;
}

/**
 * Upserts pulled records; a record whose content hash is unchanged keeps its `change_seq`, so
 * the overlap window and repeated pages are no change. Returns how many records changed.
 */
export async function upsertMirrorRecords(
  db: DbOrTx,
  shopId: number,
  records: readonly MirrorRecordInput[],
): Promise<number> {
  if (records.length === 0) return 0;
  // A page can hold the same record twice (modified between requests): the last one wins.
  const unique = [...new Map(records.map((r) => [`${r.entity}\u0000${r.erpId}`, r])).values()];
  const changed = await db
    .insert(erpRecords)
    .values(
      unique.map((r) => ({
        shopId,
        entity: r.entity,
        erpId: r.erpId,
        itemNumber: r.itemNumber,
        data: r.data,
        hash: r.hash,
        erpModifiedAt: r.erpModifiedAt ? new Date(r.erpModifiedAt) : null,
      })),
    )
    .onConflictDoUpdate({
      target: [erpRecords.shopId, erpRecords.entity, erpRecords.erpId],
      set: {
        itemNumber: sql`excluded.item_number`,
        data: sql`excluded.data`,
        hash: sql`excluded.hash`,
        erpModifiedAt: sql`excluded.erp_modified_at`,
        changeSeq: sql`nextval('erp_record_change_seq')`,
        updatedAt: sql`now()`,
        deletedAt: null,
      },
      // A record pulled again after a sweep missed it is back, even with the same content.
      setWhere: sql`${erpRecords.hash} <> excluded.hash or ${erpRecords.deletedAt} is not null`,
    })
    .returning({ id: erpRecords.id });
  return changed.length;
}

/**
 * The item numbers whose mirrored records (of these entities) changed after `afterSeq`, in change
 * order, at most `limit`, with the highest sequence number they cover: the catalog tasks' change
 * feed. An item that changed twice is listed once, at its latest change.
 */
export async function changedItemNumbers(
  db: DbOrTx,
  input: { shopId: number; entities: readonly string[]; afterSeq: number; limit: number },
): Promise<{ itemNumbers: string[]; lastSeq: number; more: boolean }> {
  const rows = await db
    .select({ itemNumber: erpRecords.itemNumber, changeSeq: erpRecords.changeSeq })
    .from(erpRecords)
    .where(
      and(
        eq(erpRecords.shopId, input.shopId),
        gt(erpRecords.changeSeq, input.afterSeq),
        inArray(erpRecords.entity, [...input.entities]),
      ),
    )
    .orderBy(asc(erpRecords.changeSeq))
    .limit(input.limit);
  const itemNumbers = [...new Set(rows.map((r) => r.itemNumber))];
  return { itemNumbers, lastSeq: rows.at(-1)?.changeSeq ?? input.afterSeq, more: rows.length === input.limit };
}

/** Every mirrored record of these items (item, variants, barcodes, prices), grouped by item number. */
export async function mirrorRecordsOfItems(
  db: DbOrTx,
  input: { shopId: number; itemNumbers: readonly string[] },
): Promise<Map<string, MirrorRecord[]>> {
  const byItem = new Map<string, MirrorRecord[]>();
  if (input.itemNumbers.length === 0) return byItem;
  const rows = await db
    .select({
      entity: erpRecords.entity,
      erpId: erpRecords.erpId,
      itemNumber: erpRecords.itemNumber,
      data: erpRecords.data,
      changeSeq: erpRecords.changeSeq,
      modifiedAt: erpRecords.erpModifiedAt,
      deletedAt: erpRecords.deletedAt,
    })
    .from(erpRecords)
    .where(and(eq(erpRecords.shopId, input.shopId), inArray(erpRecords.itemNumber, [...input.itemNumbers])))
    .orderBy(asc(erpRecords.id));
  for (const { deletedAt, ...row } of rows) {
    const list = byItem.get(row.itemNumber) ?? [];
    list.push({ ...row, deleted: deletedAt !== null });
    byItem.set(row.itemNumber, list);
  }
  return byItem;
}

/** Marks an item's records as changed now, so the next catalog run plans it again ("Sync now"). */
export async function touchMirrorItem(db: DbOrTx, input: { shopId: number; itemNumber: string }): Promise<number> {
  const rows = await db
    .update(erpRecords)
    .set({ changeSeq: sql`nextval('erp_record_change_seq')` })
    .where(and(eq(erpRecords.shopId, input.shopId), eq(erpRecords.itemNumber, input.itemNumber)))
    .returning({ id: erpRecords.id });
  return rows.length;
}

/** The newest change sequence number of the shop's mirror (0 for none): a full pass covers the feed up to it. */
export async function mirrorHead(db: DbOrTx, shopId: number): Promise<number> {
  const [row] = await db
    .select({ head: sql<string | null>`max(${erpRecords.changeSeq})` })
    .from(erpRecords)
    .where(eq(erpRecords.shopId, shopId));
  return Number(row?.head ?? 0);
}

/** A key sweep's page: these records are still in the ERP as of the sweep that started at `sweptAt`. */
export async function markSwept(
  db: DbOrTx,
  input: { shopId: number; entity: string; erpIds: readonly string[]; sweptAt: Date },
): Promise<void> {
  if (input.erpIds.length === 0) return;
  await db
    .update(erpRecords)
    .set({ sweptAt: input.sweptAt })
    .where(
      and(
        eq(erpRecords.shopId, input.shopId),
        eq(erpRecords.entity, input.entity),
        inArray(erpRecords.erpId, [...input.erpIds]),
      ),
    );
}

/**
 * The end of a sweep that started at `sweptAt`: a record it did not find, and that no pull wrote
 * since it started (a record created meanwhile may have been past the sweep's pages), is gone
 * from the ERP. It is marked, and its item comes up on the change feed. Returns the item numbers.
 */
export async function markUnsweptDeleted(
  db: DbOrTx,
  input: { shopId: number; entity: string; sweptAt: Date },
): Promise<string[]> {
  const rows = await db
    .update(erpRecords)
    .set({ deletedAt: sql`now()`, changeSeq: sql`nextval('erp_record_change_seq')` })
    .where(
      and(
        eq(erpRecords.shopId, input.shopId),
        eq(erpRecords.entity, input.entity),
        isNull(erpRecords.deletedAt),
        lt(erpRecords.updatedAt, input.sweptAt),
        or(isNull(erpRecords.sweptAt), lt(erpRecords.sweptAt, input.sweptAt)),
      ),
    )
    .returning({ itemNumber: erpRecords.itemNumber });
  return [...new Set(rows.map((r) => r.itemNumber))];
}

/** A lookup as the port's findCustomer takes it (adapters/erp/port.ts CustomerLookup). */
export type MirrorCustomerLookup =
  | { email: string; companiesOnly?: boolean }
  | { phone: string; companiesOnly?: boolean }
  /** VAT Registration No. only: the mirror has no Registration Number (not in API v2.0). */
  | { taxId: string; field: "vat_registration_number" }
  | { billTo: { name: string; line1: string; line2: string; postalCode: string; city: string; countryCode: string } };

/** A mirrored customer's e-mail as every lookup compares it (any case): what index erp_records_customer_email_idx holds. */
const mirroredEmailIs = (email: string) => sql`lower(${erpRecords.data} ->> 'email') = ${email.trim().toLowerCase()}`;

/** Whether any mirrored ERP customer (blocked or not) has this e-mail: what the ERP's own look would find. */
export async function mirrorHasCustomerEmail(db: DbOrTx, input: { shopId: number; email: string }): Promise<boolean> {
  const [row] = await db
    .select({ number: erpRecords.itemNumber })
    .from(erpRecords)
    .where(
      and(
        eq(erpRecords.shopId, input.shopId),
        eq(erpRecords.entity, "customers"),
        isNull(erpRecords.deletedAt),
        mirroredEmailIs(input.email),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * The mirrored ERP customers a lookup finds, as the port's findCustomer compares (e-mail in any
 * case, the phone by its digits, the bill-to name and address case-insensitively), at most
 * `limit` of them: two means the match is ambiguous. Answered by the expression indexes of
 * migration 0013 for e-mail and phone.
 */
export async function findMirroredCustomers(
  db: DbOrTx,
  input: { shopId: number; lookup: MirrorCustomerLookup; limit: number },
): Promise<string[]> {
  const { lookup } = input;
  const data = erpRecords.data;
  const lower = (field: string) => sql`lower(coalesce(${data} ->> ${field}, ''))`;
  const companiesOnly = ("email" in lookup || "phone" in lookup) && lookup.companiesOnly === true;
  const where =
    "email" in lookup
      ? mirroredEmailIs(lookup.email)
      : "phone" in lookup
        ? sql`regexp_replace(${data} ->> 'phoneNumber', '[^0-9]', '', 'g') = ${lookup.phone.replace(/\D/g, "")}`
        : "taxId" in lookup
          ? sql`upper(${data} ->> 'taxRegistrationNumber') = ${lookup.taxId.trim().toUpperCase()}`
          : sql`${lower("displayName")} = ${lookup.billTo.name.toLowerCase()}
            and lower(coalesce(${data} #>> '{address,line1}', '')) = ${lookup.billTo.line1.toLowerCase()}
            and lower(coalesce(${data} #>> '{address,postalCode}', '')) = ${lookup.billTo.postalCode.toLowerCase()}
            and lower(coalesce(${data} #>> '{address,city}', '')) = ${lookup.billTo.city.toLowerCase()}
            and upper(coalesce(${data} #>> '{address,countryCode}', '')) = ${lookup.billTo.countryCode.toUpperCase()}`;
  const rows = await db
    .select({ number: erpRecords.itemNumber })
    .from(erpRecords)
    .where(
      and(
        eq(erpRecords.shopId, input.shopId),
        eq(erpRecords.entity, "customers"),
        isNull(erpRecords.deletedAt),
        where,
        companiesOnly ? sql`${data} ->> 'type' = 'company'` : undefined,
        // A blocked customer is no match (BC: Blocked = All cannot be sold to).
        sql`coalesce((${data} ->> 'blocked')::boolean, false) = false`,
      ),
    )
    // No ORDER BY here: with `order by item_number limit 2` Postgres walks the shop's item-number
    // index and filters every customer (134 ms at 33,000 customers, per lookup: the 50,000-customer
    // import slowed from 20 to 7 a second). The matches are few; they are sorted here.
    .limit(MATCHES_READ);
  return rows
    .map((r) => r.number)
    .sort()
    .slice(0, input.limit);
}

/** More matches than any caller asks for (two: ambiguous), so the sorted first ones are the lowest. */
const MATCHES_READ = 50;
