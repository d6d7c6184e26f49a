import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

import { DEV_MCP_ADMIN_SCHEMA } from "./admin-schema-paths.ts";

/** The Admin API schema (ADMIN_API_VERSION) from @shopify/dev-mcp's packaged introspection. */
export function loadAdminSchema(): GraphQLSchema {
  const raw = JSON.parse(gunzipSync(readFileSync(DEV_MCP_ADMIN_SCHEMA)).toString("utf8")) as {
    data?: IntrospectionQuery;
  } & Partial<IntrospectionQuery>;
  const introspection = raw.data ?? (raw as IntrospectionQuery);
  // assumeValid: the schema is Shopify's own; validating it costs seconds and finds nothing.
  return buildClientSchema(introspection, { assumeValid: true });
}
