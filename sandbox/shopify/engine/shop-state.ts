import { createHash } from "node:crypto";

import type { SandboxEvent, ShopInput } from "../contracts.ts";
import type { Background } from "./background.ts";
import { type CatalogIndex, createCatalogIndex, rebuildCatalogIndex } from "./catalog-index.ts";
import type {
  BlobRec,
  BulkOperationRec,
  CustomerRec,
  FileRec,
  FulfillmentOrderRec,
  FulfillmentRec,
  InventoryItemRec,
  LocationRec,
  OrderRec,
  ProductRec,
  ProductSetOperationRec,
  ShopInfo,
  VariantRec,
} from "./store-types.ts";
import type {
  CompanyContactRec,
  CompanyLocationRec,
  CompanyRec,
  CompanyRoleAssignmentRec,
} from "./store-types-company.ts";
import type { BalanceTransactionRec, PayoutRec, RefundRec, ReturnRec } from "./store-types-money.ts";

export const ID_KINDS = [
  "Product",
  "ProductVariant",
  "InventoryItem",
  "Location",
  "Customer",
  "Order",
  "FulfillmentOrder",
  "FulfillmentOrderLineItem",
  "Fulfillment",
  "FulfillmentLineItem",
  "FulfillmentService",
  "File",
  "Blob",
  "BulkOperation",
  "ProductSetOperation",
  "Company",
  "CompanyLocation",
  "CompanyContact",
  "CompanyContactRole",
  "CompanyContactRoleAssignment",
  "CompanyAddress",
  "PaymentTerms",
  "Refund",
  "Return",
  "ShopifyPaymentsPayout",
  "ShopifyPaymentsBalanceTransaction",
  "Other",
] as const;
export type IdKind = (typeof ID_KINDS)[number];

/** One shop's in-memory store, plus the hooks mutations need (clock, events). */
export interface ShopState {
  info: ShopInfo;
  locations: Map<number, LocationRec>;
  products: Map<number, ProductRec>;
  variants: Map<number, VariantRec>;
  inventoryItems: Map<number, InventoryItemRec>;
  customers: Map<number, CustomerRec>;
  orders: Map<number, OrderRec>;
  fulfillmentOrders: Map<number, FulfillmentOrderRec>;
  fulfillments: Map<number, FulfillmentRec>;
  blobs: Map<number, BlobRec>;
  files: Map<number, FileRec>;
  bulkOperations: Map<number, BulkOperationRec>;
  productOperations: Map<number, ProductSetOperationRec>;
  companies: Map<number, CompanyRec>;
  companyLocations: Map<number, CompanyLocationRec>;
  companyContacts: Map<number, CompanyContactRec>;
  companyRoleAssignments: Map<number, CompanyRoleAssignmentRec>;
  refunds: Map<number, RefundRec>;
  returns: Map<number, ReturnRec>;
  payouts: Map<number, PayoutRec>;
  balanceTransactions: Map<number, BalanceTransactionRec>;
  counters: Record<IdKind, number>;
  nextOrderNumber: number;
  lastStamp: number;
  eventSeq: number;
  /**
   * Variants created while the store had at least 50,000 (ms since the epoch, count), for the
   * daily variant-creation throttle; entries older than a day are dropped.
   */
  variantCreations: [number, number][];
  /**
   * Variants the store holds besides those kept as records (`POST /sandbox/shops/:shop/existing-variants`):
   * a store of 50,000 variants for the throttle without making them one by one. They count in
   * `productVariantsCount` and towards the throttle's threshold; no query lists them.
   */
  existingVariants: number;
  /** `@idempotent` keys already used: key → fingerprint of the input and the result given. */
  idempotency: Map<string, { fingerprint: string; result: unknown }>;
  /** When false (seeding), changes are not announced. */
  emitEvents: boolean;
  /** Lookups by handle, SKU and blob key; derived from the records, never stored. */
  index: CatalogIndex;
  now: () => number;
  publish: (event: SandboxEvent) => void;
  /** The sandbox server's origin, for the URLs of files, uploads and bulk results. */
  origin: () => string;
  background: Background;
}

