import { z } from "zod";

import {
  addErpCustomerAsCompany,
  ignoreCompany,
  mapCompany,
  syncCompanyNow,
  unlinkCompany,
} from "../companies/company-actions.ts";
import type { CustomerActionResult } from "../customers/customer-action-support.ts";
import { customerNumberSchema } from "../customers-page/customer-action-form.ts";
import { getDb } from "../db.ts";
import { getCompanyRow } from "./queries.ts";

/** A company page's buttons: each a form post with its intent and what it needs. */
export const companyActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("sync") }),
  z.object({ intent: z.literal("ignore") }),
  z.object({ intent: z.literal("unlink") }),
  z.object({ intent: z.literal("map"), number: customerNumberSchema }),
]);
export type CompanyAction = z.infer<typeof companyActionSchema>;

export type CompanyActionAnswer = { intent: CompanyAction["intent"] | "invalid" } & CustomerActionResult;

function invalid(error: z.ZodError): CompanyActionAnswer {
  const numberIssue = error.issues.find((issue) => issue.path[0] === "number");
  return { intent: "invalid", ok: false, message: numberIssue?.message ?? "That action is not available." };
}

/**
 * Runs one of a company page's actions. Null when the shop has no such company (the route
 * answers 404: another shop's company is not found, not refused). Bad input is answered with a
 * message and changes nothing.
 */
export async function handleCompanyAction(
  shopId: number,
  id: number,
  form: FormData,
): Promise<CompanyActionAnswer | null> {
  const row = await getCompanyRow(getDb(), { shopId, id });
  if (!row) return null;
  const parsed = companyActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error);
  const action = parsed.data;
  const gid = row.shopifyCompanyId;
  switch (action.intent) {
    case "sync":
      return { intent: action.intent, ...(await syncCompanyNow(shopId, gid)) };
    case "ignore":
      return { intent: action.intent, ...(await ignoreCompany(shopId, gid)) };
    case "unlink":
      return { intent: action.intent, ...(await unlinkCompany(shopId, gid)) };
    case "map":
      return { intent: action.intent, ...(await mapCompany(shopId, gid, action.number)) };
  }
}

/** The list page's one action: Add to Shopify (an ERP customer by number becomes a company). */
export const addCompanySchema = z.object({ intent: z.literal("add-to-shopify"), number: customerNumberSchema });

export async function handleCompanyListAction(
  shopId: number,
  form: FormData,
): Promise<{ intent: "add-to-shopify" | "invalid" } & CustomerActionResult> {
  const parsed = addCompanySchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ...invalid(parsed.error), intent: "invalid" };
  return { intent: "add-to-shopify", ...(await addErpCustomerAsCompany(shopId, parsed.data.number)) };
}
