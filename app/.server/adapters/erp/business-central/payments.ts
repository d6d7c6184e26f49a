import { z } from "zod";

import { ErpError } from "../errors.ts";
import type { PaymentInput, WriteResult } from "../port.ts";
import { type BcContext, entityUrl, keySegment } from "./context.ts";
import { buildQuery, eq } from "./odata.ts";
import { validateExternalDocumentNumber } from "./sales-documents.ts";
import { pageSchema, parseBc } from "./schemas.ts";
import { fromDecimal } from "./schemas.ts";

const journalPage = pageSchema(z.object({ id: z.string().min(1), code: z.string() }));
const paymentRow = z.object({
  id: z.string().min(1),
  documentNumber: z.string().default(""),
  lineNumber: z.number().optional(),
});

async function journalId(ctx: BcContext): Promise<string> {
  const code = ctx.config.paymentJournalCode;
  const cacheKey = `paymentJournal:${code ?? ""}`;
  const cached = ctx.idCache.get(cacheKey);
  if (cached) return cached;
  const query = buildQuery({ ...(code ? { filter: eq("code", code) } : {}), select: ["id", "code"], top: 1 });
  const response = await ctx.send({
    operation: "recordPayment",
    method: "GET",
    url: `${entityUrl(ctx, "customerPaymentJournals")}${query}`,
  });
  const id = parseBc(journalPage, response.json, "customerPaymentJournals").value[0]?.id;
  if (!id) {
    throw new ErpError({
      code: "CONFIG",
      message: code
        ? `Customer payment journal ${code} does not exist`
        : "Business Central has no customer payment journal",
      userMessage:
        "Create a customer payment journal in Business Central (or pick an existing one) for Shopify payments.",
    });
  }
  ctx.idCache.set(cacheKey, id);
  return id;
}

/**
 * A payment journal line keyed by External Document No. Found first, so a retried job does not
 * add a second line. Limit: once the journal is posted the line is gone from this API; the
 * caller's own link table is the guard after that.
 */
export async function recordPayment(ctx: BcContext, input: PaymentInput): Promise<WriteResult> {
  validateExternalDocumentNumber(input.externalDocumentNumber);
  const amount = fromDecimal(input.amount, "amount");
  const base = entityUrl(ctx, `customerPaymentJournals${keySegment(await journalId(ctx))}/customerPayments`);
  const query = buildQuery({
    filter: eq("externalDocumentNumber", input.externalDocumentNumber),
    select: ["id", "documentNumber", "lineNumber"],
  });
  const found = await ctx.send({ operation: "recordPayment", method: "GET", url: `${base}${query}` });
  const existing = parseBc(pageSchema(paymentRow), found.json, "customerPayments").value[0];
  if (existing) return { ref: { id: existing.id, number: existing.documentNumber }, created: false };
  const created = await ctx.send({
    operation: "recordPayment",
    method: "POST",
    url: base,
    body: {
      customerNumber: input.customerNumber,
      postingDate: input.postingDate,
      externalDocumentNumber: input.externalDocumentNumber,
      // BC's sign convention: a receipt credits the customer, so it is negative.
      amount: -amount,
      ...(input.appliesToInvoiceNumber ? { appliesToInvoiceNumber: input.appliesToInvoiceNumber } : {}),
      ...(input.description ? { description: input.description } : {}),
    },
  });
  const row = parseBc(paymentRow, created.json, "the created payment");
  return { ref: { id: row.id, number: row.documentNumber }, created: true };
}
