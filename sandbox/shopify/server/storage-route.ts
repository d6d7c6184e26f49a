import type { IncomingMessage, ServerResponse } from "node:http";

import type { SandboxStorage } from "../contracts.ts";
import { sendText } from "./http-util.ts";

/**
 * The sandbox's stand-in for Google Cloud Storage and Shopify's CDN:
 * - `POST /staged-uploads/` takes a staged target's form upload (its parameters as fields, then
 *   `file`), answering like GCS: 201 with a PostResponse document when `success_action_status`
 *   is 201, 204 otherwise;
 * - `PUT /staged-uploads/<key>?X-Goog-Signature=…` takes the raw bytes (200);
 * - `GET /storage/<key>` serves what the store keeps: uploads, files, bulk operation results.
 * Errors are GCS's XML error documents.
 */
export const UPLOAD_PREFIX = "/staged-uploads/";
export const STORAGE_PREFIX = "/storage/";

const MAX_UPLOAD_BYTES = 110 * 1024 * 1024;

async function readBytes(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_UPLOAD_BYTES) return null;
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function xmlError(res: ServerResponse, status: number, code: string, message: string): void {
  sendText(
    res,
    status,
    "application/xml; charset=UTF-8",
    `<?xml version='1.0' encoding='UTF-8'?><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`,
  );
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function decodeKey(path: string): string {
  return path
    .split("/")
    .map((part) => decodeURIComponent(part))
    .join("/");
}

export async function handleStorage(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  pathname: string,
  storage: SandboxStorage,
  origin: string,
): Promise<void> {
  const method = req.method ?? "GET";
  if (pathname.startsWith(STORAGE_PREFIX)) {
    if (method !== "GET" && method !== "HEAD") {
      return xmlError(res, 405, "MethodNotAllowed", "Only GET is allowed here.");
    }
    const stored = storage.read(decodeKey(pathname.slice(STORAGE_PREFIX.length)));
    if (!stored) return xmlError(res, 404, "NoSuchKey", "The specified key does not exist.");
    res.writeHead(200, { "Content-Type": stored.contentType, "Content-Length": String(stored.body.length) });
    res.end(method === "HEAD" ? undefined : stored.body);
    return;
  }
  const body = await readBytes(req);
  if (!body) return xmlError(res, 400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size.");
  if (method === "PUT" && pathname.length > UPLOAD_PREFIX.length) {
    const outcome = storage.acceptUpload({
      key: decodeKey(pathname.slice(UPLOAD_PREFIX.length)),
      signature: url.searchParams.get("X-Goog-Signature"),
      body,
      contentType: req.headers["content-type"] ?? null,
    });
    if (!outcome.ok) return xmlError(res, outcome.status, outcome.code, outcome.message);
    res.writeHead(200, { ETag: `"${outcome.etag}"` });
    res.end();
    return;
  }
  if (method !== "POST" || pathname !== UPLOAD_PREFIX) {
    return xmlError(
      res,
      405,
      "MethodNotAllowed",
      "Upload with POST (form) to the target url or PUT to the signed url.",
    );
  }
  const contentType = req.headers["content-type"] ?? "";
  if (!contentType.startsWith("multipart/form-data")) {
    return xmlError(res, 400, "InvalidArgument", "A form upload must be multipart/form-data.");
  }
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
  } catch {
    return xmlError(res, 400, "InvalidArgument", "The multipart form could not be read.");
  }
  const field = (name: string): string | null => {
    for (const [k, v] of form.entries()) if (k.toLowerCase() === name.toLowerCase() && typeof v === "string") return v;
    return null;
  };
  const file = form.get("file");
  if (!file || typeof file === "string") {
    return xmlError(
      res,
      400,
      "InvalidArgument",
      "The form has no file field (it must come after the target's parameters).",
    );
  }
  const key = field("key") ?? "";
  const outcome = storage.acceptUpload({
    key,
    signature: field("x-goog-signature"),
    body: Buffer.from(await file.arrayBuffer()),
    contentType: field("Content-Type") ?? (file.type || null),
  });
  if (!outcome.ok) return xmlError(res, outcome.status, outcome.code, outcome.message);
  const status = field("success_action_status");
  if (status === "201") {
    const location = `${origin}${STORAGE_PREFIX}${outcome.key.split("/").map(encodeURIComponent).join("/")}`;
    sendText(
      res,
      201,
      "application/xml; charset=UTF-8",
      `<?xml version='1.0' encoding='UTF-8'?><PostResponse><Location>${escapeXml(location)}</Location><Bucket>shopify-staged-uploads</Bucket><Key>${escapeXml(outcome.key)}</Key><ETag>"${outcome.etag}"</ETag></PostResponse>`,
      { ETag: `"${outcome.etag}"` },
    );
    return;
  }
  res.writeHead(status === "200" ? 200 : 204, { ETag: `"${outcome.etag}"` });
  res.end();
}
