import { sql } from "drizzle-orm";

import type { DbOrTx } from "../db.ts";
import { levelKey, type UnitsByLevel } from "../domain/stock-levels.ts";

function toMap(rows: ReadonlyArray<{ variant_id: string; location_id: string; units: string | number }>): UnitsByLevel {
  return new Map(rows.map((r) => [levelKey(r.variant_id, r.location_id), Number(r.units)]));
}

/**
 * Units of Shopify orders that Shopify has taken out of `available` and the ERP's projected figure
 * does not show yet (ADR 020): orders imported but not yet an ERP document (unprocessed, or their
 * last attempt failed), and orders made ERP invoices not yet posted (an unposted invoice does not
 * count in BC's availability). Cancelled orders gave their units back. A line whose location
 * Shopify has not said cannot be put at one, and is left out.
 *
 * `asOf` is when the run started pulling the ERP's stock: an order that became an ERP document (or
 * was posted) after it is not in the figures the run holds, so it still counts here. The figures
 * and the corrections then describe the same moment; the order's variants are planned again by
 * the next run (markOrderVariantsForRecompute), with figures that include it.
 */
export async function unitsNotYetInErp(
  db: DbOrTx,
  input: { shopId: number; variantIds: readonly string[]; asOf: Date },
): Promise<UnitsByLevel> {
  if (input.variantIds.length === 0) return new Map();
  const rows = await db.execute<{ variant_id: string; location_id: string; units: string }>(sql`
    select line->>'variantId' as variant_id, line->>'fulfillmentLocationId' as location_id,
           sum((line->>'quantity')::int) as units
      from orders o, jsonb_array_elements(o.snapshot->'lines') as line
     where o.shop_id = ${input.shopId}
       and (o.status in ('unprocessed', 'error')
            or (o.status = 'processed' and o.processed_at > ${input.asOf.toISOString()}::timestamptz)
            or (o.status = 'processed' and o.erp_document_type = 'invoice'
                and (o.posting_status is distinct from 'posted' or o.posted_at > ${input.asOf.toISOString()}::timestamptz)))
       and o.snapshot->>'cancelledAt' is null
       and line->>'fulfillmentLocationId' is not null
       and line->>'variantId' in (${sql.join(
         input.variantIds.map((id) => sql`${id}`),
         sql`, `,
       )})
     group by 1, 2`);
  return toMap(rows);
}

/**
 * Units the ERP has shipped (its on-hand figure no longer counts them) that are not yet a Shopify
 * fulfillment (Shopify's on hand still does): shipments waiting for, or stuck before, the shipments
 * sync. A shipment line is put at its order's line of the same item.
 */
export async function unitsShippedNotFulfilled(
  db: DbOrTx,
  input: { shopId: number; variantIds: readonly string[] },
): Promise<UnitsByLevel> {
  if (input.variantIds.length === 0) return new Map();
  const rows = await db.execute<{ variant_id: string; location_id: string; units: string }>(sql`
    select line->>'variantId' as variant_id, line->>'fulfillmentLocationId' as location_id,
           sum(least((shipped->>'quantity')::numeric, (line->>'quantity')::numeric)) as units
      from shipments s
      join orders o on o.shop_id = s.shop_id and o.id = s.order_id,
           jsonb_array_elements(s.content->'lines') as shipped,
           jsonb_array_elements(o.snapshot->'lines') as line
      join variant_links vl on vl.shop_id = ${input.shopId} and vl.shopify_variant_id = line->>'variantId'
     where s.shop_id = ${input.shopId}
       and s.status in ('unprocessed', 'error')
       and lower(shipped->>'lineType') = 'item'
       and vl.erp_item_number = shipped->>'number'
       and line->>'fulfillmentLocationId' is not null
       and line->>'variantId' in (${sql.join(
         input.variantIds.map((id) => sql`${id}`),
         sql`, `,
       )})
     group by 1, 2`);
  return toMap(rows);
}
