import {
  getNullableType,
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLTypeResolver,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from "graphql";

import type { ShopState } from "./shop-state.ts";

/** What every resolver receives as graphql-js context. */
export interface ResolverContext {
  state: ShopState;
  /** The calling app's client id: fulfillment services answer only to the app that created them. */
  apiKey: string;
}

/** Fields a view computes on demand get the field arguments, like graphql-js resolvers. */
export type Lazy<T> = (args: Record<string, unknown>, ctx: ResolverContext, info: GraphQLResolveInfo) => T;

const SCALAR_DEFAULTS: Record<string, unknown> = {
  String: "",
  ID: "gid://shopify/Unknown/0",
  Int: 0,
  Float: 0,
  Boolean: false,
  DateTime: "1970-01-01T00:00:00Z",
  Date: "1970-01-01",
  Decimal: "0.0",
  Money: "0.0",
  UnsignedInt64: "0",
  JSON: {},
  URL: "https://example.invalid/",
  HTML: "",
  FormattedString: "",
  UtcOffset: "+00:00",
  ARN: "",
  StorefrontID: "",
  Color: "#000000",
  BigInt: "0",
};

/**
 * A plausible value for a field the sandbox does not model: null where the schema allows it,
 * otherwise an empty list, the first enum value, a zero-ish scalar or an empty object whose own
 * fields are filled the same way. This keeps every valid query answerable without crashing.
 */
export function placeholder(type: GraphQLOutputType): unknown {
  if (!isNonNullType(type)) return null;
  const inner = getNullableType(type);
  if (isListType(inner)) return [];
  if (isEnumType(inner)) return inner.getValues()[0]?.value ?? null;
  if (isScalarType(inner)) return SCALAR_DEFAULTS[inner.name] ?? "";
  if (isObjectType(inner)) return { __typename: inner.name };
  if (isAbstractType(inner)) return { __placeholderOf: inner.name };
  return null;
}

/** Reads `source[fieldName]`, calling it when it is a function (a lazily computed field). */
export const fieldResolver: GraphQLFieldResolver<unknown, ResolverContext> = (source, args, ctx, info) => {
  if (source === null || typeof source !== "object") return placeholder(info.returnType);
  const value = (source as Record<string, unknown>)[info.fieldName];
  if (typeof value === "function") return (value as Lazy<unknown>)(args, ctx, info);
  if (value === undefined) return placeholder(info.returnType);
  return value;
};

/** Views carry `__typename`; placeholders for interfaces fall back to the first possible type. */
export const typeResolver: GraphQLTypeResolver<unknown, ResolverContext> = (value, _ctx, info, abstractType) => {
  if (value && typeof value === "object" && "__typename" in value) {
    const name = (value as { __typename: unknown }).__typename;
    if (typeof name === "string") return name;
  }
  return info.schema.getPossibleTypes(abstractType)[0]?.name;
};
