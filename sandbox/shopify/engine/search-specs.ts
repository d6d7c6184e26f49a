import { orderTotals } from "./order-totals.ts";
import type { SearchSpec } from "./search-query.ts";
import type { ShopState } from "./shop-state.ts";
import type {
  CustomerRec,
  FulfillmentOrderRec,
  InventoryItemRec,
  LocationRec,
  OrderRec,
  ProductRec,
  VariantRec,
} from "./store-types.ts";

const DATES = ["created_at", "updated_at", "processed_at"] as const;

function orderStatuses(o: OrderRec): string[] {
  const statuses = ["any"];
  if (o.cancelledAt) statuses.push("cancelled");
  if (o.closedAt) statuses.push("closed");
  if (!o.cancelledAt && !o.closedAt) statuses.push("open");
  return statuses;
}

/** The words Shopify's order search accepts for each fulfillment status. */
const FULFILLMENT_STATUS_TERMS: Record<string, string[]> = {
  UNFULFILLED: ["unfulfilled", "unshipped"],
  PARTIALLY_FULFILLED: ["partially_fulfilled", "partial"],
  FULFILLED: ["fulfilled", "shipped"],
};

export function orderSpec(state: ShopState): SearchSpec<OrderRec> {
  return {
    dates: DATES,
    text: (o) => [o.name, o.email ?? "", o.note ?? "", ...o.tags].join(" "),
    fields: {
      id: (o) => o.id,
      name: (o) => [o.name, o.name.replace(/^#/, "")],
      status: orderStatuses,
      email: (o) => o.email,
      tag: (o) => o.tags,
      tag_not: (o) => o.tags,
      sku: (o) => o.lineItems.map((l) => l.sku),
      created_at: (o) => o.createdAt,
      updated_at: (o) => o.updatedAt,
      processed_at: (o) => o.processedAt,
      financial_status: (o) => o.financialStatus.toLowerCase(),
      fulfillment_status: (o) => FULFILLMENT_STATUS_TERMS[o.fulfillmentStatus] ?? [o.fulfillmentStatus.toLowerCase()],
      customer_id: (o) => o.customerId,
      test: (o) => o.test,
      total_price: (o) => orderTotals(o).total / 100,
      source_name: (o) => o.sourceName,
      email_domain: () => null,
      // Shopify filters by the customer's name too; callers mostly pass email.
      customer: (o) => {
        const c = o.customerId === null ? undefined : state.customers.get(o.customerId);
        return c ? [c.firstName, c.lastName, c.email] : [];
      },
    },
  };
}

export function productSpec(state: ShopState): SearchSpec<ProductRec> {
  const skus = (p: ProductRec) => p.variantIds.map((id) => state.variants.get(id)?.sku ?? null);
  const barcodes = (p: ProductRec) => p.variantIds.map((id) => state.variants.get(id)?.barcode ?? null);
  return {
    dates: DATES,
    text: (p) => [p.title, p.vendor, p.productType, ...p.tags, ...skus(p).filter(Boolean)].join(" "),
    fields: {
      id: (p) => p.id,
      title: (p) => p.title,
      handle: (p) => p.handle,
      status: (p) => p.status.toLowerCase(),
      vendor: (p) => p.vendor,
      product_type: (p) => p.productType,
      tag: (p) => p.tags,
      sku: skus,
      barcode: barcodes,
      created_at: (p) => p.createdAt,
      updated_at: (p) => p.updatedAt,
    },
  };
}

export function variantSpec(state: ShopState): SearchSpec<VariantRec> {
  return {
    dates: DATES,
    text: (v) => [v.title, v.sku ?? "", v.barcode ?? "", state.products.get(v.productId)?.title ?? ""].join(" "),
    fields: {
      id: (v) => v.id,
      sku: (v) => v.sku,
      barcode: (v) => v.barcode,
      title: (v) => v.title,
      product_id: (v) => v.productId,
      created_at: (v) => v.createdAt,
      updated_at: (v) => v.updatedAt,
    },
  };
}

export function inventoryItemSpec(state: ShopState): SearchSpec<InventoryItemRec> {
  return {
    dates: DATES,
    text: (i) => state.variants.get(i.variantId)?.sku ?? "",
    fields: {
      id: (i) => i.id,
      sku: (i) => state.variants.get(i.variantId)?.sku ?? null,
      created_at: (i) => i.createdAt,
      updated_at: (i) => i.updatedAt,
    },
  };
}

export function customerSpec(): SearchSpec<CustomerRec> {
  return {
    dates: DATES,
    text: (c) => [c.firstName, c.lastName, c.email, c.phone, ...c.tags].filter(Boolean).join(" "),
    fields: {
      id: (c) => c.id,
      email: (c) => c.email,
      phone: (c) => c.phone,
      first_name: (c) => c.firstName,
      last_name: (c) => c.lastName,
      tag: (c) => c.tags,
      created_at: (c) => c.createdAt,
      updated_at: (c) => c.updatedAt,
    },
  };
}

export function locationSpec(): SearchSpec<LocationRec> {
  return {
    text: (l) => l.name,
    fields: { id: (l) => l.id, name: (l) => l.name, active: (l) => l.isActive },
  };
}

export function fulfillmentOrderSpec(): SearchSpec<FulfillmentOrderRec> {
  return {
    dates: ["created_at", "updated_at"],
    text: (fo) => `${fo.id} ${fo.status.toLowerCase()}`,
    fields: {
      id: (fo) => fo.id,
      status: (fo) => fo.status.toLowerCase(),
      request_status: (fo) => fo.requestStatus.toLowerCase(),
      assigned_location_id: (fo) => fo.locationId,
      order_id: (fo) => fo.orderId,
      created_at: (fo) => fo.createdAt,
      updated_at: (fo) => fo.updatedAt,
    },
  };
}
