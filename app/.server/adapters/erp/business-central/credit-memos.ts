import { ErpError, isErpError } from "../errors.ts";
import type { CreditMemoInput, WriteResult } from "../port.ts";
import { type BcContext, entityUrl } from "./context.ts";
import { customerId } from "./lookups.ts";
import { buildQuery, eq } from "./odata.ts";
import { lineBody, validateExternalDocumentNumber } from "./sales-documents.ts";
import { parseBc, refPageSchema, refRowSchema } from "./schemas.ts";

/** Draft and posted credit memos are both on `salesCreditMemos`: a refund's memo is found in either state. */
async function findCreditMemo(ctx: BcContext, externalDocumentNumber: string) {
  const query = buildQuery({ filter: eq("externalDocumentNumber", externalDocumentNumber), select: ["id", "number"] });
  const response = await ctx.send({
    operation: "createCreditMemo",
    method: "GET",
    url: `${entityUrl(ctx, "salesCreditMemos")}${query}`,
    maxPageSize: 2,
  });
  return parseBc(refPageSchema, response.json, "salesCreditMemos").value[0] ?? null;
}

/** The posted invoice's id (BC: Applies-to Doc. No. takes the invoice). */
async function invoiceId(ctx: BcContext, number: string): Promise<string> {
  const query = buildQuery({ filter: eq("number", number), select: ["id", "number"] });
  const response = await ctx.send({
    operation: "createCreditMemo",
    method: "GET",
    url: `${entityUrl(ctx, "salesInvoices")}${query}`,
    maxPageSize: 1,
  });
  const row = parseBc(refPageSchema, response.json, "salesInvoices").value[0];
  if (!row) throw new ErpError({ code: "NOT_FOUND", message: `Business Central has no sales invoice ${number}` });
  return row.id;
}

/**
 * One request for header and lines (deep insert, one BC transaction), found by its external
 * document number before and, when the POST's answer was lost, after: a retried refund never
 * makes a second credit memo.
 */
export async function createCreditMemo(ctx: BcContext, input: CreditMemoInput): Promise<WriteResult> {
  validateExternalDocumentNumber(input.externalDocumentNumber);
  if (input.lines.length === 0) throw new ErpError({ code: "VALIDATION", message: "a credit memo needs lines" });
  const existing = await findCreditMemo(ctx, input.externalDocumentNumber);
  if (existing) return { ref: { id: existing.id, number: existing.number }, created: false };
  const lines = [];
  for (const line of input.lines) lines.push(await lineBody(ctx, line));
  const body = {
    externalDocumentNumber: input.externalDocumentNumber,
    customerId: await customerId(ctx, input.customerNumber),
    creditMemoDate: input.creditMemoDate,
    pricesIncludeTax: input.pricesIncludeTax,
    ...(input.currencyCode ? { currencyCode: input.currencyCode } : {}),
    ...(input.appliesToInvoiceNumber ? { invoiceId: await invoiceId(ctx, input.appliesToInvoiceNumber) } : {}),
    salesCreditMemoLines: lines,
  };
  try {
    const response = await ctx.send({
      operation: "createCreditMemo",
      method: "POST",
      url: entityUrl(ctx, "salesCreditMemos"),
      body,
    });
    const row = parseBc(refRowSchema, response.json, "the created credit memo");
    return { ref: { id: row.id, number: row.number }, created: true };
  } catch (error) {
    if (isErpError(error) && error.retryable) {
      const landed = await findCreditMemo(ctx, input.externalDocumentNumber).catch(() => null);
      if (landed) return { ref: { id: landed.id, number: landed.number }, created: false };
    }
    throw error;
  }
}
