import { GraphQLError } from "graphql";

import type { Lazy } from "./field-resolver.ts";
import { attachMedia, checkNewFile, createFile, fileInputOf } from "./files.ts";
import { gid, idOf } from "./gid.ts";
import { asInput, asList, type Input, str, type UserError } from "./input-helpers.ts";
import { optionErrors, productTextErrors } from "./product-limits.ts";
import { applyProductSet } from "./product-set.ts";
import {
  announceProduct,
  applyProductFields,
  DEFAULT_OPTION,
  DEFAULT_TITLE,
  handleTaken,
  newProduct,
  newVariant,
  removeProduct,
} from "./product-write.ts";
import { nextId, type ShopState, stamp } from "./shop-state.ts";
import type { ProductRec, ProductSetOperationRec } from "./store-types.ts";
import { assertVariantCreationAllowed, recordVariantCreations } from "./variant-throttle.ts";
import { productView } from "./views-catalog.ts";
import { shopView } from "./views-shop.ts";

/**
 * productSet (synchronous, or asynchronous with a ProductSetOperation: CREATED → ACTIVE →
 * COMPLETE, read with productOperation), productCreate / productUpdate with the 2026-10 `product:`
 * input and `media`, and productDelete. Every write announces products/create, /update or /delete.
 */

/** CreateMediaInput: the sandbox keeps images; video and 3D models are not modelled. */
function mediaErrors(state: ShopState, media: Input[]): UserError[] {
  return media.flatMap((m, i) => {
    if (m.mediaContentType !== "IMAGE") {
      throw new GraphQLError(`the sandbox does not model ${String(m.mediaContentType)} media`, {
        extensions: { code: "SANDBOX_UNMODELLED_FIELD" },
      });
    }
    const problem = checkNewFile(state, fileInputOf(m), ["media", String(i)]);
    return problem ? [{ field: problem.field, message: problem.message }] : [];
  });
}

function addMedia(state: ShopState, product: ProductRec, media: Input[], at: string): void {
  const ids = media.map((m) => createFile(state, { ...fileInputOf(m), contentType: "IMAGE" }).id);
  attachMedia(state, product, ids, at);
}

/** Product fields of ProductCreateInput / ProductUpdateInput (the deprecated `input:` argument reads the same). */
function productInput(args: Record<string, unknown>): Input {
  return asInput(args.product) ?? asInput(args.input) ?? {};
}

function commonErrors(state: ShopState, input: Input, selfId: number | null): UserError[] {
  const errors = productTextErrors(input, [], null).map((e) => ({ field: e.field, message: e.message }));
  const handle = str(input.handle);
  if (handle && handleTaken(state, handle, selfId)) {
    errors.push({ field: ["handle"], message: `Handle '${handle}' already in use. Please provide a new handle.` });
  }
  return errors;
}

function runProductSet(state: ShopState, op: ProductSetOperationRec): void {
  state.background.later(() => {
    if (state.productOperations.get(op.id) !== op) return;
    op.status = "ACTIVE";
    op.updatedAt = stamp(state);
    state.background.later(() => {
      if (state.productOperations.get(op.id) !== op) return;
      let outcome: { product: ProductRec | null; userErrors: UserError[] };
      try {
        outcome = applyProductSet(state, op.input ?? {}, op.identifier, { synchronous: false });
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        outcome = { product: null, userErrors: [{ field: null, message: error.message, code: "GENERIC_ERROR" }] };
      }
      Object.assign(op, {
        status: "COMPLETE",
        input: null,
        identifier: null,
        productId: outcome.product?.id ?? null,
        userErrors: outcome.userErrors.map((e) => ({ field: e.field, message: e.message, code: e.code ?? null })),
        updatedAt: stamp(state),
      });
    });
  });
}

/** Restarts asynchronous productSet operations a restart interrupted (they had not been applied yet). */
export function resumeProductOperations(state: ShopState): void {
  for (const op of state.productOperations.values()) if (op.status !== "COMPLETE") runProductSet(state, op);
}

export function productOperationView(state: ShopState, op: ProductSetOperationRec): object {
  const product = op.productId === null ? undefined : state.products.get(op.productId);
  return {
    __typename: "ProductSetOperation",
    id: gid("ProductSetOperation", op.id),
    status: op.status,
    product: () => (product ? productView(state, product) : null),
    userErrors: op.userErrors.map((e) => ({ __typename: "ProductSetUserError", ...e })),
  };
}

