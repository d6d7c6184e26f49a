import {
  type DocumentNode,
  execute,
  type FragmentDefinitionNode,
  getOperationAST,
  getVariableValues,
  type GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  validate,
} from "graphql";

import type { GraphqlRequest, GraphqlResponse } from "../contracts.ts";
import { type BucketStore, SINGLE_QUERY_MAX_COST, type ThrottleStatus } from "./bucket.ts";
import { type FieldCost, requestedCost } from "./cost.ts";
import { actualCost } from "./cost-actual.ts";
import { collectFields } from "./cost-walk.ts";
import { type EngineRuntime, fieldResolver, type ResolverContext, typeResolver } from "./field-resolver.ts";
import type { ShopState } from "./shop-state.ts";
import {
  type ShopifyError,
  toShopifySyntaxError,
  toShopifyValidationError,
  toShopifyVariableError,
} from "./shopify-errors.ts";

const RATE_LIMITS_DOC = "https://shopify.dev/api/usage/rate-limits";

export type Prepared = { document: DocumentNode; errors: ShopifyError[] };

/** Parsing and validating the same document again is the slow part; documents repeat, so remember them. */
const preparedCache = new Map<string, Prepared>();

/** Parses and validates `query` once per distinct text (bulk operations prepare theirs the same way). */
export function prepare(schema: GraphQLSchema, query: string): Prepared {
  const hit = preparedCache.get(query);
  if (hit) return hit;
  let prepared: Prepared;
  try {
    const document = parse(query);
    const errors = validate(schema, document).map((e) => toShopifyValidationError(document, e));
    prepared = { document, errors };
  } catch (error) {
    prepared = {
      document: { kind: Kind.DOCUMENT, definitions: [] },
      errors: [toShopifySyntaxError(error as GraphQLError)],
    };
  }
  if (preparedCache.size > 500) preparedCache.clear();
  preparedCache.set(query, prepared);
  return prepared;
}

export interface ExecuteDeps {
  schema: GraphQLSchema;
  buckets: BucketStore;
  rootValue: Record<string, unknown>;
  runtime: EngineRuntime;
}

interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
  fields?: FieldCost[];
}

function reply(body: Record<string, unknown>, cost: CostExtension): GraphqlResponse {
  return { status: 200, headers: { "content-type": "application/json" }, body: { ...body, extensions: { cost } } };
}

/** The answer, plus the root fields that actually ran (for the drop-response knob). */
export type ExecutedResponse = GraphqlResponse & { executedRootFields?: string[] };

export async function executeRequest(
  deps: ExecuteDeps,
  state: ShopState,
  request: GraphqlRequest,
): Promise<ExecutedResponse> {
  const plan = state.info.plan;
  const bucketKey = `${request.apiKey}|${state.info.domain}`;
  const free = (): CostExtension => ({
    requestedQueryCost: 0,
    actualQueryCost: 0,
    throttleStatus: deps.buckets.status(bucketKey, plan),
  });

  const { document, errors } = prepare(deps.schema, request.query);
  if (errors.length > 0) return reply({ errors }, free());
  const op = getOperationAST(document, request.operationName ?? undefined);
  if (!op) {
    const message = request.operationName
      ? `No operation named "${request.operationName}"`
      : "An operation name is required";
    return reply({ errors: [{ message }] }, free());
  }
  const coerced = getVariableValues(deps.schema, op.variableDefinitions ?? [], request.variables ?? {});
  if (coerced.errors) {
    // graphql-js names the variable's type only for some failures; Shopify always does.
    const types = Object.fromEntries((op.variableDefinitions ?? []).map((d) => [d.variable.name.value, print(d.type)]));
    const errors = coerced.errors.map((e) => toShopifyVariableError(e, request.variables ?? {}, types));
    return reply({ errors }, free());
  }
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  const walk = { schema: deps.schema, fragments, variables: coerced.coerced };
  const requested = requestedCost(walk, op, Boolean(request.costDebug));
  const debugFields = request.costDebug ? { fields: requested.fields } : {};

  if (requested.total > SINGLE_QUERY_MAX_COST) {
    return reply(
      {
        errors: [
          {
            message:
              `Query cost is ${requested.total}, which exceeds the single query max cost limit (${SINGLE_QUERY_MAX_COST}).\n\n` +
              "See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\n" +
              "To query larger amounts of data with fewer limits, bulk operations should be used instead.\n" +
              "See https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n",
            extensions: {
              code: "MAX_COST_EXCEEDED",
              cost: requested.total,
              maxCost: SINGLE_QUERY_MAX_COST,
              documentation: RATE_LIMITS_DOC,
            },
          },
        ],
      },
      {
        requestedQueryCost: requested.total,
        actualQueryCost: null,
        throttleStatus: deps.buckets.status(bucketKey, plan),
        ...debugFields,
      },
    );
  }
  if (!deps.buckets.take(bucketKey, plan, requested.total)) {
    return reply(
      { errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: RATE_LIMITS_DOC } }] },
      {
        requestedQueryCost: requested.total,
        actualQueryCost: null,
        throttleStatus: deps.buckets.status(bucketKey, plan),
        ...debugFields,
      },
    );
  }

  const contextValue: ResolverContext = { state, apiKey: request.apiKey, runtime: deps.runtime };
  const result = await execute({
    schema: deps.schema,
    document,
    rootValue: deps.rootValue,
    contextValue,
    variableValues: request.variables ?? {},
    operationName: request.operationName ?? undefined,
    fieldResolver,
    typeResolver,
  });
  const actual = Math.min(requested.total, actualCost(walk, op as OperationDefinitionNode, result.data));
  deps.buckets.refund(bucketKey, plan, requested.total - actual);
  const body: Record<string, unknown> = {};
  if (result.errors?.length) body.errors = result.errors.map((e) => e.toJSON());
  body.data = result.data ?? null;
  const root = op.operation === "mutation" ? deps.schema.getMutationType() : deps.schema.getQueryType();
  const executedRootFields = root ? collectFields(walk, op.selectionSet, root).map((f) => f.node.name.value) : [];
  return {
    ...reply(body, {
      requestedQueryCost: requested.total,
      actualQueryCost: actual,
      throttleStatus: deps.buckets.status(bucketKey, plan),
      ...debugFields,
    }),
    executedRootFields,
  };
}
