import {
  getNamedType,
  GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type GraphQLTypeResolver,
} from "graphql";

import { BULK_PAGE } from "./connection.ts";
import type { ShopState } from "./shop-state.ts";
import { shopifyAnswersNull } from "./shopify-null-fields.ts";

/** What every resolver receives as graphql-js context. */
export interface ResolverContext {
  state: ShopState;
  /** The calling app's client id: fulfillment services answer only to the app that created them. */
  apiKey: string;
  /** The engine itself, for work that runs documents later (bulk operations). */
  runtime: EngineRuntime;
  /**
   * Set while a bulk query runs: connections without `first`/`last` return every node, as
   * Shopify's bulk operations page through them server-side.
   */
  bulk?: boolean;
  /** Kept across the pages of one bulk query: root listings filtered and sorted once (query-root.ts). */
  memo?: Map<string, unknown>;
}

/** What background work needs to run GraphQL documents against a shop. */
export interface EngineRuntime {
  schema: GraphQLSchema;
  rootValue: Record<string, unknown>;
}

/** Fields a view computes on demand get the field arguments, like graphql-js resolvers. */
export type Lazy<T> = (args: Record<string, unknown>, ctx: ResolverContext, info: GraphQLResolveInfo) => T;

/** Error code of a field the sandbox store has no data for (not a Shopify code: a sandbox gap). */
export const UNMODELLED_CODE = "SANDBOX_UNMODELLED_FIELD";

/**
 * Reads `source[fieldName]`, calling it when it is a function (a lazily computed field). A field the
 * view does not carry at all is an error naming it, in `errors` with its `path` like any graphql-js
 * resolver error, so a test cannot pass on data the sandbox does not have. An explicit `null` in a
 * view is an answer; fields where Shopify itself answers null are listed in shopify-null-fields.ts.
 */
export const fieldResolver: GraphQLFieldResolver<unknown, ResolverContext> = (source, args, ctx, info) => {
  const value =
    source !== null && typeof source === "object" ? (source as Record<string, unknown>)[info.fieldName] : undefined;
  if (typeof value === "function") {
    const unbounded = ctx.bulk && args.first == null && args.last == null && isConnection(info);
    return (value as Lazy<unknown>)(unbounded ? { ...args, first: BULK_PAGE } : args, ctx, info);
  }
  if (value !== undefined) return value;
  if (shopifyAnswersNull(info.parentType, info.fieldName)) return null;
  throw new GraphQLError(`the sandbox does not model ${info.parentType.name}.${info.fieldName}`, {
    extensions: { code: UNMODELLED_CODE },
  });
};

function isConnection(info: GraphQLResolveInfo): boolean {
  return getNamedType(info.returnType).name.endsWith("Connection");
}

/** Views carry `__typename`; a value without one cannot be placed and is an error. */
export const typeResolver: GraphQLTypeResolver<unknown, ResolverContext> = (value, _ctx, info, abstractType) => {
  if (value && typeof value === "object" && "__typename" in value) {
    const name = (value as { __typename: unknown }).__typename;
    if (typeof name === "string") return name;
  }
  throw new GraphQLError(`the sandbox does not model which ${abstractType.name} this is at ${info.fieldName}`, {
    extensions: { code: UNMODELLED_CODE },
  });
};
