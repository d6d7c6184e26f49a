import { randomUUID } from "node:crypto";

import { blobByKey, deleteBlob, deleteFileRecord, fileByName, putBlob, putFile } from "./catalog-index.ts";
import { shopHandle, storageKeyOf } from "./file-urls.ts";
import { imageInfo } from "./image-size.ts";
import { type Input, str, type UserError } from "./input-helpers.ts";
import { productPayload } from "./payloads.ts";
import { emit, nextId, type ShopState, stamp } from "./shop-state.ts";
import { blobBytes } from "./staged-uploads.ts";
import type { BlobRec, FileRec, ProductRec } from "./store-types.ts";

/**
 * Files (fileCreate, product media): a file starts UPLOADED and is processed in the background,
 * as Shopify does: its source is read (a staged upload or a file this sandbox serves, or any
 * http(s) URL it can fetch), an image gets its width and height, and it becomes READY, or FAILED
 * with a file error when the bytes cannot be read or are no image. `image` is null until READY.
 */

const FETCH_TIMEOUT_MS = 10_000;
const MAX_EXTERNAL_BYTES = 20 * 1024 * 1024;

export interface NewFile {
  originalSource: string;
  alt: string | null;
  filename: string | null;
  contentType: string | null;
  duplicateResolutionMode: string | null;
}

/** The filename a source implies: the last path segment of its URL. */
function filenameOf(source: string): string {
  try {
    const last = new URL(source).pathname.split("/").filter(Boolean).pop();
    return last ? decodeURIComponent(last) : "file";
  } catch {
    return "file";
  }
}

function withUuid(filename: string): string {
  const dot = filename.lastIndexOf(".");
  const uuid = randomUUID();
  return dot > 0 ? `${filename.slice(0, dot)}_${uuid}${filename.slice(dot)}` : `${filename}_${uuid}`;
}

