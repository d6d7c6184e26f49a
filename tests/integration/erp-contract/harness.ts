import type { ErpAdapter } from "../../../app/.server/adapters/erp/port.ts";
import type { ErpCallRecord } from "../../../app/.server/adapters/erp/request-log.ts";

/**
 * What the contract suite needs from the ERP side, in ERP-neutral words. Each implementation
 * drives its ERP (or sandbox) directly, never through the adapter under test.
 */
export interface ErpContractHarness {
  /** Master data a sales document can reference. */
  fixtures: { customerNumber: string; itemNumber: string; variantCode: string; locationCode: string };
  /** What order processing looks customers and items up by, for the lookup contract. */
  lookupFixtures: {
    customer: {
      number: string;
      displayName: string;
      email: string;
      phone: string;
      line1: string;
      postalCode: string;
      city: string;
      countryCode: string;
    };
    /** A barcode of `fixtures.itemNumber` + `fixtures.variantCode`. */
    variantBarcode: string;
    /** A G/L account sales lines may be charged to, and ones the ERP refuses on a sales line. */
    accounts: { chargeable: { number: string; displayName: string }; refused: string[] };
  };
  /** For the catalog contract: an item with a picture, one without, and a price group the ERP knows. */
  catalogFixtures: { picturedItemId: string; unpicturedItemId: string; priceGroup: string };
  /** Blocks an item ERP-side, for everything or for sales only, as a merchant would. */
  blockItem(id: string, how: "blocked" | "salesBlocked"): Promise<void>;
  /** Enters a price rule ERP-side: a price or a line discount for a price group ("" = everyone). */
  addPriceRule(rule: {
    itemNumber: string;
    variantCode: string;
    priceGroup: string;
    unitPrice?: string;
    discountPercent?: number;
  }): Promise<void>;
  /** Creates items; `modifiedAt` forces their change timestamp (equal stamps, late commits). */
  createItems(count: number, options?: { modifiedAt?: string }): Promise<Array<{ id: string; number: string }>>;
  /** Changes an item ERP-side, so its change timestamp and version move on. */
  touchItem(id: string): Promise<void>;
  /** The ERP's "now" as an ISO timestamp. */
  now(): string;
  /** Posts a shipment with tracking for an open order, as the warehouse would. */
  shipOrder(orderId: string, tracking: { number: string; agent: string; service: string }): Promise<void>;
  /** The next `count` requests matching fail with `status` (and the ERP's code for it). */
  injectFailures(rule: {
    status: number;
    count: number;
    method?: string;
    pathPattern?: string;
    retryAfterSeconds?: number | null;
  }): void;
  setServerLimits(limits: { maxConcurrent?: number; latencyMs?: number }): void;
  /** Most requests the ERP saw executing at once since the last reset. */
  maxObservedConcurrency(): number;
  resetRequestLog(): void;
  /** Every request line the ERP recorded, as text (to search for leaks). */
  serverLogText(): string;
  /** Installs or removes the optional API extension; fresh adapters see the change. */
  setExtensionInstalled(installed: boolean): void;
  /** A new adapter for the same ERP with some settings changed. */
  adapterWith(overrides: {
    secret?: string;
    clientId?: string;
    tenant?: string;
    noCompany?: boolean;
    maxRetries?: number;
  }): ErpAdapter;
  /** The adapter-side request log of every adapter this harness built. */
  calls: ErpCallRecord[];
  /** Strings that must never appear in errors or logs. */
  secrets: string[];
}

export interface ErpContractSetup {
  adapter: ErpAdapter;
  harness: ErpContractHarness;
}
