import { z } from "zod";

import type { FoundCustomer, FoundItem } from "../adapters/erp/port.ts";
import { getDb } from "../db.ts";
import { countOf, formatDateTime } from "../format/format.ts";
import { searchInputSchema } from "../format/search-input.ts";
import { getShopDisplay } from "../queries/shop-display.ts";
import { getUnmappedRecord, listOpenUnmappedRecords, listOpenUnmappedWithOrders } from "../queries/unmapped-records.ts";
import {
  createCustomerInErp,
  createItemInErp,
  ignoreUnmapped,
  mapCompanyLocation,
  mapCustomer,
  type MappingResult,
  mapVariant,
  searchErpCustomers,
  searchErpItems,
} from "../tasks/orders-process/mapping-actions.ts";

export const unmappedListKinds = { customers: "customer", products: "product", companies: "company" } as const;
export type UnmappedListKind = keyof typeof unmappedListKinds;

const nouns: Record<UnmappedListKind, [string, string]> = {
  customers: ["customer", "customers"],
  products: ["product", "products"],
  companies: ["company", "companies"],
};

/**
 * The open records of one list, as a merchant recognises them: product and variant title with the
 * SKU, or the customer's name and e-mail (read from the orders waiting on them), the waiting orders,
 * and how many records there are. The stored label stands in when no waiting order holds the record.
 */
export async function listOpenUnmapped(shopId: number, kind: UnmappedListKind) {
  const db = getDb();
  const shop = await getShopDisplay(db, shopId);
  const entity = unmappedListKinds[kind];
  const rows =
    entity === "company"
      ? (await listOpenUnmappedRecords(db, { shopId, entity })).map((row) => ({
          ...row,
          title: null,
          variantTitle: null,
          sku: null,
          email: null,
          waitingOrderCount: 0,
          waitingOrderNames: [] as string[],
          openCount: null,
        }))
      : await listOpenUnmappedWithOrders(db, { shopId, entity });
  const total = rows[0]?.openCount ?? rows.length;
  return {
    count: countOf(total, ...nouns[kind]),
    rows: rows.map((row) => {
      const variant = row.variantTitle && row.variantTitle !== "Default Title" ? row.variantTitle : null;
      const name = row.title ? [row.title, variant].filter(Boolean).join(" – ") : row.label;
      const details = [row.sku ? `SKU ${row.sku}` : null, row.email && row.email !== name ? row.email : null];
      const more = row.waitingOrderCount > row.waitingOrderNames.length ? ", …" : "";
      return {
        id: row.id,
        name,
        details: details.filter(Boolean).join(" · "),
        waiting:
          row.waitingOrderCount === 0
            ? "No order waiting"
            : `${countOf(row.waitingOrderCount, "order")} waiting: ${row.waitingOrderNames.join(", ")}${more}`,
        since: formatDateTime(row.firstSeenAt, shop.timeZone),
      };
    }),
  };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("search"),
    recordId: z.coerce.number().int().positive(),
    q: searchInputSchema,
  }),
  z.object({
    intent: z.literal("map"),
    recordId: z.coerce.number().int().positive(),
    number: z.string().trim().min(1).max(20),
    variantCode: z.string().trim().max(10).default(""),
  }),
  z.object({ intent: z.literal("create"), recordId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("ignore"), recordId: z.coerce.number().int().positive() }),
]);

export type UnmappedActionResult =
  | { intent: "search"; recordId: number; results: Array<FoundCustomer | FoundItem> }
  | { intent: "map" | "create" | "ignore"; result: MappingResult }
  | { intent: "invalid"; result: MappingResult };

/** The unmapped lists' actions: search the ERP, map to a record, create it in the ERP, or ignore. */
export async function handleUnmappedAction(
  shopId: number,
  kind: UnmappedListKind,
  form: FormData,
): Promise<UnmappedActionResult> {
  const parsed = actionSchema.safeParse(Object.fromEntries(form));
  const invalid = (message: string) => ({ intent: "invalid" as const, result: { ok: false as const, message } });
  if (!parsed.success) return invalid("That action is not available here.");
  const input = parsed.data;
  const record = await getUnmappedRecord(getDb(), { shopId, id: input.recordId });
  if (!record || record.entity !== unmappedListKinds[kind] || record.resolvedAt) {
    return invalid("That record is no longer waiting for a mapping.");
  }
  if (input.intent === "ignore") return { intent: "ignore", result: await ignoreUnmapped(shopId, record.id) };
  if (kind === "companies" && input.intent === "create") {
    return invalid(
      "A company's ERP customer is created by Sync companies: turn on Create unknown companies (Settings → Companies), or map an existing ERP customer.",
    );
  }
  switch (input.intent) {
    case "search": {
      const results =
        kind === "products" ? await searchErpItems(shopId, input.q) : await searchErpCustomers(shopId, input.q);
      return { intent: "search", recordId: record.id, results };
    }
    case "map":
      return {
        intent: "map",
        result:
          kind === "customers"
            ? await mapCustomer(shopId, record.shopifyId, input.number)
            : kind === "companies"
              ? await mapCompanyLocation(shopId, record.shopifyId, input.number)
              : await mapVariant(shopId, record.shopifyId, input.number, input.variantCode),
      };
    case "create":
      return {
        intent: "create",
        result:
          kind === "customers"
            ? await createCustomerInErp(shopId, record.shopifyId)
            : await createItemInErp(shopId, record.shopifyId),
      };
  }
}
