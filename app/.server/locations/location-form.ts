import { z } from "zod";

import type { ShopLocationRow } from "../../../db/schema/shop-locations.ts";
import type { LocationMapping } from "../queries/shop-locations.ts";
import type { ErpLocationOptions } from "./erp-location-options.ts";

/** The fields of one location's form, as the page posts them (one save per location). */
export type LocationFormField = "location" | "erpLocationCodes" | "stockCalculation" | "defaultForProducts";

export type LocationFormResult =
  | { ok: true; shopifyLocationId: string; mapping: LocationMapping }
  | {
      ok: false;
      shopifyLocationId: string | null;
      message: string;
      fieldErrors: Partial<Record<LocationFormField, string>>;
    };

/**
 * The post's shape. ERP codes come one form value each (a multi-select); they are not restricted
 * to a character set here because the ERP's own list is the check (BC codes may hold spaces).
 */
const locationFormSchema = z.object({
  location: z.string().regex(/^gid:\/\/shopify\/Location\/\d+$/, "is not a Shopify location"),
  erpLocationCodes: z
    .array(z.string().trim().min(1, "must not be empty").max(50, "must be at most 50 characters"))
    .max(100, "at most 100 ERP locations"),
  /** "" = the ERP's default calculation. */
  stockCalculation: z.string().trim().max(100, "must be at most 100 characters"),
  defaultForProducts: z.enum(["true", "false"], { error: 'must be "true" or "false"' }),
});

export type LocationFormInput = z.input<typeof locationFormSchema>;

/** The form data as the schema's input; absent fields become what an unticked form sends. */
export function locationFormInput(form: FormData): Record<string, unknown> {
  const one = (name: string, fallback: string) => {
    const value = form.get(name);
    return value === null ? fallback : value;
  };
  return {
    location: one("location", ""),
    erpLocationCodes: form.getAll("erpLocationCodes"),
    stockCalculation: one("stockCalculation", ""),
    defaultForProducts: one("defaultForProducts", "false"),
  };
}

const failed = (
  shopifyLocationId: string | null,
  fieldErrors: Partial<Record<LocationFormField, string>>,
): LocationFormResult => ({
  ok: false,
  shopifyLocationId,
  message: "The location was not saved: correct the fields marked below.",
  fieldErrors,
});

/**
 * Checks a post against the stored location and what the ERP offers. Nothing the ERP could not
 * confirm is accepted: a code or calculation that is new to this location needs the ERP's list;
 * what was stored before (checked when it was saved) may stay while the ERP is away, so the
 * default-location choice can still be changed.
 */
export function validateLocationForm(input: {
  raw: Record<string, unknown>;
  stored: ShopLocationRow | undefined;
  erp: ErpLocationOptions;
}): LocationFormResult {
  const parsed = locationFormSchema.safeParse(input.raw);
  const location = typeof input.raw.location === "string" ? input.raw.location : null;
  if (!parsed.success) {
    const fieldErrors: Partial<Record<LocationFormField, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "location") as LocationFormField;
      fieldErrors[field] ??= issue.message;
    }
    return failed(location, fieldErrors);
  }
  const form = parsed.data;
  const stored = input.stored;
  if (!stored) return failed(form.location, { location: "is not a location of this shop; reload the page" });
  if (stored.removedAt) {
    return failed(form.location, {
      location: "was removed from your store: it is kept for its history and cannot be changed",
    });
  }
  if (stored.fulfillmentService) {
    return failed(form.location, {
      location: `belongs to the fulfilment service ${stored.fulfillmentService}, which keeps its own stock: it is not synced`,
    });
  }

  const fieldErrors: Partial<Record<LocationFormField, string>> = {};
  const codes = [...new Set(form.erpLocationCodes)];
  const newCodes = codes.filter((code) => !stored.erpLocationCodes.includes(code));
  const calculation = form.stockCalculation === "" ? null : form.stockCalculation;
  const erp = input.erp;
  if (erp.status !== "ready") {
    const why = erp.status === "not-connected" ? "connect your ERP first" : "the ERP's list could not be read";
    if (newCodes.length > 0) fieldErrors.erpLocationCodes = `cannot be checked: ${why}`;
    if (calculation !== stored.stockCalculation) fieldErrors.stockCalculation = `cannot be checked: ${why}`;
  } else {
    const known = new Set(erp.locations.map((l) => l.code));
    const unknown = codes.filter((code) => !known.has(code));
    if (unknown.length > 0) {
      fieldErrors.erpLocationCodes = `${unknown.map((code) => `"${code}"`).join(", ")} ${unknown.length === 1 ? "is not a location" : "are not locations"} in the ERP`;
    }
    if (calculation !== null && !erp.perLocationStock) {
      fieldErrors.stockCalculation = "cannot be chosen: this ERP connection has no stock per location";
    } else if (calculation !== null && !erp.stockCalculations.some((c) => c.id === calculation)) {
      fieldErrors.stockCalculation = `"${calculation}" is not a stock calculation of this ERP`;
    }
  }
  const makeDefault = form.defaultForProducts === "true";
  if (makeDefault && !stored.isActive) {
    fieldErrors.defaultForProducts = "cannot be an inactive location: new products could not be stocked there";
  }
  if (Object.keys(fieldErrors).length > 0) return failed(form.location, fieldErrors);
  return {
    ok: true,
    shopifyLocationId: form.location,
    mapping: { erpLocationCodes: codes, stockCalculation: calculation, defaultForProducts: makeDefault },
  };
}