export const productMutations: Record<string, Lazy<unknown>> = {
  productSet: (args, { state }) => {
    const input = asInput(args.input) ?? {};
    const identifier = asInput(args.identifier);
    if (args.synchronous === false) {
      const at = stamp(state);
      const op: ProductSetOperationRec = {
        id: nextId(state, "ProductSetOperation"),
        status: "CREATED",
        input,
        identifier,
        productId: null,
        userErrors: [],
        createdAt: at,
        updatedAt: at,
      };
      state.productOperations.set(op.id, op);
      runProductSet(state, op);
      return { product: null, productSetOperation: productOperationView(state, op), userErrors: [] };
    }
    const { product, userErrors } = applyProductSet(state, input, identifier, { synchronous: true });
    return { product: product ? productView(state, product) : null, productSetOperation: null, userErrors };
  },
  productCreate: (args, { state }) => {
    const input = productInput(args);
    const media = asList(args.media);
    const options = asList(input.productOptions);
    const userErrors: UserError[] = [];
    if (!str(input.title)) userErrors.push({ field: ["title"], message: "Title can't be blank" });
    userErrors.push(...commonErrors(state, input, null));
    userErrors.push(
      ...optionErrors(options, ["productOptions"], { overLimit: "", tooLong: "" }).map((e) => ({
        field: e.field,
        message: e.message,
      })),
    );
    userErrors.push(...mediaErrors(state, media));
    const fail = { product: null, shop: shopView(state), userErrors };
    if (userErrors.length > 0) return fail;
    assertVariantCreationAllowed(state, 1);
    const at = stamp(state);
    const product = newProduct(state, at);
    applyProductFields(state, product, input, at, true);
    // The first variant takes each option's first value; without options it is the default variant.
    const selected =
      options.length > 0
        ? options.map((o) => ({
            name: str(o.name) ?? DEFAULT_OPTION,
            value: str(asList(o.values)[0]?.name) ?? DEFAULT_TITLE,
          }))
        : [{ name: DEFAULT_OPTION, value: DEFAULT_TITLE }];
    newVariant(state, product, selected, at);
    product.options =
      options.length > 0
        ? options.map((o) => ({
            name: str(o.name) ?? DEFAULT_OPTION,
            values: asList(o.values).map((v) => str(v.name) ?? ""),
          }))
        : [{ name: DEFAULT_OPTION, values: [DEFAULT_TITLE] }];
    addMedia(state, product, media, at);
    recordVariantCreations(state, 1);
    announceProduct(state, product, true);
    return { product: productView(state, product), shop: shopView(state), userErrors: [] };
  },
  productUpdate: (args, { state }) => {
    const input = productInput(args);
    const identifier = asInput(args.identifier);
    const id = idOf(identifier?.id ?? input.id, "Product");
    const product = id === null ? undefined : state.products.get(id);
    if (!product) return { product: null, userErrors: [{ field: ["id"], message: "Product does not exist" }] };
    const media = asList(args.media);
    const userErrors = [...commonErrors(state, input, product.id), ...mediaErrors(state, media)];
    if (input.title !== undefined && !str(input.title)) {
      userErrors.push({ field: ["title"], message: "Title can't be blank" });
    }
    if (userErrors.length > 0) return { product: null, userErrors };
    const at = stamp(state);
    applyProductFields(state, product, input, at, false);
    addMedia(state, product, media, at);
    announceProduct(state, product, false);
    return { product: productView(state, product), userErrors: [] };
  },
  productDelete: (args, { state }) => {
    const id = idOf(asInput(args.input)?.id, "Product");
    const product = id === null ? undefined : state.products.get(id);
    if (!product) {
      return {
        deletedProductId: null,
        productDeleteOperation: null,
        shop: shopView(state),
        userErrors: [{ field: ["id"], message: "Product does not exist" }],
      };
    }
    removeProduct(state, product, stamp(state));
    return {
      deletedProductId: gid("Product", product.id),
      productDeleteOperation: null,
      shop: shopView(state),
      userErrors: [],
    };
  },
};

export const productQueries: Record<string, Lazy<unknown>> = {
  productOperation: (args, { state }) => {
    const op = state.productOperations.get(idOf(args.id, "ProductSetOperation") ?? -1);
    return op ? productOperationView(state, op) : null;
  },
};
