/** What the app last put on a product (or variant) as its picture. */
export interface PictureState {
  /** The ERP picture's version last synced; null = none synced. */
  version: string | null;
  /** sha-256 of the bytes last uploaded (or, Shopify → ERP, last written to the item). */
  hash: string | null;
  /** The Shopify media the app created for it; only that one is ever replaced or removed. */
  mediaId: string | null;
  /**
   * The product's own Shopify image the ERP picture was written from (Shopify → ERP); null when
   * none. With it the ERP's picture at `version` is Shopify's already: not sent back.
   */
  sourceImageId?: string | null;
}

export type PicturePlan =
  | { kind: "unchanged"; reason: string }
  /** The version moved: download and compare the bytes before uploading anything. */
  | { kind: "download" }
  /** The ERP has no picture any more: remove the media the app put there. */
  | { kind: "remove"; mediaId: string };

/** Shopify already shows the picture: the app's media of it, or the image it was written from. */
const onShopify = (state: PictureState) => Boolean(state.mediaId ?? state.sourceImageId);

/**
 * ERP picture → product media, first step (BC: Shpfy Product Image Export, its hash check): an
 * unchanged version needs no download at all; a removed picture takes away only the media the
 * app itself created, never a merchant's own images.
 */
export function planPicture(erpVersion: string | null, state: PictureState): PicturePlan {
  if (erpVersion === null) {
    return state.mediaId
      ? { kind: "remove", mediaId: state.mediaId }
      : { kind: "unchanged", reason: "the item has no picture" };
  }
  if (erpVersion === state.version && onShopify(state)) {
    return {
      kind: "unchanged",
      reason: state.mediaId ? "the picture is unchanged" : "the picture came from the Shopify image",
    };
  }
  return { kind: "download" };
}

export type UploadPlan =
  | { kind: "unchanged"; reason: string }
  /** Upload and attach; then remove `replaces` (the app's previous media), so the product has it once. */
  | { kind: "upload"; replaces: string | null };

/** Second step, with the bytes' hash: new content replaces the app's media; the same content only records the new version. */
export function planUpload(contentHash: string, state: PictureState): UploadPlan {
  if (contentHash === state.hash && onShopify(state)) {
    return { kind: "unchanged", reason: "the picture's content is unchanged" };
  }
  return { kind: "upload", replaces: state.mediaId };
}

/**
 * A variant shows one media at most. One the app did not put there is the merchant's choice:
 * the ERP's picture does not replace it (null: the variant may take the app's picture).
 */
export function variantImageConflict(shownMediaId: string | null, state: PictureState): string | null {
  if (shownMediaId === null || shownMediaId === state.mediaId) return null;
  return "the variant shows an image of its own in Shopify; the ERP's picture does not replace it";
}
