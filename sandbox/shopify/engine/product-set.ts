import { idOf } from "./gid.ts";
import { asInput, asList, type Input, normalizeTags, str, upsertMetafields, type UserError } from "./input-helpers.ts";
import { toCents } from "./money.ts";
import { inventoryLevelPayload, productPayload } from "./payloads.ts";
import { emit, nextId, type ShopState, stamp } from "./shop-state.ts";
import type { InventoryItemRec, ProductRec, VariantRec } from "./store-types.ts";

const DEFAULT_TITLE = "Default Title";

function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "product"
  );
}

function uniqueHandle(state: ShopState, wanted: string, selfId: number | null): string {
  let handle = wanted;
  for (let n = 1; [...state.products.values()].some((p) => p.handle === handle && p.id !== selfId); n += 1) {
    handle = `${wanted}-${n}`;
  }
  return handle;
}

function findTarget(state: ShopState, input: Input, identifier: Input | null): ProductRec | null | UserError {
  const byId = identifier?.id ?? input.id;
  if (byId !== undefined && byId !== null) {
    const found = state.products.get(idOf(byId, "Product") ?? -1);
    return found ?? { field: ["input", "id"], message: "Product does not exist", code: "PRODUCT_DOES_NOT_EXIST" };
  }
  const handle = str(identifier?.handle);
  if (handle) return [...state.products.values()].find((p) => p.handle === handle) ?? null;
  return null;
}

function validate(state: ShopState, input: Input, existing: ProductRec | null): UserError[] {
  const errors: UserError[] = [];
  if (!existing && !str(input.title)) {
    errors.push({ field: ["input", "title"], message: "Title can't be blank", code: "INVALID_INPUT" });
  }
  asList(input.variants).forEach((v, i) => {
    const field = ["input", "variants", String(i)];
    if (v.price !== undefined && v.price !== null && toCents(v.price) === null) {
      errors.push({ field: [...field, "price"], message: "Price is invalid", code: "INVALID_VARIANT" });
    }
    asList(v.inventoryQuantities).forEach((q, j) => {
      const qField = [...field, "inventoryQuantities", String(j)];
      if (!state.locations.has(idOf(q.locationId, "Location") ?? -1)) {
        errors.push({ field: [...qField, "locationId"], message: "Location not found", code: "INVALID_INPUT" });
      }
      if (q.name !== "available" && q.name !== "on_hand") {
        errors.push({
          field: [...qField, "name"],
          message: "Inventory quantity name must be available or on_hand",
          code: "INVALID_INPUT",
        });
      }
    });
    if (v.id != null && !(existing?.variantIds ?? []).includes(idOf(v.id, "ProductVariant") ?? -1)) {
      errors.push({
        field: [...field, "id"],
        message: "Product variant does not exist",
        code: "PRODUCT_VARIANT_DOES_NOT_EXIST",
      });
    }
  });
  return errors;
}

/** The variant inputs, or one default variant when a new product has none (as Shopify creates). */
function variantInputs(input: Input, existing: ProductRec | null): Input[] {
  const list = asList(input.variants);
  if (list.length > 0 || input.variants !== undefined || existing) return list;
  return [{ optionValues: [{ optionName: "Title", name: DEFAULT_TITLE }] }];
}

/**
 * productSet: creates or updates a product. Like Shopify, the variant list is replaced (variants
 * left out are deleted) while omitted scalar fields keep their values.
 */
