import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";

import { z } from "zod";

import type { ShopifyAdmin } from "./admin-port.ts";
import { runOperation } from "./admin-port.ts";
import { BULK_MUTATION_RUN, BULK_OPERATION_QUERY } from "./bulk-queries.ts";
import { ShopifyApiError } from "./errors.ts";
import { STAGED_UPLOADS_CREATE_MUTATION } from "./media-queries.ts";
import { parseStagedTarget, uploadToStagedTarget } from "./staged-upload.ts";

export interface BulkOperationState {
  id: string;
  status: string;
  errorCode: string | null;
  objectCount: string;
  url: string | null;
  partialDataUrl: string | null;
}

/**
 * Starts a bulk mutation (wave-2 notes: staged upload of the variables as JSONL, then
 * `bulkOperationRunMutation`): one line per call of `mutation`. Returns the operation's id;
 * Shopify runs it in the background and answers per line in a result file.
 */
export async function startBulkMutation(
  admin: ShopifyAdmin,
  input: { mutation: string; lines: readonly unknown[] },
): Promise<{ ok: true; id: string } | { ok: false; reason: string }> {
  const jsonl = `${input.lines.map((line) => JSON.stringify(line)).join("\n")}\n`;
  const bytes = new TextEncoder().encode(jsonl);
  const { stagedUploadsCreate } = await runOperation(admin, STAGED_UPLOADS_CREATE_MUTATION, {
    input: [
      {
        resource: "BULK_MUTATION_VARIABLES",
        filename: "variables.jsonl",
        mimeType: "text/jsonl",
        httpMethod: "POST",
        fileSize: String(bytes.byteLength),
      },
    ],
  });
  if (!stagedUploadsCreate || stagedUploadsCreate.userErrors.length > 0) {
    return {
      ok: false,
      reason: stagedUploadsCreate?.userErrors.map((e) => e.message).join("; ") || "no upload target",
    };
  }
  const target = parseStagedTarget(stagedUploadsCreate.stagedTargets?.[0]);
  await uploadToStagedTarget(target, { bytes, filename: "variables.jsonl", contentType: "text/jsonl" });
  // The staged path is the form's `key` parameter (Shopify's docs: "stagedUploadPath" = key).
  const key = target.parameters.find((p) => p.name === "key")?.value;
  if (!key) return { ok: false, reason: "the staged upload target has no key" };
  const { bulkOperationRunMutation } = await runOperation(admin, BULK_MUTATION_RUN, {
    mutation: input.mutation,
    stagedUploadPath: key,
  });
  const refused = bulkOperationRunMutation?.userErrors ?? [];
  if (refused.length > 0 || !bulkOperationRunMutation?.bulkOperation) {
    return { ok: false, reason: refused.map((e) => e.message).join("; ") || "no bulk operation started" };
  }
  return { ok: true, id: bulkOperationRunMutation.bulkOperation.id };
}

/** Polls the operation until it ends or the wait runs out (null: still running, look again later). */
export async function waitForBulkOperation(
  admin: ShopifyAdmin,
  id: string,
  options: { timeoutMs: number },
): Promise<BulkOperationState | null> {
  const deadline = Date.now() + options.timeoutMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
    const { bulkOperation } = await runOperation(admin, BULK_OPERATION_QUERY, { id });
    if (!bulkOperation) {
      throw new ShopifyApiError({ code: "NOT_FOUND", operation: "bulkOperation", message: `no bulk operation ${id}` });
    }
    if (!["CREATED", "RUNNING", "CANCELING"].includes(bulkOperation.status)) {
      return {
        id: bulkOperation.id,
        status: bulkOperation.status,
        errorCode: bulkOperation.errorCode ?? null,
        objectCount: String(bulkOperation.objectCount),
        url: bulkOperation.url ?? null,
        partialDataUrl: bulkOperation.partialDataUrl ?? null,
      };
    }
    if (Date.now() + delay > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

const resultLine = z.looseObject({ __lineNumber: z.number().int().nonnegative().optional() });

/**
 * A bulk operation's result file, one parsed line at a time (streamed: a 50,000-line result is
 * never held in memory). Node's readline splits the lines; each is parsed on its own.
 */
export async function* readBulkResults(
  url: string,
): AsyncGenerator<Record<string, unknown> & { __lineNumber?: number }> {
  const response = await fetch(url);
  if (!response.ok || !response.body) {
    throw new ShopifyApiError({
      code: "SERVER_ERROR",
      operation: "bulk result",
      message: `the bulk result file answered HTTP ${response.status}`,
    });
  }
  const lines = createInterface({ input: Readable.fromWeb(response.body as NodeReadableStream), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    yield resultLine.parse(JSON.parse(line));
  }
}

/** A bulk query another run of this shop started is still running: Shopify refuses a second. */
export function isBulkBusy(reason: string): boolean {
  return /already in progress|already running|one bulk/i.test(reason);
}
