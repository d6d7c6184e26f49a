import { z } from "zod";

import type { FoundCustomer } from "../adapters/erp/port.ts";
import { addErpCustomerToShopify } from "../customers/add-to-shopify.ts";
import { keepErpVersion, keepShopifyVersion } from "../customers/conflict-actions.ts";
import type { CustomerActionResult } from "../customers/customer-action-support.ts";
import {
  createCustomerRowInErp,
  ignoreCustomerRow,
  mapCustomerRow,
  requestCustomerSync,
  requestLinkedCustomerSync,
  stopIgnoringCustomerRow,
} from "../customers/customer-actions.ts";
import { getDb } from "../db.ts";
import { erpAdapterForShop } from "../erp/connections.ts";
import { searchInputSchema } from "../format/search-input.ts";
import { asErpError, describeErpError, NO_ERP_MESSAGE } from "../tasks/orders-process/erp-errors.ts";
import { searchErpCustomers } from "../tasks/orders-process/mapping-actions.ts";
import type { CustomerPageKey } from "./customer-page.ts";
import { getCustomerLinkById, getCustomerRow } from "./queries.ts";

// Control characters never belong in a customer number (and NUL cannot even be stored).
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** An ERP customer number as a form sends it (BC: Code[20]; 50 leaves room for other ERPs). */
export const customerNumberSchema = z
  .string({ error: "Enter an ERP customer number." })
  .trim()
  .min(1, "Enter an ERP customer number.")
  .max(50, "An ERP customer number has at most 50 characters.")
  .refine((value) => !CONTROL_CHARACTERS.test(value), "That is not an ERP customer number.");

/** A customer page's buttons: each a form post with its intent and what it needs. */
export const customerActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("sync") }),
  z.object({ intent: z.literal("create") }),
  z.object({ intent: z.literal("ignore") }),
  z.object({ intent: z.literal("stop-ignoring") }),
  z.object({ intent: z.literal("keep-shopify") }),
  z.object({ intent: z.literal("keep-erp") }),
  z.object({ intent: z.literal("search"), q: searchInputSchema }),
  z.object({ intent: z.literal("map"), number: customerNumberSchema }),
]);
export type CustomerAction = z.infer<typeof customerActionSchema>;

export interface CustomerChoice {
  number: string;
  name: string;
  detail: string;
}

export type CustomerActionAnswer =
  | ({ intent: Exclude<CustomerAction["intent"], "search"> | "invalid" } & CustomerActionResult)
  | { intent: "search"; ok: true; message: ""; results: CustomerChoice[] }
  | { intent: "search"; ok: false; message: string };

function invalid(error: z.ZodError): CustomerActionAnswer {
  const numberIssue = error.issues.find((issue) => issue.path[0] === "number");
  return { intent: "invalid", ok: false, message: numberIssue?.message ?? "That action is not available." };
}

/**
 * Runs one of a customer page's actions. Null when the shop has no such customer (the route
 * answers 404: another shop's customer is not found, not refused). Bad input is answered with a
 * message and changes nothing. A customer only customer_links knows can only be synced (which
 * gives it a row, and the page moves there).
 */
export async function handleCustomerAction(
  shopId: number,
  key: CustomerPageKey,
  form: FormData,
): Promise<CustomerActionAnswer | null> {
  const db = getDb();
  const row = key.kind === "row" ? await getCustomerRow(db, { shopId, id: key.id }) : undefined;
  const link = key.kind === "link" ? await getCustomerLinkById(db, { shopId, id: key.id }) : undefined;
  if (!row && !link) return null;
  const parsed = customerActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error);
  const action = parsed.data;
  if (!row) {
    if (action.intent !== "sync") {
      return { intent: action.intent, ok: false, message: "Sync this customer first; then it can be changed here." };
    }
    return { intent: action.intent, ...(await requestLinkedCustomerSync(shopId, link!)) };
  }
  switch (action.intent) {
    case "sync":
      return { intent: action.intent, ...(await requestCustomerSync(shopId, row.id)) };
    case "create":
      return { intent: action.intent, ...(await createCustomerRowInErp(shopId, row.id)) };
    case "ignore":
      return { intent: action.intent, ...(await ignoreCustomerRow(shopId, row.id)) };
    case "stop-ignoring":
      return { intent: action.intent, ...(await stopIgnoringCustomerRow(shopId, row.id)) };
    case "keep-shopify":
      return { intent: action.intent, ...(await keepShopifyVersion(shopId, row.id)) };
    case "keep-erp":
      return { intent: action.intent, ...(await keepErpVersion(shopId, row.id)) };
    case "map":
      return { intent: action.intent, ...(await mapCustomerRow(shopId, row.id, action.number)) };
    case "search":
      return searchForMap(shopId, action.q);
  }
}

/** The Map picker's search: the ERP's customers by number prefix, name or e-mail. */
async function searchForMap(shopId: number, text: string): Promise<CustomerActionAnswer> {
  if (!text) return { intent: "search", ok: false, message: "Type part of a customer number, name or e-mail." };
  if (!(await erpAdapterForShop(shopId))) return { intent: "search", ok: false, message: NO_ERP_MESSAGE };
  let found: FoundCustomer[];
  try {
    found = await searchErpCustomers(shopId, text);
  } catch (error) {
    const erpError = asErpError(error);
    if (erpError) return { intent: "search", ok: false, message: describeErpError(erpError) };
    throw error;
  }
  return {
    intent: "search",
    ok: true,
    message: "",
    results: found.map((c) => ({
      number: c.number,
      name: c.displayName,
      detail: [c.email, c.city].filter(Boolean).join(" · "),
    })),
  };
}

/** The list page's one action: Add to Shopify (an ERP customer by number). */
export const addToShopifySchema = z.object({ intent: z.literal("add-to-shopify"), number: customerNumberSchema });

export async function handleCustomerListAction(
  shopId: number,
  form: FormData,
): Promise<{ intent: "add-to-shopify" | "invalid" } & CustomerActionResult> {
  const parsed = addToShopifySchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const answer = invalid(parsed.error);
    return { intent: "invalid", ok: false, message: answer.message };
  }
  return { intent: "add-to-shopify", ...(await addErpCustomerToShopify(shopId, parsed.data.number)) };
}
