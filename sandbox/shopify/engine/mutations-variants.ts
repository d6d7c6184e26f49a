import type { Lazy } from "./field-resolver.ts";
import { attachMedia, checkNewFile, createFile, fileInputOf } from "./files.ts";
import { idOf, parseGid } from "./gid.ts";
import { asList, type Input, str, type UserError } from "./input-helpers.ts";
import { MAX_TEXT, MAX_VARIANTS, variantTextErrors } from "./product-limits.ts";
import {
  announceProduct,
  applyVariantFields,
  DEFAULT_OPTION,
  DEFAULT_TITLE,
  deriveOptions,
  newVariant,
  removeVariant,
  renumber,
  setQuantities,
  titleOf,
} from "./product-write.ts";
import { type ShopState, stamp } from "./shop-state.ts";
import type { InventoryItemRec, ProductRec, VariantRec } from "./store-types.ts";
import { assertVariantCreationAllowed, recordVariantCreations } from "./variant-throttle.ts";
import { productView, variantView } from "./views-catalog.ts";

/**
 * productVariantsBulkCreate / Update / Delete with Shopify's user errors. Create and update are
 * all-or-nothing unless `allowPartialUpdates`; create's `strategy` decides what happens to a
 * product's only ("standalone") variant: DEFAULT removes it when it is the "Default Title"
 * variant, REMOVE_STANDALONE_VARIANT removes it in any case, PRESERVE_STANDALONE_VARIANT keeps it.
 */

type Selected = { name: string; value: string }[];

function optionsOf(product: ProductRec, v: Input): Selected {
  return asList(v.optionValues).map((o) => {
    const byId = idOf(o.optionId, "ProductOption");
    const option = byId === null ? undefined : product.options[byId - product.id * 100];
    return { name: str(o.optionName) ?? option?.name ?? DEFAULT_OPTION, value: str(o.name) ?? "" };
  });
}

function isDefaultOnly(state: ShopState, product: ProductRec): boolean {
  const only = product.variantIds.length === 1 ? state.variants.get(product.variantIds[0]!) : undefined;
  return (
    only?.title === DEFAULT_TITLE &&
    product.options.length <= 1 &&
    (product.options[0]?.name ?? DEFAULT_OPTION) === DEFAULT_OPTION
  );
}

function locationErrors(state: ShopState, v: Input, field: string[], code: string): UserError[] {
  return asList(v.inventoryQuantities).flatMap((q, j) =>
    state.locations.has(idOf(q.locationId, "Location") ?? -1)
      ? []
      : [
          {
            field: [...field, "inventoryQuantities", String(j), "locationId"],
            message: "Quantity could not be set. The location was not found.",
            code,
          },
        ],
  );
}

/** The product's media a variant input points at (`mediaId`, or `mediaSrc` among the new `media`). */
function mediaFor(state: ShopState, product: ProductRec, v: Input, created: Map<string, number>): number | null {
  const byId = parseGid(v.mediaId);
  if (byId && product.mediaIds.includes(byId.id)) return byId.id;
  const src = Array.isArray(v.mediaSrc) ? v.mediaSrc.find((s) => typeof s === "string" && created.has(s)) : undefined;
  return typeof src === "string" ? (created.get(src) ?? null) : null;
}

function addMedia(state: ShopState, product: ProductRec, media: Input[], at: string): Map<string, number> {
  const created = new Map<string, number>();
  for (const m of media) {
    const file = createFile(state, { ...fileInputOf(m), contentType: "IMAGE" });
    created.set(file.originalSource, file.id);
    attachMedia(state, product, [file.id], at);
  }
  return created;
}

function mediaInputErrors(state: ShopState, media: Input[]): UserError[] {
  return media.flatMap((m, i) => {
    const problem = checkNewFile(state, fileInputOf(m), ["media", String(i)]);
    return problem ? [{ ...problem, code: "INVALID" }] : [];
  });
}

