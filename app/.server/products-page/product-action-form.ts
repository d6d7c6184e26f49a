import { z } from "zod";

import { getDb } from "../db.ts";
import { searchInputSchema } from "../format/search-input.ts";
import {
  ignoreProduct,
  type ItemChoice,
  mapProduct,
  type ProductActionResult,
  requestProductSync,
  searchItemsForProduct,
  stopIgnoringProduct,
  unlinkProduct,
} from "./product-actions.ts";
import { canMap } from "./product-labels.ts";
import { getProductLink } from "./queries.ts";

// Control characters never belong in an item number (and NUL cannot even be stored).
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** The product page's buttons: each a form post with its intent and what it needs. */
export const productActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("sync") }),
  z.object({ intent: z.literal("unlink") }),
  z.object({ intent: z.literal("ignore") }),
  z.object({ intent: z.literal("stop-ignoring") }),
  z.object({ intent: z.literal("search"), q: searchInputSchema }),
  z.object({
    intent: z.literal("map"),
    number: z
      .string()
      .trim()
      .min(1, "Choose an ERP item to map the product to.")
      .max(50, "An ERP item number has at most 50 characters.")
      .refine((value) => !CONTROL_CHARACTERS.test(value), "That is not an ERP item number."),
  }),
]);
export type ProductAction = z.infer<typeof productActionSchema>;

export type ProductActionAnswer =
  | ({ intent: Exclude<ProductAction["intent"], "search"> | "invalid" } & ProductActionResult)
  | { intent: "search"; ok: true; message: ""; results: ItemChoice[] }
  | { intent: "search"; ok: false; message: string };

/**
 * Runs one of the product page's actions for the shop's product. Null when the shop has no such
 * product (the route answers 404: another shop's product is not found, not refused). Bad input is
 * answered with a message and changes nothing.
 */
export async function handleProductAction(
  shopId: number,
  productLinkId: number,
  form: FormData,
): Promise<ProductActionAnswer | null> {
  const link = await getProductLink(getDb(), { shopId, id: productLinkId });
  if (!link) return null;
  const parsed = productActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const mapIssue = parsed.error.issues.find((issue) => issue.path[0] === "number");
    return { intent: "invalid", ok: false, message: mapIssue?.message ?? "That action is not available." };
  }
  const action = parsed.data;
  switch (action.intent) {
    case "sync":
      return { intent: action.intent, ...(await requestProductSync(shopId, link.id)) };
    case "unlink":
      return { intent: action.intent, ...(await unlinkProduct(shopId, link.id)) };
    case "ignore":
      return { intent: action.intent, ...(await ignoreProduct(shopId, link.id)) };
    case "stop-ignoring":
      return { intent: action.intent, ...(await stopIgnoringProduct(shopId, link.id)) };
    case "map":
      return { intent: action.intent, ...(await mapProduct(shopId, link.id, action.number)) };
    case "search": {
      if (!canMap(link)) return { intent: "search", ok: false, message: "Only an unmapped product can be mapped." };
      const found = await searchItemsForProduct(shopId, action.q);
      return found.ok
        ? { intent: "search", ok: true, message: "", results: found.results }
        : { intent: "search", ok: false, message: found.message };
    }
  }
}
