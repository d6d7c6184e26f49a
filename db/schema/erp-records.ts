import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  index,
  jsonb,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

import { shopIdColumn } from "./shop-ref.ts";

/** Numbers every change of a mirrored ERP record, across shops: the internal change feed's order. */
export const erpRecordChangeSeq = pgSequence("erp_record_change_seq");

/**
 * The shop's ERP master data as last pulled (items, item variants, barcodes, price list lines):
 * the shadow the catalog tasks plan from. A pull upserts by the ERP's id and bumps `change_seq`
 * only when the content hash differs, so the overlap window and re-pulls change nothing; a task
 * reads "what changed since the sequence number I stopped at" (its own cursor), whichever ERP
 * page brought it. Planning from the mirror costs no ERP call, and a product's variants are
 * found here when only one of them changed.
 */
export const erpRecords = pgTable(
  "erp_records",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    /** The port's entity name ("items", "itemVariants", "barcodes", "prices"). */
    entity: text("entity").notNull(),
    /** The ERP's stable id of the record (BC: SystemId). */
    erpId: text("erp_id").notNull(),
    /** The item number the record belongs to: what a product is planned per. */
    itemNumber: text("item_number").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    /** sha-256 of the canonical JSON of `data`. */
    hash: text("hash").notNull(),
    erpModifiedAt: timestamp("erp_modified_at", { withTimezone: true }),
    changeSeq: bigint("change_seq", { mode: "number" })
      .notNull()
      .default(sql`nextval('erp_record_change_seq')`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * When the ERP no longer had the record: a sweep of the ERP's keys did not find it (a delta
     * pull never sees a deletion). Kept, not deleted, so the catalog still knows what the item was
     * and which product to give the removed-item action; a pull of it again clears this.
     */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    /** The start of the last key sweep that found the record in the ERP. */
    sweptAt: timestamp("swept_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("erp_records_shop_entity_id_uq").on(t.shopId, t.entity, t.erpId),
    index("erp_records_shop_seq_idx").on(t.shopId, t.changeSeq),
    index("erp_records_shop_item_idx").on(t.shopId, t.itemNumber),
    // "Sync customers" finds unknown Shopify customers among the mirrored ERP customers by e-mail
    // (any case) and by the phone's digits, as the port's findCustomer does, without an ERP call.
    index("erp_records_customer_email_idx")
      .on(t.shopId, sql`lower(${t.data} ->> 'email')`)
      .where(sql`${t.entity} = 'customers'`),
    index("erp_records_customer_phone_idx")
      .on(t.shopId, sql`regexp_replace(${t.data} ->> 'phoneNumber', '[^0-9]', '', 'g')`)
      .where(sql`${t.entity} = 'customers'`),
  ],
);
