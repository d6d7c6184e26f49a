import { z } from "zod";

import { ErpError, isErpError } from "../errors.ts";
import type { CustomerInput, ItemInput, WriteResult } from "../port.ts";
import { type BcContext, customUrl, entityUrl, keySegment } from "./context.ts";
import { registrationNumberNeedsCompanion } from "./find-records.ts";
import { and, buildQuery, eq } from "./odata.ts";
import { fromDecimal, pageSchema, parseBc } from "./schemas.ts";
import { requireValue, upsertByKey } from "./upsert.ts";

const ITEM_TYPES = { inventory: "Inventory", service: "Service", nonInventory: "Non-Inventory" } as const;

/**
 * By number once linked; by email before that (BC has no unique email, the first match wins); a
 * B2B company by its main contact's email, else its name, among company customers.
 */
function customerKeyFilter(key: CustomerInput["shopifyKey"]): { filter: string; email?: string } {
  switch (key.kind) {
    case "number":
      return { filter: eq("number", requireValue(key.value, "customer number")) };
    case "email": {
      const email = requireValue(key.value, "customer email");
      return { filter: eq("email", email), email };
    }
    case "company": {
      const byWhat = key.email ? eq("email", key.email) : eq("displayName", requireValue(key.name, "company name"));
      return { filter: and(byWhat, eq("type", "Company")) };
    }
  }
}

export async function upsertCustomer(ctx: BcContext, input: CustomerInput): Promise<WriteResult> {
  const key = customerKeyFilter(input.shopifyKey);
  const a = input.address;
  const fields = {
    displayName: input.displayName,
    type: input.type === undefined ? undefined : input.type === "company" ? "Company" : "Person",
    email: input.email ?? key.email,
    phoneNumber: input.phoneNumber,
    currencyCode: input.currencyCode,
    taxLiable: input.taxLiable,
    taxRegistrationNumber: input.taxRegistrationNumber,
    paymentTermsId: input.paymentTermsCode ? await paymentTermsId(ctx, input.paymentTermsCode) : undefined,
    ...(a
      ? {
          addressLine1: a.line1,
          addressLine2: a.line2,
          city: a.city,
          state: a.state,
          country: a.countryCode,
          postalCode: a.postalCode,
        }
      : {}),
  };
  const detailsUrl =
    input.registrationNumber === undefined ? null : customUrl(ctx, ctx.config.customApis.customerDetails);
  if (input.registrationNumber !== undefined && detailsUrl === null) throw registrationNumberNeedsCompanion();
  let template: CustomerTemplate | null = null;
  const result = await upsertByKey(ctx, {
    operation: "upsertCustomer",
    entitySet: "customers",
    filter: key.filter,
    fields: Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
    ...(input.knownNew ? { knownNew: true } : {}),
    createOnly: async () => {
      template = input.templateNumber ? await customerTemplate(ctx, input.templateNumber) : null;
      return {
        ...(template?.kind === "customer" ? template.fields : {}),
        ...(input.shopifyKey.kind === "number" ? { number: input.shopifyKey.value } : {}),
      };
    },
  });
  ctx.idCache.set(`customer:${result.ref.number}`, result.ref.id);
  const made = template as CustomerTemplate | null;
  if (result.created && made?.kind === "template") {
    // BC applies a template to a customer that exists (Customer Templ. Mgt.): create, then apply.
    await ctx.send({
      operation: "applyCustomerTemplate",
      method: "POST",
      url: `${made.url}/Microsoft.NAV.applyToCustomer`,
      body: { customerNumber: result.ref.number, updateExistingValues: false },
    });
  }
  if (detailsUrl !== null && input.registrationNumber !== undefined) {
    // Same record as `customers` (same etag): only written when it differs.
    await upsertByKey(ctx, {
      operation: "upsertCustomer",
      url: detailsUrl,
      entitySet: "customerDetails",
      filter: eq("number", result.ref.number),
      fields: { registrationNumber: input.registrationNumber },
      mustExist: true,
    });
  }
  return result;
}

const paymentTermsPage = pageSchema(z.object({ id: z.string().min(1), code: z.string() }));

/** API v2.0 takes payment terms by id: the code the shop maps to, looked up once per adapter. */
async function paymentTermsId(ctx: BcContext, code: string): Promise<string> {
  const cacheKey = `paymentTerms:${code}`;
  const cached = ctx.idCache.get(cacheKey);
  if (cached) return cached;
  const response = await ctx.send({
    operation: "upsertCustomer",
    method: "GET",
    url: `${entityUrl(ctx, "paymentTerms")}${buildQuery({ filter: eq("code", code), select: ["id", "code"], top: 1 })}`,
  });
  const id = parseBc(paymentTermsPage, response.json, "paymentTerms").value[0]?.id;
  if (!id) {
    throw new ErpError({
      code: "VALIDATION",
      message: `Business Central has no payment terms ${code}`,
      userMessage: `Create payment terms ${code} in Business Central, or map the Shopify payment terms to existing ones (Settings → Companies).`,
    });
  }
  ctx.idCache.set(cacheKey, id);
  return id;
}

