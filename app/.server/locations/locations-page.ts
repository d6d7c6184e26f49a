import { TransactionRollbackError } from "drizzle-orm";

import type { ShopLocationRow } from "../../../db/schema/shop-locations.ts";
import type { ShopifyAdmin } from "../adapters/shopify/admin-port.ts";
import { getDb } from "../db.ts";
import { formatDateTime } from "../format/format.ts";
import {
  getShopLocation,
  listShopLocations,
  saveLocationMapping,
  saveStoreLocations,
} from "../queries/shop-locations.ts";
import { shopifyAdminForShopId } from "../shopify/admin-for-shop-id.ts";
import { type ErpLocationOptions, loadErpLocationOptions } from "./erp-location-options.ts";
import { locationFormInput, type LocationFormResult, validateLocationForm } from "./location-form.ts";
import { legacyLocationId } from "./location-ids.ts";
import { readStoreLocations } from "./refresh-locations.ts";

/** One choice of the ERP-locations multi-select. */
export interface ErpCodeChoice {
  value: string;
  label: string;
}

/** One Shopify location as the page shows it. */
export interface LocationCard {
  shopifyLocationId: string;
  /** The number in the location's gid, as Shopify admin shows it in URLs. */
  legacyId: string;
  name: string;
  isActive: boolean;
  /** The fulfilment service's name: its location keeps its own stock and is never synced. */
  fulfillmentService: string | null;
  /** "Removed on …" for a location gone from the store; null while it is there. */
  removed: string | null;
  /** Only the store's own locations that are still there take a mapping. */
  editable: boolean;
  erpLocationCodes: string[];
  /** "" = the ERP's default calculation. */
  stockCalculation: string;
  defaultForProducts: boolean;
  /** The multi-select's choices: the ERP's locations, plus stored codes the ERP no longer has. */
  codeChoices: ErpCodeChoice[];
}

export interface StockCalculationChoice {
  /** "" = the ERP's default. */
  value: string;
  label: string;
  description: string;
}

export interface LocationsPage {
  locations: LocationCard[];
  /** Set when the store could not be read: the list is the one last read. */
  storeWarning: string | null;
  erp: {
    status: ErpLocationOptions["status"];
    /** Why codes cannot be chosen now (no ERP, ERP away); null when they can. */
    warning: string | null;
    /** Whether the stock calculation is offered (the ERP reports stock per location). */
    perLocationStock: boolean;
    stockCalculations: StockCalculationChoice[];
  };
}

/** The calculations as choices: "" first, named after the ERP's default (its first). */
export function stockCalculationChoices(erp: ErpLocationOptions): StockCalculationChoice[] {
  if (erp.status !== "ready" || !erp.perLocationStock) return [];
  const [first] = erp.stockCalculations;
  const fallback: StockCalculationChoice[] = first
    ? [{ value: "", label: `ERP default (${first.label})`, description: first.description }]
    : [];
  return [
    ...fallback,
    ...erp.stockCalculations.map((c) => ({ value: c.id, label: c.label, description: c.description })),
  ];
}

/** The page's cards from the stored rows (already in the page's order: by name, removed ones last). */
export function locationCards(rows: readonly ShopLocationRow[], erp: ErpLocationOptions): LocationCard[] {
  const erpChoices = erp.status === "ready" ? erp.locations : [];
  return rows.map((row) => {
    const known = new Set(erpChoices.map((l) => l.code));
    const gone = row.erpLocationCodes.filter((code) => !known.has(code));
    const goneLabel = erp.status === "ready" ? " (not in the ERP any more)" : "";
    return {
      shopifyLocationId: row.shopifyLocationId,
      legacyId: legacyLocationId(row.shopifyLocationId),
      name: row.name,
      isActive: row.isActive,
      fulfillmentService: row.fulfillmentService,
      removed: row.removedAt ? `Removed from the store on ${formatDateTime(row.removedAt)}` : null,
      editable: row.removedAt === null && row.fulfillmentService === null,
      erpLocationCodes: row.erpLocationCodes,
      stockCalculation: row.stockCalculation ?? "",
      defaultForProducts: row.defaultForProducts,
      codeChoices: [
        ...erpChoices.map((l) => ({ value: l.code, label: l.displayName ? `${l.code} · ${l.displayName}` : l.code })),
        ...gone.map((code) => ({ value: code, label: `${code}${goneLabel}` })),
      ],
    };
  });
}

