import { sql } from "drizzle-orm";

import type { Tx } from "../db.ts";

export const REDACTED = "[redacted]";

interface ScrubColumn {
  table: string;
  column: string;
  json: boolean;
}

/**
 * Every text and JSON column of every table that belongs to a shop (has `shop_id`), read from
 * information_schema at the time of the request: a table added later is scrubbed without anyone
 * remembering to list it here.
 */
async function shopTextColumns(tx: Tx): Promise<ScrubColumn[]> {
  const rows = await tx.execute<{ table_name: string; column_name: string; data_type: string }>(sql`
    select c.table_name, c.column_name, c.data_type
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and c.data_type in ('text', 'character varying', 'json', 'jsonb')
      and exists (select 1 from information_schema.columns s
                  where s.table_schema = c.table_schema and s.table_name = c.table_name and s.column_name = 'shop_id')
    order by c.table_name, c.column_name`);
  return rows.map((r) => ({ table: r.table_name, column: r.column_name, json: r.data_type.startsWith("json") }));
}

const regexEscape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** How a string appears inside JSON text (quotes, backslashes and control characters escaped). */
const jsonEscape = (value: string) => JSON.stringify(value).slice(1, -1);

/**
 * Replace each value (case-insensitively) with "[redacted]" in every shop-owned text and JSON
 * column of this shop's rows. `except` keeps columns out (the order snapshot, which is redacted
 * field by field instead, since other orders' snapshots must never be touched by a text match).
 * Values are bound parameters, never spliced into SQL; identifiers come from information_schema.
 */
export async function scrubShopText(
  tx: Tx,
  input: { shopId: number; values: readonly string[]; except?: ReadonlySet<string> },
): Promise<number> {
  if (input.values.length === 0) return 0;
  let changed = 0;
  for (const col of await shopTextColumns(tx)) {
    if (input.except?.has(`${col.table}.${col.column}`)) continue;
    const table = sql.identifier(col.table);
    const column = sql.identifier(col.column);
    const patterns = input.values.map((v) => regexEscape(col.json ? jsonEscape(v) : v));
    const pattern = patterns.join("|");
    const target = col.json ? sql`${column}::text` : column;
    const replaced = sql`regexp_replace(${target}, ${pattern}, ${REDACTED}, 'gi')`;
    const result = await tx.execute(sql`
      update ${table} set ${column} = ${col.json ? sql`${replaced}::jsonb` : replaced}
      where shop_id = ${input.shopId} and ${target} ~* ${pattern}`);
    changed += result.count;
  }
  return changed;
}
