import { type ConnectionArgs, mapConnection, paginate, paginateList } from "./connection.ts";
import { FULFILLABLE_STATUSES } from "./fulfillment-orders.ts";
import { gid, idOf, inventoryLevelGid } from "./gid.ts";
import { newLevel, quantityOf } from "./inventory-levels.ts";
import { decimal, moneyV2 } from "./money.ts";
import type { ShopState } from "./shop-state.ts";
import type { InventoryItemRec, LocationRec, ProductRec, VariantRec } from "./store-types.ts";
import { metafieldFields } from "./views-common.ts";
import { fileView, firstImage, mediaConnection, productImages } from "./views-media.ts";

export function locationView(state: ShopState, rec: LocationRec): object {
  const service = rec.fulfillmentService;
  return {
    __typename: "Location",
    id: gid("Location", rec.id),
    legacyResourceId: String(rec.id),
    name: rec.name,
    isActive: rec.isActive,
    activatable: !rec.isActive,
    deactivatable: rec.isActive && !service,
    deletable: false,
    fulfillsOnlineOrders: true,
    hasActiveInventory: true,
    // A service's location ships its own stock; the legacy "ships inventory" flag is the merchant's.
    shipsInventory: !service,
    isFulfillmentService: service !== null,
    fulfillmentService: () => (service ? fulfillmentServiceView(state, rec) : null),
    hasUnfulfilledOrders: () =>
      [...state.fulfillmentOrders.values()].some(
        (fo) => fo.locationId === rec.id && FULFILLABLE_STATUSES.has(fo.status),
      ),
    address: {
      __typename: "LocationAddress",
      ...rec.address,
      formatted: [rec.address.address1 ?? "", rec.address.city ?? ""],
    },
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    inventoryLevel: (args: Record<string, unknown>) => {
      const item = state.inventoryItems.get(idOf(args.inventoryItemId, "InventoryItem") ?? -1);
      return item && item.levels.has(rec.id) ? inventoryLevelView(state, item, rec.id) : null;
    },
    inventoryLevels: (args: Record<string, unknown>) => {
      const items = [...state.inventoryItems.values()].filter((i) => i.levels.has(rec.id));
      return mapConnection(
        paginateList(items, args as ConnectionArgs, (i) => i.id),
        (i) => inventoryLevelView(state, i, rec.id),
      );
    },
    ...metafieldFields(() => [], "LOCATION"),
  };
}

/** The fulfillment service of a service location (`rec.fulfillmentService` must be set). */
export function fulfillmentServiceView(state: ShopState, rec: LocationRec): object | null {
  const service = rec.fulfillmentService;
  if (!service) return null;
  return {
    __typename: "FulfillmentService",
    id: gid("FulfillmentService", service.id),
    handle: service.handle,
    serviceName: service.serviceName,
    type: "THIRD_PARTY",
    callbackUrl: service.callbackUrl,
    trackingSupport: service.trackingSupport,
    inventoryManagement: service.inventoryManagement,
    requiresShippingMethod: service.requiresShippingMethod,
    fulfillmentOrdersOptIn: true,
    location: () => locationView(state, rec),
  };
}

export function inventoryLevelView(state: ShopState, item: InventoryItemRec, locationId: number): object {
  const level = item.levels.get(locationId) ?? newLevel(item.updatedAt);
  const location = state.locations.get(locationId);
  return {
    __typename: "InventoryLevel",
    id: inventoryLevelGid(locationId, item.id),
    isActive: true,
    canDeactivate: true,
    createdAt: item.createdAt,
    updatedAt: level.updatedAt,
    item: () => inventoryItemView(state, item),
    location: () => (location ? locationView(state, location) : null),
    quantities: (args: Record<string, unknown>) =>
      ((args.names as string[] | undefined) ?? []).map((name) => ({
        __typename: "InventoryQuantity",
        id: `${inventoryLevelGid(locationId, item.id)}&name=${name}`,
        name,
        quantity: quantityOf(level, name),
        updatedAt: level.updatedAt,
      })),
  };
}

export function inventoryItemView(state: ShopState, item: InventoryItemRec): object {
  const variant = state.variants.get(item.variantId);
  return {
    __typename: "InventoryItem",
    id: gid("InventoryItem", item.id),
    legacyResourceId: String(item.id),
    sku: variant?.sku ?? null,
    tracked: item.tracked,
    requiresShipping: item.requiresShipping,
    unitCost: item.cost === null ? null : moneyV2(item.cost, state.info.currencyCode),
    duplicateSkuCount: 0,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    locationsCount: { __typename: "Count", count: item.levels.size, precision: "EXACT" },
    measurement: {
      __typename: "InventoryItemMeasurement",
      id: gid("InventoryItemMeasurement", item.id),
      weight: item.weight ? { __typename: "Weight", ...item.weight } : null,
    },
    inventoryLevel: (args: Record<string, unknown>) => {
      const locationId = idOf(args.locationId, "Location") ?? -1;
      return item.levels.has(locationId) ? inventoryLevelView(state, item, locationId) : null;
    },
    inventoryLevels: (args: Record<string, unknown>) =>
      mapConnection(
        paginateList([...item.levels.keys()], args as ConnectionArgs, (id) => id),
        (locationId) => inventoryLevelView(state, item, locationId),
      ),
    variant: () => (variant ? variantView(state, variant) : null),
    variants: (args: Record<string, unknown>) =>
      mapConnection(
        paginateList(variant ? [variant] : [], args as ConnectionArgs, (v) => v.id),
        (v) => variantView(state, v),
      ),
  };
}

