import { z } from "zod";

import { ErpError } from "../errors.ts";
import type { ErpPicture } from "../port.ts";
import type { ErpPictureInfo } from "../types.ts";
import { type BcContext, entityUrl, keySegment } from "./context.ts";
import { num, parseBc, text } from "./schemas.ts";

/**
 * A picture as API v2.0's `picture` part shows it (APIV2 - Pictures, page 30053): always there,
 * even for a parent without one (then width and height 0 and no content type).
 */
export const pictureSchema = z.object({
  "@odata.etag": z.string().optional(),
  id: z.string(),
  width: num,
  height: num,
  contentType: text,
});

export function pictureInfo(row: z.infer<typeof pictureSchema> | undefined | null): ErpPictureInfo | null {
  if (!row || row.contentType === "") return null;
  return {
    // Width, height and type stand in when no etag came (a proxy that drops them): a changed picture still shows.
    version: row["@odata.etag"] ?? `${row.contentType};${row.width}x${row.height}`,
    contentType: row.contentType,
    width: row.width,
    height: row.height,
  };
}

/** `items({id})/picture` or, for a variant, `itemVariants({id})/picture`. */
function pictureUrl(ctx: BcContext, itemId: string, variantId: string | undefined): string {
  return variantId === undefined
    ? entityUrl(ctx, `items${keySegment(itemId)}/picture`)
    : entityUrl(ctx, `itemVariants${keySegment(variantId)}/picture`);
}

async function readInfo(ctx: BcContext, url: string, operation: string): Promise<ErpPictureInfo | null> {
  const response = await ctx.send({ operation, method: "GET", url });
  return pictureInfo(parseBc(pictureSchema, response.json, "a picture"));
}

async function requirePictures(ctx: BcContext, variant: boolean): Promise<void> {
  const caps = await ctx.capabilities();
  if (variant ? caps.variantPictures : caps.itemPictures) return;
  throw new ErpError({
    code: "UNSUPPORTED",
    message: `this Business Central serves no ${variant ? "item variant" : "item"} pictures`,
  });
}

/** Metadata, then the bytes: two calls, the first telling whether there is anything to fetch. */
export async function readItemPicture(ctx: BcContext, itemId: string, variantId?: string): Promise<ErpPicture | null> {
  await requirePictures(ctx, variantId !== undefined);
  const url = pictureUrl(ctx, itemId, variantId);
  const info = await readInfo(ctx, url, "readItemPicture");
  if (!info) return null;
  const content = await ctx.send({
    operation: "readItemPicture",
    method: "GET",
    url: `${url}/pictureContent`,
    responseType: "bytes",
  });
  const bytes = content.bytes ?? new Uint8Array();
  // Removed between the two calls: there is no picture now.
  if (bytes.length === 0) return null;
  return { contentType: info.contentType, bytes, version: info.version };
}

/**
 * Uploads as Microsoft documents it: PATCH the raw bytes to `…/picture/pictureContent` with
 * `If-Match: *` (the picture is replaced whatever it was). BC answers 204 without a body, so the
 * new version is read back.
 */
export async function writeItemPicture(
  ctx: BcContext,
  itemId: string,
  picture: { contentType: string; bytes: Uint8Array },
  variantId?: string,
): Promise<{ version: string }> {
  await requirePictures(ctx, variantId !== undefined);
  if (picture.bytes.length === 0) {
    throw new ErpError({ code: "VALIDATION", message: "writeItemPicture: the picture is empty" });
  }
  if (!picture.contentType.startsWith("image/")) {
    throw new ErpError({
      code: "VALIDATION",
      message: `writeItemPicture: ${picture.contentType} is not an image type`,
    });
  }
  const url = pictureUrl(ctx, itemId, variantId);
  await ctx.send({
    operation: "writeItemPicture",
    method: "PATCH",
    url: `${url}/pictureContent`,
    rawBody: picture.bytes,
    ifMatch: "*",
  });
  const info = await readInfo(ctx, url, "writeItemPicture");
  if (!info) {
    throw new ErpError({
      code: "TRANSIENT",
      message: "writeItemPicture: Business Central shows no picture after the upload",
    });
  }
  return { version: info.version };
}
