import type { ShopState } from "./shop-state.ts";
import type { BlobRec, FileRec } from "./store-types.ts";

/**
 * Where the sandbox server serves stored bytes: `<origin>/storage/<key>`. Keys start with the
 * shop's handle segment so the server finds the shop from the path alone, the way Shopify's CDN
 * and Google Cloud Storage URLs carry the shop's id.
 */
export const STORAGE_PATH = "/storage/";

export function shopHandle(state: ShopState): string {
  return state.info.domain.replace(/\.myshopify\.com$/, "");
}

export function blobUrl(state: ShopState, blob: BlobRec): string {
  return `${state.origin()}${STORAGE_PATH}${blob.key.split("/").map(encodeURIComponent).join("/")}`;
}

/** A READY file's served URL (with Shopify's `?v=` cache buster); null before its bytes are read. */
export function fileUrl(state: ShopState, file: FileRec): string | null {
  const blob = file.blobId === null ? undefined : state.blobs.get(file.blobId);
  if (!blob) return null;
  return `${blobUrl(state, blob)}?v=${Math.floor(Date.parse(blob.updatedAt) / 1000)}`;
}

/** The storage key of a URL the sandbox served (any origin: the port may have changed), else null. */
export function storageKeyOf(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  if (!path.startsWith(STORAGE_PATH)) return null;
  return path
    .slice(STORAGE_PATH.length)
    .split("/")
    .map((part) => decodeURIComponent(part))
    .join("/");
}
