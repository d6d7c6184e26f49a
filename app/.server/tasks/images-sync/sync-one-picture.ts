import type { ErpPicture } from "../../adapters/erp/port.ts";
import type { AdminClient } from "../../adapters/shopify/admin-client.ts";
import { ShopifyApiError } from "../../adapters/shopify/errors.ts";
import { coerceError } from "../../errors/coerce-error.ts";
import type { RecordResult, RunContext } from "../../runs/define-task.ts";
import { type PictureState, planPicture, planUpload, variantImageConflict } from "./plan-picture.ts";
import { pictureHash, removePicture, writePicture } from "./write-picture.ts";

/** One picture to bring over: the item's onto its product, or a variant's onto its variant. */
export interface PictureTarget {
  record: Omit<RecordResult, "outcome" | "reason">;
  /** The ERP picture's version as mirrored; null = it has none. */
  erpVersion: string | null;
  state: PictureState;
  productId: string;
  /** Set for a variant's own picture. */
  variantId?: string;
  /** The file's name and alt text. */
  name: string;
  alt: string;
  read(): Promise<ErpPicture | null>;
  save(state: { version: string | null; hash: string | null; mediaId: string | null }): Promise<void>;
  /** A variant's: the media it shows now (one at most), read only before an upload. */
  shownMediaId?: () => Promise<string | null>;
}

/** What became of it: `held` = a write the kill switch refused (the feed must stay). */
export type PictureOutcome = "uploaded" | "held" | "done";

/**
 * The same discipline for product and variant pictures: an unchanged version downloads nothing,
 * the same bytes upload nothing, a replaced picture replaces only the app's previous media. A
 * preview records what it would do; the kill switch turns writes into skipped records; a refusal
 * is the record's failure, with Shopify's reason.
 */
export async function syncOnePicture(
  ctx: RunContext,
  admin: AdminClient,
  target: PictureTarget,
): Promise<PictureOutcome> {
  const { record, state } = target;
  const first = planPicture(target.erpVersion, state);
  if (first.kind === "unchanged") return "done";
  if (ctx.dryRun) {
    ctx.record({
      ...record,
      outcome: "planned",
      reason: first.kind === "remove" ? "would remove the old picture" : "would compare and upload the picture",
    });
    return "done";
  }
  if (!ctx.writesAllowed) {
    ctx.record({ ...record, outcome: "skipped", reason: "outgoing writes are off in Settings" });
    return "held";
  }
  try {
    if (first.kind === "remove") {
      const refused = await removePicture(admin, first.mediaId);
      if (refused) {
        ctx.record({ ...record, outcome: "failed", reason: refused });
        return "done";
      }
      await target.save({ version: null, hash: null, mediaId: null });
      ctx.record({ ...record, outcome: "updated", reason: "the picture was removed in the ERP: its image is gone" });
      return "done";
    }
    const picture = await target.read();
    if (!picture) return "done";
    const hash = pictureHash(picture.bytes);
    const upload = planUpload(hash, state);
    if (upload.kind === "unchanged") {
      await target.save({ version: picture.version, hash, mediaId: state.mediaId });
      return "done";
    }
    if (target.shownMediaId) {
      const conflict = variantImageConflict(await target.shownMediaId(), state);
      if (conflict) {
        ctx.record({ ...record, outcome: "skipped", reason: conflict });
        return "done";
      }
    }
    const written = await writePicture(admin, {
      productId: target.productId,
      picture,
      name: target.name,
      alt: target.alt,
      replaces: upload.replaces,
      ...(target.variantId ? { variantId: target.variantId } : {}),
    });
    if (!written.ok) {
      ctx.record({ ...record, outcome: "failed", reason: written.reason });
      return "done";
    }
    await target.save({ version: picture.version, hash, mediaId: written.mediaId });
    ctx.record({
      ...record,
      outcome: state.mediaId ? "updated" : "created",
      reason: state.mediaId ? "picture replaced" : "picture added",
    });
    return "uploaded";
  } catch (error) {
    if (error instanceof ShopifyApiError && error.retryable) throw error;
    ctx.record({ ...record, outcome: "failed", reason: coerceError(error).message });
    return "done";
  }
}
