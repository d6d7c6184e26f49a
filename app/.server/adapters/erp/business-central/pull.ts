import { z } from "zod";

import {
  advancePosition,
  type CursorState,
  decodeCursor,
  deltaFloor,
  EMPTY_POSITION,
  encodeCursor,
} from "../cursor.ts";
import { ErpError } from "../errors.ts";
import type { KeyPage, PulledRecord, PullPage, PullRequest } from "../port.ts";
import type { BcContext } from "./context.ts";
import { and, buildQuery, modifiedSince } from "./odata.ts";
import type { PullSource } from "./pull-source.ts";
import { pageSchema, parseBc } from "./schemas.ts";

export const DEFAULT_PAGE_SIZE = 500;
/** BC online refuses larger pages (413). */
export const BC_MAX_PAGE_SIZE = 20_000;

const rawPageSchema = pageSchema(z.unknown());

/**
 * One page of an entity that reads `sources` in turn. A pass over one source follows
 * `@odata.nextLink`; a new pass starts at the watermark minus the overlap, ordered by
 * (lastModifiedDateTime, id). The cursor advances per page, so a crash mid-pass resumes at the
 * next page, or, if BC has forgotten the link, at the watermark.
 */
export async function pullPage<T>(
  ctx: BcContext,
  entity: string,
  sources: ReadonlyArray<PullSource<T>>,
  request: PullRequest = {},
): Promise<PullPage<T>> {
  const state: CursorState = decodeCursor(request.cursor, entity) ?? { entity, source: 0, positions: {} };
  const index = state.source < sources.length ? state.source : 0;
  const source = sources[index];
  if (!source) throw new ErpError({ code: "UNSUPPORTED", message: `nothing to pull for ${entity}` });
  const base = source.url(ctx);
  if (base === null || (source.requires && !(await ctx.capabilities())[source.requires])) {
    throw new ErpError({
      code: "UNSUPPORTED",
      message: `${entity}: the companion Business Central extension's API page for this is switched off or missing`,
    });
  }
  const position = state.positions[source.name] ?? EMPTY_POSITION;
  const pageSize = Math.min(BC_MAX_PAGE_SIZE, Math.max(1, Math.floor(request.pageSize ?? DEFAULT_PAGE_SIZE)));
  const expand = typeof source.expand === "function" ? source.expand(await ctx.capabilities()) : source.expand;
  const url = position.nextLink
    ? sameOrigin(position.nextLink, base)
    : firstPageUrl(ctx, { ...source, expand }, base, position);

  const response = await ctx.send({ operation: `pull ${entity}`, method: "GET", url, maxPageSize: pageSize });
  const page = parseBc(rawPageSchema, response.json, `a ${source.name} page`);
  let records: Array<PulledRecord<T>> = page.value.map((raw) => {
    const row = source.parseRow(raw);
    const etag = row["@odata.etag"];
    return {
      id: row.id,
      modifiedAt: row.lastModifiedDateTime,
      ...(etag ? { version: etag } : {}),
      data: source.map(row as never),
    };
  });
  if (source.enrich && records.length > 0) records = await source.enrich(ctx, records);

  const nextLink = page["@odata.nextLink"] ?? null;
  const positions = { ...state.positions, [source.name]: advancePosition(position, records.at(-1), nextLink) };
  let nextSource = index;
  let hasMore = true;
  if (nextLink === null) {
    nextSource = index + 1 < sources.length ? index + 1 : 0;
    hasMore = nextSource !== 0;
  }
  return { records, cursor: encodeCursor({ entity, source: nextSource, positions }), hasMore };
}

function firstPageUrl<T>(
  ctx: BcContext,
  source: Omit<PullSource<T>, "expand"> & { expand: string | undefined },
  base: string,
  position: { watermark: string | null },
): string {
  const floor = deltaFloor(position.watermark, ctx.overlapMs);
  const query = buildQuery({
    filter: and(floor === null ? null : modifiedSince("lastModifiedDateTime", floor), source.filter),
    select: source.select,
    ...(source.expand ? { expand: source.expand } : {}),
    orderby: ["lastModifiedDateTime", "id"],
  });
  return `${base}${query}`;
}

/**
 * A nextLink from a stored cursor is data, not trusted configuration: it must point at the same
 * server, or the bearer token would be sent wherever a tampered cursor says.
 */
function sameOrigin(nextLink: string, base: string): string {
  let link: URL;
  try {
    link = new URL(nextLink, base);
  } catch {
    throw new ErpError({
      code: "VALIDATION",
      message: "the cursor's continuation link is not a URL; reset the cursor",
    });
  }
  if (link.origin !== new URL(base).origin) {
    throw new ErpError({ code: "VALIDATION", message: "the cursor's continuation link points at another server" });
  }
  return link.toString();
}

const keyCursorSchema = z.object({ source: z.number().int().nonnegative(), nextLink: z.string().nullable() });
const keyRowSchema = z.object({ id: z.string().min(1) });

/**
 * One page of an entity's ids, source by source, in key order with only `id` selected (cheap: BC
 * reads no other field). Paging follows `@odata.nextLink`; an unreadable cursor starts over, which
 * a sweep survives (it only marks what it finds).
 */
export async function keyPage<T>(
  ctx: BcContext,
  entity: string,
  sources: ReadonlyArray<PullSource<T>>,
  request: PullRequest = {},
): Promise<KeyPage> {
  let state: z.infer<typeof keyCursorSchema> = { source: 0, nextLink: null };
  if (request.cursor) {
    try {
      state = keyCursorSchema.parse(JSON.parse(request.cursor));
    } catch {
      // Starts over (see above).
    }
  }
  const source = sources[state.source < sources.length ? state.source : 0];
  if (!source) throw new ErpError({ code: "UNSUPPORTED", message: `nothing to list for ${entity}` });
  const base = source.url(ctx);
  if (base === null || (source.requires && !(await ctx.capabilities())[source.requires])) {
    throw new ErpError({
      code: "UNSUPPORTED",
      message: `${entity}: the companion Business Central extension's API page for this is switched off or missing`,
    });
  }
  const pageSize = Math.min(BC_MAX_PAGE_SIZE, Math.max(1, Math.floor(request.pageSize ?? DEFAULT_PAGE_SIZE)));
  const url = state.nextLink
    ? sameOrigin(state.nextLink, base)
    : `${base}${buildQuery({ filter: source.filter ?? null, select: ["id"], orderby: ["id"] })}`;
  const response = await ctx.send({ operation: `list ${entity} keys`, method: "GET", url, maxPageSize: pageSize });
  const page = parseBc(pageSchema(keyRowSchema), response.json, `a ${source.name} key page`);
  const nextLink = page["@odata.nextLink"] ?? null;
  const next = nextLink !== null ? { source: state.source, nextLink } : { source: state.source + 1, nextLink: null };
  return {
    ids: page.value.map((row) => row.id),
    cursor: JSON.stringify(next),
    hasMore: next.source < sources.length,
  };
}
