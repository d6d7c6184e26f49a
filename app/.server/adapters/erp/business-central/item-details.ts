import { z } from "zod";

import { isErpError } from "../errors.ts";
import type { PulledRecord } from "../port.ts";
import type { ErpItem } from "../types.ts";
import { type BcContext, customUrl } from "./context.ts";
import { and, anyGuid, buildQuery, modifiedSince, modifiedUntil } from "./odata.ts";
import { bool, num, pageSchema, parseBc, rowBase, text } from "./schemas.ts";

/** The companion page `itemDetails` over the Item table (what API v2.0's items page leaves out). */
const detailsRow = z.object({
  ...rowBase,
  salesBlocked: bool,
  vendorName: text,
  vendorItemNumber: text,
  grossWeight: num,
});
type DetailsRow = z.infer<typeof detailsRow>;
const detailsPage = pageSchema(detailsRow);
const SELECT = ["id", "salesBlocked", "vendorName", "vendorItemNumber", "grossWeight", "lastModifiedDateTime"];
/** GUIDs per `id eq … or …` filter: keeps the URL far below BC's length limit. */
const IDS_PER_CALL = 20;

async function readAll(ctx: BcContext, url: string, into: Map<string, DetailsRow>): Promise<void> {
  let next: string | undefined = url;
  while (next) {
    const response = await ctx.send({ operation: "pull items (details)", method: "GET", url: next, maxPageSize: 1000 });
    const page = parseBc(detailsPage, response.json, "an itemDetails page");
    for (const row of page.value) into.set(row.id.toLowerCase(), row);
    next = page["@odata.nextLink"];
  }
}

/**
 * Adds sales blocked, vendor, vendor item number and weight to a page of pulled items. The
 * companion page is the same Item record, so one read of the page's window of change times finds
 * them all; an item changed again since (its time moved out of the window) is read by id. A 404
 * means the extension is not installed: the items go as read. (No capability probe first: a
 * probe that fails under load would fail every pull waiting on it.)
 */
export async function enrichItems(
  ctx: BcContext,
  records: Array<PulledRecord<ErpItem>>,
): Promise<Array<PulledRecord<ErpItem>>> {
  const base = customUrl(ctx, ctx.config.customApis.itemDetails);
  if (base === null) return records;
  const stamps = records.map((r) => r.modifiedAt).sort();
  const found = new Map<string, DetailsRow>();
  const window = and(
    modifiedSince("lastModifiedDateTime", stamps[0]!),
    modifiedUntil("lastModifiedDateTime", stamps.at(-1)!),
  );
  try {
    await readAll(ctx, `${base}${buildQuery({ filter: window, select: SELECT })}`, found);
  } catch (error) {
    if (isErpError(error) && error.code === "NOT_FOUND") return records;
    throw error;
  }
  const missing = records.filter((r) => !found.has(r.id.toLowerCase())).map((r) => r.id);
  for (let at = 0; at < missing.length; at += IDS_PER_CALL) {
    const ids = missing.slice(at, at + IDS_PER_CALL);
    await readAll(ctx, `${base}${buildQuery({ filter: anyGuid("id", ids), select: SELECT })}`, found);
  }
  const unit = ctx.config.weightUnit;
  return records.map((record) => {
    const details = found.get(record.id.toLowerCase());
    if (!details) return record;
    return {
      ...record,
      data: {
        ...record.data,
        salesBlocked: details.salesBlocked,
        vendor: details.vendorName === "" ? null : details.vendorName,
        vendorItemNumber: details.vendorItemNumber,
        weight: { value: details.grossWeight, unit },
      },
    };
  });
}
