import { fileUrl } from "./file-urls.ts";
import { fulfillableQuantities, fulfilledQuantities } from "./fulfillment-orders.ts";
import { gid, inventoryLevelGid } from "./gid.ts";
import { decimal, restMoney } from "./money.ts";
import { b2bOrderPayload } from "./order-b2b.ts";
import { orderTotals } from "./order-totals.ts";
import { restAddress } from "./payloads-customer.ts";
import { refundPayload } from "./payloads-money.ts";
import { currentTotalOf, refundedTotals, refundsOf } from "./refund-values.ts";
import type { ShopState } from "./shop-state.ts";
import type {
  FileRec,
  FulfillmentOrderRec,
  FulfillmentRec,
  InventoryItemRec,
  LineItemRec,
  LocationRec,
  OrderRec,
  ProductRec,
} from "./store-types.ts";
import { paymentTotals } from "./transactions.ts";
import { taxLinesOf } from "./views-order.ts";

export function orderPayload(state: ShopState, o: OrderRec): Record<string, unknown> {
  const t = orderTotals(o);
  const customer = o.customerId === null ? undefined : state.customers.get(o.customerId);
  const fulfillment =
    o.fulfillmentStatus === "FULFILLED"
      ? "fulfilled"
      : o.fulfillmentStatus === "PARTIALLY_FULFILLED"
        ? "partial"
        : null;
  const shipped = fulfilledQuantities(state, o.id);
  const open = fulfillableQuantities(state, o.id);
  return {
    id: o.id,
    admin_graphql_api_id: gid("Order", o.id),
    name: o.name,
    order_number: o.number,
    number: o.number - 1000,
    email: o.email,
    contact_email: o.email,
    phone: o.phone,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
    processed_at: o.processedAt,
    cancelled_at: o.cancelledAt,
    cancel_reason: o.cancelReason?.toLowerCase() ?? null,
    closed_at: o.closedAt,
    financial_status: o.financialStatus.toLowerCase(),
    fulfillment_status: fulfillment,
    currency: o.currency,
    presentment_currency: o.presentmentCurrency,
    taxes_included: o.taxesIncluded,
    test: o.test,
    note: o.note,
    tags: o.tags.join(", "),
    note_attributes: o.customAttributes.map((a) => ({ name: a.key, value: a.value })),
    source_name: o.sourceName,
    subtotal_price: restMoney(t.subtotal),
    total_line_items_price: restMoney(t.lineItemsOriginal),
    total_discounts: restMoney(t.discounts),
    total_tax: restMoney(t.tax),
    total_price: restMoney(t.total),
    ...paymentFields(state, o),
    total_shipping_price_set: {
      shop_money: { amount: restMoney(t.shipping - t.shippingDiscounts), currency_code: o.currency },
    },
    discount_codes: o.discounts.map((d) => ({
      code: d.code,
      amount: restMoney(d.amount),
      type: d.kind === "PERCENTAGE" ? "percentage" : d.kind === "FREE_SHIPPING" ? "shipping" : "fixed_amount",
    })),
    tax_lines: taxLinesOf(o).map(tax),
    line_items: o.lineItems.map((l) => ({
      ...restLineItem(l),
      quantity: l.quantity,
      fulfillable_quantity: open.get(l.id) ?? 0,
      fulfillment_status: lineFulfillmentStatus(l, shipped.get(l.id) ?? 0),
    })),
    shipping_lines: o.shippingLines.map((s) => ({
      id: s.id,
      title: s.title,
      code: s.code,
      source: s.source,
      price: restMoney(s.price),
      discounted_price: restMoney(s.price - s.discount),
      tax_lines: s.taxLines.map(tax),
    })),
    billing_address: restAddress(o.billingAddress),
    shipping_address: restAddress(o.shippingAddress),
    customer: customer
      ? {
          id: customer.id,
          admin_graphql_api_id: gid("Customer", customer.id),
          email: customer.email,
          first_name: customer.firstName,
          last_name: customer.lastName,
          phone: customer.phone,
        }
      : null,
    fulfillments: [...state.fulfillments.values()]
      .filter((f) => f.orderId === o.id)
      .sort((a, b) => a.id - b.id)
      .map((f) => fulfillmentPayload(state, f)),
    ...b2bOrderPayload(state, o),
  };
}

/** What an order's payments and refunds add to its REST payload (Shopify's `current_*` totals and `refunds`). */
function paymentFields(state: ShopState, o: OrderRec): Record<string, unknown> {
  const paid = paymentTotals(o);
  const refunded = refundedTotals(state, o);
  const current = currentTotalOf(state, o);
  return {
    current_subtotal_price: restMoney(orderTotals(o).subtotal - refunded.subtotal),
    current_total_tax: restMoney(orderTotals(o).tax - refunded.tax - refunded.shippingTax),
    current_total_price: restMoney(current),
    total_outstanding: restMoney(Math.max(0, current - (paid.received - paid.refunded))),
    payment_gateway_names: [...new Set(o.transactions.map((x) => x.gateway))],
    refunds: refundsOf(state, o.id).map((r) => refundPayload(state, o, r)),
  };
}