function extension(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/** Shopify guesses a file's kind from its content type or its name. */
function kindOf(input: NewFile, filename: string): FileRec["kind"] {
  if (input.contentType === "IMAGE") return "IMAGE";
  if (input.contentType === "FILE") return "FILE";
  return ["jpg", "jpeg", "png", "gif", "webp", "heic", "avif"].includes(extension(filename)) ? "IMAGE" : "FILE";
}

/** Checks a fileCreate-style input without changing anything. */
export function checkNewFile(state: ShopState, input: NewFile, field: string[]): UserError | null {
  if (!input.originalSource) {
    return { field: [...field, "originalSource"], message: "Original source can't be blank", code: "INVALID" };
  }
  if (input.filename && extension(input.filename) !== extension(filenameOf(input.originalSource))) {
    const key = storageKeyOf(input.originalSource);
    // A staged upload's own filename counts, as Shopify compares with the uploaded file's name.
    const staged = key ? blobByKey(state, key) : undefined;
    if (!staged || extension(staged.filename) !== extension(input.filename)) {
      return {
        field: [...field, "filename"],
        message: "Cannot create file with custom filename which does not match original source extension.",
        code: "MISMATCHED_FILENAME_AND_ORIGINAL_SOURCE",
      };
    }
  }
  const mode = input.duplicateResolutionMode ?? "APPEND_UUID";
  if (mode === "REPLACE" && !input.filename) {
    return {
      field: [...field, "duplicateResolutionMode"],
      message: "Duplicate resolution mode REPLACE cannot be used without specifying filename.",
      code: "MISSING_FILENAME_FOR_DUPLICATE_MODE_REPLACE",
    };
  }
  const filename = input.filename ?? filenameOf(input.originalSource);
  if (mode === "RAISE_ERROR" && fileByName(state, filename)) {
    return {
      field: [...field, "filename"],
      message: `File name '${filename}' already exists.`,
      code: "FILENAME_ALREADY_EXISTS",
    };
  }
  return null;
}

/** Creates (or with REPLACE, re-sources) a file and starts processing it; `checkNewFile` first. */
export function createFile(state: ShopState, input: NewFile): FileRec {
  const at = stamp(state);
  let filename = input.filename ?? filenameOf(input.originalSource);
  const existing = fileByName(state, filename);
  if (existing && input.duplicateResolutionMode === "REPLACE") {
    resource(state, existing, input.originalSource, input.alt ?? existing.alt);
    return existing;
  }
  if (existing) filename = withUuid(filename);
  const file: FileRec = {
    id: nextId(state, "File"),
    kind: kindOf(input, filename),
    alt: input.alt,
    filename,
    originalSource: input.originalSource,
    blobId: null,
    mimeType: null,
    width: null,
    height: null,
    status: "UPLOADED",
    error: null,
    productIds: [],
    createdAt: at,
    updatedAt: at,
  };
  putFile(state, file);
  scheduleProcessing(state, file);
  return file;
}

/** fileUpdate's originalSource: new bytes for the same file, processed again. */
export function resource(state: ShopState, file: FileRec, originalSource: string, alt: string | null): void {
  file.originalSource = originalSource;
  file.alt = alt;
  file.status = "UPLOADED";
  file.error = null;
  file.updatedAt = stamp(state);
  scheduleProcessing(state, file);
}

export function fileInputOf(input: Input): NewFile {
  return {
    originalSource: str(input.originalSource) ?? "",
    alt: str(input.alt),
    filename: str(input.filename),
    contentType: str(input.contentType) ?? (str(input.mediaContentType) === "IMAGE" ? "IMAGE" : null),
    duplicateResolutionMode: str(input.duplicateResolutionMode),
  };
}

function scheduleProcessing(state: ShopState, file: FileRec): void {
  const source = file.originalSource;
  state.background.later(async () => {
    if (state.files.get(file.id) !== file || file.originalSource !== source) return;
    file.status = "PROCESSING";
    const read = await readSource(state, source);
    if (state.files.get(file.id) !== file || file.originalSource !== source) return;
    finish(state, file, read);
  });
}

type Read = { bytes: Buffer; mimeType: string | null } | { error: string };

async function readSource(state: ShopState, source: string): Promise<Read> {
  const key = storageKeyOf(source);
  if (key) {
    const blob = blobByKey(state, key);
    const bytes = blob ? blobBytes(blob) : null;
    return bytes && blob ? { bytes, mimeType: blob.mimeType || null } : { error: "the staged upload has no content" };
  }
  if (!/^https?:\/\//i.test(source)) return { error: "the source is not an http(s) URL" };
  try {
    const response = await fetch(source, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!response.ok) return { error: `the source answered HTTP ${response.status}` };
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > MAX_EXTERNAL_BYTES) return { error: "the source is larger than 20 MB" };
    return { bytes, mimeType: response.headers.get("content-type") };
  } catch (error) {
    return { error: `the source could not be fetched (${error instanceof Error ? error.message : String(error)})` };
  }
}

function finish(state: ShopState, file: FileRec, read: Read): void {
  const at = stamp(state);
  file.updatedAt = at;
  const image = file.kind === "IMAGE";
  if ("error" in read) {
    file.status = "FAILED";
    file.error = {
      code: image ? "IMAGE_DOWNLOAD_FAILURE" : "GENERIC_FILE_DOWNLOAD_FAILURE",
      message: image ? "Image could not be downloaded." : "File could not be downloaded.",
      details: read.error,
    };
    return;
  }
  const info = image ? imageInfo(read.bytes) : null;
  if (image && !info) {
    file.status = "FAILED";
    file.error = {
      code: "UNSUPPORTED_IMAGE_FILE_TYPE",
      message: "Image could not be processed because the file type is not supported.",
      details: null,
    };
    return;
  }
  const old = file.blobId;
  const blob: BlobRec = {
    id: nextId(state, "Blob"),
    key: `files/${shopHandle(state)}/${file.id}/${file.filename}`,
    resource: "FILE_CONTENT",
    filename: file.filename,
    mimeType: info?.mimeType ?? read.mimeType ?? "application/octet-stream",
    data: read.bytes.toString("base64"),
    encoding: "base64",
    size: read.bytes.length,
    createdAt: at,
    updatedAt: at,
  };
  if (old !== null) deleteBlob(state, old);
  putBlob(state, blob);
  file.blobId = blob.id;
  file.mimeType = blob.mimeType;
  file.width = info?.width ?? null;
  file.height = info?.height ?? null;
  file.status = "READY";
  file.error = null;
  // Shopify announces a product whose media finished processing.
  for (const productId of file.productIds) {
    const product = state.products.get(productId);
    if (product) emit(state, "products/update", productPayload(state, product));
  }
}

/** Appends files to a product's media (those already there stay where they are). */
export function attachMedia(state: ShopState, product: ProductRec, fileIds: number[], at: string): void {
  for (const id of fileIds) {
    const file = state.files.get(id);
    if (!file) continue;
    if (!product.mediaIds.includes(id)) product.mediaIds.push(id);
    if (!file.productIds.includes(product.id)) {
      file.productIds.push(product.id);
      file.updatedAt = at;
    }
  }
  product.updatedAt = at;
}

/** Removes files from a product's media and from its variants (the files stay in Files). */
export function detachMedia(state: ShopState, product: ProductRec, fileIds: number[], at: string): void {
  const gone = new Set(fileIds);
  product.mediaIds = product.mediaIds.filter((id) => !gone.has(id));
  for (const variantId of product.variantIds) {
    const v = state.variants.get(variantId);
    if (v && v.mediaIds.some((id) => gone.has(id))) {
      v.mediaIds = v.mediaIds.filter((id) => !gone.has(id));
      v.updatedAt = at;
    }
  }
  for (const id of gone) {
    const file = state.files.get(id);
    if (file && file.productIds.includes(product.id)) {
      file.productIds = file.productIds.filter((p) => p !== product.id);
      file.updatedAt = at;
    }
  }
  product.updatedAt = at;
}

/** fileDelete: detaches from every product (announcing them) and forgets the file and its bytes. */
export function deleteFile(state: ShopState, file: FileRec, at: string): void {
  for (const productId of [...file.productIds]) {
    const product = state.products.get(productId);
    if (!product) continue;
    detachMedia(state, product, [file.id], at);
    emit(state, "products/update", productPayload(state, product));
  }
  if (file.blobId !== null) deleteBlob(state, file.blobId);
  deleteFileRecord(state, file.id);
}

/** Files a restart caught before they were processed are processed again. */
export function resumeFiles(state: ShopState): void {
  for (const file of state.files.values()) {
    if (file.status === "UPLOADED" || file.status === "PROCESSING") scheduleProcessing(state, file);
  }
}
