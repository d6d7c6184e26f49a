import { z } from "zod";

import { fromMicros, sum, toMicros } from "../../../domain/money.ts";
import { ErpError } from "../errors.ts";
import type { ErpDocumentRef, JournalEntryInput, WriteResult } from "../port.ts";
import { type BcContext, entityUrl, keySegment } from "./context.ts";
import { buildQuery, eq } from "./odata.ts";
import { validateExternalDocumentNumber } from "./sales-documents.ts";
import { fromDecimal, pageSchema, parseBc } from "./schemas.ts";

const journalPage = pageSchema(z.object({ id: z.string().min(1), code: z.string() }));
const lineRow = z.object({
  id: z.string().min(1),
  documentNumber: z.string().default(""),
  accountType: z.string(),
  accountNumber: z.string(),
  amount: z.number(),
});

const ACCOUNT_TYPES = { bank: "Bank Account", gl: "G/L Account" } as const;

/** The general journal batch of this code (the shop's, else the first), cached per adapter. */
async function journalId(ctx: BcContext, code: string | undefined): Promise<string> {
  const cacheKey = `generalJournal:${code ?? ""}`;
  const cached = ctx.idCache.get(cacheKey);
  if (cached) return cached;
  const query = buildQuery({ ...(code ? { filter: eq("code", code) } : {}), select: ["id", "code"], top: 1 });
  const response = await ctx.send({
    operation: "recordJournalEntry",
    method: "GET",
    url: `${entityUrl(ctx, "journals")}${query}`,
  });
  const id = parseBc(journalPage, response.json, "journals").value[0]?.id;
  if (!id) {
    throw new ErpError({
      code: "CONFIG",
      message: code ? `General journal batch ${code} does not exist` : "Business Central has no general journal batch",
      userMessage: code
        ? `Create general journal batch ${code} in Business Central, or pick an existing one (Settings → Payments).`
        : "Create a general journal batch in Business Central for Shopify payouts.",
    });
  }
  ctx.idCache.set(cacheKey, id);
  return id;
}

async function linesOf(ctx: BcContext, base: string, externalDocumentNumber: string) {
  const query = buildQuery({
    filter: eq("externalDocumentNumber", externalDocumentNumber),
    select: ["id", "documentNumber", "accountType", "accountNumber", "amount"],
  });
  const found = await ctx.send({ operation: "recordJournalEntry", method: "GET", url: `${base}${query}` });
  return parseBc(pageSchema(lineRow), found.json, "journalLines").value;
}

const linesUrl = async (ctx: BcContext, code: string | undefined) =>
  entityUrl(ctx, `journals${keySegment(await journalId(ctx, code))}/journalLines`);

/**
 * Journal lines of one document number, keyed by External Document No.: lines an earlier attempt
 * made are matched (account and amount) and kept, only the missing ones are added, so a retry or a
 * run killed half way completes the entry instead of doubling it. BC posts a document only when its
 * lines balance; refused here before anything is sent.
 */
export async function recordJournalEntry(ctx: BcContext, input: JournalEntryInput): Promise<WriteResult> {
  validateExternalDocumentNumber(input.externalDocumentNumber);
  const total = sum(input.lines.map((l) => toMicros(l.amount)));
  if (total !== 0n) {
    throw new ErpError({ code: "VALIDATION", message: `the journal entry does not balance: ${fromMicros(total)}` });
  }
  const base = await linesUrl(ctx, input.journalCode);
  const existing = await linesOf(ctx, base, input.externalDocumentNumber);
  let documentNumber = existing[0]?.documentNumber ?? "";
  let first: string | null = existing[0]?.id ?? null;
  let created = false;
  const unused = [...existing];
  for (const line of input.lines) {
    const accountType = ACCOUNT_TYPES[line.account.type];
    const amount = fromDecimal(line.amount, "amount");
    const at = unused.findIndex(
      (e) => e.accountType === accountType && e.accountNumber === line.account.number && e.amount === amount,
    );
    if (at >= 0) {
      unused.splice(at, 1);
      continue;
    }
    const response = await ctx.send({
      operation: "recordJournalEntry",
      method: "POST",
      url: base,
      body: {
        accountType,
        accountNumber: line.account.number,
        postingDate: input.postingDate,
        externalDocumentNumber: input.externalDocumentNumber,
        amount,
        description: line.description.slice(0, 100),
        ...(documentNumber ? { documentNumber } : {}),
      },
    });
    const row = parseBc(lineRow, response.json, "the created journal line");
    documentNumber ||= row.documentNumber;
    first ??= row.id;
    created = true;
  }
  return { ref: { id: first ?? "", number: documentNumber }, created };
}

export async function findJournalEntry(
  ctx: BcContext,
  input: { externalDocumentNumber: string; journalCode?: string },
): Promise<ErpDocumentRef | null> {
  validateExternalDocumentNumber(input.externalDocumentNumber);
  const [line] = await linesOf(ctx, await linesUrl(ctx, input.journalCode), input.externalDocumentNumber);
  return line ? { id: line.id, number: line.documentNumber } : null;
}
