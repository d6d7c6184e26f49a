import { z } from "zod";

import { ErpError } from "../errors.ts";
import type { CustomerLookup, FoundCustomer, FoundItem, ItemLookup, SearchOptions } from "../port.ts";
import { type BcContext, customUrl, entityUrl } from "./context.ts";
import { and, buildQuery, eq, odataString } from "./odata.ts";
import { pageSchema, parseBc, text } from "./schemas.ts";

const customerRow = z.object({
  id: z.string().min(1),
  number: z.string(),
  displayName: text,
  email: text,
  phoneNumber: text,
  addressLine1: text,
  city: text,
  postalCode: text,
  country: text,
});
const customerPage = pageSchema(customerRow);
const CUSTOMER_FIELDS = [
  "id",
  "number",
  "displayName",
  "email",
  "phoneNumber",
  "addressLine1",
  "city",
  "postalCode",
  "country",
];

const itemPage = pageSchema(z.object({ id: z.string().min(1), number: z.string(), displayName: text }));
const variantPage = pageSchema(
  z.object({ id: z.string().min(1), itemNumber: z.string(), code: z.string(), description: text }),
);
const referencePage = pageSchema(z.object({ itemNumber: z.string(), variantCode: text, referenceType: text }));

type CustomerRow = z.infer<typeof customerRow>;

async function getPage<T extends z.ZodType>(ctx: BcContext, url: string, schema: T, what: string, operation: string) {
  const response = await ctx.send({ operation, method: "GET", url });
  return parseBc(schema, response.json, what);
}

async function customers(ctx: BcContext, filter: string, top: number): Promise<CustomerRow[]> {
  const url = `${entityUrl(ctx, "customers")}${buildQuery({ filter, select: CUSTOMER_FIELDS, top })}`;
  const page = await getPage(ctx, url, customerPage, "customers", "findCustomer");
  for (const row of page.value) ctx.idCache.set(`customer:${row.number}`, row.id);
  return page.value;
}

const found = (row: CustomerRow): FoundCustomer => ({
  number: row.number,
  displayName: row.displayName,
  email: row.email,
  city: row.city,
});
const digits = (value: string) => value.replace(/\D/g, "");
const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** BC's Customer Type option as the API names it. */
const COMPANY_TYPE = eq("type", "Company");

export async function findCustomer(ctx: BcContext, lookup: CustomerLookup): Promise<FoundCustomer | null> {
  if ("number" in lookup) return (await customers(ctx, eq("number", lookup.number), 1)).map(found)[0] ?? null;
  if ("email" in lookup) {
    const byEmail = eq("email", lookup.email.trim());
    const filter = lookup.companiesOnly ? and(byEmail, COMPANY_TYPE) : byEmail;
    return (await customers(ctx, filter, 1)).map(found)[0] ?? null;
  }
  if ("taxId" in lookup) return findByTaxId(ctx, lookup);
  if ("phone" in lookup) {
    // OData has no "digits only": narrow by the last four digits, then compare digits exactly.
    const wanted = digits(lookup.phone);
    if (wanted.length < 6) return null;
    const byPhone = `contains(phoneNumber,${odataString(wanted.slice(-4))})`;
    const rows = await customers(ctx, lookup.companiesOnly ? and(byPhone, COMPANY_TYPE) : byPhone, 50);
    // One side may carry a country prefix the other lacks.
    const hit = rows.find((r) => {
      const have = digits(r.phoneNumber);
      return have.length >= 6 && (have.endsWith(wanted) || wanted.endsWith(have));
    });
    return hit ? found(hit) : null;
  }
  const b = lookup.billTo;
  const rows = await customers(ctx, and(eq("addressLine1", b.line1), eq("postalCode", b.postalCode)), 50);
  const hit = rows.find((r) => same(r.displayName, b.name) && same(r.city, b.city) && same(r.country, b.countryCode));
  return hit ? found(hit) : null;
}

const detailPage = pageSchema(z.object({ number: z.string() }));

/**
 * VAT Registration No. is on API v2.0's customer (`taxRegistrationNumber`); Registration Number
 * only on the companion extension's `customerDetails`, so that choice needs the extension.
 */
async function findByTaxId(
  ctx: BcContext,
  lookup: { taxId: string; field: "vat_registration_number" | "registration_number" },
): Promise<FoundCustomer | null> {
  const taxId = lookup.taxId.trim();
  if (!taxId) return null;
  if (lookup.field === "vat_registration_number") {
    return (await customers(ctx, eq("taxRegistrationNumber", taxId), 1)).map(found)[0] ?? null;
  }
  const base = customUrl(ctx, ctx.config.customApis.customerDetails);
  if (base === null) throw registrationNumberNeedsCompanion();
  const url = `${base}${buildQuery({ filter: eq("registrationNumber", taxId), select: ["number"], top: 1 })}`;
  const number = (await getPage(ctx, url, detailPage, "customerDetails", "findCustomer")).value[0]?.number;
  return number ? ((await customers(ctx, eq("number", number), 1)).map(found)[0] ?? null) : null;
}

