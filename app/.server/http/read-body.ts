import { BodyTooLargeError, MAX_BODY_BYTES } from "./body-limit.ts";

/**
 * A Fetch request's body as text, read at most `limit` bytes: refused from `Content-Length`
 * before reading, and cut off while streaming (a body without a length, or one that lies). The
 * web server caps bodies too; this holds wherever the request came from (tests, other servers).
 */
export async function readBodyCapped(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw new BodyTooLargeError(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
