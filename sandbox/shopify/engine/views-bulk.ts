import { blobUrl } from "./file-urls.ts";
import { gid } from "./gid.ts";
import type { ShopState } from "./shop-state.ts";
import type { BulkOperationRec } from "./store-types.ts";

/** A BulkOperation as Shopify shows it; counts and sizes are UnsignedInt64, which Shopify sends as strings. */
export function bulkOperationView(state: ShopState, op: BulkOperationRec): object {
  const blob = op.resultBlobId === null ? undefined : state.blobs.get(op.resultBlobId);
  const url = blob ? blobUrl(state, blob) : null;
  return {
    __typename: "BulkOperation",
    id: gid("BulkOperation", op.id),
    status: op.status,
    type: op.type,
    query: op.query,
    errorCode: op.errorCode,
    createdAt: op.createdAt,
    completedAt: op.completedAt,
    objectCount: String(op.objectCount),
    rootObjectCount: String(op.rootObjectCount),
    fileSize: blob ? String(blob.size) : null,
    url: op.status === "COMPLETED" ? url : null,
    partialDataUrl: op.status === "COMPLETED" ? null : url,
  };
}