const tax = (x: { title: string; rate: number; amount: number }) => ({
  title: x.title,
  rate: x.rate,
  price: restMoney(x.amount),
});

export function restLineItem(l: LineItemRec): Record<string, unknown> {
  return {
    id: l.id,
    admin_graphql_api_id: gid("LineItem", l.id),
    variant_id: l.variantId,
    product_id: l.productId,
    sku: l.sku,
    title: l.title,
    variant_title: l.variantTitle,
    name: l.variantTitle ? `${l.title} - ${l.variantTitle}` : l.title,
    vendor: l.vendor,
    current_quantity: l.currentQuantity,
    price: restMoney(l.unitPrice),
    total_discount: restMoney(l.discount),
    requires_shipping: l.requiresShipping,
    taxable: l.taxable,
    tax_lines: l.taxLines.map(tax),
    properties: l.customAttributes.map((a) => ({ name: a.key, value: a.value })),
  };
}

/** REST's per-line status: null until a unit ships, "partial", then "fulfilled". */
function lineFulfillmentStatus(l: LineItemRec, shipped: number): string | null {
  if (shipped <= 0) return null;
  return shipped >= l.currentQuantity ? "fulfilled" : "partial";
}

/** fulfillments/create (and `Order.fulfillments` in REST order payloads). */
export function fulfillmentPayload(state: ShopState, f: FulfillmentRec): Record<string, unknown> {
  const order = state.orders.get(f.orderId);
  const location = f.locationId === null ? undefined : state.locations.get(f.locationId);
  const first = f.trackingInfo[0];
  const numbers = f.trackingInfo.map((t) => t.number).filter((n): n is string => n !== null);
  const urls = f.trackingInfo.map((t) => t.url).filter((u): u is string => u !== null);
  return {
    id: f.id,
    admin_graphql_api_id: gid("Fulfillment", f.id),
    order_id: f.orderId,
    name: f.name,
    status: f.status.toLowerCase(),
    created_at: f.createdAt,
    updated_at: f.updatedAt,
    location_id: f.locationId,
    service: location?.fulfillmentService?.handle ?? "manual",
    shipment_status: null,
    tracking_company: first?.company ?? null,
    tracking_number: numbers[0] ?? null,
    tracking_numbers: numbers,
    tracking_url: urls[0] ?? null,
    tracking_urls: urls,
    notify_customer: f.notifyCustomer,
    origin_address: f.originAddress
      ? {
          address1: f.originAddress.address1,
          address2: f.originAddress.address2,
          city: f.originAddress.city,
          country_code: f.originAddress.countryCode,
          province_code: f.originAddress.provinceCode,
          zip: f.originAddress.zip,
        }
      : null,
    receipt: {},
    line_items: f.lineItems.flatMap((fl): Record<string, unknown>[] => {
      const line = order?.lineItems.find((l) => l.id === fl.lineItemId);
      return line
        ? [{ ...restLineItem(line), quantity: fl.quantity, fulfillment_status: "fulfilled" }]
        : [{ id: fl.lineItemId, quantity: fl.quantity }];
    }),
  };
}

/** How fulfillment_orders/* webhooks name a fulfillment order: GraphQL ids, lower-case statuses. */
export function fulfillmentOrderRef(fo: FulfillmentOrderRec): Record<string, unknown> {
  return {
    id: gid("FulfillmentOrder", fo.id),
    status: fo.status.toLowerCase(),
    request_status: fo.requestStatus.toLowerCase(),
    assigned_location_id: fo.locationId === null ? null : gid("Location", fo.locationId),
  };
}

export function locationPayload(l: LocationRec): Record<string, unknown> {
  return {
    id: l.id,
    admin_graphql_api_id: gid("Location", l.id),
    name: l.name,
    active: l.isActive,
    address1: l.address.address1,
    city: l.address.city,
    zip: l.address.zip,
    province_code: l.address.provinceCode,
    country_code: l.address.countryCode,
    legacy: false,
    created_at: l.createdAt,
    updated_at: l.updatedAt,
  };
}

/**
 * products/create and products/update in Shopify's REST shape: the product with its options,
 * variants (price strings with two decimals, inventory item, policy, weight) and images.
 */
