import { GraphQLError } from "graphql";

import { productIdByHandle } from "./catalog-index.ts";
import { UNMODELLED_CODE } from "./field-resolver.ts";
import { attachMedia, checkNewFile, createFile, detachMedia, fileInputOf } from "./files.ts";
import { idOf, parseGid } from "./gid.ts";
import { asInput, asList, type Input, str, type UserError } from "./input-helpers.ts";
import {
  MAX_SYNC_PRODUCT_SET_VARIANTS,
  MAX_VARIANTS,
  optionErrors,
  productTextErrors,
  variantTextErrors,
} from "./product-limits.ts";
import {
  announceProduct,
  applyProductFields,
  applyVariantFields,
  DEFAULT_OPTION,
  DEFAULT_TITLE,
  deriveOptions,
  handleTaken,
  newProduct,
  newVariant,
  removeVariant,
  setQuantities,
  titleOf,
} from "./product-write.ts";
import { type ShopState, stamp } from "./shop-state.ts";
import type { InventoryItemRec, ProductRec, VariantRec } from "./store-types.ts";
import { assertVariantCreationAllowed, recordVariantCreations } from "./variant-throttle.ts";

/**
 * productSet: creates or updates a product from the desired state. Like Shopify, list fields are
 * replaced (variants and files left out are removed; metafields are upserted) while omitted
 * scalar fields keep their values. `synchronous` is how the caller ran it: synchronous calls take
 * at most 100 variants (the sync-data guide), asynchronous ones 2,048.
 */
export function applyProductSet(
  state: ShopState,
  input: Input,
  identifier: Input | null,
  options: { synchronous?: boolean; throttle?: boolean } = {},
): { product: ProductRec | null; userErrors: UserError[] } {
  const target = findTarget(state, input, identifier);
  if (target && "message" in target) return { product: null, userErrors: [target] };
  const errors = validate(state, input, target, options.synchronous ?? true);
  if (errors.length > 0) return { product: null, userErrors: errors };
  const inputs = variantInputs(input, target);
  const fresh = inputs.filter((v) => !matchExisting(state, target, v)).length;
  if (options.throttle !== false) assertVariantCreationAllowed(state, fresh);

  const at = stamp(state);
  const creating = !target;
  const product = target ?? newProduct(state, at);
  const handleFromIdentifier = creating && str(identifier?.handle) && input.handle === undefined;
  applyProductFields(
    state,
    product,
    handleFromIdentifier ? { ...input, handle: identifier?.handle } : input,
    at,
    creating,
  );

  if (input.files !== undefined) setFiles(state, product, asList(input.files), at);
  const levels: [InventoryItemRec, number][] = [];
  if (input.variants !== undefined || creating) {
    const kept: number[] = [];
    inputs.forEach((v) => {
      const selected = asList(v.optionValues).map((o) => ({
        name: str(o.optionName) ?? DEFAULT_OPTION,
        value: str(o.name) ?? DEFAULT_TITLE,
      }));
      const existing = matchExisting(state, product, v);
      const variant = existing ?? newVariant(state, product, selected, at);
      variant.selectedOptions = selected;
      variant.title = titleOf(selected);
      applyVariantFields(state, variant, v, at);
      const file = asInput(v.file);
      if (file) setVariantFile(state, product, variant, file, at);
      kept.push(variant.id);
      levels.push(...setQuantities(state, variant, asList(v.inventoryQuantities), at));
    });
    const keep = new Set(kept);
    for (const id of product.variantIds) if (!keep.has(id)) removeVariant(state, id);
    product.variantIds = kept;
    kept.forEach((id, i) => {
      const v = state.variants.get(id);
      if (v) v.position = i + 1;
    });
    product.options = deriveOptions(state, product, asList(input.productOptions));
  }
  if (options.throttle !== false) recordVariantCreations(state, fresh);
  announceProduct(state, product, creating, levels);
  return { product, userErrors: [] };
}

function findTarget(state: ShopState, input: Input, identifier: Input | null): ProductRec | null | UserError {
  if (identifier?.customId !== undefined && identifier.customId !== null) {
    // Matching by a unique metafield value would need metafield definitions, which the sandbox lacks.
    throw new GraphQLError("the sandbox does not model ProductSetIdentifiers.customId", {
      extensions: { code: UNMODELLED_CODE },
    });
  }
  const byId = identifier?.id ?? input.id;
  if (byId !== undefined && byId !== null) {
    const found = state.products.get(idOf(byId, "Product") ?? -1);
    return (
      found ?? {
        field: identifier?.id ? ["identifier", "id"] : ["input", "id"],
        message: "Product does not exist",
        code: "PRODUCT_DOES_NOT_EXIST",
      }
    );
  }
  const handle = str(identifier?.handle);
  if (handle) {
    const id = productIdByHandle(state, handle);
    return id === undefined ? null : (state.products.get(id) ?? null);
  }
  return null;
}

