import { isErpError } from "../adapters/erp/errors.ts";
import type { ErpAdapter, PullPage } from "../adapters/erp/port.ts";
import type { ErpLocation, ErpStockCalculation } from "../adapters/erp/types.ts";
import { erpAdapterForShop } from "../erp/connections.ts";

/** An ERP location a Shopify location can sum the stock of. */
export interface ErpLocationOption {
  code: string;
  displayName: string;
}

/**
 * What the shop's ERP offers the Locations page: its locations and its stock calculations.
 * `status` says why a list may be empty: no connection yet, or the ERP did not answer (the page
 * then shows the stored mapping read-only rather than offering codes it cannot check).
 */
export type ErpLocationOptions =
  | {
      status: "ready";
      locations: ErpLocationOption[];
      perLocationStock: boolean;
      /** The adapter's calculations; the first is what "the ERP's default" (null) means. */
      stockCalculations: readonly ErpStockCalculation[];
    }
  | { status: "not-connected" }
  | { status: "unavailable"; message: string };

/** An ERP has a few dozen locations; a hundred pages would be a runaway cursor, not a real list. */
const MAX_PAGES = 100;

/** Every location the ERP has now (a full pull from no cursor: the list is small and never stored). */
export async function readErpLocations(adapter: ErpAdapter): Promise<ErpLocationOption[]> {
  const byCode = new Map<string, ErpLocationOption>();
  let cursor: string | null = null;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const page: PullPage<ErpLocation> = await adapter.pull("locations", { cursor });
    // Delivery is at least once: a location can come twice; the code is its key.
    for (const { data } of page.records) byCode.set(data.code, { code: data.code, displayName: data.displayName });
    if (!page.hasMore) break;
    cursor = page.cursor;
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export async function loadErpLocationOptions(shopId: number): Promise<ErpLocationOptions> {
  try {
    const adapter = await erpAdapterForShop(shopId);
    if (!adapter) return { status: "not-connected" };
    const [capabilities, locations] = await Promise.all([adapter.capabilities(), readErpLocations(adapter)]);
    return {
      status: "ready",
      locations,
      perLocationStock: capabilities.perLocationStock,
      stockCalculations: capabilities.perLocationStock ? capabilities.stockCalculations : [],
    };
  } catch (error) {
    if (!isErpError(error)) throw error;
    return {
      status: "unavailable",
      message: error.userMessage ?? `The ERP did not answer (${error.message}).`,
    };
  }
}
