import { GraphQLError, Kind, type OperationDefinitionNode } from "graphql";

import { planBulkQuery } from "./bulk-query.ts";
import { ACTIVE_BULK, probeBulkQuery, startBulkMutation, startBulkQuery } from "./bulk-runner.ts";
import { blobByKey } from "./catalog-index.ts";
import { type ConnectionArgs, mapConnection, paginate } from "./connection.ts";
import { prepare } from "./execute-request.ts";
import { type Lazy, type ResolverContext, UNMODELLED_CODE } from "./field-resolver.ts";
import { idOf } from "./gid.ts";
import { str, type UserError } from "./input-helpers.ts";
import { filterBySearch } from "./search-query.ts";
import { nextId, type ShopState, stamp } from "./shop-state.ts";
import type { BulkOperationRec } from "./store-types.ts";
import { bulkOperationView } from "./views-bulk.ts";

/**
 * bulkOperationRunQuery / bulkOperationRunMutation / bulkOperationCancel and the queries that read
 * operations. Since 2026-01 an app may run five bulk operations per shop at once, queries and
 * mutations together; the sixth gets LIMIT_REACHED. Operations belong to the app that ran them.
 * The bulk operation itself costs what the mutation costs; what it runs is not charged.
 */
export const MAX_CONCURRENT_BULK = 5;

const LIMIT_MESSAGE = "Bulk operations limit reached. Please try again later.";
const NO_SUCH_FILE_MESSAGE =
  "The JSONL file could not be found. Try uploading the file again, and check that you've entered the URL correctly for the stagedUploadPath mutation argument.";

function running(state: ShopState, apiKey: string): number {
  let n = 0;
  for (const op of state.bulkOperations.values()) if (op.apiKey === apiKey && ACTIVE_BULK.has(op.status)) n += 1;
  return n;
}

function newOperation(
  ctx: ResolverContext,
  type: BulkOperationRec["type"],
  query: string,
  extra: Partial<BulkOperationRec>,
) {
  const at = stamp(ctx.state);
  const op: BulkOperationRec = {
    id: nextId(ctx.state, "BulkOperation"),
    apiKey: ctx.apiKey,
    type,
    status: "CREATED",
    query,
    stagedUploadPath: null,
    clientIdentifier: null,
    errorCode: null,
    objectCount: 0,
    rootObjectCount: 0,
    resultBlobId: null,
    createdAt: at,
    completedAt: null,
    updatedAt: at,
    ...extra,
  };
  ctx.state.bulkOperations.set(op.id, op);
  return op;
}

const failed = (userErrors: UserError[]) => ({ bulkOperation: null, userErrors });

function runQuery(args: Record<string, unknown>, ctx: ResolverContext) {
  const query = str(args.query) ?? "";
  const { document, errors } = prepare(ctx.runtime.schema, query);
  if (errors.length > 0) {
    return failed([{ field: ["query"], message: `Invalid bulk query: ${errors[0]?.message ?? ""}`, code: "INVALID" }]);
  }
  const planned = planBulkQuery(ctx.runtime.schema, document);
  if ("error" in planned) return failed([{ field: ["query"], message: planned.error, code: "INVALID" }]);
  if (running(ctx.state, ctx.apiKey) >= MAX_CONCURRENT_BULK) {
    return failed([{ field: null, message: LIMIT_MESSAGE, code: "LIMIT_REACHED" }]);
  }
  const unmodelled = probeBulkQuery(ctx.state, ctx.runtime, ctx.apiKey, document, planned.plan);
  if (unmodelled) throw new GraphQLError(unmodelled.message, { extensions: unmodelled.extensions });
  const op = newOperation(ctx, "QUERY", query, {});
  startBulkQuery(ctx.state, ctx.runtime, op, document, planned.plan);
  return { bulkOperation: bulkOperationView(ctx.state, op), userErrors: [] };
}

function parseLines(text: string): Record<string, unknown>[] | null {
  const out: Record<string, unknown>[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      const value: unknown = JSON.parse(line);
      if (!value || typeof value !== "object" || Array.isArray(value)) return null;
      out.push(value as Record<string, unknown>);
    } catch {
      return null;
    }
  }
  return out;
}

