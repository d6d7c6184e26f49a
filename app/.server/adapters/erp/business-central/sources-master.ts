import { z } from "zod";

import type { ErpAddress, ErpCustomer, ErpItem, ErpItemVariant, ErpLocation } from "../types.ts";
import { entityUrl } from "./context.ts";
import { pullSource } from "./pull-source.ts";
import { bool, num, rowBase, text, toDecimal } from "./schemas.ts";

const addressFields = ["addressLine1", "addressLine2", "city", "state", "country", "postalCode"] as const;
const addressRow = {
  addressLine1: text,
  addressLine2: text,
  city: text,
  state: text,
  country: text,
  postalCode: text,
};

function address(row: Record<(typeof addressFields)[number], string>): ErpAddress {
  return {
    line1: row.addressLine1,
    line2: row.addressLine2,
    city: row.city,
    state: row.state,
    countryCode: row.country,
    postalCode: row.postalCode,
  };
}

/** BC's enum values as they come over OData ("Non-Inventory" is escaped as _x002D_). */
export function itemTypeFromBc(type: string): ErpItem["type"] {
  if (type === "Service") return "service";
  if (type === "Inventory") return "inventory";
  return "nonInventory";
}

export const itemsSource = pullSource({
  name: "items",
  url: (ctx) => entityUrl(ctx, "items"),
  select: [
    "id",
    "number",
    "displayName",
    "type",
    "blocked",
    "gtin",
    "unitPrice",
    "priceIncludesTax",
    "baseUnitOfMeasureCode",
    "itemCategoryCode",
    "inventory",
    "lastModifiedDateTime",
  ],
  row: z.object({
    ...rowBase,
    number: z.string(),
    displayName: text,
    type: text,
    blocked: bool,
    gtin: text,
    unitPrice: num,
    priceIncludesTax: bool,
    baseUnitOfMeasureCode: text,
    itemCategoryCode: text,
    inventory: num,
  }),
  map: (row): ErpItem => ({
    number: row.number,
    displayName: row.displayName,
    type: itemTypeFromBc(row.type),
    blocked: row.blocked,
    gtin: row.gtin,
    unitPrice: toDecimal(row.unitPrice),
    priceIncludesTax: row.priceIncludesTax,
    baseUnitOfMeasureCode: row.baseUnitOfMeasureCode,
    itemCategoryCode: row.itemCategoryCode,
    inventory: row.inventory,
  }),
});

export const itemVariantsSource = pullSource({
  name: "itemVariants",
  url: (ctx) => entityUrl(ctx, "itemVariants"),
  select: ["id", "itemId", "itemNumber", "code", "description", "lastModifiedDateTime"],
  row: z.object({ ...rowBase, itemId: z.string(), itemNumber: text, code: z.string(), description: text }),
  map: (row): ErpItemVariant => ({
    itemId: row.itemId,
    itemNumber: row.itemNumber,
    code: row.code,
    description: row.description,
  }),
});

export const customersSource = pullSource({
  name: "customers",
  url: (ctx) => entityUrl(ctx, "customers"),
  select: [
    "id",
    "number",
    "displayName",
    "type",
    ...addressFields,
    "phoneNumber",
    "email",
    "currencyCode",
    "blocked",
    "lastModifiedDateTime",
  ],
  row: z.object({
    ...rowBase,
    ...addressRow,
    number: z.string(),
    displayName: text,
    type: text,
    phoneNumber: text,
    email: text,
    currencyCode: text,
    blocked: text,
  }),
  map: (row): ErpCustomer => ({
    number: row.number,
    displayName: row.displayName,
    type: row.type === "Company" ? "company" : "person",
    email: row.email,
    phoneNumber: row.phoneNumber,
    address: address(row),
    currencyCode: row.currencyCode,
    // BC's Blocked is an option: " " (not blocked), "Ship", "Invoice", "All".
    blocked: row.blocked.trim() !== "",
  }),
});

export const locationsSource = pullSource({
  name: "locations",
  url: (ctx) => entityUrl(ctx, "locations"),
  select: ["id", "code", "displayName", ...addressFields, "lastModifiedDateTime"],
  row: z.object({ ...rowBase, ...addressRow, code: z.string(), displayName: text }),
  map: (row): ErpLocation => ({ code: row.code, displayName: row.displayName, address: address(row) }),
});