function erpWarning(erp: ErpLocationOptions): string | null {
  if (erp.status === "not-connected") {
    return "No ERP is connected: connect it on the ERP connection page to choose the ERP locations whose stock each Shopify location shows.";
  }
  if (erp.status === "unavailable") {
    return `The ERP's locations could not be read, so the mapping cannot be changed now (the default location can). ${erp.message}`;
  }
  return null;
}

/**
 * The Locations page: the store's list read again on each visit (a location added in Shopify
 * appears at once, unmapped), and what the ERP offers. The store not answering shows the list as
 * last read, with a warning, rather than no page; a database error still fails the page.
 */
export async function loadLocationsPage(
  shopId: number,
  options: { now: Date; admin?: ShopifyAdmin },
): Promise<LocationsPage> {
  const db = getDb();
  let storeWarning: string | null = null;
  const read = await (async () => {
    try {
      return await readStoreLocations(options.admin ?? (await shopifyAdminForShopId(shopId)));
    } catch (error) {
      storeWarning = `Shopify did not answer, so this is the list as last read; it may miss recent changes. (${error instanceof Error ? error.message : String(error)})`;
      return null;
    }
  })();
  // The same write refreshShopLocations makes, outside the try: only the store's silence is forgiven.
  if (read) await saveStoreLocations(db, { shopId, locations: read, now: options.now });
  const [rows, erp] = await Promise.all([listShopLocations(db, shopId), loadErpLocationOptions(shopId)]);
  return {
    locations: locationCards(rows, erp),
    storeWarning,
    erp: {
      status: erp.status,
      warning: erpWarning(erp),
      perLocationStock: erp.status === "ready" && erp.perLocationStock,
      stockCalculations: stockCalculationChoices(erp),
    },
  };
}

export type LocationSaveResult =
  { ok: true; shopifyLocationId: string; message: string } | Extract<LocationFormResult, { ok: false }>;

/**
 * Saves one location's mapping: validated against the stored location and the ERP's lists first,
 * then written in one transaction (making it the default clears the shop's other default).
 */
export async function saveLocationForm(
  shopId: number,
  form: FormData,
  options: { now: Date },
): Promise<LocationSaveResult> {
  const db = getDb();
  const raw = locationFormInput(form);
  const stored =
    typeof raw.location === "string" && raw.location !== ""
      ? await getShopLocation(db, { shopId, shopifyLocationId: raw.location })
      : undefined;
  const erp = stored ? await loadErpLocationOptions(shopId) : ({ status: "not-connected" } as const);
  const result = validateLocationForm({ raw, stored, erp });
  if (!result.ok) return result;
  const saved = await db
    .transaction(async (tx) => {
      const found = await saveLocationMapping(tx, {
        shopId,
        shopifyLocationId: result.shopifyLocationId,
        mapping: result.mapping,
        now: options.now,
      });
      // Gone between the check and the write: roll back the cleared default too.
      if (!found) tx.rollback();
      return found;
    })
    .catch((error: unknown) => {
      if (error instanceof TransactionRollbackError) return false;
      throw error;
    });
  if (!saved) {
    return {
      ok: false,
      shopifyLocationId: result.shopifyLocationId,
      message: "The location was not saved.",
      fieldErrors: { location: "is not a location of this shop; reload the page" },
    };
  }
  const codes = result.mapping.erpLocationCodes;
  const what = codes.length === 0 ? "its stock is not synced" : `stock from ${codes.join(" + ")}`;
  return {
    ok: true,
    shopifyLocationId: result.shopifyLocationId,
    message: `${stored?.name ?? "Location"} saved: ${what}.`,
  };
}