/** The variant inputs, or one default variant when a new product has none (as Shopify creates). */
function variantInputs(input: Input, existing: ProductRec | null): Input[] {
  const list = asList(input.variants);
  if (list.length > 0 || input.variants !== undefined || existing) return list;
  return [{ optionValues: [{ optionName: DEFAULT_OPTION, name: DEFAULT_TITLE }] }];
}

/** The product's variant an input means: by id, else by its option values (title). */
function matchExisting(state: ShopState, product: ProductRec | null, v: Input): VariantRec | undefined {
  if (!product) return undefined;
  const byId = idOf(v.id, "ProductVariant");
  if (byId !== null) return product.variantIds.includes(byId) ? state.variants.get(byId) : undefined;
  const title = titleOf(
    asList(v.optionValues).map((o) => ({ name: str(o.optionName) ?? "", value: str(o.name) ?? DEFAULT_TITLE })),
  );
  for (const id of product.variantIds) {
    const variant = state.variants.get(id);
    if (variant?.title === title) return variant;
  }
  return undefined;
}

function validate(state: ShopState, input: Input, existing: ProductRec | null, synchronous: boolean): UserError[] {
  const errors: UserError[] = [];
  if (!existing && !str(input.title)) {
    errors.push({ field: ["input", "title"], message: "Title can't be blank", code: "INVALID_INPUT" });
  }
  errors.push(...productTextErrors(input, ["input"], "INVALID_PRODUCT"));
  const handle = str(input.handle);
  if (handle && handleTaken(state, handle, existing?.id ?? null)) {
    errors.push({
      field: ["input", "handle"],
      message: `Handle '${handle}' already in use. Please provide a new handle.`,
      code: "HANDLE_NOT_UNIQUE",
    });
  }
  errors.push(
    ...optionErrors(asList(input.productOptions), ["input", "productOptions"], {
      overLimit: "OPTIONS_OVER_LIMIT",
      tooLong: "INVALID_INPUT",
    }),
  );
  const variants = asList(input.variants);
  if (variants.length > MAX_VARIANTS) {
    errors.push({
      field: ["input", "variants"],
      message: `Number of product variants exceeds shop limit of ${MAX_VARIANTS}.`,
      code: "VARIANTS_OVER_LIMIT",
    });
  } else if (synchronous && variants.length > MAX_SYNC_PRODUCT_SET_VARIANTS) {
    errors.push({
      field: ["input", "variants"],
      message: `Synchronous mode supports at most ${MAX_SYNC_PRODUCT_SET_VARIANTS} variants; run productSet with synchronous: false for up to ${MAX_VARIANTS}.`,
      code: "VARIANTS_OVER_LIMIT",
    });
  }
  const titles = new Set<string>();
  variants.forEach((v, i) => {
    const field = ["input", "variants", String(i)];
    errors.push(...variantTextErrors(v, field, { tooLong: "INVALID_VARIANT", price: "INVALID_VARIANT" }));
    const title = titleOf(asList(v.optionValues).map((o) => ({ name: "", value: str(o.name) ?? DEFAULT_TITLE })));
    if (titles.has(title)) {
      errors.push({ field, message: `The variant '${title}' already exists.`, code: "INVALID_VARIANT" });
    }
    titles.add(title);
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
    const file = asInput(v.file);
    if (file) errors.push(...fileErrors(state, file, [...field, "file"]));
  });
  asList(input.files).forEach((f, i) => errors.push(...fileErrors(state, f, ["input", "files", String(i)])));
  return errors;
}

function fileErrors(state: ShopState, f: Input, field: string[]): UserError[] {
  if (f.id !== undefined && f.id !== null) {
    const id = parseGid(f.id);
    return id && state.files.has(id.id)
      ? []
      : [{ field: [...field, "id"], message: "File does not exist", code: "INVALID_INPUT" }];
  }
  const problem = checkNewFile(state, fileInputOf(f), field);
  return problem ? [{ ...problem, code: "INVALID_INPUT" }] : [];
}

/** A FileSetInput: an existing file (by id, alt updated) or a new one from its originalSource. */
function fileFor(state: ShopState, f: Input, at: string): number {
  const existing = f.id === undefined || f.id === null ? undefined : state.files.get(parseGid(f.id)?.id ?? -1);
  if (existing) {
    if (f.alt !== undefined) {
      existing.alt = str(f.alt);
      existing.updatedAt = at;
    }
    return existing.id;
  }
  return createFile(state, fileInputOf(f)).id;
}

/** `files`: the product's media become exactly these, in this order; media left out are detached. */
function setFiles(state: ShopState, product: ProductRec, files: Input[], at: string): void {
  const ids = files.map((f) => fileFor(state, f, at));
  const wanted = new Set(ids);
  detachMedia(
    state,
    product,
    product.mediaIds.filter((id) => !wanted.has(id)),
    at,
  );
  product.mediaIds = [];
  attachMedia(state, product, ids, at);
}

/** A variant's `file`: its media become that file, which joins the product's media if needed. */
function setVariantFile(state: ShopState, product: ProductRec, variant: VariantRec, f: Input, at: string): void {
  const id = fileFor(state, f, at);
  attachMedia(state, product, [id], at);
  variant.mediaIds = [id];
}
