import { createHash } from "node:crypto";

import type { ErpPicture } from "../../adapters/erp/port.ts";
import type { AdminClient } from "../../adapters/shopify/admin-client.ts";
import { runOperation } from "../../adapters/shopify/admin-port.ts";
import { describeUserErrors } from "../../adapters/shopify/errors.ts";
import {
  FILE_CREATE_MUTATION,
  FILE_DELETE_MUTATION,
  FILE_STATUS_QUERY,
  FILE_UPDATE_MUTATION,
  STAGED_UPLOADS_CREATE_MUTATION,
  VARIANT_APPEND_MEDIA_MUTATION,
} from "../../adapters/shopify/media-queries.ts";
import { parseStagedTarget, uploadToStagedTarget } from "../../adapters/shopify/staged-upload.ts";

/** How long a run waits for Shopify to process an uploaded image before attaching it. */
const READY_WAIT_MS = 20_000;

export const pictureHash = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
};

export type PictureWrite = { ok: true; mediaId: string } | { ok: false; reason: string };

async function waitUntilReady(admin: AdminClient, id: string): Promise<string | null> {
  const deadline = Date.now() + READY_WAIT_MS;
  for (let delay = 200; Date.now() < deadline; delay = Math.min(delay * 2, 2_000)) {
    const { node } = await runOperation(admin, FILE_STATUS_QUERY, { id });
    const status = node && "fileStatus" in node ? node.fileStatus : null;
    if (status === "READY") return null;
    if (status === "FAILED") {
      const errors = node && "fileErrors" in node ? node.fileErrors.map((e) => e.message).join("; ") : "";
      return `Shopify could not process the image${errors ? `: ${errors}` : ""}`;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  return "Shopify is still processing the image; the next run attaches it";
}

/**
 * An ERP picture as the product's image: staged upload, `fileCreate`, attached to the product
 * with `fileUpdate` once Shopify has processed it; then the app's previous image is removed, so a
 * replaced picture is on the product once. A variant's picture is then set on the variant
 * (`productVariantAppendMedia`: Shopify takes only a READY media of the product, one per variant;
 * deleting the previous one first leaves the variant free). Shopify's refusals come back as reasons.
 */
export async function writePicture(
  admin: AdminClient,
  input: {
    productId: string;
    picture: ErpPicture;
    /** The file's name: the item number, or item number and variant code. */
    name: string;
    alt: string;
    replaces: string | null;
    variantId?: string;
  },
): Promise<PictureWrite> {
  const extension = EXTENSIONS[input.picture.contentType] ?? "img";
  const filename = `${input.name.replace(/[^A-Za-z0-9_-]+/g, "-")}.${extension}`;
  const { stagedUploadsCreate } = await runOperation(admin, STAGED_UPLOADS_CREATE_MUTATION, {
    input: [
      {
        resource: "IMAGE",
        filename,
        mimeType: input.picture.contentType,
        fileSize: String(input.picture.bytes.byteLength),
        httpMethod: "POST",
      },
    ],
  });
  if (!stagedUploadsCreate || stagedUploadsCreate.userErrors.length > 0) {
    return { ok: false, reason: describeUserErrors(stagedUploadsCreate?.userErrors ?? []) || "no upload target" };
  }
  const target = parseStagedTarget(stagedUploadsCreate.stagedTargets?.[0]);
  if (!target.resourceUrl) return { ok: false, reason: "Shopify's upload target names no resource URL" };
  const resourceUrl = target.resourceUrl;
  await uploadToStagedTarget(target, { bytes: input.picture.bytes, filename, contentType: input.picture.contentType });

  const { fileCreate } = await runOperation(admin, FILE_CREATE_MUTATION, {
    files: [{ originalSource: resourceUrl, contentType: "IMAGE", alt: input.alt, filename }],
  });
  if (!fileCreate || fileCreate.userErrors.length > 0) {
    return { ok: false, reason: describeUserErrors(fileCreate?.userErrors ?? []) };
  }
  const mediaId = fileCreate.files?.[0]?.id;
  if (!mediaId) return { ok: false, reason: "Shopify created no file" };
  const notReady = await waitUntilReady(admin, mediaId);
  if (notReady) return { ok: false, reason: notReady };

  const { fileUpdate } = await runOperation(admin, FILE_UPDATE_MUTATION, {
    files: [{ id: mediaId, referencesToAdd: [input.productId] }],
  });
  if (!fileUpdate || fileUpdate.userErrors.length > 0) {
    return { ok: false, reason: describeUserErrors(fileUpdate?.userErrors ?? []) };
  }
  if (input.replaces) await removePicture(admin, input.replaces);
  if (input.variantId) {
    const { productVariantAppendMedia } = await runOperation(admin, VARIANT_APPEND_MEDIA_MUTATION, {
      productId: input.productId,
      variantMedia: [{ variantId: input.variantId, mediaIds: [mediaId] }],
    });
    const refused = productVariantAppendMedia?.userErrors ?? [];
    if (!productVariantAppendMedia || refused.length > 0) {
      // Not left on the product as an image nobody tracks.
      await removePicture(admin, mediaId);
      return { ok: false, reason: describeUserErrors(refused) || "Shopify did not set the variant's image" };
    }
  }
  return { ok: true, mediaId };
}

/** Deletes a media the app created (a file deleted is detached from every product too). */
export async function removePicture(admin: AdminClient, mediaId: string): Promise<string | null> {
  const { fileDelete } = await runOperation(admin, FILE_DELETE_MUTATION, { fileIds: [mediaId] });
  const errors = fileDelete?.userErrors ?? [];
  // Already gone (the merchant deleted it) is what we wanted.
  if (errors.length > 0 && !errors.every((e) => /not found|does not exist/i.test(e.message))) {
    return describeUserErrors(errors);
  }
  return null;
}
