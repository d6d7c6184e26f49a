import type { IncomingMessage, ServerResponse } from "node:http";

import { BcError, methodNotAllowed, noResource } from "../bc-error.ts";
import type { CompanyData } from "../store/company-data.ts";
import { deletePicture, type PictureParent, savePicture } from "../store/pictures.ts";
import type { BaseRow } from "../store/row-types.ts";
import { makeEtag } from "../store/table.ts";
import { sendJson, sendNoContent } from "./http-util.ts";
import { checkIfMatch } from "./if-match.ts";

/** The pictures BC accepts are small; a product photo of several MB is still far below this. */
const MAX_PICTURE_BYTES = 8 * 1024 * 1024;

/**
 * The picture's etag. The Picture Entity is a temporary record built from the parent's media, so
 * BC's etag for it follows what it holds; the sandbox takes the stored media's row version (a new
 * upload, a new etag; no picture, version 0).
 */
export function pictureEtag(data: CompanyData, parentId: string): string {
  return data.pictures.etag(parentId) ?? makeEtag(parentId, 0);
}

/**
 * `picture` as APIV2 - Pictures (page 30053) shows it: its id is the parent's SystemId, and a
 * parent without a picture still has one, with width and height 0 and no content type. The
 * content is a stream, so it appears as media links, never inline.
 */
export function pictureEntity(
  data: CompanyData,
  parentType: PictureParent,
  parentId: string,
  pictureUrl: string,
): Record<string, unknown> {
  const row = data.pictures.get(parentId);
  return {
    "@odata.etag": pictureEtag(data, parentId),
    id: parentId,
    parentType,
    width: row?.width ?? 0,
    height: row?.height ?? 0,
    contentType: row?.contentType ?? "",
    "pictureContent@odata.mediaEditLink": `${pictureUrl}/pictureContent`,
    "pictureContent@odata.mediaReadLink": `${pictureUrl}/pictureContent`,
  };
}

async function readBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_PICTURE_BYTES) throw new BcError(413, "Request_EntityTooLarge", "The request is too large.");
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export interface PictureTarget {
  data: CompanyData;
  parentType: PictureParent;
  parent: BaseRow;
  /** `…/companies({id})/items({id})/picture`, as the client addressed it. */
  pictureUrl: string;
  /** `…/$metadata#companies({id})/items({id})/picture`. */
  contextPath: string;
  /** The segment after `picture`: "pictureContent", or none for the entity. */
  property: string | undefined;
  url: URL;
}

/**
 * `…/picture`: GET, DELETE (If-Match). `…/picture/pictureContent`: GET the bytes, PATCH (or PUT)
 * raw bytes with If-Match to upload, as Microsoft's "Update picture" documents it (204, no body).
 * There is no POST: the page has InsertAllowed = false; an upload is an update of the content.
 */
export async function handlePicture(req: IncomingMessage, res: ServerResponse, t: PictureTarget): Promise<void> {
  const method = req.method ?? "GET";
  const etag = () => pictureEtag(t.data, t.parent.id);
  if (t.property === undefined) {
    if (method === "GET") {
      const entity = pictureEntity(t.data, t.parentType, t.parent.id, t.pictureUrl);
      sendJson(res, 200, { "@odata.context": `${t.contextPath}/$entity`, ...entity }, { ETag: etag() });
    } else if (method === "DELETE") {
      checkIfMatch(req, etag());
      deletePicture(t.data, t.parentType, t.parent.id);
      sendNoContent(res);
    } else throw methodNotAllowed(method, "picture");
    return;
  }
  if (t.property !== "pictureContent") throw noResource(t.url.href);
  if (method === "GET") {
    const row = t.data.pictures.get(t.parent.id);
    if (!row) {
      sendNoContent(res);
      return;
    }
    const bytes = Buffer.from(row.content, "base64");
    res.writeHead(200, {
      "Content-Type": "application/octet-stream",
      "Content-Length": bytes.length,
      "OData-Version": "4.0",
    });
    res.end(bytes);
  } else if (method === "PATCH" || method === "PUT") {
    checkIfMatch(req, etag());
    const bytes = await readBytes(req);
    if (bytes.length === 0) {
      deletePicture(t.data, t.parentType, t.parent.id);
    } else savePicture(t.data, t.parentType, t.parent.id, bytes);
    sendNoContent(res);
  } else throw methodNotAllowed(method, "pictureContent");
}