export function productPayload(state: ShopState, p: ProductRec): Record<string, unknown> {
  const images = p.mediaIds.flatMap((id, i) => {
    const file = state.files.get(id);
    return file ? [restImage(state, p, file, i + 1)] : [];
  });
  return {
    id: p.id,
    admin_graphql_api_id: gid("Product", p.id),
    title: p.title,
    handle: p.handle,
    status: p.status.toLowerCase(),
    vendor: p.vendor,
    product_type: p.productType,
    body_html: p.descriptionHtml,
    tags: p.tags.join(", "),
    published_scope: "global",
    published_at: p.status === "ACTIVE" ? p.createdAt : null,
    template_suffix: null,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    options: p.options.map((o, i) => ({
      id: p.id * 100 + i,
      product_id: p.id,
      name: o.name,
      position: i + 1,
      values: o.values,
    })),
    variants: p.variantIds.flatMap((id) => {
      const v = state.variants.get(id);
      if (!v) return [];
      const item = state.inventoryItems.get(v.inventoryItemId);
      const grams = item?.weight ? toGrams(item.weight.value, item.weight.unit) : 0;
      return [
        {
          id: v.id,
          admin_graphql_api_id: gid("ProductVariant", v.id),
          product_id: p.id,
          title: v.title,
          sku: v.sku,
          barcode: v.barcode,
          price: restMoney(v.price),
          compare_at_price: v.compareAtPrice === null ? null : restMoney(v.compareAtPrice),
          position: v.position,
          option1: v.selectedOptions[0]?.value ?? null,
          option2: v.selectedOptions[1]?.value ?? null,
          option3: v.selectedOptions[2]?.value ?? null,
          taxable: v.taxable,
          inventory_policy: v.inventoryPolicy.toLowerCase(),
          inventory_management: item?.tracked ? "shopify" : null,
          inventory_item_id: v.inventoryItemId,
          inventory_quantity: item ? [...item.levels.values()].reduce((s, l) => s + l.available, 0) : 0,
          requires_shipping: item?.requiresShipping ?? true,
          grams,
          weight: item?.weight?.value ?? 0,
          weight_unit: restWeightUnit(item?.weight?.unit),
          image_id: v.mediaIds[0] ?? null,
          created_at: v.createdAt,
          updated_at: v.updatedAt,
        },
      ];
    }),
    images,
    image: images[0] ?? null,
    media: p.mediaIds.flatMap((id, i) => {
      const file = state.files.get(id);
      return file
        ? [
            {
              id,
              admin_graphql_api_id: gid("MediaImage", id),
              position: i + 1,
              media_content_type: "IMAGE",
              alt: file.alt,
            },
          ]
        : [];
    }),
  };
}

function restImage(state: ShopState, p: ProductRec, file: FileRec, position: number): Record<string, unknown> {
  return {
    id: file.id,
    admin_graphql_api_id: gid("ProductImage", file.id),
    product_id: p.id,
    position,
    alt: file.alt,
    width: file.width,
    height: file.height,
    src: fileUrl(state, file),
    variant_ids: p.variantIds.filter((id) => state.variants.get(id)?.mediaIds.includes(file.id)),
    created_at: file.createdAt,
    updated_at: file.updatedAt,
  };
}

const GRAMS_PER: Record<string, number> = { GRAMS: 1, KILOGRAMS: 1000, OUNCES: 28.349523125, POUNDS: 453.59237 };

function toGrams(value: number, unit: string): number {
  return Math.round(value * (GRAMS_PER[unit] ?? 1));
}

function restWeightUnit(unit: string | undefined): string {
  return { GRAMS: "g", KILOGRAMS: "kg", OUNCES: "oz", POUNDS: "lb" }[unit ?? "KILOGRAMS"] ?? "kg";
}

/** products/delete carries only the id. */
export function productDeletePayload(p: ProductRec): Record<string, unknown> {
  return { id: p.id };
}

export function inventoryLevelPayload(item: InventoryItemRec, locationId: number): Record<string, unknown> {
  const level = item.levels.get(locationId);
  return {
    inventory_item_id: item.id,
    location_id: locationId,
    available: level?.available ?? 0,
    updated_at: level?.updatedAt ?? item.updatedAt,
    admin_graphql_api_id: inventoryLevelGid(locationId, item.id),
  };
}

/** inventory_items/update: the REST inventory item (cost a decimal string, null when not set). */
export function inventoryItemPayload(state: ShopState, item: InventoryItemRec): Record<string, unknown> {
  const variant = state.variants.get(item.variantId);
  return {
    id: item.id,
    sku: variant?.sku ?? null,
    created_at: item.createdAt,
    updated_at: item.updatedAt,
    requires_shipping: item.requiresShipping,
    cost: item.cost === null ? null : decimal(item.cost),
    country_code_of_origin: null,
    province_code_of_origin: null,
    harmonized_system_code: null,
    tracked: item.tracked,
    country_harmonized_system_codes: [],
    admin_graphql_api_id: gid("InventoryItem", item.id),
  };
}
