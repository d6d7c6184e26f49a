import type { BlobRec, FileRec, ProductRec, VariantRec } from "./store-types.ts";

/**
 * Lookups the store needs on every write of a big catalog (a handle taken? the variants with
 * this SKU? the blob at this key?), kept beside the records so a 10,000-product export is not a
 * scan per product. Writes go through the functions below; a restore rebuilds it.
 */
export interface CatalogIndex {
  handles: Map<string, number>;
  skus: Map<string, Set<number>>;
  blobKeys: Map<string, number>;
  /** Files by filename (fileCreate's duplicate resolution). */
  fileNames: Map<string, number>;
}

interface Indexed {
  index: CatalogIndex;
  products: Map<number, ProductRec>;
  variants: Map<number, VariantRec>;
  blobs: Map<number, BlobRec>;
  files: Map<number, FileRec>;
}

export function createCatalogIndex(): CatalogIndex {
  return { handles: new Map(), skus: new Map(), blobKeys: new Map(), fileNames: new Map() };
}

export function rebuildCatalogIndex(state: Indexed): void {
  state.index = createCatalogIndex();
  for (const p of state.products.values()) state.index.handles.set(p.handle, p.id);
  for (const v of state.variants.values()) addSku(state.index, v.sku, v.id);
  for (const b of state.blobs.values()) state.index.blobKeys.set(b.key, b.id);
  for (const f of state.files.values()) state.index.fileNames.set(f.filename, f.id);
}

export function setHandle(state: Indexed, product: ProductRec, handle: string): void {
  if (state.index.handles.get(product.handle) === product.id) state.index.handles.delete(product.handle);
  product.handle = handle;
  state.index.handles.set(handle, product.id);
}

/** The product holding `handle`, if any. */
export function productIdByHandle(state: Indexed, handle: string): number | undefined {
  return state.index.handles.get(handle);
}

export function setSku(state: Indexed, variant: VariantRec, sku: string | null): void {
  removeSku(state.index, variant.sku, variant.id);
  variant.sku = sku;
  addSku(state.index, sku, variant.id);
}

/** Variant ids with exactly this SKU (Shopify allows duplicates). */
export function variantIdsBySku(state: Indexed, sku: string): number[] {
  return [...(state.index.skus.get(sku.toLowerCase()) ?? [])];
}

export function putVariant(state: Indexed, variant: VariantRec): void {
  state.variants.set(variant.id, variant);
  addSku(state.index, variant.sku, variant.id);
}

export function deleteVariant(state: Indexed, id: number): VariantRec | undefined {
  const variant = state.variants.get(id);
  if (!variant) return undefined;
  removeSku(state.index, variant.sku, id);
  state.variants.delete(id);
  return variant;
}

export function deleteProductRecord(state: Indexed, product: ProductRec): void {
  if (state.index.handles.get(product.handle) === product.id) state.index.handles.delete(product.handle);
  state.products.delete(product.id);
}

export function putBlob(state: Indexed, blob: BlobRec): void {
  state.blobs.set(blob.id, blob);
  state.index.blobKeys.set(blob.key, blob.id);
}

export function blobByKey(state: Indexed, key: string): BlobRec | undefined {
  const id = state.index.blobKeys.get(key);
  return id === undefined ? undefined : state.blobs.get(id);
}

export function deleteBlob(state: Indexed, id: number): void {
  const blob = state.blobs.get(id);
  if (!blob) return;
  state.index.blobKeys.delete(blob.key);
  state.blobs.delete(id);
}

// Shopify's SKU search is case-insensitive; the index is keyed the same way.
function addSku(index: CatalogIndex, sku: string | null, id: number): void {
  if (sku === null || sku === "") return;
  const key = sku.toLowerCase();
  const set = index.skus.get(key) ?? new Set<number>();
  set.add(id);
  index.skus.set(key, set);
}

function removeSku(index: CatalogIndex, sku: string | null, id: number): void {
  if (sku === null || sku === "") return;
  const key = sku.toLowerCase();
  const set = index.skus.get(key);
  set?.delete(id);
  if (set?.size === 0) index.skus.delete(key);
}

export function putFile(state: Indexed, file: FileRec): void {
  state.files.set(file.id, file);
  state.index.fileNames.set(file.filename, file.id);
}

export function fileByName(state: Indexed, filename: string): FileRec | undefined {
  const id = state.index.fileNames.get(filename);
  return id === undefined ? undefined : state.files.get(id);
}

export function deleteFileRecord(state: Indexed, id: number): void {
  const file = state.files.get(id);
  if (!file) return;
  if (state.index.fileNames.get(file.filename) === id) state.index.fileNames.delete(file.filename);
  state.files.delete(id);
}
