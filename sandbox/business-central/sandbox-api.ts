import type { PersistenceFiles } from "../common/journal-file.ts";
import type { SeedCatalogOptions } from "../shopify/seed/catalog-types.ts";
import type { InventoryAdjustmentInput } from "./http/body-schemas.ts";
import type { FailureInjector, FailureRuleInput, Knobs, KnobsPatch } from "./http/knobs.ts";
import type { RequestLog } from "./http/request-log.ts";
import type { CompanyData } from "./store/company-data.ts";
import type { ShipmentOptions } from "./store/posting.ts";
import type { InventoryByLocationRow, ItemLedgerEntryRow, ItemRow, SalesShipmentRow } from "./store/row-types.ts";
import type { SeedSummary } from "./store/seed.ts";
import type { TenantInput, TenantRegistry } from "./store/tenants.ts";

export interface BusinessCentralSandboxOptions {
  /** 0 (default) picks an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Clock for token expiry, lastModifiedDateTime and document dates. Default Date.now. */
  now?: () => number;
  /** Requests executing at once per tenant + principal before 429. Default 5 (BC online). */
  maxConcurrent?: number;
  log?: (line: string) => void;
  /**
   * Keep the sandbox on disk: loaded from the snapshot + journal on start, every change appended
   * to the journal before its answer, `save()` rewrites the snapshot. Without it, memory only.
   * `log` (default: the sandbox's) hears what could not be restored.
   */
  persistence?: PersistenceFiles & { log?: (line: string) => void };
}

/** What createBusinessCentralSandbox resolves to. */
export interface BusinessCentralSandbox {
  /** Origin, e.g. `http://127.0.0.1:8791`. */
  url: string;
  port: number;
  tenants: TenantRegistry;
  readonly knobs: Readonly<Knobs>;
  setKnobs(patch: KnobsPatch): Knobs;
  /** Fails the next `count` requests whose method and path match with a BC-shaped error. */
  failNext(rule: FailureRuleInput): void;
  failures: FailureInjector;
  requestLog: RequestLog;
  addTenant(input: TenantInput): void;
  addCompany(
    tenantId: string,
    environment: string,
    input: { id?: string; name: string; displayName?: string },
  ): CompanyData;
  /** Direct store access (tables of one company) for tests. */
  company(tenantId: string, environment: string, companyId: string): CompanyData;
  /** Loads generateSeedCatalog(options), the catalog the Shopify sandbox seeds for the same options. */
  seed(tenantId: string, environment: string, companyId: string, options?: SeedCatalogOptions): SeedSummary;
  /** As if the warehouse shipped the order: a posted sales shipment with tracking data. */
  postShipment(
    tenantId: string,
    environment: string,
    companyId: string,
    orderId: string,
    options?: ShipmentOptions,
  ): SalesShipmentRow;
  /** Sets one item/variant/location's stock to `quantity` by posting the difference as an adjustment. */
  setInventory(
    tenantId: string,
    environment: string,
    companyId: string,
    target: { itemNumber: string; variantCode?: string; locationCode: string; quantity: number },
  ): void;
  /**
   * What a user's posted item journal line does (the companion page POST inventoryAdjustments):
   * a Positive/Negative Adjmt. item ledger entry; throws BcError (400) as BC validates it.
   */
  postInventoryAdjustment(
    tenantId: string,
    environment: string,
    companyId: string,
    input: InventoryAdjustmentInput,
  ): ItemLedgerEntryRow;
  /** Sets the units reserved from inventory for one item/variant/location (404 unknown item). */
  reserve(
    tenantId: string,
    environment: string,
    companyId: string,
    target: {
      itemNumber: string;
      variantCode?: string | undefined;
      locationCode?: string | undefined;
      quantity: number;
    },
  ): InventoryByLocationRow;
  /** Validates and sets an item's type; refused (400) while it has ledger entries or open sales lines. */
  setItemType(
    tenantId: string,
    environment: string,
    companyId: string,
    itemNumber: string,
    type: ItemRow["type"],
  ): ItemRow;
  /** `${url}/v2.0/${tenant}/${environment}/api/v2.0` */
  apiBaseUrl(tenantId: string, environment: string): string;
  /** `${url}/v2.0/${tenant}/${environment}/api/shopifyErpConnector/connector/v1.0` */
  customApiBaseUrl(tenantId: string, environment: string): string;
  /** `${url}/${tenant}/oauth2/v2.0/token` */
  tokenUrl(tenantId: string): string;
  /**
   * Every tenant (clients, Basic auth, environments, companies with their rows, row versions, clock
   * watermark and number series) as versioned JSON-safe data. Tokens, knobs, failure rules and the
   * request log are not part of it.
   */
  snapshot(): unknown;
  /**
   * Replaces every tenant with a `snapshot()` value and drops issued tokens (clients get new ones with
   * their secrets). Throws, changing nothing, on a malformed or unsupported-version value.
   */
  restore(snapshot: unknown): void;
  /** With `persistence`: whether a snapshot or journal was there and loaded on start. */
  restored: boolean;
  /** With `persistence`: journal what is pending, rewrite the snapshot, empty the journal. */
  save(): Promise<void>;
  /** Forgets tenants, tokens, failures, the request log and knob changes. */
  reset(): void;
  close(): Promise<void>;
}
