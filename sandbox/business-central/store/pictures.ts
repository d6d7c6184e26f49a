import { badRequest } from "../bc-error.ts";
import type { CompanyData } from "./company-data.ts";
import type { PictureRow } from "./row-types.ts";

export type PictureParent = PictureRow["parentType"];

/** What Tenant Media records of an image: its MIME type and size, read from the bytes themselves. */
export interface ImageInfo {
  contentType: string;
  width: number;
  height: number;
}

/**
 * Reads type and dimensions from PNG, JPEG and GIF headers, the formats a Shopify product image
 * comes in (BC's media import reads them the same way; it does not trust a Content-Type header).
 * null: not an image the sandbox knows.
 */
export function sniffImage(bytes: Uint8Array): ImageInfo | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString("latin1", 12, 16) === "IHDR") {
    return { contentType: "image/png", width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (b.length >= 10 && b.toString("latin1", 0, 4) === "GIF8") {
    return { contentType: "image/gif", width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) return jpegInfo(b);
  return null;
}

/** Walks the JPEG markers to the first start-of-frame, which holds the height and width. */
function jpegInfo(b: Buffer): ImageInfo | null {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    const length = b.readUInt16BE(at + 2);
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { contentType: "image/jpeg", height: b.readUInt16BE(at + 5), width: b.readUInt16BE(at + 7) };
    }
    at += 2 + length;
  }
  return null;
}

/** The parent row's table (item or item variant), so a picture change can touch it. */
function parentTable(data: CompanyData, parentType: PictureParent) {
  return parentType === "Item" ? data.items : data.itemVariants;
}

/**
 * Stores a picture as Picture Entity.SavePictureWithParentType does: the parent's media is
 * replaced and the parent is modified (Item.Modify(true)), so its lastModifiedDateTime and etag
 * move on too, and an items delta pull sees the new picture.
 */
export function savePicture(
  data: CompanyData,
  parentType: PictureParent,
  parentId: string,
  bytes: Uint8Array,
): PictureRow {
  const info = sniffImage(bytes);
  // Guess at BC's answer: its media import refuses content that is no image it can read.
  if (!info) {
    throw badRequest("The file is not a supported image. Upload a PNG, JPEG or GIF file.", "Application_InvalidImage");
  }
  const fields = { parentType, ...info, content: Buffer.from(bytes).toString("base64") };
  const id = parentId.toLowerCase();
  const row = data.pictures.get(id) ? data.pictures.update(id, fields) : data.pictures.insert({ id, ...fields });
  parentTable(data, parentType).update(id, {});
  return row;
}

/** Clears the parent's picture (DeletePictureWithParentType): the parent is modified as well. */
export function deletePicture(data: CompanyData, parentType: PictureParent, parentId: string): void {
  if (!data.pictures.delete(parentId)) return;
  parentTable(data, parentType).update(parentId, {});
}
