import { type Clock, systemClock } from "../../clock.ts";
import type { ErpAdapter, ErpCapabilities } from "../port.ts";
import { discardErpRequestLog, type ErpRequestLog } from "../request-log.ts";
import { DEFAULT_ERP_RETRY_POLICY, type ErpRetryPolicy } from "../retry-policy.ts";
import type { ErpEntity, ErpEntityMap } from "../types.ts";
import { listSalesLineAccounts } from "./accounts.ts";
import { upsertBarcode } from "./barcodes.ts";
import { listCompanies, probeCapabilities } from "./capabilities.ts";
import { type BcConnectionConfigInput, bcConnectionConfigSchema, bcConnectionKey } from "./config.ts";
import type { BcContext } from "./context.ts";
import { createBcCredentials } from "./credentials.ts";
import { createCreditMemo, createReturnOrder } from "./credit-memos.ts";
import { findCustomer, findItem, searchCustomers, searchItems } from "./find-records.ts";
import { bcSend } from "./http.ts";
import { createItemVariant, updateItem } from "./item-writes.ts";
import { findJournalEntry, recordJournalEntry } from "./journal-entries.ts";
import { upsertCustomer, upsertItem } from "./master-data.ts";
import { findPayment, recordPayment } from "./payments.ts";
import { readItemPicture, writeItemPicture } from "./pictures.ts";
import { pricesFor } from "./prices.ts";
import { keyPage, pullPage } from "./pull.ts";
import type { PullSource } from "./pull-source.ts";
import {
  BC_LIMITS,
  createSalesDocument,
  deleteSalesDocument,
  findSalesDocument,
  postDocument,
} from "./sales-documents.ts";
import { barcodesSource, pricesSource, stockByLocationSource } from "./sources-custom.ts";
import { postedShipmentsSource, salesInvoicesSource, salesOrdersSource } from "./sources-documents.ts";
import { itemsSource, itemVariantsSource } from "./sources-items.ts";
import { customersSource, locationsSource } from "./sources-master.ts";
import { BcThrottle, type BcThrottleRegistry } from "./throttle.ts";

/** This adapter's id in the registry of adapter kinds (and in `erp_connections.kind`). */
export const BUSINESS_CENTRAL_KIND = "business_central";

export interface BcAdapterDeps {
  /** Default: globalThis.fetch. */
  fetch?: typeof fetch;
  /** Default: the system clock. */
  clock?: Clock;
  /** Jitter source in [0, 1). Default Math.random. */
  random?: () => number;
  /** Where every call is reported. Default: nowhere. */
  log?: ErpRequestLog;
  /** Share throttles per connection among adapters in a process. Default: one of this adapter's own. */
  throttles?: BcThrottleRegistry;
  retry?: Partial<ErpRetryPolicy>;
  /** Overlap subtracted from the watermark when a pull pass starts. Default 5 s (≥ 2 s required). */
  overlapMs?: number;
}

const SOURCES: { [E in ErpEntity]: ReadonlyArray<PullSource<ErpEntityMap[E]>> } = {
  items: [itemsSource],
  itemVariants: [itemVariantsSource],
  customers: [customersSource],
  locations: [locationsSource],
  stockByLocation: [stockByLocationSource],
  prices: [pricesSource],
  barcodes: [barcodesSource],
  postedShipments: [postedShipmentsSource],
  salesDocuments: [salesOrdersSource, salesInvoicesSource],
};

/**
 * The Business Central adapter. Parses its config (throws zod's error on bad settings), and holds
 * per-instance caches (token, capabilities, number → id); make one per job or per connection.
 */
export function createBusinessCentralAdapter(config: BcConnectionConfigInput, deps: BcAdapterDeps = {}): ErpAdapter {
  const parsed = bcConnectionConfigSchema.parse(config);
  const clock = deps.clock ?? systemClock;
  const log = deps.log ?? discardErpRequestLog;
  const policy = { ...DEFAULT_ERP_RETRY_POLICY, ...deps.retry };
  const fetchFn = deps.fetch ?? globalThis.fetch;
  const throttle = deps.throttles?.forKey(bcConnectionKey(parsed)) ?? new BcThrottle(clock);
  const credentials = createBcCredentials(parsed.auth, { fetch: fetchFn, clock, log, timeoutMs: policy.timeoutMs });
  const httpDeps = { fetch: fetchFn, clock, random: deps.random ?? Math.random, log, throttle, credentials, policy };

  let capabilities: Promise<ErpCapabilities> | undefined;
  const ctx: BcContext = {
    config: parsed,
    send: (request) => bcSend(httpDeps, request),
    idCache: new Map(),
    overlapMs: Math.max(2_000, deps.overlapMs ?? 5_000),
    capabilities: () => {
      // Cache the promise (one probe for parallel callers); forget it on failure so a retry probes again.
      capabilities ??= probeCapabilities(ctx).catch((error: unknown) => {
        capabilities = undefined;
        throw error;
      });
      return capabilities;
    },
  };

  return {
    kind: BUSINESS_CENTRAL_KIND,
    limits: BC_LIMITS,
    capabilities: () => ctx.capabilities(),
    testConnection: async () => ({ companies: await listCompanies(ctx) }),
    pull: (entity, request) => pullPage(ctx, entity, SOURCES[entity], request),
    listKeys: (entity, request) => keyPage<unknown>(ctx, entity, SOURCES[entity], request),
    createSalesDocument: (input) => createSalesDocument(ctx, input),
    findSalesDocument: (externalDocumentNumber) => findSalesDocument(ctx, externalDocumentNumber),
    deleteSalesDocument: (ref) => deleteSalesDocument(ctx, ref),
    postDocument: (ref) => postDocument(ctx, ref),
    upsertCustomer: (input) => upsertCustomer(ctx, input),
    upsertItem: (input) => upsertItem(ctx, input),
    updateItem: (itemId, patch, version) => updateItem(ctx, itemId, patch, version),
    createItemVariant: (input) => createItemVariant(ctx, input),
    upsertBarcode: (input) => upsertBarcode(ctx, input),
    readItemPicture: (itemId, variantId) => readItemPicture(ctx, itemId, variantId),
    writeItemPicture: (itemId, picture, variantId) => writeItemPicture(ctx, itemId, picture, variantId),
    pricesFor: (context, items) => pricesFor(ctx, context, items),
    findCustomer: (lookup) => findCustomer(ctx, lookup),
    findItem: (lookup) => findItem(ctx, lookup),
    searchCustomers: (text, options) => searchCustomers(ctx, text, options),
    searchItems: (text, options) => searchItems(ctx, text, options),
    listSalesLineAccounts: () => listSalesLineAccounts(ctx),
    recordPayment: (input) => recordPayment(ctx, input),
    findPayment: (input) => findPayment(ctx, input),
    recordJournalEntry: (input) => recordJournalEntry(ctx, input),
    findJournalEntry: (input) => findJournalEntry(ctx, input),
    createCreditMemo: (input) => createCreditMemo(ctx, input),
    createReturnOrder: (input) => createReturnOrder(ctx, input),
  };
}

// The composition root builds URLs and the adapter together; one import for both.
