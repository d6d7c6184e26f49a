import { type ConnectionArgs, mapConnection, paginate } from "./connection.ts";
import type { Lazy } from "./field-resolver.ts";
import { attachMedia, checkNewFile, createFile, deleteFile, detachMedia, fileInputOf, resource } from "./files.ts";
import { idOf, parseGid } from "./gid.ts";
import { asList, str, type UserError } from "./input-helpers.ts";
import { productPayload } from "./payloads.ts";
import { filterBySearch, type SearchSpec } from "./search-query.ts";
import { emit, type ShopState, stamp } from "./shop-state.ts";
import { createStagedTarget, type StagedTarget } from "./staged-uploads.ts";
import type { FileRec, ProductRec, VariantRec } from "./store-types.ts";
import { productView, variantView } from "./views-catalog.ts";
import { fileView } from "./views-media.ts";

/** Staged uploads, the Files API (fileCreate/Update/Delete, `files`) and variant media. */

const MAX_FILES_PER_CALL = 250;

function fileOf(state: ShopState, id: unknown): FileRec | undefined {
  const parsed = parseGid(id);
  if (!parsed || (parsed.type !== "MediaImage" && parsed.type !== "GenericFile")) return undefined;
  return state.files.get(parsed.id);
}

function announce(state: ShopState, products: Iterable<ProductRec>): void {
  for (const product of products) emit(state, "products/update", productPayload(state, product));
}

export const fileMutations: Record<string, Lazy<unknown>> = {
  stagedUploadsCreate: (args, { state }) => {
    const targets: StagedTarget[] = [];
    const userErrors: UserError[] = [];
    asList(args.input).forEach((input, i) => {
      const made = createStagedTarget(state, input, i);
      if ("error" in made) userErrors.push(made.error);
      else targets.push(made.target);
    });
    return {
      stagedTargets: targets.map((t) => ({
        __typename: "StagedMediaUploadTarget",
        ...t,
        parameters: t.parameters.map((p) => ({ __typename: "StagedUploadParameter", ...p })),
      })),
      userErrors,
    };
  },
  fileCreate: (args, { state }) => {
    const inputs = asList(args.files);
    if (inputs.length > MAX_FILES_PER_CALL) {
      return {
        files: null,
        userErrors: [
          {
            field: ["files"],
            message: `Cannot create more than ${MAX_FILES_PER_CALL} files at once.`,
            code: "TOO_MANY_ARGUMENTS",
          },
        ],
      };
    }
    const userErrors = inputs.flatMap((f, i) => {
      const problem = checkNewFile(state, fileInputOf(f), ["files", String(i)]);
      return problem ? [problem] : [];
    });
    if (userErrors.length > 0) return { files: null, userErrors };
    const files = inputs.map((f) => createFile(state, fileInputOf(f)));
    return { files: files.map((f) => fileView(state, f)), userErrors: [] };
  },
  fileUpdate: (args, { state }) => {
    const inputs = asList(args.files);
    const userErrors: UserError[] = [];
    inputs.forEach((f, i) => {
      const file = fileOf(state, f.id);
      const field = ["files", String(i)];
      if (!file) {
        userErrors.push({
          field: [...field, "id"],
          message: `File id ${String(f.id)} does not exist.`,
          code: "FILE_DOES_NOT_EXIST",
        });
        return;
      }
      if (str(f.originalSource) && (file.status === "UPLOADED" || file.status === "PROCESSING")) {
        userErrors.push({
          field: [...field, "originalSource"],
          message: "File is not ready: its content is still being processed.",
          code: "NON_READY_STATE",
        });
      }
      for (const key of ["referencesToAdd", "referencesToRemove"] as const) {
        for (const ref of Array.isArray(f[key]) ? (f[key] as unknown[]) : []) {
          if (!state.products.has(idOf(ref, "Product") ?? -1)) {
            userErrors.push({
              field: [...field, key],
              message: `The reference target ${String(ref)} does not exist.`,
              code: "REFERENCE_TARGET_DOES_NOT_EXIST",
            });
          }
        }
      }
    });
    if (userErrors.length > 0) return { files: null, userErrors };
    const at = stamp(state);
    const touched = new Set<ProductRec>();
    const files = inputs.map((f) => {
      const file = fileOf(state, f.id)!;
      if (f.alt !== undefined) file.alt = str(f.alt);
      const source = str(f.originalSource);
      if (source) resource(state, file, source, file.alt);
      for (const ref of (f.referencesToAdd as unknown[] | undefined) ?? []) {
        const product = state.products.get(idOf(ref, "Product")!)!;
        attachMedia(state, product, [file.id], at);
        touched.add(product);
      }
      for (const ref of (f.referencesToRemove as unknown[] | undefined) ?? []) {
        const product = state.products.get(idOf(ref, "Product")!)!;
        detachMedia(state, product, [file.id], at);
        touched.add(product);
      }
      file.updatedAt = at;
      return file;
    });
    announce(state, touched);
    return { files: files.map((f) => fileView(state, f)), userErrors: [] };
  },
  fileDelete: (args, { state }) => {
    const ids = Array.isArray(args.fileIds) ? (args.fileIds as unknown[]) : [];
    const userErrors: UserError[] = ids.flatMap((id, i) =>
      fileOf(state, id)
        ? []
        : [
            {
              field: ["fileIds", String(i)],
              message: `File id ${String(id)} does not exist.`,
              code: "FILE_DOES_NOT_EXIST",
            },
          ],
    );
    if (userErrors.length > 0) return { deletedFileIds: null, userErrors };
    const at = stamp(state);
    for (const id of ids) deleteFile(state, fileOf(state, id)!, at);
    return { deletedFileIds: ids, userErrors: [] };
  },
  productVariantAppendMedia: (args, { state }) => variantMedia(state, args, "append"),
  productVariantDetachMedia: (args, { state }) => variantMedia(state, args, "detach"),
};