export function applyProductSet(
  state: ShopState,
  input: Input,
  identifier: Input | null,
): { product: ProductRec | null; userErrors: UserError[] } {
  const target = findTarget(state, input, identifier);
  if (target && "message" in target) return { product: null, userErrors: [target] };
  const errors = validate(state, input, target);
  if (errors.length > 0) return { product: null, userErrors: errors };
  const at = stamp(state);
  const creating = !target;
  const product: ProductRec = target ?? {
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
    metafields: [],
    createdAt: at,
    updatedAt: at,
  };
  if (input.title !== undefined) product.title = str(input.title) ?? product.title;
  if (input.handle !== undefined || creating) {
    product.handle = uniqueHandle(state, str(input.handle) ?? slug(product.title), product.id);
  }
  if (input.status !== undefined) product.status = str(input.status) ?? product.status;
  if (input.vendor !== undefined) product.vendor = str(input.vendor) ?? "";
  if (input.productType !== undefined) product.productType = str(input.productType) ?? "";
  if (input.descriptionHtml !== undefined) product.descriptionHtml = str(input.descriptionHtml) ?? "";
  if (input.tags !== undefined) product.tags = normalizeTags(input.tags);
  upsertMetafields(state, product.metafields, asList(input.metafields), at);
  product.updatedAt = at;

  const changedLevels: [InventoryItemRec, number][] = [];
  if (input.variants !== undefined || creating) {
    const kept: number[] = [];
    variantInputs(input, target).forEach((v, i) => {
      const values = asList(v.optionValues).map((o) => ({
        name: str(o.optionName) ?? "Title",
        value: str(o.name) ?? DEFAULT_TITLE,
      }));
      const title = values.map((o) => o.value).join(" / ") || DEFAULT_TITLE;
      const existingId =
        idOf(v.id, "ProductVariant") ?? product.variantIds.find((id) => state.variants.get(id)?.title === title);
      const variant = upsertVariant(state, product, existingId ?? null, v, values, title, i + 1, at);
      kept.push(variant.id);
      const item = state.inventoryItems.get(variant.inventoryItemId)!;
      for (const q of asList(v.inventoryQuantities)) {
        const locationId = idOf(q.locationId, "Location")!;
        const level = item.levels.get(locationId) ?? { available: 0, committed: 0, updatedAt: at };
        const quantity = Number(q.quantity ?? 0);
        level.available = q.name === "on_hand" ? quantity - level.committed : quantity;
        level.updatedAt = at;
        item.levels.set(locationId, level);
        changedLevels.push([item, locationId]);
      }
    });
    for (const id of product.variantIds) {
      if (kept.includes(id)) continue;
      const gone = state.variants.get(id);
      if (gone) state.inventoryItems.delete(gone.inventoryItemId);
      state.variants.delete(id);
    }
    product.variantIds = kept;
    product.options = deriveOptions(state, product, asList(input.productOptions));
  }
  state.products.set(product.id, product);
  emit(state, creating ? "products/create" : "products/update", productPayload(state, product));
  for (const [item, locationId] of changedLevels) {
    emit(state, "inventory_levels/update", inventoryLevelPayload(item, locationId));
  }
  return { product, userErrors: [] };
}

function upsertVariant(
  state: ShopState,
  product: ProductRec,
  existingId: number | null,
  v: Input,
  values: { name: string; value: string }[],
  title: string,
  position: number,
  at: string,
): VariantRec {
  const existing = existingId === null ? undefined : state.variants.get(existingId);
  const itemInput = asInput(v.inventoryItem);
  const variant: VariantRec = existing ?? {
    id: nextId(state, "ProductVariant"),
    productId: product.id,
    title,
    sku: null,
    barcode: null,
    price: 0,
    compareAtPrice: null,
    position,
    selectedOptions: values,
    inventoryItemId: nextId(state, "InventoryItem"),
    taxable: true,
    metafields: [],
    createdAt: at,
    updatedAt: at,
  };
  variant.title = title;
  variant.position = position;
  variant.selectedOptions = values;
  if (v.price !== undefined) variant.price = toCents(v.price) ?? 0;
  if (v.compareAtPrice !== undefined) variant.compareAtPrice = toCents(v.compareAtPrice);
  if (v.sku !== undefined || itemInput?.sku !== undefined) variant.sku = str(v.sku) ?? str(itemInput?.sku);
  if (v.barcode !== undefined) variant.barcode = str(v.barcode);
  if (v.taxable !== undefined) variant.taxable = v.taxable !== false;
  upsertMetafields(state, variant.metafields, asList(v.metafields), at);
  variant.updatedAt = at;
  state.variants.set(variant.id, variant);
  const item = state.inventoryItems.get(variant.inventoryItemId) ?? {
    id: variant.inventoryItemId,
    variantId: variant.id,
    tracked: true,
    cost: null,
    requiresShipping: true,
    levels: new Map(),
    createdAt: at,
    updatedAt: at,
  };
  if (itemInput?.tracked !== undefined) item.tracked = itemInput.tracked !== false;
  if (itemInput?.cost !== undefined) item.cost = toCents(itemInput.cost);
  if (itemInput?.requiresShipping !== undefined) item.requiresShipping = itemInput.requiresShipping !== false;
  item.updatedAt = at;
  state.inventoryItems.set(item.id, item);
  return variant;
}

function deriveOptions(state: ShopState, product: ProductRec, optionInputs: Input[]): ProductRec["options"] {
  const options = new Map<string, string[]>();
  for (const o of optionInputs) {
    options.set(
      str(o.name) ?? "Title",
      asList(o.values).map((x) => str(x.name) ?? ""),
    );
  }
  for (const id of product.variantIds) {
    for (const so of state.variants.get(id)?.selectedOptions ?? []) {
      const values = options.get(so.name) ?? [];
      if (!values.includes(so.value)) values.push(so.value);
      options.set(so.name, values);
    }
  }
  return [...options.entries()].map(([name, values]) => ({ name, values }));
}
