import { z } from "zod";

/** Shopify's product images are at most 20 MB (its media limits); anything larger is not one. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

/** A download that failed: the record's reason, not the run's (the next change tries again). */
export class ImageDownloadError extends Error {
  override name = "ImageDownloadError";
}

const imageType = z
  .string()
  .transform((value) => value.split(";")[0]!.trim().toLowerCase())
  .pipe(z.string().regex(/^image\/[a-z0-9.+-]+$/));

/**
 * A product image's bytes from the URL Shopify gave (its CDN; the sandbox's `/storage/`), with a
 * timeout and a size cap: a declared length above the cap is refused before reading, and a body
 * without one is read only up to the cap. The answer must say it is an image.
 */
export async function downloadImage(
  url: string,
  options: { maxBytes?: number; timeoutMs?: number } = {},
): Promise<{ bytes: Uint8Array; contentType: string }> {
  const maxBytes = options.maxBytes ?? MAX_IMAGE_BYTES;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS), redirect: "follow" });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    throw new ImageDownloadError(timedOut ? "the image download timed out" : "the image could not be downloaded");
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new ImageDownloadError(`the image download was refused: HTTP ${response.status}`);
  }
  const type = imageType.safeParse(response.headers.get("content-type") ?? "");
  if (!type.success) {
    await response.body?.cancel();
    throw new ImageDownloadError("the image URL did not answer with an image");
  }
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new ImageDownloadError(`the image is larger than ${maxBytes} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  try {
    for (;;) {
      const chunk = reader ? await reader.read() : { done: true as const, value: undefined };
      if (chunk.done) break;
      size += chunk.value.byteLength;
      if (size > maxBytes) throw new ImageDownloadError(`the image is larger than ${maxBytes} bytes`);
      chunks.push(chunk.value);
    }
  } catch (error) {
    await reader?.cancel().catch(() => {});
    if (error instanceof ImageDownloadError) throw error;
    throw new ImageDownloadError("the image download broke off");
  }
  if (size === 0) throw new ImageDownloadError("the image is empty");
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { bytes, contentType: type.data };
}