function variantMedia(state: ShopState, args: Record<string, unknown>, mode: "append" | "detach") {
  const product = state.products.get(idOf(args.productId, "Product") ?? -1);
  const fail = (userErrors: UserError[]) => ({ product: null, productVariants: null, userErrors });
  if (!product) {
    return fail([{ field: ["productId"], message: "Product does not exist", code: "PRODUCT_DOES_NOT_EXIST" }]);
  }
  const pairs = asList(args.variantMedia);
  const userErrors: UserError[] = [];
  const seen = new Set<number>();
  const plan: { variant: VariantRec; mediaIds: number[] }[] = [];
  pairs.forEach((pair, i) => {
    const field = ["variantMedia", String(i)];
    const variantId = idOf(pair.variantId, "ProductVariant") ?? -1;
    const variant = product.variantIds.includes(variantId) ? state.variants.get(variantId) : undefined;
    if (!variant) {
      userErrors.push({
        field: [...field, "variantId"],
        message: `Variant ${String(pair.variantId)} does not exist on the product.`,
        code: "PRODUCT_VARIANT_DOES_NOT_EXIST_ON_PRODUCT",
      });
      return;
    }
    if (seen.has(variant.id)) {
      userErrors.push({
        field: [...field, "variantId"],
        message: "Variant specified in more than one pair.",
        code: "PRODUCT_VARIANT_SPECIFIED_MULTIPLE_TIMES",
      });
    }
    seen.add(variant.id);
    const mediaIds = (Array.isArray(pair.mediaIds) ? (pair.mediaIds as unknown[]) : []).map(
      (m) => fileOf(state, m)?.id ?? -1,
    );
    if (mode === "append" && mediaIds.length !== 1) {
      userErrors.push({
        field: [...field, "mediaIds"],
        message: "Only one mediaId is allowed per variant-media input pair.",
        code: "TOO_MANY_MEDIA_PER_INPUT_PAIR",
      });
    }
    mediaIds.forEach((id, j) => {
      const mediaField = [...field, "mediaIds", String(j)];
      if (!product.mediaIds.includes(id)) {
        userErrors.push({
          field: mediaField,
          message: "Media does not exist on the product.",
          code: "MEDIA_DOES_NOT_EXIST_ON_PRODUCT",
        });
      } else if (mode === "append" && state.files.get(id)?.status !== "READY") {
        userErrors.push({
          field: mediaField,
          message: "Non-ready media cannot be attached to variants.",
          code: "NON_READY_MEDIA",
        });
      } else if (mode === "detach" && !variant.mediaIds.includes(id)) {
        userErrors.push({
          field: mediaField,
          message: "Media is not attached to the variant.",
          code: "MEDIA_IS_NOT_ATTACHED_TO_VARIANT",
        });
      }
    });
    if (mode === "append" && variant.mediaIds.length > 0) {
      userErrors.push({
        field: [...field, "variantId"],
        message: "Variant already has attached media.",
        code: "PRODUCT_VARIANT_ALREADY_HAS_MEDIA",
      });
    }
    plan.push({ variant, mediaIds });
  });
  if (userErrors.length > 0) return fail(userErrors);
  const at = stamp(state);
  for (const { variant, mediaIds } of plan) {
    variant.mediaIds = mode === "append" ? mediaIds : variant.mediaIds.filter((id) => !mediaIds.includes(id));
    variant.updatedAt = at;
  }
  product.updatedAt = at;
  announce(state, [product]);
  return {
    product: productView(state, product),
    productVariants: plan.map(({ variant }) => variantView(state, variant)),
    userErrors: [],
  };
}

function fileSpec(state: ShopState): SearchSpec<FileRec> {
  return {
    dates: ["created_at", "updated_at"],
    text: (f) => [f.filename, f.alt ?? ""].join(" "),
    fields: {
      id: (f) => f.id,
      filename: (f) => f.filename,
      media_type: (f) => f.kind,
      status: (f) => f.status.toLowerCase(),
      created_at: (f) => f.createdAt,
      updated_at: (f) => f.updatedAt,
      original_upload_size: (f) => (f.blobId === null ? null : (state.blobs.get(f.blobId)?.size ?? null)),
      product_id: (f) => f.productIds,
      used_in: (f) => (f.productIds.length > 0 ? "product" : "none"),
    },
  };
}

function fileSortValue(state: ShopState, f: FileRec, sortKey: unknown): string | number {
  switch (sortKey) {
    case "CREATED_AT":
      return f.createdAt;
    case "UPDATED_AT":
      return f.updatedAt;
    case "FILENAME":
      return f.filename.toLowerCase();
    case "ORIGINAL_UPLOAD_SIZE":
      return f.blobId === null ? 0 : (state.blobs.get(f.blobId)?.size ?? 0);
    default:
      return f.id;
  }
}

export const fileQueries: Record<string, Lazy<unknown>> = {
  files: (args, { state }) => {
    const list = filterBySearch(state.files.values(), args.query as string | null, fileSpec(state));
    const page = paginate(list, args as ConnectionArgs, (f) => ({
      id: f.id,
      value: fileSortValue(state, f, args.sortKey),
    }));
    return mapConnection(page, (f) => fileView(state, f));
  },
};
