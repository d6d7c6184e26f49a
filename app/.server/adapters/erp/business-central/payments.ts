import { z } from "zod";

import { ErpError } from "../errors.ts";
import type { ErpDocumentRef, PaymentInput, WriteResult } from "../port.ts";
import { type BcContext, entityUrl, keySegment } from "./context.ts";
import { buildQuery, eq } from "./odata.ts";
import { validateExternalDocumentNumber } from "./sales-documents.ts";
import { fromDecimal, pageSchema, parseBc } from "./schemas.ts";

const journalPage = pageSchema(z.object({ id: z.string().min(1), code: z.string() }));
const codePage = pageSchema(z.object({ id: z.string().min(1), code: z.string() }));
const paymentRow = z.object({
  id: z.string().min(1),
  documentNumber: z.string().default(""),
  lineNumber: z.number().optional(),
});

/** The customer payment journal of this code, or null; cached per adapter. */
async function journalOfCode(ctx: BcContext, code: string | undefined): Promise<string | null> {
  const cacheKey = `paymentJournal:${code ?? ""}`;
  const cached = ctx.idCache.get(cacheKey);
  if (cached !== undefined) return cached || null;
  const query = buildQuery({ ...(code ? { filter: eq("code", code) } : {}), select: ["id", "code"], top: 1 });
  const response = await ctx.send({
    operation: "recordPayment",
    method: "GET",
    url: `${entityUrl(ctx, "customerPaymentJournals")}${query}`,
  });
  const id = parseBc(journalPage, response.json, "customerPaymentJournals").value[0]?.id ?? null;
  ctx.idCache.set(cacheKey, id ?? "");
  return id;
}

/** Where a payment is recorded: the shop's journal, else the connection's, else the company's first. */
async function journalId(ctx: BcContext, journalCode: string | undefined): Promise<string> {
  const code = journalCode || ctx.config.paymentJournalCode;
  const id = await journalOfCode(ctx, code);
  if (id) return id;
  throw new ErpError({
    code: "CONFIG",
    message: code
      ? `Customer payment journal ${code} does not exist`
      : "Business Central has no customer payment journal",
    userMessage: code
      ? `Create customer payment journal ${code} in Business Central, or pick an existing one (Settings → Payments).`
      : "Create a customer payment journal in Business Central for Shopify payments.",
  });
}

/** A payment method the shop maps to must exist in BC (Payment Methods): checked once per adapter. */
async function requirePaymentMethod(ctx: BcContext, code: string): Promise<void> {
  const cacheKey = `paymentMethod:${code.toUpperCase()}`;
  if (ctx.idCache.get(cacheKey)) return;
  const response = await ctx.send({
    operation: "recordPayment",
    method: "GET",
    url: `${entityUrl(ctx, "paymentMethods")}${buildQuery({ filter: eq("code", code.toUpperCase()), select: ["id", "code"], top: 1 })}`,
  });
  const id = parseBc(codePage, response.json, "paymentMethods").value[0]?.id;
  if (!id) {
    throw new ErpError({
      code: "VALIDATION",
      message: `Business Central has no payment method ${code}`,
      userMessage: `Create payment method ${code} in Business Central, or map the Shopify gateway to an existing one (Settings → Payments).`,
    });
  }
  ctx.idCache.set(cacheKey, id);
}

async function findInJournal(ctx: BcContext, base: string, externalDocumentNumber: string) {
  const query = buildQuery({
    filter: eq("externalDocumentNumber", externalDocumentNumber),
    select: ["id", "documentNumber", "lineNumber"],
  });
  const found = await ctx.send({ operation: "recordPayment", method: "GET", url: `${base}${query}` });
  const row = parseBc(pageSchema(paymentRow), found.json, "customerPayments").value[0];
  return row ? { id: row.id, number: row.documentNumber } : null;
}

const paymentsUrl = async (ctx: BcContext, journalCode: string | undefined) =>
  entityUrl(ctx, `customerPaymentJournals${keySegment(await journalId(ctx, journalCode))}/customerPayments`);

/**
 * A payment journal line keyed by External Document No. Found first, so a retried job does not
 * add a second line. Limit: once the journal is posted the line is gone from this API; the
 * caller's own table is the guard after that.
 */
export async function recordPayment(ctx: BcContext, input: PaymentInput): Promise<WriteResult> {
  validateExternalDocumentNumber(input.externalDocumentNumber);
  const amount = fromDecimal(input.amount, "amount");
  if (input.paymentMethodCode) await requirePaymentMethod(ctx, input.paymentMethodCode);
  const base = await paymentsUrl(ctx, input.journalCode);
  const existing = await findInJournal(ctx, base, input.externalDocumentNumber);
  if (existing) return { ref: existing, created: false };
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

export async function findPayment(
  ctx: BcContext,
  input: { externalDocumentNumber: string; journalCode?: string },
): Promise<ErpDocumentRef | null> {
  validateExternalDocumentNumber(input.externalDocumentNumber);
  return findInJournal(ctx, await paymentsUrl(ctx, input.journalCode), input.externalDocumentNumber);
}
