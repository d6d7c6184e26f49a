import { z } from "zod";

import { ShopifyApiError } from "./errors.ts";

export interface StagedTarget {
  url: string;
  /** null for bulk-mutation variables (Shopify names the upload by its `key` parameter then). */
  resourceUrl: string | null;
  parameters: ReadonlyArray<{ name: string; value: string }>;
}

const targetSchema = z.object({
  url: z.url(),
  resourceUrl: z.url().nullable(),
  parameters: z.array(z.object({ name: z.string(), value: z.string() })),
});

/** A staged target from `stagedUploadsCreate`, checked before bytes are sent anywhere. */
export function parseStagedTarget(raw: unknown): StagedTarget {
  const parsed = targetSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ShopifyApiError({
      code: "GRAPHQL_ERROR",
      operation: "stagedUploadsCreate",
      message: "stagedUploadsCreate returned no usable upload target",
    });
  }
  return parsed.data;
}

/**
 * Uploads bytes to a staged target the way Shopify's docs describe the POST form: every
 * parameter as a form field, then the file last. A refusal is an error naming the status; the
 * upload is safe to repeat (a new target each time).
 */
export async function uploadToStagedTarget(
  target: StagedTarget,
  file: { bytes: Uint8Array; filename: string; contentType: string },
  options: { signal?: AbortSignal } = {},
): Promise<void> {
  const form = new FormData();
  for (const { name, value } of target.parameters) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.contentType }), file.filename);
  const response = await fetch(target.url, {
    method: "POST",
    body: form,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!response.ok) {
    throw new ShopifyApiError({
      code: response.status >= 500 ? "SERVER_ERROR" : "BAD_REQUEST",
      operation: "staged upload",
      message: `the staged upload was refused: HTTP ${response.status}`,
    });
  }
}
