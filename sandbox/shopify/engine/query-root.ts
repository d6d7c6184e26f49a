import { variantIdsBySku } from "./catalog-index.ts";
import {
  checkPageArgs,
  type ConnectionArgs,
  mapConnection,
  pageRows,
  type SortedRows,
  sortRows,
} from "./connection.ts";
import type { Lazy, ResolverContext } from "./field-resolver.ts";
import { FINISHED_STATUSES, fulfillmentServiceOf } from "./fulfillment-orders.ts";
import { idOf, parseGid } from "./gid.ts";
import { ownOperation } from "./mutations-bulk.ts";
import { productOperationView } from "./mutations-product.ts";
import { filterBySearch, parseSearch, type SearchSpec } from "./search-query.ts";
import {
  customerSpec,
  fulfillmentOrderSpec,
  inventoryItemSpec,
  locationSpec,
  orderSpec,
  productSpec,
  variantSpec,
} from "./search-specs.ts";
import type { ShopState } from "./shop-state.ts";
import type { FulfillmentOrderRec, VariantRec } from "./store-types.ts";
import { variantTotal } from "./variant-throttle.ts";
import { bulkOperationView } from "./views-bulk.ts";
import {
  fulfillmentServiceView,
  inventoryItemView,
  inventoryLevelView,
  locationView,
  productView,
  variantView,
} from "./views-catalog.ts";
import { companyContactView, companyLocationView, companyView, roleAssignmentView, roleView } from "./views-company.ts";
import { customerView } from "./views-customer.ts";
import { fulfillmentOrderView, fulfillmentView } from "./views-fulfillment.ts";
import { fileGid, fileView } from "./views-media.ts";
import { orderView } from "./views-order.ts";
import { balanceTransactionView, paymentsAccountView, payoutView } from "./views-payments.ts";
import { refundView } from "./views-refund.ts";
import { returnView, reverseFulfillmentOrderView } from "./views-return.ts";
import { shopView } from "./views-shop.ts";
import { transactionView } from "./views-transaction.ts";

interface Sortable {
  id: number;
  createdAt: string;
  updatedAt: string;
}

/** The value a `sortKey` orders by; unknown keys fall back to id, like RELEVANCE without a query. */
function sortValue(rec: Sortable, sortKey: unknown): string | number {
  const r = rec as Sortable & Record<string, unknown>;
  switch (sortKey) {
    case "UPDATED_AT":
      return rec.updatedAt;
    case "CREATED_AT":
      return rec.createdAt;
    case "PROCESSED_AT":
      return typeof r.processedAt === "string" ? r.processedAt : rec.createdAt;
    case "TITLE":
    case "NAME":
      return String(r.title ?? r.name ?? "").toLowerCase();
    case "ORDER_NUMBER":
      return typeof r.number === "number" ? r.number : rec.id;
    case "SKU":
      return String(r.sku ?? "");
    case "POSITION":
      return typeof r.position === "number" ? r.position : rec.id;
    case "VENDOR":
      return String(r.vendor ?? "").toLowerCase();
    case "SINCE_DATE":
      return typeof r.customerSince === "string" ? r.customerSince : rec.createdAt;
    case "COMPANY_ID":
      return typeof r.companyId === "number" ? r.companyId : rec.id;
    default:
      return rec.id;
  }
}

export function listConnection<T extends Sortable>(
  items: Iterable<T>,
  spec: SearchSpec<T>,
  view: (rec: T) => object,
  args: Record<string, unknown>,
  ctx?: ResolverContext,
  name = "",
): unknown {
  checkPageArgs(args as ConnectionArgs);
  // A bulk query pages through the same listing hundreds of times: filter and sort it once per run.
  const memoKey = `${name}|${String(args.query ?? "")}|${String(args.sortKey ?? "")}|${String(args.reverse ?? "")}`;
  let rows = name ? (ctx?.memo?.get(memoKey) as SortedRows<T> | undefined) : undefined;
  if (!rows) {
    const filtered = filterBySearch(items, args.query as string | null | undefined, spec);
    rows = sortRows(filtered, args.reverse as boolean | null | undefined, (rec) => ({
      id: rec.id,
      value: sortValue(rec, args.sortKey),
    }));
    if (name) ctx?.memo?.set(memoKey, rows);
  }
  return mapConnection(pageRows(rows, args as ConnectionArgs), view);
}

