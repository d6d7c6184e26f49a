import {
  deleteProductRecord,
  deleteVariant,
  productIdByHandle,
  putVariant,
  setHandle,
  setSku,
} from "./catalog-index.ts";
import { idOf } from "./gid.ts";
import { asInput, asList, type Input, normalizeTags, str, upsertMetafields } from "./input-helpers.ts";
import { newLevel, onHandOf } from "./inventory-levels.ts";
import { toCents } from "./money.ts";
import { inventoryLevelPayload, productDeletePayload, productPayload } from "./payloads.ts";
import { skuOf } from "./product-limits.ts";
import { emit, nextId, type ShopState } from "./shop-state.ts";
import {
  INVENTORY_POLICIES,
  type InventoryItemRec,
  type InventoryPolicy,
  type ProductRec,
  type VariantRec,
  WEIGHT_UNITS,
  type WeightRec,
} from "./store-types.ts";

/** The building blocks every product mutation shares (productSet, productCreate/Update, the variant bulk mutations). */

export const DEFAULT_OPTION = "Title";
export const DEFAULT_TITLE = "Default Title";

export function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "product"
  );
}

/** A free handle from `wanted` (Shopify appends -1, -2, … to generated handles that are taken). */
export function uniqueHandle(state: ShopState, wanted: string, selfId: number | null): string {
  let handle = wanted;
  for (let n = 1; ; n += 1) {
    const owner = productIdByHandle(state, handle);
    if (owner === undefined || owner === selfId) return handle;
    handle = `${wanted}-${n}`;
  }
}

/** True when another product already holds the handle. */
export function handleTaken(state: ShopState, handle: string, selfId: number | null): boolean {
  const owner = productIdByHandle(state, handle);
  return owner !== undefined && owner !== selfId;
}

export function newProduct(state: ShopState, at: string): ProductRec {
  return {
    id: nextId(state, "Product"),
    title: "",
    handle: "",
    status: "ACTIVE",
    vendor: state.info.name,
    productType: "",
    descriptionHtml: "",
    tags: [],
    options: [],
    variantIds: [],
    mediaIds: [],
    metafields: [],
    createdAt: at,
    updatedAt: at,
  };
}

/** Scalar product fields of a create/update/set input; omitted fields keep their values. */
export function applyProductFields(state: ShopState, product: ProductRec, input: Input, at: string, creating: boolean) {
  if (input.title !== undefined) product.title = str(input.title) ?? product.title;
  if (input.handle !== undefined && str(input.handle)) setHandle(state, product, str(input.handle)!);
  else if (creating) setHandle(state, product, uniqueHandle(state, slug(product.title), product.id));
  if (input.status !== undefined) product.status = str(input.status) ?? product.status;
  if (input.vendor !== undefined) product.vendor = str(input.vendor) ?? "";
  if (input.productType !== undefined) product.productType = str(input.productType) ?? "";
  if (input.descriptionHtml !== undefined) product.descriptionHtml = str(input.descriptionHtml) ?? "";
  if (input.tags !== undefined) product.tags = normalizeTags(input.tags);
  upsertMetafields(state, product.metafields, asList(input.metafields), at);
  product.updatedAt = at;
  state.products.set(product.id, product);
}

/** A new variant (with its inventory item) on `product`, at the end of its variants. */
export function newVariant(
  state: ShopState,
  product: ProductRec,
  selectedOptions: { name: string; value: string }[],
  at: string,
): VariantRec {
  const variant: VariantRec = {
    id: nextId(state, "ProductVariant"),
    productId: product.id,
    title: titleOf(selectedOptions),
    sku: null,
    barcode: null,
    price: 0,
    compareAtPrice: null,
    position: product.variantIds.length + 1,
    selectedOptions,
    inventoryItemId: nextId(state, "InventoryItem"),
    taxable: true,
    inventoryPolicy: "DENY",
    requiresComponents: false,
    mediaIds: [],
    metafields: [],
    createdAt: at,
    updatedAt: at,
  };
  putVariant(state, variant);
  const item: InventoryItemRec = {
    id: variant.inventoryItemId,
    variantId: variant.id,
    tracked: true,
    cost: null,
    requiresShipping: true,
    weight: null,
    levels: new Map(),
    createdAt: at,
    updatedAt: at,
  };
  state.inventoryItems.set(item.id, item);
  product.variantIds.push(variant.id);
  return variant;
}

export function titleOf(selectedOptions: { name: string; value: string }[]): string {
  return selectedOptions.map((o) => o.value).join(" / ") || DEFAULT_TITLE;
}

/** The variant's options from `optionValues` ({optionName, name} or {optionId, id}), against the product's options. */
export function selectedOptionsOf(product: ProductRec, optionValues: Input[]): { name: string; value: string }[] {
  return optionValues.map((o) => {
    const byId = idOf(o.optionId, "ProductOption");
    const option = byId === null ? undefined : product.options[byId - product.id * 100];
    return { name: str(o.optionName) ?? option?.name ?? DEFAULT_OPTION, value: str(o.name) ?? DEFAULT_TITLE };
  });
}

