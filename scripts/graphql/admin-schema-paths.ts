import { fileURLToPath } from "node:url";

import { ADMIN_API_VERSION } from "../../app/.server/api-version.ts";

const root = new URL("../../", import.meta.url);

/**
 * The Admin schema as shipped (gzipped introspection) by @shopify/dev-mcp. Its `exports` map
 * hides the data folder from `require.resolve`, so it is reached through the repo's node_modules.
 */
export const DEV_MCP_ADMIN_SCHEMA = fileURLToPath(
  new URL(`node_modules/@shopify/dev-mcp/dist/data/admin_${ADMIN_API_VERSION}.json.gz`, root),
);

/** The generated types' folder (`outputDir` in .graphqlrc.ts). */
export const GRAPHQL_TYPES_DIR = fileURLToPath(new URL("app/types", root));

/**
 * The file @shopify/api-codegen-preset checks before fetching the schema from shopify.dev:
 * `${outputDir}/admin-${apiVersion}.schema.json` (helpers/get-schema-data + api-configs).
 */
export const LOCAL_ADMIN_SCHEMA = `${GRAPHQL_TYPES_DIR}/admin-${ADMIN_API_VERSION}.schema.json`;
