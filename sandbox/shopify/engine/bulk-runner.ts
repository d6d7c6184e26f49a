import { type DocumentNode, execute, getOperationAST, getVariableValues, GraphQLError } from "graphql";

import { type BulkQueryPlan, flattenBulkPage } from "./bulk-query.ts";
import { deleteBlob, putBlob } from "./catalog-index.ts";
import {
  type EngineRuntime,
  fieldResolver,
  type Lazy,
  type ResolverContext,
  typeResolver,
  UNMODELLED_CODE,
} from "./field-resolver.ts";
import { shopHandle } from "./file-urls.ts";
import { gid } from "./gid.ts";
import { emit, nextId, type ShopState, stamp } from "./shop-state.ts";
import type { BlobRec, BulkOperationRec } from "./store-types.ts";

/**
 * Runs bulk operations in the background, a page of root objects (queries) or a batch of JSONL
 * lines (mutations) per turn of the event loop, so the store keeps answering meanwhile and
 * `objectCount` grows as Shopify's does. CREATED → RUNNING → COMPLETED (or CANCELING → CANCELED,
 * or FAILED); the result JSONL is kept as a blob the sandbox server serves at `url`
 * (`partialDataUrl` for what a failed or canceled operation had done), and the app that ran it
 * gets `bulk_operations/finish`.
 */
const ROOT_PAGE = 250;
const MUTATION_BATCH = 50;

export const ACTIVE_BULK = new Set(["CREATED", "RUNNING", "CANCELING"]);

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Still the live record of a live shop (a reset or restore replaces both)? */
function alive(state: ShopState, op: BulkOperationRec): boolean {
  return state.bulkOperations.get(op.id) === op;
}

/** Read afresh: bulkOperationCancel changes the status while the runner awaits. */
function canceling(op: BulkOperationRec): boolean {
  return (op.status as string) === "CANCELING";
}

function touch(state: ShopState, op: BulkOperationRec, patch: Partial<BulkOperationRec>): void {
  Object.assign(op, patch, { updatedAt: stamp(state) });
}

export function startBulkQuery(
  state: ShopState,
  runtime: EngineRuntime,
  op: BulkOperationRec,
  document: DocumentNode,
  plan: BulkQueryPlan,
): void {
  state.background.later(async () => {
    if (!alive(state, op) || op.status !== "CREATED") return;
    touch(state, op, { status: "RUNNING" });
    // One string per page, not per line: 300,000 small strings weigh far more than their text.
    const lines: string[] = [];
    let objects = 0;
    const memo = new Map<string, unknown>();
    const rootName = plan.root.name.value;
    const original = runtime.rootValue[rootName] as Lazy<unknown>;
    const cap = typeof firstArg(plan) === "number" ? (firstArg(plan) as number) : Infinity;
    let cursor: string | null = null;
    let more = true;
    let fetched = 0;
    while (more) {
      if (!alive(state, op)) return;
      if (canceling(op)) return finish(state, op, lines, "CANCELED", null);
      let pageInfo: { hasNextPage: boolean; endCursor: string | null } | null = null;
      const size = Math.min(ROOT_PAGE, cap - fetched);
      const rootValue: Record<string, unknown> = plan.rootIsConnection
        ? {
            ...runtime.rootValue,
            [rootName]: ((args, ctx, info) => {
              const conn = original({ ...args, first: size, last: null, before: null, after: cursor }, ctx, info) as {
                pageInfo: { hasNextPage: boolean; endCursor: string | null };
              };
              pageInfo = conn.pageInfo;
              return conn;
            }) satisfies Lazy<unknown>,
          }
        : runtime.rootValue;
      const result = await run(state, runtime, op, document, rootValue, {}, true, memo);
      if (!alive(state, op)) return;
      if (result.errors?.length || !result.data) return finish(state, op, lines, "FAILED", "INTERNAL_SERVER_ERROR");
      const page = flattenBulkPage(plan, result.data as Record<string, unknown>);
      if (page.lines.length > 0) lines.push(page.lines.map((line) => JSON.stringify(line)).join("\n"));
      objects += page.lines.length;
      fetched += page.roots;
      touch(state, op, { objectCount: objects, rootObjectCount: fetched });
      const info = pageInfo as { hasNextPage: boolean; endCursor: string | null } | null;
      more = plan.rootIsConnection && info !== null && info.hasNextPage && fetched < cap;
      cursor = info?.endCursor ?? null;
      if (more) await nextTurn();
    }
    finish(state, op, lines, "COMPLETED", null);
  });
}

/**
 * Runs the query's first root object at once: a field the sandbox does not model fails the
 * bulkOperationRunQuery call itself (naming the field) rather than the operation later.
 */
export function probeBulkQuery(
  state: ShopState,
  runtime: EngineRuntime,
  apiKey: string,
  document: DocumentNode,
  plan: BulkQueryPlan,
): GraphQLError | null {
  const rootName = plan.root.name.value;
  const original = runtime.rootValue[rootName] as Lazy<unknown>;
  const rootValue = plan.rootIsConnection
    ? {
        ...runtime.rootValue,
        [rootName]: ((args, ctx, info) => original({ ...args, first: 1 }, ctx, info)) satisfies Lazy<unknown>,
      }
    : runtime.rootValue;
  const contextValue: ResolverContext = { state, apiKey, runtime, bulk: true };
  const result = execute({ schema: runtime.schema, document, rootValue, contextValue, fieldResolver, typeResolver });
  if (result instanceof Promise) return null;
  return result.errors?.find((e) => e.extensions.code === UNMODELLED_CODE) ?? null;
}