export function registrationNumberNeedsCompanion(): ErpError {
  return new ErpError({
    code: "CONFIG",
    message: "Registration Number is not in Business Central's API v2.0; it needs the companion extension",
    userMessage:
      "Install the connector's companion extension in Business Central, or match company tax ids to the VAT Registration No. (Settings → Companies).",
  });
}

export async function findItem(ctx: BcContext, lookup: ItemLookup): Promise<FoundItem | null> {
  if ("barcode" in lookup) return findByBarcode(ctx, lookup.barcode);
  if (!("number" in lookup)) {
    const url = `${entityUrl(ctx, "itemVariants")}${buildQuery({ filter: eq("code", lookup.variantCode), top: 1 })}`;
    const row = (await getPage(ctx, url, variantPage, "itemVariants", "findItem")).value[0];
    return row ? { itemNumber: row.itemNumber, variantCode: row.code, displayName: row.description } : null;
  }
  const itemUrl = `${entityUrl(ctx, "items")}${buildQuery({ filter: eq("number", lookup.number), select: ["id", "number", "displayName"], top: 1 })}`;
  const item = (await getPage(ctx, itemUrl, itemPage, "items", "findItem")).value[0];
  if (!item) return null;
  ctx.idCache.set(`item:${item.number}`, item.id);
  if (!lookup.variantCode) return { itemNumber: item.number, variantCode: "", displayName: item.displayName };
  const filter = and(eq("itemNumber", item.number), eq("code", lookup.variantCode));
  const url = `${entityUrl(ctx, "itemVariants")}${buildQuery({ filter, top: 1 })}`;
  const variant = (await getPage(ctx, url, variantPage, "itemVariants", "findItem")).value[0];
  if (!variant) return null;
  ctx.idCache.set(`variant:${item.number}\u0000${variant.code}`, variant.id);
  return { itemNumber: item.number, variantCode: variant.code, displayName: variant.description || item.displayName };
}

/** Item references (companion extension) when installed; else the item's GTIN, the standard API's only barcode. */
async function findByBarcode(ctx: BcContext, barcode: string): Promise<FoundItem | null> {
  const referencesUrl = (await ctx.capabilities()).barcodes
    ? customUrl(ctx, ctx.config.customApis.itemReferences)
    : null;
  if (referencesUrl) {
    const url = `${referencesUrl}${buildQuery({ filter: eq("referenceNumber", barcode), top: 5 })}`;
    const rows = (await getPage(ctx, url, referencePage, "itemReferences", "findItem")).value;
    const row = rows.find((r) => r.referenceType === "" || /bar ?code/i.test(r.referenceType));
    if (row) return { itemNumber: row.itemNumber, variantCode: row.variantCode, displayName: "" };
  }
  const url = `${entityUrl(ctx, "items")}${buildQuery({ filter: eq("gtin", barcode), select: ["id", "number", "displayName"], top: 1 })}`;
  const item = (await getPage(ctx, url, itemPage, "items", "findItem")).value[0];
  return item ? { itemNumber: item.number, variantCode: "", displayName: item.displayName } : null;
}

function limitOf(options: SearchOptions | undefined): number {
  return Math.min(50, Math.max(1, options?.limit ?? 20));
}

export async function searchCustomers(ctx: BcContext, text: string, options?: SearchOptions): Promise<FoundCustomer[]> {
  const t = odataString(text.trim());
  const filter = text.trim() ? `startswith(number,${t}) or contains(displayName,${t}) or contains(email,${t})` : null;
  return (await customers(ctx, filter ?? "", limitOf(options))).map(found);
}

export async function searchItems(ctx: BcContext, text: string, options?: SearchOptions): Promise<FoundItem[]> {
  const top = limitOf(options);
  const t = odataString(text.trim());
  const itemFilter = text.trim() ? `startswith(number,${t}) or contains(displayName,${t})` : null;
  const variantFilter = text.trim() ? `startswith(itemNumber,${t}) or contains(description,${t})` : null;
  const [items, variants] = await Promise.all([
    getPage(
      ctx,
      `${entityUrl(ctx, "items")}${buildQuery({ filter: itemFilter, select: ["id", "number", "displayName"], top })}`,
      itemPage,
      "items",
      "searchItems",
    ),
    getPage(
      ctx,
      `${entityUrl(ctx, "itemVariants")}${buildQuery({ filter: variantFilter, top })}`,
      variantPage,
      "itemVariants",
      "searchItems",
    ),
  ]);
  const out: FoundItem[] = [
    ...items.value.map((i) => ({ itemNumber: i.number, variantCode: "", displayName: i.displayName })),
    ...variants.value.map((v) => ({ itemNumber: v.itemNumber, variantCode: v.code, displayName: v.description })),
  ];
  out.sort((a, b) => a.itemNumber.localeCompare(b.itemNumber) || a.variantCode.localeCompare(b.variantCode));
  return out.slice(0, top);
}