/** What a shop needs from the engine around it. */
export interface ShopHooks {
  now: () => number;
  publish: (event: SandboxEvent) => void;
  origin: () => string;
  background: Background;
}

export function createShopState(input: ShopInput, hooks: ShopHooks): ShopState {
  const state: ShopState = {
    info: {
      domain: input.domain,
      name: input.name ?? input.domain.replace(/\.myshopify\.com$/, ""),
      plan: input.plan ?? "standard",
      currencyCode: input.currencyCode ?? "USD",
      email: `owner@${input.domain}`,
      createdAt: "",
    },
    locations: new Map(),
    products: new Map(),
    variants: new Map(),
    inventoryItems: new Map(),
    customers: new Map(),
    orders: new Map(),
    fulfillmentOrders: new Map(),
    fulfillments: new Map(),
    blobs: new Map(),
    files: new Map(),
    bulkOperations: new Map(),
    productOperations: new Map(),
    companies: new Map(),
    companyLocations: new Map(),
    companyContacts: new Map(),
    companyRoleAssignments: new Map(),
    refunds: new Map(),
    returns: new Map(),
    payouts: new Map(),
    balanceTransactions: new Map(),
    counters: freshCounters(),
    nextOrderNumber: 1001,
    lastStamp: 0,
    eventSeq: 0,
    variantCreations: [],
    existingVariants: 0,
    idempotency: new Map(),
    emitEvents: true,
    index: createCatalogIndex(),
    ...hooks,
  };
  state.info.createdAt = stamp(state);
  return state;
}

export function freshCounters(): Record<IdKind, number> {
  return Object.fromEntries(ID_KINDS.map((kind) => [kind, 1000])) as Record<IdKind, number>;
}

/** Forgets all records but keeps the shop itself (its bucket lives elsewhere). */
export function clearShopData(state: ShopState): void {
  state.locations.clear();
  state.products.clear();
  state.variants.clear();
  state.inventoryItems.clear();
  state.customers.clear();
  state.orders.clear();
  state.fulfillmentOrders.clear();
  state.fulfillments.clear();
  state.blobs.clear();
  state.files.clear();
  state.bulkOperations.clear();
  state.productOperations.clear();
  state.companies.clear();
  state.companyLocations.clear();
  state.companyContacts.clear();
  state.companyRoleAssignments.clear();
  state.refunds.clear();
  state.returns.clear();
  state.payouts.clear();
  state.balanceTransactions.clear();
  state.counters = freshCounters();
  state.nextOrderNumber = 1001;
  state.variantCreations = [];
  state.existingVariants = 0;
  state.idempotency.clear();
  rebuildCatalogIndex(state);
}

export function nextId(state: ShopState, kind: IdKind): number {
  state.counters[kind] += 1;
  return state.counters[kind];
}

/**
 * An ISO timestamp from the injected clock, strictly increasing per shop (at least 1 ms apart),
 * so that `updated_at:>` cursors never see two records at the same instant.
 */
export function stamp(state: ShopState): string {
  const ms = Math.max(state.now(), state.lastStamp + 1);
  state.lastStamp = ms;
  return new Date(ms).toISOString();
}

/** Announces a change as a webhook would, unless the shop is being seeded. */
export function emit(state: ShopState, topic: string, payload: Record<string, unknown>, apiKey?: string): void {
  if (!state.emitEvents) return;
  state.eventSeq += 1;
  const hash = createHash("sha1").update(`${state.info.domain}:${state.eventSeq}`).digest("hex");
  const eventId = `${hash.slice(0, 8)}-${hash.slice(8, 12)}-${hash.slice(12, 16)}-${hash.slice(16, 20)}-${hash.slice(20, 32)}`;
  state.publish({
    shop: state.info.domain,
    topic,
    payload,
    eventId,
    triggeredAt: new Date(Math.max(state.now(), state.lastStamp)).toISOString(),
    ...(apiKey === undefined ? {} : { apiKey }),
  });
}
