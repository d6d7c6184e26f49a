import type { AdminMutations, AdminQueries } from "@shopify/admin-api-client";

/** GraphQL variables as sent on the wire. */
export type GraphqlVariables = Record<string, unknown>;

export interface AdminQueryOptions {
  /**
   * The operation name, for the request log and errors. Defaults to the name in the document
   * (`query ShopInfo` ⇒ "ShopInfo").
   */
  operation?: string;
  /**
   * Expected cost in points when no call of this operation has been seen yet; the client
   * otherwise remembers the last `requestedQueryCost` per operation.
   */
  estimatedCost?: number;
  signal?: AbortSignal;
  /**
   * A mutation that must not be sent twice (fulfillmentCreate): after a failure that may have
   * reached Shopify (no answer, timeout, 5xx) the client throws instead of resending, and the
   * caller finds out what happened. 429 and THROTTLED are still retried: Shopify ran nothing.
   */
  notIdempotent?: boolean;
}

/**
 * The sync engine's view of Shopify's Admin GraphQL API (DESIGN.md: ports, not SDKs). It returns
 * `data` or throws `ShopifyApiError`; throttling, retries and the request log are the
 * implementation's business. `userErrors` inside `data` are returned, never thrown.
 */
export interface ShopifyAdmin {
  /** The shop this port talks to (`name.myshopify.com`). */
  readonly shop: string;
  query<TData, TVars extends GraphqlVariables = GraphqlVariables>(
    document: string,
    variables: TVars,
    options?: AdminQueryOptions,
  ): Promise<TData>;
}

/** Drops index signatures: the library declares `[key: string]: any` so unknown documents type-check. */
type KnownKeys<T> = keyof {
  [K in keyof T as string extends K ? never : number extends K ? never : symbol extends K ? never : K]: T[K];
};

/**
 * Every operation codegen has seen, keyed by its exact document text. app/types/admin.generated.d.ts
 * adds them to @shopify/admin-api-client's interfaces (that is where the preset puts them).
 */
type AllOperations = AdminQueries & AdminMutations;
export type GeneratedDocument = KnownKeys<AdminQueries> | KnownKeys<AdminMutations>;
type GeneratedOperations = { [D in GeneratedDocument]: AllOperations[D] };

/** `data`'s type for a `#graphql` document constant, from the generated types. */
export type ResultOf<D extends GeneratedDocument> = GeneratedOperations[D]["return"];
/** The variables' type for a `#graphql` document constant, from the generated types. */
export type VariablesOf<D extends GeneratedDocument> = GeneratedOperations[D]["variables"];

/**
 * Runs a document whose types codegen generated, inferring data and variables from the
 * document constant itself, so a document and its types cannot drift apart. A document codegen
 * has not seen yet (run `npm run graphql-codegen`) is a type error here.
 */
export function runOperation<const D extends GeneratedDocument & string>(
  admin: ShopifyAdmin,
  document: D,
  variables: VariablesOf<D>,
  options?: AdminQueryOptions,
): Promise<ResultOf<D>> {
  return admin.query<ResultOf<D>, VariablesOf<D> & GraphqlVariables>(
    document,
    variables as VariablesOf<D> & GraphqlVariables,
    options,
  );
}