export const variantMutations: Record<string, Lazy<unknown>> = {
  productVariantsBulkCreate: (args, { state }) => {
    const product = state.products.get(idOf(args.productId, "Product") ?? -1);
    const fail = (userErrors: UserError[]) => ({ product: null, productVariants: null, userErrors });
    if (!product) {
      return fail([{ field: ["productId"], message: "Product does not exist", code: "PRODUCT_DOES_NOT_EXIST" }]);
    }
    const inputs = asList(args.variants);
    const media = asList(args.media);
    const strategy = str(args.strategy) ?? "DEFAULT";
    const standalone =
      product.variantIds.length === 1 &&
      (strategy === "REMOVE_STANDALONE_VARIANT" || (strategy === "DEFAULT" && isDefaultOnly(state, product)));
    const keptIds = standalone ? [] : product.variantIds;
    // A product whose only option is the default one takes the new variants' options.
    const openOptions = standalone || isDefaultOnly(state, product);
    const names = openOptions ? null : product.options.map((o) => o.name);
    const taken = new Set(keptIds.map((id) => state.variants.get(id)?.title ?? ""));
    const userErrors: UserError[] = [...mediaInputErrors(state, media)];
    if (keptIds.length + inputs.length > MAX_VARIANTS) {
      userErrors.push({
        field: ["variants"],
        message: `Product can't have more than ${MAX_VARIANTS} variants.`,
        code: "INVALID",
      });
    }
    inputs.forEach((v, i) => {
      const field = ["variants", String(i)];
      if (v.id !== undefined && v.id !== null) {
        userErrors.push({
          field: [...field, "id"],
          message: "On create, this key cannot be used.",
          code: "NO_KEY_ON_CREATE",
        });
      }
      userErrors.push(...variantTextErrors(v, field, { tooLong: "INVALID", price: "GREATER_THAN_OR_EQUAL_TO" }));
      userErrors.push(...locationErrors(state, v, field, "TRACKED_VARIANT_LOCATION_NOT_FOUND"));
      const selected = optionsOf(product, v);
      if (names) {
        const unknown = selected.filter((o) => !names.includes(o.name));
        if (unknown.length > 0) {
          userErrors.push({
            field: [...field, "optionValues"],
            message: "Variant options are more than the product options.",
            code: "OPTION_VALUES_FOR_NUMBER_OF_UNKNOWN_OPTIONS",
          });
        }
        const missing = names.filter((n) => !selected.some((o) => o.name === n));
        if (missing.length > 0) {
          userErrors.push({
            field: [...field, "optionValues"],
            message: `You need to add option values for ${missing.join(", ")}`,
            code: "NEED_TO_ADD_OPTION_VALUES",
          });
        }
      } else if (selected.length === 0) {
        userErrors.push({
          field: [...field, "optionValues"],
          message: "Variant options are not enough.",
          code: "NEED_TO_ADD_OPTION_VALUES",
        });
      }
      const ordered = names ? names.map((n) => selected.find((o) => o.name === n) ?? { name: n, value: "" }) : selected;
      const title = titleOf(ordered);
      if (taken.has(title)) {
        userErrors.push({
          field: [...field, "optionValues"],
          message: `The variant '${title}' already exists.`,
          code: "VARIANT_ALREADY_EXISTS",
        });
      }
      taken.add(title);
    });
    if (userErrors.length > 0) return fail(userErrors);
    assertVariantCreationAllowed(state, inputs.length);

    const at = stamp(state);
    const created = addMedia(state, product, media, at);
    if (standalone) {
      for (const id of product.variantIds) removeVariant(state, id);
      product.variantIds = [];
      if (openOptions) product.options = [];
    } else if (openOptions) {
      product.options = [];
    }
    const levels: [InventoryItemRec, number][] = [];
    const made: VariantRec[] = inputs.map((v) => {
      const selected = optionsOf(product, v);
      const ordered = names ? names.map((n) => selected.find((o) => o.name === n)!) : selected;
      const variant = newVariant(state, product, ordered, at);
      applyVariantFields(state, variant, v, at);
      const mediaId = mediaFor(state, product, v, created);
      if (mediaId !== null) variant.mediaIds = [mediaId];
      levels.push(...setQuantities(state, variant, asList(v.inventoryQuantities), at));
      return variant;
    });
    renumber(state, product);
    product.options = deriveOptions(
      state,
      product,
      product.options.map((o) => ({ name: o.name, values: o.values.map((name) => ({ name })) })),
    );
    product.updatedAt = at;
    recordVariantCreations(state, made.length);
    announceProduct(state, product, false, levels);
    return {
      product: productView(state, product),
      productVariants: made.map((v) => variantView(state, v)),
      userErrors: [],
    };
  },
  productVariantsBulkUpdate: (args, { state }) => {
    const product = state.products.get(idOf(args.productId, "Product") ?? -1);
    const fail = (userErrors: UserError[]) => ({ product: null, productVariants: null, userErrors });
    if (!product) {
      return fail([{ field: ["productId"], message: "Product does not exist", code: "PRODUCT_DOES_NOT_EXIST" }]);
    }
    const inputs = asList(args.variants);
    const media = asList(args.media);
    const partial = args.allowPartialUpdates === true;
    const names = product.options.map((o) => o.name);
    const userErrors: UserError[] = [...mediaInputErrors(state, media)];
    const valid: { v: Input; variant: VariantRec }[] = [];
    const titles = new Map(product.variantIds.map((id) => [id, state.variants.get(id)?.title ?? ""]));
    inputs.forEach((v, i) => {
      const field = ["variants", String(i)];
      const errors: UserError[] = [];
      const variantId = idOf(v.id, "ProductVariant");
      const variant =
        variantId !== null && product.variantIds.includes(variantId) ? state.variants.get(variantId) : undefined;
      if (v.id === undefined || v.id === null) {
        errors.push({
          field: [...field, "id"],
          message: "Product variant is missing ID attribute",
          code: "PRODUCT_VARIANT_ID_MISSING",
        });
      } else if (!variant) {
        errors.push({
          field: [...field, "id"],
          message: "Product variant does not exist",
          code: "PRODUCT_VARIANT_DOES_NOT_EXIST",
        });
      }
      if (v.inventoryQuantities !== undefined && v.inventoryQuantities !== null) {
        errors.push({
          field: [...field, "inventoryQuantities"],
          message:
            "Inventory quantities can only be provided during create. To update inventory for existing variants, use inventoryAdjustQuantities.",
          code: "NO_INVENTORY_QUANTITIES_ON_VARIANTS_UPDATE",
        });
      }
      errors.push(...variantTextErrors(v, field, { tooLong: "TOO_LONG", price: "GREATER_THAN_OR_EQUAL_TO" }));
      const selected = optionsOf(product, v);
      selected.forEach((o, j) => {
        if (!names.includes(o.name)) {
          errors.push({
            field: [...field, "optionValues", String(j)],
            message: "Option does not exist",
            code: "OPTION_DOES_NOT_EXIST",
          });
        } else if ([...o.value].length > MAX_TEXT) {
          errors.push({
            field: [...field, "optionValues", String(j), "name"],
            message: "Option value name is too long.",
            code: "OPTION_VALUE_NAME_TOO_LONG",
          });
        }
      });
      if (variant && selected.length > 0 && errors.length === 0) {
        const merged = variant.selectedOptions.map((so) => selected.find((o) => o.name === so.name) ?? so);
        const title = titleOf(merged);
        const clash = [...titles].some(([id, t]) => id !== variant.id && t === title);
        if (clash) {
          errors.push({
            field: [...field, "optionValues"],
            message: `The variant '${title}' already exists.`,
            code: "VARIANT_ALREADY_EXISTS",
          });
        } else titles.set(variant.id, title);
      }
      if (v.mediaId !== undefined && v.mediaId !== null && !product.mediaIds.includes(parseGid(v.mediaId)?.id ?? -1)) {
        errors.push({
          field: [...field, "mediaId"],
          message: "Media does not exist on the product",
          code: "INVALID_INPUT",
        });
      }
      userErrors.push(...errors);
      if (errors.length === 0 && variant) valid.push({ v, variant });
    });
    if (userErrors.length > 0 && !partial) return fail(userErrors);
    const at = stamp(state);
    const created = addMedia(state, product, media, at);
    for (const { v, variant } of valid) {
      const selected = optionsOf(product, v);
      if (selected.length > 0) {
        variant.selectedOptions = variant.selectedOptions.map((so) => selected.find((o) => o.name === so.name) ?? so);
        variant.title = titleOf(variant.selectedOptions);
      }
      applyVariantFields(state, variant, v, at);
      const mediaId = mediaFor(state, product, v, created);
      if (mediaId !== null) variant.mediaIds = [mediaId];
    }
    product.options = deriveOptions(
      state,
      product,
      product.options.map((o) => ({ name: o.name, values: o.values.map((name) => ({ name })) })),
    );
    product.updatedAt = at;
    if (valid.length > 0 || media.length > 0) announceProduct(state, product, false);
    return {
      product: productView(state, product),
      productVariants: valid.map(({ variant }) => variantView(state, variant)),
      userErrors,
    };
  },
  productVariantsBulkDelete: (args, { state }) => {
    const product = state.products.get(idOf(args.productId, "Product") ?? -1);
    if (!product) {
      return {
        product: null,
        userErrors: [{ field: ["productId"], message: "Product does not exist", code: "PRODUCT_DOES_NOT_EXIST" }],
      };
    }
    const ids = (Array.isArray(args.variantsIds) ? (args.variantsIds as unknown[]) : []).map(
      (id) => idOf(id, "ProductVariant") ?? -1,
    );
    if (ids.some((id) => !product.variantIds.includes(id))) {
      return {
        product: null,
        userErrors: [
          {
            field: ["variantsIds"],
            message: "At least one variant does not belong to the product",
            code: "AT_LEAST_ONE_VARIANT_DOES_NOT_BELONG_TO_THE_PRODUCT",
          },
        ],
      };
    }
    const gone = new Set(ids);
    if (product.variantIds.every((id) => gone.has(id))) {
      return {
        product: null,
        userErrors: [
          { field: ["variantsIds"], message: "Cannot delete default variant.", code: "CANNOT_DELETE_LAST_VARIANT" },
        ],
      };
    }
    const at = stamp(state);
    for (const id of gone) removeVariant(state, id);
    product.variantIds = product.variantIds.filter((id) => !gone.has(id));
    renumber(state, product);
    product.options = deriveOptions(state, product, []);
    product.updatedAt = at;
    announceProduct(state, product, false);
    return { product: productView(state, product), userErrors: [] };
  },
};
