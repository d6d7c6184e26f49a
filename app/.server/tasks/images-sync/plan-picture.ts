/** What the app last put on a product as its picture. */
export interface PictureState {
  /** The ERP picture's version last synced; null = none synced. */
  version: string | null;
  /** sha-256 of the bytes last uploaded. */
  hash: string | null;
  /** The Shopify media the app created for it; only that one is ever replaced or removed. */
  mediaId: string | null;
}

export type PicturePlan =
  | { kind: "unchanged"; reason: string }
  /** The version moved: download and compare the bytes before uploading anything. */
  | { kind: "download" }
  /** The ERP has no picture any more: remove the media the app put there. */
  | { kind: "remove"; mediaId: string };

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
  if (erpVersion === state.version && state.mediaId) return { kind: "unchanged", reason: "the picture is unchanged" };
  return { kind: "download" };
}

export type UploadPlan =
  | { kind: "unchanged"; reason: string }
  /** Upload and attach; then remove `replaces` (the app's previous media), so the product has it once. */
  | { kind: "upload"; replaces: string | null };

/** Second step, with the bytes' hash: new content replaces the app's media; the same content only records the new version. */
export function planUpload(contentHash: string, state: PictureState): UploadPlan {
  if (contentHash === state.hash && state.mediaId)
    {return { kind: "unchanged", reason: "the picture's content is unchanged" };}
  return { kind: "upload", replaces: state.mediaId };
}
