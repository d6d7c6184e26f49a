import type { GraphQLObjectType } from "graphql";

/**
 * Fields the sandbox answers with null without storing anything, because Shopify answers null for
 * them in the sandbox's situation. Everything else a view does not carry is an error
 * (field-resolver.ts). Add a field here only with the reason Shopify answers null for it.
 */
const NULL_FIELDS: Record<string, ReadonlySet<string>> = {};

/**
 * User errors (types implementing DisplayableError) carry `field` only when an input field is at
 * fault and `code` only when Shopify has one for the failure; otherwise both are null. The sandbox
 * builds its user errors the same way, leaving out what Shopify leaves null.
 */
const USER_ERROR_NULLABLE = new Set(["field", "code"]);

export function shopifyAnswersNull(parent: GraphQLObjectType, field: string): boolean {
  if (NULL_FIELDS[parent.name]?.has(field)) return true;
  return USER_ERROR_NULLABLE.has(field) && parent.getInterfaces().some((i) => i.name === "DisplayableError");
}
