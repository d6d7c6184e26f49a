import { type ConnectionArgs, mapConnection, paginate, paginateList } from "./connection.ts";
import { blobUrl, fileUrl } from "./file-urls.ts";
import { gid } from "./gid.ts";
import type { ShopState } from "./shop-state.ts";
import type { FileRec } from "./store-types.ts";

/** Files as the Files API and product media show them: MediaImage for images, GenericFile otherwise. */

export function fileGid(file: FileRec): string {
  return gid(file.kind === "IMAGE" ? "MediaImage" : "GenericFile", file.id);
}

function imageView(state: ShopState, file: FileRec): object | null {
  const url = fileUrl(state, file);
  if (file.status !== "READY" || url === null) return null;
  return {
    __typename: "Image",
    id: gid("ImageSource", file.id),
    altText: file.alt,
    width: file.width,
    height: file.height,
    // Transforms (crop, resize) are not applied: the sandbox serves the original bytes.
    url: () => url,
    originalSrc: url,
    src: url,
    transformedSrc: () => url,
    thumbhash: null,
    metafield: () => null,
    metafields: (args: Record<string, unknown>) =>
      mapConnection(
        paginateList([], args as ConnectionArgs, () => 0),
        (x) => x,
      ),
    translations: () => [],
  };
}

function previewView(state: ShopState, file: FileRec): object {
  return { __typename: "MediaPreviewImage", image: () => imageView(state, file), status: file.status };
}

function fileErrors(file: FileRec): object[] {
  return file.error ? [{ __typename: "FileError", ...file.error }] : [];
}

export function fileView(state: ShopState, file: FileRec): object {
  const blob = file.blobId === null ? undefined : state.blobs.get(file.blobId);
  const common = {
    id: fileGid(file),
    alt: file.alt,
    createdAt: file.createdAt,
    updatedAt: file.updatedAt,
    fileStatus: file.status,
    fileErrors: fileErrors(file),
    mimeType: file.mimeType,
    preview: () => previewView(state, file),
  };
  if (file.kind === "FILE") {
    return {
      __typename: "GenericFile",
      ...common,
      originalFileSize: blob?.size ?? null,
      url: file.status === "READY" ? fileUrl(state, file) : null,
    };
  }
  return {
    __typename: "MediaImage",
    ...common,
    status: file.status,
    mediaContentType: "IMAGE",
    mediaErrors: file.error ? [{ __typename: "MediaError", ...file.error }] : [],
    mediaWarnings: [],
    image: () => imageView(state, file),
    originalSource: () => ({
      __typename: "MediaImageOriginalSource",
      url: blob ? blobUrl(state, blob) : null,
      fileSize: blob?.size ?? null,
    }),
    translations: () => [],
  };
}

/** A connection over media ids (product or variant media), in their order. */
export function mediaConnection(state: ShopState, ids: number[], args: Record<string, unknown>): unknown {
  const files = ids.map((id) => state.files.get(id)).filter((f): f is FileRec => Boolean(f));
  const byId = args.sortKey === "ID";
  const page = paginate(files, args as ConnectionArgs, (f) => ({ id: f.id, value: byId ? f.id : ids.indexOf(f.id) }));
  return mapConnection(page, (f) => fileView(state, f));
}

/** Product.images / featuredImage: the images of READY media. */
export function productImages(state: ShopState, ids: number[], args: Record<string, unknown>): unknown {
  const files = ids.map((id) => state.files.get(id)).filter((f): f is FileRec => f?.status === "READY");
  return mapConnection(
    paginate(files, args as ConnectionArgs, (f) => ({ id: f.id, value: ids.indexOf(f.id) })),
    (f) => imageView(state, f),
  );
}

export function firstImage(state: ShopState, ids: number[]): object | null {
  for (const id of ids) {
    const file = state.files.get(id);
    if (file?.status === "READY") return imageView(state, file);
  }
  return null;
}