export function variantView(state: ShopState, rec: VariantRec): object {
  const product = state.products.get(rec.productId);
  const item = state.inventoryItems.get(rec.inventoryItemId);
  const available = item ? [...item.levels.values()].reduce((sum, l) => sum + l.available, 0) : 0;
  return {
    __typename: "ProductVariant",
    id: gid("ProductVariant", rec.id),
    legacyResourceId: String(rec.id),
    title: rec.title,
    displayName: product ? `${product.title} - ${rec.title}` : rec.title,
    sku: rec.sku,
    barcode: rec.barcode,
    price: decimal(rec.price),
    compareAtPrice: rec.compareAtPrice === null ? null : decimal(rec.compareAtPrice),
    position: rec.position,
    taxable: rec.taxable,
    availableForSale: available > 0,
    inventoryQuantity: available,
    sellableOnlineQuantity: available,
    inventoryPolicy: rec.inventoryPolicy,
    requiresComponents: rec.requiresComponents,
    media: (args: Record<string, unknown>) => mediaConnection(state, rec.mediaIds, args),
    image: () => firstImage(state, rec.mediaIds),
    selectedOptions: rec.selectedOptions.map((o) => ({
      __typename: "SelectedOption",
      ...o,
      optionValue: { name: o.value },
    })),
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    defaultCursor: "",
    product: () => (product ? productView(state, product) : null),
    inventoryItem: () => (item ? inventoryItemView(state, item) : null),
    ...metafieldFields(() => rec.metafields, "PRODUCTVARIANT"),
  };
}

export function productView(state: ShopState, rec: ProductRec): object {
  const variants = () => rec.variantIds.map((id) => state.variants.get(id)).filter((v): v is VariantRec => Boolean(v));
  const prices = variants().map((v) => v.price);
  const currency = state.info.currencyCode;
  return {
    __typename: "Product",
    id: gid("Product", rec.id),
    legacyResourceId: String(rec.id),
    title: rec.title,
    handle: rec.handle,
    status: rec.status,
    vendor: rec.vendor,
    productType: rec.productType,
    descriptionHtml: rec.descriptionHtml,
    description: rec.descriptionHtml.replace(/<[^>]*>/g, ""),
    tags: rec.tags,
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    publishedAt: rec.status === "ACTIVE" ? rec.createdAt : null,
    hasOnlyDefaultVariant: rec.variantIds.length === 1 && rec.options[0]?.name === "Title",
    totalInventory: variants().reduce((sum, v) => {
      const item = state.inventoryItems.get(v.inventoryItemId);
      return sum + (item ? [...item.levels.values()].reduce((s, l) => s + l.available, 0) : 0);
    }, 0),
    tracksInventory: variants().some((v) => state.inventoryItems.get(v.inventoryItemId)?.tracked),
    options: (args: Record<string, unknown>) =>
      rec.options.slice(0, typeof args.first === "number" ? args.first : undefined).map((o, i) => ({
        __typename: "ProductOption",
        id: gid("ProductOption", rec.id * 100 + i),
        name: o.name,
        position: i + 1,
        values: o.values,
        linkedMetafield: null,
        optionValues: o.values.map((name, j) => ({
          __typename: "ProductOptionValue",
          id: gid("ProductOptionValue", (rec.id * 100 + i) * 1000 + j),
          name,
          hasVariants: variants().some((v) => v.selectedOptions.some((so) => so.name === o.name && so.value === name)),
          linkedMetafieldValue: null,
          swatch: null,
        })),
      })),
    media: (args: Record<string, unknown>) => mediaConnection(state, rec.mediaIds, args),
    mediaCount: { __typename: "Count", count: rec.mediaIds.length, precision: "EXACT" },
    featuredMedia: () => {
      const file = rec.mediaIds.length > 0 ? state.files.get(rec.mediaIds[0]!) : undefined;
      return file ? fileView(state, file) : null;
    },
    featuredImage: () => firstImage(state, rec.mediaIds),
    images: (args: Record<string, unknown>) => productImages(state, rec.mediaIds, args),
    priceRangeV2: {
      minVariantPrice: moneyV2(prices.length ? Math.min(...prices) : 0, currency),
      maxVariantPrice: moneyV2(prices.length ? Math.max(...prices) : 0, currency),
    },
    variantsCount: { __typename: "Count", count: rec.variantIds.length, precision: "EXACT" },
    variants: (args: Record<string, unknown>) =>
      mapConnection(
        paginate(variants(), args as ConnectionArgs, (v) => ({ id: v.id, value: v.position })),
        (v) => variantView(state, v),
      ),
    ...metafieldFields(() => rec.metafields, "PRODUCT"),
  };
}