/** Any Node the sandbox stores, by GID; null for unknown or unmodelled ids. `apiKey`: the caller (bulk operations are per app). */
export function nodeById(state: ShopState, value: unknown, apiKey = ""): object | null {
  const parsed = parseGid(value);
  if (!parsed) return null;
  const { type, id } = parsed;
  const get = <T>(map: Map<number, T>, view: (rec: T) => object) => {
    const rec = map.get(id);
    return rec ? view(rec) : null;
  };
  switch (type) {
    case "Product":
      return get(state.products, (r) => productView(state, r));
    case "ProductVariant":
      return get(state.variants, (r) => variantView(state, r));
    case "InventoryItem":
      return get(state.inventoryItems, (r) => inventoryItemView(state, r));
    case "Location":
      return get(state.locations, (r) => locationView(state, r));
    case "Customer":
      return get(state.customers, (r) => customerView(state, r));
    case "Order":
      return get(state.orders, (r) => orderView(state, r));
    case "FulfillmentOrder":
      return get(state.fulfillmentOrders, (r) => fulfillmentOrderView(state, r));
    case "Fulfillment":
      return get(state.fulfillments, (r) => fulfillmentView(state, r));
    case "Shop":
      return shopView(state);
    case "MediaImage":
    case "GenericFile": {
      const file = state.files.get(id);
      return file && fileGid(file) === value ? fileView(state, file) : null;
    }
    case "BulkOperation": {
      const op = ownOperation(state, apiKey, value);
      return op ? bulkOperationView(state, op) : null;
    }
    case "ProductSetOperation":
      return get(state.productOperations, (r) => productOperationView(state, r));
    case "Company":
      return get(state.companies, (r) => companyView(state, r));
    case "CompanyLocation":
      return get(state.companyLocations, (r) => companyLocationView(state, r));
    case "CompanyContact":
      return get(state.companyContacts, (r) => companyContactView(state, r));
    case "CompanyContactRoleAssignment":
      return get(state.companyRoleAssignments, (r) => roleAssignmentView(state, r));
    case "CompanyContactRole": {
      for (const company of state.companies.values()) {
        const role = company.contactRoles.find((r) => r.id === id);
        if (role) return roleView(role);
      }
      return null;
    }
    case "Refund": {
      const refund = state.refunds.get(id);
      const order = refund ? state.orders.get(refund.orderId) : undefined;
      return refund && order ? refundView(state, order, refund, () => orderView(state, order)) : null;
    }
    case "Return": {
      const ret = state.returns.get(id);
      const order = ret ? state.orders.get(ret.orderId) : undefined;
      return ret && order ? returnView(state, order, ret, () => orderView(state, order)) : null;
    }
    case "ReverseFulfillmentOrder": {
      const ret = state.returns.get(id);
      const order = ret ? state.orders.get(ret.orderId) : undefined;
      return ret && order ? reverseFulfillmentOrderView(state, order, ret, () => orderView(state, order)) : null;
    }
    case "OrderTransaction": {
      for (const order of state.orders.values()) {
        const t = order.transactions.find((x) => x.id === id);
        if (t) return transactionView(state, order, t, () => orderView(state, order));
      }
      return null;
    }
    case "ShopifyPaymentsPayout":
      return get(state.payouts, (r) => payoutView(state, r));
    case "ShopifyPaymentsBalanceTransaction":
      return get(state.balanceTransactions, (r) => balanceTransactionView(state, r));
    case "ShopifyPaymentsAccount":
      return id === 1 ? paymentsAccountView(state) : null;
    case "InventoryLevel": {
      const item = state.inventoryItems.get(Number(parsed.params.get("inventory_item_id")));
      return item?.levels.has(id) ? inventoryLevelView(state, item, id) : null;
    }
    default:
      return null;
  }
}

