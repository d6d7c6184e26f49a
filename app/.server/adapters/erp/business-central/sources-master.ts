import { z } from "zod";

import type { ErpAddress, ErpCustomer, ErpItem, ErpLocation } from "../types.ts";
import { entityUrl } from "./context.ts";
import { pullSource } from "./pull-source.ts";
import { rowBase, text } from "./schemas.ts";

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
    "taxRegistrationNumber",
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
    taxRegistrationNumber: text,
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
    taxRegistrationNumber: row.taxRegistrationNumber,
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
