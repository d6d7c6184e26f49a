import { z } from "zod";

import { ErpError, isErpError } from "../errors.ts";
import type { WriteResult } from "../port.ts";
import { type BcContext, entityUrl, keySegment } from "./context.ts";
import { buildQuery } from "./odata.ts";
import { pageSchema, parseBc } from "./schemas.ts";

const rowSchema = z.looseObject({ id: z.string().min(1), number: z.string().default(""), "@odata.etag": z.string() });
type Row = z.infer<typeof rowSchema>;

export interface UpsertSpec {
  operation: string;
  entitySet: string;
  /** The collection's URL when it is not an API v2.0 entity set (a companion page). */
  url?: string;
  /** The record must be there (a page that cannot insert): absent is an error, not a create. */
  mustExist?: boolean;
  /** Finds the one record this key names. */
  filter: string;
  /** Fields compared and written; keys are BC field names. */
  fields: Record<string, unknown>;
  /**
   * Sent only on create (e.g. `number` when the caller owns it); a function when working it out
   * costs requests (a template's fields), so it runs only when a record is really created.
   */
  createOnly?: Record<string, unknown> | (() => Promise<Record<string, unknown>>);
  /** The caller knows no record has this key (the port's `knownNew`): create without the look. */
  knownNew?: boolean;
}

/**
 * Find by key, then create, or PATCH only the fields that differ (an unchanged record costs no
 * write and does not bump lastModifiedDateTime, so it does not echo back into the next pull).
 * PATCH carries the record's ETag; on a stale one it re-reads and tries once more, then CONFLICT.
 */
export async function upsertByKey(ctx: BcContext, spec: UpsertSpec): Promise<WriteResult> {
  const select = ["id", "number", ...Object.keys(spec.fields)];
  const base = spec.url ?? entityUrl(ctx, spec.entitySet);
  const url = `${base}${buildQuery({ filter: spec.filter, select: [...new Set(select)] })}`;
  const existing = spec.knownNew
    ? undefined
    : parseBc(
        pageSchema(rowSchema),
        (await ctx.send({ operation: spec.operation, method: "GET", url, maxPageSize: 2 })).json,
        spec.entitySet,
      ).value[0];
  if (!existing && spec.mustExist) {
    throw new ErpError({ code: "NOT_FOUND", message: `no ${spec.entitySet} record where ${spec.filter}` });
  }
  if (!existing) {
    const created = await ctx.send({
      operation: spec.operation,
      method: "POST",
      url: entityUrl(ctx, spec.entitySet),
      body: {
        ...(typeof spec.createOnly === "function" ? await spec.createOnly() : spec.createOnly),
        ...spec.fields,
      },
    });
    const row = parseBc(rowSchema, created.json, `the created ${spec.entitySet} record`);
    return { ref: { id: row.id, number: row.number }, created: true };
  }
  let current: Row = existing;
  for (let attempt = 1; ; attempt++) {
    const changes = diff(current, spec.fields);
    if (Object.keys(changes).length === 0) return { ref: { id: current.id, number: current.number }, created: false };
    const itemUrl = `${base}${keySegment(current.id)}`;
    try {
      await ctx.send({
        operation: spec.operation,
        method: "PATCH",
        url: itemUrl,
        body: changes,
        ifMatch: current["@odata.etag"],
      });
      return { ref: { id: current.id, number: current.number }, created: false };
    } catch (error) {
      if (!(isErpError(error) && error.code === "CONFLICT") || attempt >= 2) throw error;
      // Someone changed it between our read and write: read again and re-apply on top.
      const fresh = await ctx.send({ operation: spec.operation, method: "GET", url: itemUrl });
      current = parseBc(rowSchema, fresh.json, `${spec.entitySet} record`);
    }
  }
}

function diff(row: Record<string, unknown>, fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && row[key] !== value) out[key] = value;
  }
  return out;
}

export function requireValue(value: string, what: string): string {
  if (value.trim() === "") throw new ErpError({ code: "VALIDATION", message: `${what} is empty` });
  return value;
}