/** Root query fields; each reads the shop from the resolver context. */
export const queryRoot: Record<string, Lazy<unknown>> = {
  shop: (_args, { state }) => shopView(state),
  node: (args, { state, apiKey }) => nodeById(state, args.id, apiKey),
  nodes: (args, { state, apiKey }) => ((args.ids as unknown[]) ?? []).map((id) => nodeById(state, id, apiKey)),
  product: (args, { state }) => nodeOfType(state, args.id, "Product"),
  productVariant: (args, { state }) => nodeOfType(state, args.id, "ProductVariant"),
  inventoryItem: (args, { state }) => nodeOfType(state, args.id, "InventoryItem"),
  inventoryLevel: (args, { state }) => nodeOfType(state, args.id, "InventoryLevel"),
  customer: (args, { state }) => nodeOfType(state, args.id, "Customer"),
  order: (args, { state }) => nodeOfType(state, args.id, "Order"),
  fulfillmentOrder: (args, { state }) => nodeOfType(state, args.id, "FulfillmentOrder"),
  refund: (args, { state }) => nodeOfType(state, args.id, "Refund"),
  return: (args, { state }) => nodeOfType(state, args.id, "Return"),
  fulfillment: (args, { state }) => nodeOfType(state, args.id, "Fulfillment"),
  fulfillmentService: (args, { state }) => {
    const id = idOf(args.id, "FulfillmentService");
    const location = [...state.locations.values()].find((l) => l.fulfillmentService?.id === id);
    return location ? fulfillmentServiceView(state, location) : null;
  },
  fulfillmentOrders: (args, ctx) => {
    const list = [...ctx.state.fulfillmentOrders.values()].filter(
      (fo) => args.includeClosed === true || !FINISHED_STATUSES.has(fo.status),
    );
    return listConnection(list, fulfillmentOrderSpec(), (r) => fulfillmentOrderView(ctx.state, r), args);
  },
  assignedFulfillmentOrders: (args, ctx) => {
    // A fulfillment service app's inbox: open fulfillment orders at the services it owns.
    const wanted = Array.isArray(args.locationIds) ? args.locationIds.map((id) => idOf(id, "Location")) : null;
    const list = [...ctx.state.fulfillmentOrders.values()].filter(
      (fo) =>
        !FINISHED_STATUSES.has(fo.status) &&
        fulfillmentServiceOf(ctx.state, fo)?.ownerApiKey === ctx.apiKey &&
        (!wanted || wanted.includes(fo.locationId)) &&
        matchesAssignment(fo, args.assignmentStatus),
    );
    return listConnection(list, fulfillmentOrderSpec(), (r) => fulfillmentOrderView(ctx.state, r), args);
  },
  location: (args, { state }) => {
    if (args.id === undefined || args.id === null) {
      const first = [...state.locations.values()][0];
      return first ? locationView(state, first) : null;
    }
    return nodeOfType(state, args.id, "Location");
  },
  products: (args, ctx) => {
    const bySku = skuLookup(ctx.state, args.query);
    const candidates = bySku
      ? [...new Set(bySku.map((v) => v.productId))].flatMap((id) => ctx.state.products.get(id) ?? [])
      : ctx.state.products.values();
    return listConnection(
      candidates,
      productSpec(ctx.state),
      (r) => productView(ctx.state, r),
      args,
      ctx,
      bySku ? "" : "products",
    );
  },
  productVariants: (args, ctx) =>
    listConnection(
      skuLookup(ctx.state, args.query) ?? ctx.state.variants.values(),
      variantSpec(ctx.state),
      (r) => variantView(ctx.state, r),
      args,
      ctx,
      "productVariants",
    ),
  inventoryItems: (args, ctx) =>
    listConnection(
      ctx.state.inventoryItems.values(),
      inventoryItemSpec(ctx.state),
      (r) => inventoryItemView(ctx.state, r),
      args,
      ctx,
      "inventoryItems",
    ),
  customers: (args, ctx) =>
    listConnection(
      ctx.state.customers.values(),
      customerSpec(),
      (r) => customerView(ctx.state, r),
      args,
      ctx,
      "customers",
    ),
  orders: (args, ctx) =>
    listConnection(
      ctx.state.orders.values(),
      orderSpec(ctx.state),
      (r) => orderView(ctx.state, r),
      args,
      ctx,
      "orders",
    ),
  locations: (args, ctx) => {
    const active = [...ctx.state.locations.values()].filter((l) => args.includeInactive || l.isActive);
    return listConnection(active, locationSpec(), (r) => locationView(ctx.state, r), {
      ...args,
      sortKey: args.sortKey ?? "NAME",
    });
  },
  productsCount: (args, { state }) =>
    count(filterBySearch(state.products.values(), args.query as string, productSpec(state)).length, args.limit),
  // "No supported search fields" (the 2026-10 schema): the query argument changes nothing.
  productVariantsCount: (args, { state }) => count(variantTotal(state), args.limit),
  ordersCount: (args, { state }) =>
    count(filterBySearch(state.orders.values(), args.query as string, orderSpec(state)).length, args.limit),
  customersCount: (args, { state }) =>
    count(filterBySearch(state.customers.values(), args.query as string, customerSpec()).length, args.limit),
  locationsCount: (args, { state }) => count(state.locations.size, args.limit),
};

const ASSIGNMENT_REQUEST_STATUS: Record<string, FulfillmentOrderRec["requestStatus"]> = {
  FULFILLMENT_UNSUBMITTED: "UNSUBMITTED",
  FULFILLMENT_REQUESTED: "SUBMITTED",
  FULFILLMENT_ACCEPTED: "ACCEPTED",
  CANCELLATION_REQUESTED: "CANCELLATION_REQUESTED",
};

function matchesAssignment(fo: FulfillmentOrderRec, status: unknown): boolean {
  return typeof status !== "string" || ASSIGNMENT_REQUEST_STATUS[status] === fo.requestStatus;
}

/**
 * A query that is one exact `sku:` term answers from the SKU index instead of a scan (the
 * candidates still pass the normal filter, so the answer is the same).
 */
function skuLookup(state: ShopState, query: unknown): VariantRec[] | null {
  if (typeof query !== "string") return null;
  const terms = parseSearch(query);
  const term = terms.length === 1 ? terms[0] : undefined;
  if (!term || term.field !== "sku" || term.op !== ":" || term.negate || term.value.endsWith("*")) return null;
  return variantIdsBySku(state, term.value).flatMap((id) => state.variants.get(id) ?? []);
}

/**
 * A `Count` as Shopify answers it: capped at the `limit` argument (the schema's default is 10,000;
 * `null` means no cap), with precision AT_LEAST when the cap was reached.
 */
export function count(n: number, limit: unknown): object {
  const cap = typeof limit === "number" ? Math.max(0, limit) : limit === null ? Infinity : 10_000;
  return { __typename: "Count", count: Math.min(n, cap), precision: n > cap ? "AT_LEAST" : "EXACT" };
}

export function nodeOfType(state: ShopState, value: unknown, type: string): object | null {
  return parseGid(value)?.type === type ? nodeById(state, value) : null;
}
