import { z } from "zod";

import { ErpError } from "./errors.ts";

/**
 * Where one source (one ERP collection) of a pull stands. `watermark` and `tieId` are the
 * (modifiedAt, id) of the last record handed out; `nextLink` is the server's continuation of the
 * running pass, absent between passes.
 */
export interface SourcePosition {
  watermark: string | null;
  tieId: string | null;
  nextLink: string | null;
}

/**
 * The state behind an opaque cursor string. An entity can read several sources in turn (BC sales
 * documents: orders, then invoices); `source` is the index of the one the next page comes from.
 */
export interface CursorState {
  entity: string;
  source: number;
  positions: Record<string, SourcePosition>;
}

/** Bump when the meaning of a field changes; an old cursor is then refused, never misread. */
export const CURSOR_VERSION = 1;

const positionSchema = z.object({
  w: z.string().nullable(),
  t: z.string().nullable(),
  n: z.string().nullable(),
});
const wireSchema = z.object({
  v: z.literal(CURSOR_VERSION),
  e: z.string(),
  i: z.number().int().nonnegative(),
  p: z.record(z.string(), positionSchema),
});

export const EMPTY_POSITION: SourcePosition = { watermark: null, tieId: null, nextLink: null };

export function encodeCursor(state: CursorState): string {
  const p: Record<string, z.infer<typeof positionSchema>> = {};
  for (const [name, pos] of Object.entries(state.positions)) {
    p[name] = { w: pos.watermark, t: pos.tieId, n: pos.nextLink };
  }
  const wire: z.infer<typeof wireSchema> = { v: CURSOR_VERSION, e: state.entity, i: state.source, p };
  return Buffer.from(JSON.stringify(wire), "utf8").toString("base64url");
}

/**
 * Null/empty ⇒ start from the beginning. A cursor that is not ours, from another version or for
 * another entity is a VALIDATION error: the caller resets it from the UI rather than guessing.
 */
export function decodeCursor(cursor: string | null | undefined, entity: string): CursorState | null {
  if (cursor == null || cursor === "") return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid(entity, "it is not a cursor this adapter wrote");
  }
  const parsed = wireSchema.safeParse(json);
  if (!parsed.success) throw invalid(entity, "it is malformed or from another version");
  if (parsed.data.e !== entity) throw invalid(entity, `it belongs to "${parsed.data.e}"`);
  const positions: Record<string, SourcePosition> = {};
  for (const [name, pos] of Object.entries(parsed.data.p)) {
    positions[name] = { watermark: pos.w, tieId: pos.t, nextLink: pos.n };
  }
  return { entity, source: parsed.data.i, positions };
}

function invalid(entity: string, why: string): ErpError {
  return new ErpError({ code: "VALIDATION", message: `Cannot resume "${entity}" from this cursor: ${why}; reset it.` });
}

/**
 * The lower bound for the next pass: the watermark minus the overlap. Rows committed late with an
 * earlier timestamp, or sharing the watermark's millisecond, are read again instead of lost.
 */
export function deltaFloor(watermark: string | null, overlapMs: number): string | null {
  if (watermark === null) return null;
  const ms = Date.parse(watermark);
  if (Number.isNaN(ms)) return null;
  return new Date(ms - overlapMs).toISOString();
}

/** Advances a position past a page whose records are ordered by (modifiedAt, id). */
export function advancePosition(
  position: SourcePosition,
  lastRecord: { id: string; modifiedAt: string } | undefined,
  nextLink: string | null,
): SourcePosition {
  if (!lastRecord) return { ...position, nextLink };
  const later =
    position.watermark === null || Date.parse(lastRecord.modifiedAt) >= Date.parse(position.watermark)
      ? { watermark: lastRecord.modifiedAt, tieId: lastRecord.id }
      : { watermark: position.watermark, tieId: position.tieId };
  return { ...later, nextLink };
}