function firstArg(plan: BulkQueryPlan): unknown {
  const arg = plan.root.arguments?.find((a) => a.name.value === "first");
  return arg?.value.kind === "IntValue" ? Number(arg.value.value) : undefined;
}

export function startBulkMutation(
  state: ShopState,
  runtime: EngineRuntime,
  op: BulkOperationRec,
  document: DocumentNode,
  inputs: Record<string, unknown>[],
): void {
  state.background.later(async () => {
    if (!alive(state, op) || op.status !== "CREATED") return;
    touch(state, op, { status: "RUNNING" });
    const definitions = getOperationAST(document)?.variableDefinitions ?? [];
    const lines: string[] = [];
    for (let i = 0; i < inputs.length; i += 1) {
      if (!alive(state, op)) return;
      if (canceling(op)) return finish(state, op, lines, "CANCELED", null);
      const coerced = getVariableValues(runtime.schema, definitions, inputs[i] ?? {});
      if (coerced.errors) {
        lines.push(JSON.stringify({ errors: coerced.errors.map((e) => e.toJSON()), __lineNumber: i }));
      } else {
        const result = await run(state, runtime, op, document, runtime.rootValue, coerced.coerced, false);
        const errors = result.errors?.length ? { errors: result.errors.map((e) => e.toJSON()) } : {};
        lines.push(JSON.stringify({ ...errors, data: result.data ?? null, __lineNumber: i }));
      }
      if ((i + 1) % MUTATION_BATCH === 0 || i === inputs.length - 1) {
        touch(state, op, { objectCount: lines.length, rootObjectCount: lines.length });
        await nextTurn();
      }
    }
    if (alive(state, op)) finish(state, op, lines, "COMPLETED", null);
  });
}

function run(
  state: ShopState,
  runtime: EngineRuntime,
  op: BulkOperationRec,
  document: DocumentNode,
  rootValue: Record<string, unknown>,
  variableValues: Record<string, unknown>,
  bulk: boolean,
  memo?: Map<string, unknown>,
) {
  const contextValue: ResolverContext = { state, apiKey: op.apiKey, runtime, bulk, ...(memo ? { memo } : {}) };
  return Promise.resolve(
    execute({
      schema: runtime.schema,
      document,
      rootValue,
      contextValue,
      variableValues,
      fieldResolver,
      typeResolver,
    }),
  ).catch((error: unknown) => ({
    data: null,
    errors: [error instanceof GraphQLError ? error : new GraphQLError(String(error))],
  }));
}

/** Shopify keeps results (and staged uploads) seven days; older ones are EXPIRED and their bytes gone. */
const RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

function expireOld(state: ShopState): void {
  const cutoff = new Date(state.now() - RETENTION_MS).toISOString();
  for (const op of state.bulkOperations.values()) {
    if (op.completedAt === null || op.completedAt >= cutoff || op.status === "EXPIRED") continue;
    if (op.resultBlobId !== null) deleteBlob(state, op.resultBlobId);
    Object.assign(op, { status: "EXPIRED", resultBlobId: null, updatedAt: stamp(state) });
  }
  for (const blob of [...state.blobs.values()]) {
    if (blob.key.startsWith("tmp/") && blob.createdAt < cutoff) deleteBlob(state, blob.id);
  }
}

function finish(
  state: ShopState,
  op: BulkOperationRec,
  lines: string[],
  status: "COMPLETED" | "CANCELED" | "FAILED",
  errorCode: BulkOperationRec["errorCode"],
): void {
  const at = stamp(state);
  expireOld(state);
  let resultBlobId: number | null = null;
  if (lines.length > 0) {
    const data = `${lines.join("\n")}\n`;
    const blob: BlobRec = {
      id: nextId(state, "Blob"),
      key: `bulk-operation-outputs/${shopHandle(state)}/${op.id}-${status === "COMPLETED" ? "final" : "partial"}.jsonl`,
      resource: "BULK_RESULT",
      filename: `bulk-${op.id}.jsonl`,
      mimeType: "application/jsonl",
      data,
      encoding: "utf8",
      size: Buffer.byteLength(data),
      createdAt: at,
      updatedAt: at,
    };
    putBlob(state, blob);
    resultBlobId = blob.id;
  }
  Object.assign(op, { status, errorCode, resultBlobId, completedAt: at, updatedAt: at });
  emit(
    state,
    "bulk_operations/finish",
    {
      admin_graphql_api_id: gid("BulkOperation", op.id),
      completed_at: op.completedAt,
      created_at: op.createdAt,
      error_code: op.errorCode?.toLowerCase() ?? null,
      status: op.status.toLowerCase(),
      type: op.type.toLowerCase(),
    },
    op.apiKey,
  );
}

/**
 * After a restart: a canceling operation is canceled; a query runs again from the start (it
 * changed nothing); a mutation that was running failed (its lines may have been partly applied,
 * as when Shopify's job dies), with INTERNAL_SERVER_ERROR.
 */
export function resumeBulkOperations(state: ShopState, restart: (op: BulkOperationRec) => boolean): void {
  for (const op of state.bulkOperations.values()) {
    if (!ACTIVE_BULK.has(op.status)) continue;
    if (op.status === "CANCELING") finish(state, op, [], "CANCELED", null);
    else if (op.type === "MUTATION") finish(state, op, [], "FAILED", "INTERNAL_SERVER_ERROR");
    else {
      touch(state, op, { status: "CREATED", objectCount: 0, rootObjectCount: 0 });
      if (!restart(op)) finish(state, op, [], "FAILED", "INTERNAL_SERVER_ERROR");
    }
  }
}
