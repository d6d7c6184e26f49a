/** A product's first image as Shopify shows it (its featured media). */
export interface ShopifyImage {
  mediaId: string;
  /** Media status: READY, PROCESSING, UPLOADED, FAILED. */
  status: string;
  /** The image's URL; null before Shopify has processed it, or for media that is no image. */
  url: string | null;
  /** A cheap version: the media's updatedAt and URL (Shopify's URL carries a `?v=` of its content). */
  version: string;
}

/** What the link knows of the last image written to the item, and of the app's own media. */
export interface ImageImportState {
  imageId: string | null;
  imageVersion: string | null;
  /** sha-256 of the bytes the item's picture last had from a sync (either way). */
  pictureHash: string | null;
  /** The media the app made from the ERP picture (ERP → Shopify). */
  appMediaId: string | null;
}

export type ImageImportPlan =
  | { kind: "unchanged"; reason: string }
  /** Not processed yet: read again next run (the cursor stays). */
  | { kind: "wait"; reason: string }
  | { kind: "download"; url: string };

/**
 * Product image → item picture, first step (BC: Shpfy Sync Product Image, From Shopify): an
 * unchanged image (same media, same version) is not downloaded; the app's own media is the ERP's
 * picture already, so it never goes back; a product without an image leaves the item's picture
 * as it is (removing a merchant's ERP picture is not Shopify's to decide).
 */
export function planImageImport(image: ShopifyImage | null, state: ImageImportState): ImageImportPlan {
  if (image === null) return { kind: "unchanged", reason: "the product has no image" };
  if (image.mediaId === state.appMediaId) {
    return { kind: "unchanged", reason: "the product's image is the ERP item's own picture" };
  }
  if (image.status === "FAILED") return { kind: "unchanged", reason: "Shopify could not process the product's image" };
  if (image.status !== "READY") return { kind: "wait", reason: "Shopify is still processing the product's image" };
  if (image.url === null) return { kind: "unchanged", reason: "the product's first media is not an image" };
  if (image.mediaId === state.imageId && image.version === state.imageVersion) {
    return { kind: "unchanged", reason: "the product's image is unchanged" };
  }
  return { kind: "download", url: image.url };
}

/** Second step, with the bytes' hash: the item's picture is written only when the content differs. */
export function planPictureWrite(
  contentHash: string,
  state: ImageImportState,
): { kind: "unchanged"; reason: string } | { kind: "write" } {
  if (contentHash === state.pictureHash) {
    return { kind: "unchanged", reason: "the item's picture already has this image" };
  }
  return { kind: "write" };
}