function runMutation(args: Record<string, unknown>, ctx: ResolverContext) {
  const mutation = str(args.mutation) ?? "";
  const { document, errors } = prepare(ctx.runtime.schema, mutation);
  if (errors.length > 0) {
    return failed([
      {
        field: ["mutation"],
        message: `Failed to parse the mutation - ${errors[0]?.message ?? ""}`,
        code: "INVALID_MUTATION",
      },
    ]);
  }
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const fields = ops[0]?.selectionSet.selections.filter((s) => s.kind === Kind.FIELD) ?? [];
  if (ops.length !== 1 || ops[0]?.operation !== "mutation" || fields.length !== 1) {
    return failed([
      {
        field: ["mutation"],
        message: "The mutation must contain exactly one mutation field.",
        code: "INVALID_MUTATION",
      },
    ]);
  }
  const path = str(args.stagedUploadPath) ?? "";
  const blob = blobByKey(ctx.state, path);
  if (!blob || blob.resource !== "BULK_MUTATION_VARIABLES" || blob.data === null) {
    return failed([{ field: ["stagedUploadPath"], message: NO_SUCH_FILE_MESSAGE, code: "NO_SUCH_FILE" }]);
  }
  const inputs = parseLines(blob.data);
  if (!inputs) {
    return failed([
      {
        field: ["stagedUploadPath"],
        message:
          "The JSONL file submitted via the stagedUploadsCreate mutation is invalid. Update the file and try again.",
        code: "INVALID_STAGED_UPLOAD_FILE",
      },
    ]);
  }
  if (running(ctx.state, ctx.apiKey) >= MAX_CONCURRENT_BULK) {
    return failed([{ field: null, message: LIMIT_MESSAGE, code: "LIMIT_REACHED" }]);
  }
  const op = newOperation(ctx, "MUTATION", mutation, {
    stagedUploadPath: path,
    clientIdentifier: str(args.clientIdentifier),
  });
  startBulkMutation(ctx.state, ctx.runtime, op, document, inputs);
  return { bulkOperation: bulkOperationView(ctx.state, op), userErrors: [] };
}

/** The app's own operation by id (another app's is not there for it). */
export function ownOperation(state: ShopState, apiKey: string, id: unknown): BulkOperationRec | null {
  const op = state.bulkOperations.get(idOf(id, "BulkOperation") ?? -1);
  return op && op.apiKey === apiKey ? op : null;
}

export const bulkMutations: Record<string, Lazy<unknown>> = {
  bulkOperationRunQuery: runQuery,
  bulkOperationRunMutation: runMutation,
  bulkOperationCancel: (args, { state, apiKey }) => {
    const op = ownOperation(state, apiKey, args.id);
    if (!op) return { bulkOperation: null, userErrors: [{ field: ["id"], message: "Bulk operation does not exist" }] };
    if (op.status !== "CREATED" && op.status !== "RUNNING") {
      return {
        bulkOperation: bulkOperationView(state, op),
        userErrors: [
          { field: null, message: `A bulk operation cannot be canceled when it is ${op.status.toLowerCase()}` },
        ],
      };
    }
    Object.assign(op, { status: "CANCELING", updatedAt: stamp(state) });
    return { bulkOperation: bulkOperationView(state, op), userErrors: [] };
  },
};

const bulkSpec = {
  dates: ["created_at"] as const,
  text: (op: BulkOperationRec) => op.query,
  fields: {
    id: (op: BulkOperationRec) => op.id,
    status: (op: BulkOperationRec) => op.status.toLowerCase(),
    operation_type: (op: BulkOperationRec) => op.type.toLowerCase(),
    created_at: (op: BulkOperationRec) => op.createdAt,
  },
};

export const bulkQueries: Record<string, Lazy<unknown>> = {
  currentBulkOperation: (args, { state, apiKey }) => {
    const type = args.type === "MUTATION" ? "MUTATION" : "QUERY";
    let latest: BulkOperationRec | null = null;
    for (const op of state.bulkOperations.values()) {
      if (op.apiKey === apiKey && op.type === type && (!latest || op.id > latest.id)) latest = op;
    }
    return latest ? bulkOperationView(state, latest) : null;
  },
  bulkOperation: (args, { state, apiKey }) => {
    const op = ownOperation(state, apiKey, args.id);
    return op ? bulkOperationView(state, op) : null;
  },
  bulkOperations: (args, { state, apiKey }) => {
    if (args.sortKey !== undefined && args.sortKey !== "CREATED_AT" && args.sortKey !== "ID") {
      throw new GraphQLError(`the sandbox does not model bulkOperations sorted by ${String(args.sortKey)}`, {
        extensions: { code: UNMODELLED_CODE },
      });
    }
    const mine = [...state.bulkOperations.values()].filter((op) => op.apiKey === apiKey);
    const list = filterBySearch(mine, args.query as string | null, bulkSpec);
    // Newest first unless reversed, as Shopify documents for this connection.
    const page = paginate(list, { ...(args as ConnectionArgs), reverse: !args.reverse }, (op) => ({
      id: op.id,
      value: op.id,
    }));
    return mapConnection(page, (op) => bulkOperationView(state, op));
  },
};
