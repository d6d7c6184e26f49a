import { z } from "zod";

import type { ErpAccount } from "../port.ts";
import { type BcContext, entityUrl } from "./context.ts";
import { and, buildQuery, eq } from "./odata.ts";
import { pageSchema, parseBc, text } from "./schemas.ts";

const accountPage = pageSchema(z.object({ number: z.string(), displayName: text, category: text }));

/** A chart holds a few hundred accounts; more direct-posting ones than this would not fit a picker anyway. */
const MAX_ACCOUNTS = 1000;

/**
 * The G/L accounts a sales line may name: BC refuses any other on an Account line (Account Type
 * must be Posting, Direct Posting Yes, not Blocked). `accounts` (API v2.0) is read-only.
 */
export async function listSalesLineAccounts(ctx: BcContext): Promise<ErpAccount[]> {
  const query = buildQuery({
    filter: and(eq("accountType", "Posting"), eq("directPosting", true), eq("blocked", false)),
    select: ["number", "displayName", "category"],
    orderby: ["number"],
    top: MAX_ACCOUNTS,
  });
  const response = await ctx.send({
    operation: "listSalesLineAccounts",
    method: "GET",
    url: `${entityUrl(ctx, "accounts")}${query}`,
  });
  return parseBc(accountPage, response.json, "accounts").value.map((row) => ({
    number: row.number,
    displayName: row.displayName,
    category: row.category,
  }));
}