type CustomerTemplate = { kind: "template"; url: string } | { kind: "customer"; fields: Record<string, unknown> };

/**
 * A customer template code (BC's Customer Templ., through the companion page; applied after the
 * create with its action) or, where there is no such template, a template *customer* whose terms
 * are copied into the create (works on plain API v2.0).
 */
async function customerTemplate(ctx: BcContext, code: string): Promise<CustomerTemplate> {
  const base = customUrl(ctx, ctx.config.customApis.customerTemplates);
  if (base !== null) {
    try {
      const response = await ctx.send({
        operation: "customerTemplate",
        method: "GET",
        url: `${base}${buildQuery({ filter: eq("code", code), select: ["id", "code"] })}`,
        maxPageSize: 1,
      });
      const found = parseBc(
        pageSchema(z.object({ id: z.string(), code: z.string() })),
        response.json,
        "customerTemplates",
      ).value[0];
      if (found) return { kind: "template", url: `${base}${keySegment(found.id)}` };
    } catch (error) {
      // The companion extension is not installed: template customers only.
      if (!(isErpError(error) && error.code === "NOT_FOUND")) throw error;
    }
  }
  return { kind: "customer", fields: await templateFields(ctx, code) };
}

export async function upsertItem(ctx: BcContext, input: ItemInput): Promise<WriteResult> {
  const number = requireValue(input.number, "item number");
  const result = await upsertByKey(ctx, {
    operation: "upsertItem",
    entitySet: "items",
    filter: eq("number", number),
    // Absent fields are left out, or they would overwrite the template's on create.
    fields: definedFields({
      displayName: input.displayName,
      displayName2: input.displayName2,
      type: input.type === undefined ? undefined : ITEM_TYPES[input.type],
      unitPrice: input.unitPrice === undefined ? undefined : fromDecimal(input.unitPrice, "unitPrice"),
      unitCost: input.unitCost === undefined ? undefined : fromDecimal(input.unitCost, "unitCost"),
      gtin: input.gtin,
      itemCategoryCode: input.itemCategoryCode,
      baseUnitOfMeasureCode: input.baseUnitOfMeasureCode,
    }),
    createOnly: async () => ({
      ...(input.templateNumber ? await itemTemplateFields(ctx, input.templateNumber) : {}),
      number,
    }),
  });
  ctx.idCache.set(`item:${number}`, result.ref.id);
  return result;
}

/**
 * What a new customer takes over from its template customer (BC's API v2.0 has no customer
 * templates: a merchant keeps a template *customer* with the terms new web customers should get).
 * Only fields the server returned are copied, so an installation without one of them is fine.
 */
const TEMPLATE_FIELDS = [
  "type",
  "taxLiable",
  "taxAreaId",
  "currencyCode",
  "paymentTermsId",
  "shipmentMethodId",
  "paymentMethodId",
  "creditLimit",
] as const;

function definedFields(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/**
 * What a new item takes over from its template item. API v2.0 has no item templates (BC's
 * "Item Templ." table has no API page), so, as for customers, a merchant names an item to copy.
 */
const ITEM_TEMPLATE_FIELDS = [
  "type",
  "itemCategoryCode",
  "taxGroupCode",
  "baseUnitOfMeasureCode",
  "generalProductPostingGroupCode",
  "inventoryPostingGroupCode",
  "priceIncludesTax",
] as const;

async function itemTemplateFields(ctx: BcContext, templateNumber: string): Promise<Record<string, unknown>> {
  const url = `${entityUrl(ctx, "items")}${buildQuery({ filter: eq("number", templateNumber), select: [...ITEM_TEMPLATE_FIELDS] })}`;
  const response = await ctx.send({ operation: "itemTemplate", method: "GET", url, maxPageSize: 1 });
  const template = parseBc(pageSchema(z.record(z.string(), z.unknown())), response.json, "items").value[0];
  if (!template) {
    throw new ErpError({
      code: "VALIDATION",
      message: `template item ${templateNumber} does not exist in Business Central`,
      userMessage: `The template item ${templateNumber} does not exist in Business Central; check Settings → Products.`,
    });
  }
  return Object.fromEntries(
    ITEM_TEMPLATE_FIELDS.filter((field) => field in template && template[field] !== "").map((field) => [
      field,
      template[field],
    ]),
  );
}

async function templateFields(ctx: BcContext, templateNumber: string): Promise<Record<string, unknown>> {
  const url = `${entityUrl(ctx, "customers")}${buildQuery({ filter: eq("number", templateNumber) })}`;
  const response = await ctx.send({ operation: "customerTemplate", method: "GET", url, maxPageSize: 1 });
  const template = parseBc(pageSchema(z.record(z.string(), z.unknown())), response.json, "customers").value[0];
  if (!template) {
    throw new ErpError({
      code: "VALIDATION",
      message: `customer template or template customer ${templateNumber} does not exist in Business Central`,
      userMessage: `Neither a customer template nor a template customer ${templateNumber} exists in Business Central; check Settings → Customers.`,
    });
  }
  return Object.fromEntries(
    TEMPLATE_FIELDS.filter((field) => field in template).map((field) => [field, template[field]]),
  );
}
