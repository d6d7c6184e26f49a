import { createHash, randomUUID } from "node:crypto";

import { GraphQLError } from "graphql";

import { blobByKey, putBlob } from "./catalog-index.ts";
import { UNMODELLED_CODE } from "./field-resolver.ts";
import { shopHandle, STORAGE_PATH } from "./file-urls.ts";
import { type Input, str, type UserError } from "./input-helpers.ts";
import { nextId, type ShopState, stamp } from "./shop-state.ts";
import type { BlobRec } from "./store-types.ts";

/**
 * stagedUploadsCreate as Shopify answers it: a Google Cloud Storage form upload (POST: the
 * `parameters` as form fields, then the file) or a signed PUT URL, here served by the sandbox at
 * `<origin>/staged-uploads/…`. BULK_MUTATION_VARIABLES targets have no resourceUrl; their `key`
 * parameter is the `stagedUploadPath` of bulkOperationRunMutation. IMAGE and FILE targets'
 * resourceUrl is the `originalSource` for fileCreate, productSet files and product media.
 */
export const UPLOAD_PATH = "/staged-uploads/";

const RESOURCES: Record<string, { folder: string; maxBytes: number }> = {
  BULK_MUTATION_VARIABLES: { folder: "bulk", maxBytes: 100 * 1024 * 1024 },
  IMAGE: { folder: "products", maxBytes: 20 * 1024 * 1024 },
  PRODUCT_IMAGE: { folder: "products", maxBytes: 20 * 1024 * 1024 },
  SHOP_IMAGE: { folder: "shop", maxBytes: 20 * 1024 * 1024 },
  FILE: { folder: "files", maxBytes: 20 * 1024 * 1024 },
};

const CREDENTIAL = "merchant-assets@shopify-tiers.iam.gserviceaccount.com";

export interface StagedTarget {
  url: string;
  resourceUrl: string | null;
  parameters: { name: string; value: string }[];
}

/** The signature the upload route checks: only a target this store handed out can be written. */
export function uploadSignature(key: string): string {
  return createHash("sha256").update(`sandbox-staged-upload:${key}`).digest("hex");
}

function goog(at: string): { date: string; day: string } {
  const date = at.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return { date, day: date.slice(0, 8) };
}

export function createStagedTarget(
  state: ShopState,
  input: Input,
  index: number,
): { target: StagedTarget } | { error: UserError } {
  const resource = str(input.resource) ?? "";
  const spec = RESOURCES[resource];
  if (!spec) {
    throw new GraphQLError(`the sandbox does not model staged uploads for ${resource}`, {
      extensions: { code: UNMODELLED_CODE },
    });
  }
  const filename = str(input.filename) ?? "";
  const mimeType = str(input.mimeType) ?? "";
  if (!filename) return { error: { field: ["input", String(index), "filename"], message: "Filename can't be blank" } };
  const bulk = resource === "BULK_MUTATION_VARIABLES";
  const key = `tmp/${shopHandle(state)}/${spec.folder}/${randomUUID()}/${bulk ? "bulk_op_vars" : filename}`;
  const at = stamp(state);
  const blob: BlobRec = {
    id: nextId(state, "Blob"),
    key,
    resource,
    filename,
    mimeType,
    data: null,
    encoding: bulk ? "utf8" : "base64",
    size: 0,
    createdAt: at,
    updatedAt: at,
  };
  putBlob(state, blob);
  const origin = state.origin();
  const { date, day } = goog(at);
  const credential = `${CREDENTIAL}/${day}/auto/storage/goog4_request`;
  const signature = uploadSignature(key);
  const resourceUrl = bulk ? null : `${origin}${STORAGE_PATH}${encodePath(key)}`;
  if (str(input.httpMethod) === "POST") {
    const policy = Buffer.from(
      JSON.stringify({
        conditions: [{ key }, { "Content-Type": mimeType }, ["content-length-range", 0, spec.maxBytes]],
      }),
    ).toString("base64");
    const parameters = [
      { name: "Content-Type", value: mimeType },
      { name: "success_action_status", value: "201" },
      { name: "acl", value: "private" },
      { name: "key", value: key },
      { name: "x-goog-date", value: date },
      { name: "x-goog-credential", value: credential },
      { name: "x-goog-algorithm", value: "GOOG4-RSA-SHA256" },
      { name: "x-goog-signature", value: signature },
      { name: "policy", value: policy },
    ];
    return { target: { url: `${origin}${UPLOAD_PATH}`, resourceUrl, parameters } };
  }
  const query = new URLSearchParams({
    "X-Goog-Algorithm": "GOOG4-RSA-SHA256",
    "X-Goog-Credential": credential,
    "X-Goog-Date": date,
    "X-Goog-Expires": "604800",
    "X-Goog-SignedHeaders": "content-type;host",
    "X-Goog-Signature": signature,
  });
  return {
    target: {
      url: `${origin}${UPLOAD_PATH}${encodePath(key)}?${query}`,
      resourceUrl,
      parameters: [
        { name: "content_type", value: mimeType },
        { name: "acl", value: "private" },
      ],
    },
  };
}

function encodePath(key: string): string {
  return key.split("/").map(encodeURIComponent).join("/");
}

/** What the upload route hands over: the target's key and signature, the bytes and their type. */
export interface UploadRequest {
  key: string;
  signature: string | null;
  body: Buffer;
  contentType: string | null;
}

/** GCS-like outcomes of an upload: 2xx with the stored blob, or the XML error code and status. */
export type UploadOutcome = { ok: true; blob: BlobRec } | { ok: false; status: number; code: string; message: string };

export function acceptUpload(state: ShopState, request: UploadRequest): UploadOutcome {
  const blob = blobByKey(state, request.key);
  if (!blob || !blob.key.startsWith("tmp/")) {
    return { ok: false, status: 403, code: "AccessDenied", message: "Access denied." };
  }
  if (request.signature !== uploadSignature(blob.key)) {
    return {
      ok: false,
      status: 403,
      code: "SignatureDoesNotMatch",
      message: "The request signature we calculated does not match the signature you provided.",
    };
  }
  const max = RESOURCES[blob.resource]?.maxBytes ?? 0;
  if (request.body.length > max) {
    return {
      ok: false,
      status: 400,
      code: "EntityTooLarge",
      message: "Your proposed upload is larger than the maximum object size specified in your Policy Document.",
    };
  }
  blob.data = blob.encoding === "utf8" ? request.body.toString("utf8") : request.body.toString("base64");
  blob.size = request.body.length;
  if (request.contentType && !request.contentType.startsWith("multipart/")) blob.mimeType = request.contentType;
  blob.updatedAt = stamp(state);
  return { ok: true, blob };
}

export function blobBytes(blob: BlobRec): Buffer | null {
  if (blob.data === null) return null;
  return Buffer.from(blob.data, blob.encoding === "utf8" ? "utf8" : "base64");
}