/** Price, SKU, barcode, policy, inventory item and metafields of a variant input; omitted fields keep their values. */
export function applyVariantFields(state: ShopState, variant: VariantRec, v: Input, at: string): void {
  if (v.price !== undefined) variant.price = toCents(v.price) ?? 0;
  if (v.compareAtPrice !== undefined) variant.compareAtPrice = toCents(v.compareAtPrice);
  const sku = skuOf(v);
  if (sku !== undefined) setSku(state, variant, sku);
  if (v.barcode !== undefined) variant.barcode = str(v.barcode);
  if (v.taxable !== undefined && v.taxable !== null) variant.taxable = v.taxable !== false;
  if ((INVENTORY_POLICIES as readonly unknown[]).includes(v.inventoryPolicy)) {
    variant.inventoryPolicy = v.inventoryPolicy as InventoryPolicy;
  }
  if (typeof v.requiresComponents === "boolean") variant.requiresComponents = v.requiresComponents;
  upsertMetafields(state, variant.metafields, asList(v.metafields), at);
  variant.updatedAt = at;
  const item = state.inventoryItems.get(variant.inventoryItemId);
  const itemInput = asInput(v.inventoryItem);
  if (!item || !itemInput) return;
  if (itemInput.tracked !== undefined && itemInput.tracked !== null) item.tracked = itemInput.tracked !== false;
  if (itemInput.cost !== undefined) item.cost = toCents(itemInput.cost);
  if (itemInput.requiresShipping !== undefined && itemInput.requiresShipping !== null) {
    item.requiresShipping = itemInput.requiresShipping !== false;
  }
  const weight = asInput(asInput(itemInput.measurement)?.weight);
  if (weight) item.weight = weightOf(weight);
  item.updatedAt = at;
}

function weightOf(input: Input): WeightRec | null {
  const value = Number(input.value);
  const unit = WEIGHT_UNITS.find((u) => u === input.unit);
  return Number.isFinite(value) && unit ? { value, unit } : null;
}

/** Sets `available`/`on_hand` quantities per location; returns the levels changed (for their webhooks). */
export function setQuantities(
  state: ShopState,
  variant: VariantRec,
  quantities: Input[],
  at: string,
): [InventoryItemRec, number][] {
  const item = state.inventoryItems.get(variant.inventoryItemId);
  if (!item) return [];
  const changed: [InventoryItemRec, number][] = [];
  for (const q of quantities) {
    const locationId = idOf(q.locationId, "Location");
    if (locationId === null) continue;
    const level = item.levels.get(locationId) ?? newLevel(at);
    const quantity = Number(q.quantity ?? q.availableQuantity ?? 0);
    level.available = q.name === "on_hand" ? quantity - (onHandOf(level) - level.available) : quantity;
    level.updatedAt = at;
    item.levels.set(locationId, level);
    changed.push([item, locationId]);
  }
  if (changed.length > 0) item.updatedAt = at;
  return changed;
}

/** Deletes a variant and its inventory item (the product's list is the caller's to fix). */
export function removeVariant(state: ShopState, id: number): void {
  const gone = deleteVariant(state, id);
  if (gone) state.inventoryItems.delete(gone.inventoryItemId);
}

/** Renumbers positions after variants were added, removed or reordered. */
export function renumber(state: ShopState, product: ProductRec): void {
  product.variantIds.forEach((id, i) => {
    const v = state.variants.get(id);
    if (v) v.position = i + 1;
  });
}

/** Options from the given option inputs (order and values) plus every value the variants use. */
export function deriveOptions(state: ShopState, product: ProductRec, optionInputs: Input[]): ProductRec["options"] {
  const options = new Map<string, string[]>();
  for (const o of optionInputs) {
    options.set(
      str(o.name) ?? DEFAULT_OPTION,
      asList(o.values).map((x) => str(x.name) ?? ""),
    );
  }
  const used = new Map<string, Set<string>>();
  for (const id of product.variantIds) {
    for (const so of state.variants.get(id)?.selectedOptions ?? []) {
      const values = options.get(so.name) ?? [];
      if (!values.includes(so.value)) values.push(so.value);
      options.set(so.name, values);
      const set = used.get(so.name) ?? new Set();
      set.add(so.value);
      used.set(so.name, set);
    }
  }
  // Without explicit option inputs, values no variant uses any more disappear, as in Shopify.
  return [...options.entries()].map(([name, values]) => ({
    name,
    values: optionInputs.length > 0 ? values : values.filter((v) => used.get(name)?.has(v)),
  }));
}

/** products/create or products/update, plus inventory_levels/update for each level written. */
export function announceProduct(
  state: ShopState,
  product: ProductRec,
  creating: boolean,
  levels: [InventoryItemRec, number][] = [],
): void {
  emit(state, creating ? "products/create" : "products/update", productPayload(state, product));
  for (const [item, locationId] of levels) {
    emit(state, "inventory_levels/update", inventoryLevelPayload(item, locationId));
  }
}

/** Deletes a product with its variants and inventory items, detaches its media, and announces products/delete. */
export function removeProduct(state: ShopState, product: ProductRec, at: string): void {
  for (const id of product.variantIds) removeVariant(state, id);
  for (const fileId of product.mediaIds) {
    const file = state.files.get(fileId);
    if (!file) continue;
    file.productIds = file.productIds.filter((p) => p !== product.id);
    file.updatedAt = at;
  }
  deleteProductRecord(state, product);
  emit(state, "products/delete", productDeletePayload(product));
}
