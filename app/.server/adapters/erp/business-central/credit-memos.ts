import { ErpError, isErpError } from "../errors.ts";
import type { CreditMemoInput, WriteResult } from "../port.ts";
import { type BcContext, customUrl, entityUrl } from "./context.ts";
import { customerId } from "./lookups.ts";
import { buildQuery, eq } from "./odata.ts";
import { lineBody, validateExternalDocumentNumber } from "./sales-documents.ts";
import { parseBc, refPageSchema, refRowSchema } from "./schemas.ts";

/**
 * The two documents a refund may become. Draft and posted credit memos are both on
 * `salesCreditMemos`; return orders are read on API v2.0's (read-only) `salesReturnOrders` and
 * written through the companion page, which names its fields as the credit memo page does.
 */
const KINDS = {
  creditMemo: {
    operation: "createCreditMemo",
    readSet: "salesCreditMemos",
    linesField: "salesCreditMemoLines",
    dateField: "creditMemoDate",
  },
  returnOrder: {
    operation: "createReturnOrder",
    readSet: "salesReturnOrders",
    linesField: "returnOrderLines",
    dateField: "documentDate",
  },
} as const;
type Kind = keyof typeof KINDS;

async function findDocument(ctx: BcContext, kind: Kind, externalDocumentNumber: string) {
  const { operation, readSet } = KINDS[kind];
  const query = buildQuery({ filter: eq("externalDocumentNumber", externalDocumentNumber), select: ["id", "number"] });
  const response = await ctx.send({
    operation,
    method: "GET",
    url: `${entityUrl(ctx, readSet)}${query}`,
    maxPageSize: 2,
  });
  return parseBc(refPageSchema, response.json, readSet).value[0] ?? null;
}

function returnOrdersUrl(ctx: BcContext): string {
  const url = customUrl(ctx, ctx.config.customApis.returnOrders);
  if (url === null) {
    throw new ErpError({
      code: "CONFIG",
      message: "Business Central's API v2.0 cannot create return orders; it needs the companion extension",
      userMessage:
        "Install the connector's companion extension in Business Central, or make credit memos of refunds (Settings → Refunds).",
    });
  }
  return url;
}

/** The posted invoice's id (BC: Applies-to Doc. No. takes the invoice). */
async function invoiceId(ctx: BcContext, number: string, operation: string): Promise<string> {
  const query = buildQuery({ filter: eq("number", number), select: ["id", "number"] });
  const response = await ctx.send({
    operation,
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
 * makes a second credit memo (or return order).
 */
async function createCreditDocument(ctx: BcContext, kind: Kind, input: CreditMemoInput): Promise<WriteResult> {
  const { operation, linesField, dateField } = KINDS[kind];
  validateExternalDocumentNumber(input.externalDocumentNumber);
  if (input.lines.length === 0) throw new ErpError({ code: "VALIDATION", message: "a credit document needs lines" });
  const url = kind === "returnOrder" ? returnOrdersUrl(ctx) : entityUrl(ctx, "salesCreditMemos");
  const existing = await findDocument(ctx, kind, input.externalDocumentNumber);
  if (existing) return { ref: { id: existing.id, number: existing.number }, created: false };
  const lines = [];
  for (const line of input.lines) lines.push(await lineBody(ctx, line));
  const body = {
    externalDocumentNumber: input.externalDocumentNumber,
    customerId: await customerId(ctx, input.customerNumber),
    [dateField]: input.creditMemoDate,
    pricesIncludeTax: input.pricesIncludeTax,
    ...(input.currencyCode ? { currencyCode: input.currencyCode } : {}),
    ...(input.appliesToInvoiceNumber
      ? { invoiceId: await invoiceId(ctx, input.appliesToInvoiceNumber, operation) }
      : {}),
    [linesField]: lines,
  };
  try {
    const response = await ctx.send({ operation, method: "POST", url, body });
    const row = parseBc(
      refRowSchema,
      response.json,
      `the created ${kind === "returnOrder" ? "return order" : "credit memo"}`,
    );
    return { ref: { id: row.id, number: row.number }, created: true };
  } catch (error) {
    if (isErpError(error) && error.retryable) {
      const landed = await findDocument(ctx, kind, input.externalDocumentNumber).catch(() => null);
      if (landed) return { ref: { id: landed.id, number: landed.number }, created: false };
    }
    throw error;
  }
}

export const createCreditMemo = (ctx: BcContext, input: CreditMemoInput) =>
  createCreditDocument(ctx, "creditMemo", input);
export const createReturnOrder = (ctx: BcContext, input: CreditMemoInput) =>
  createCreditDocument(ctx, "returnOrder", input);
