import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

/** The Admin API version whose schema the sandbox serves. */
export const SANDBOX_API_VERSION = "2026-10";

let cached: GraphQLSchema | undefined;

// The package's `exports` hide its data folder from require.resolve, so go through the repo's node_modules.
function schemaPath(): string {
  const rel = `../../../node_modules/@shopify/dev-mcp/dist/data/admin_${SANDBOX_API_VERSION}.json.gz`;
  return fileURLToPath(new URL(rel, import.meta.url));
}

/** Builds the real Admin schema once per process (about 0.5 s); later calls are free. */
export function loadAdminSchema(): GraphQLSchema {
  if (cached) return cached;
  const raw: unknown = JSON.parse(gunzipSync(readFileSync(schemaPath())).toString("utf8"));
  const data = (raw as { data?: IntrospectionQuery }).data ?? (raw as IntrospectionQuery);
  cached = buildClientSchema(data, { assumeValid: true });
  return cached;
}
