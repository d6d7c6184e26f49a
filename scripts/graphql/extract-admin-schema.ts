import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { gunzipSync } from "node:zlib";

import { DEV_MCP_ADMIN_SCHEMA, LOCAL_ADMIN_SCHEMA } from "./admin-schema-paths.ts";

/**
 * Puts the Admin API introspection where @shopify/api-codegen-preset looks for a local schema,
 * so `npm run graphql-codegen` never reaches for shopify.dev. The file is ~11 MB and derived,
 * hence git-ignored; it is rewritten only when the packaged schema is newer.
 */
function extractAdminSchema(): void {
  if (!existsSync(DEV_MCP_ADMIN_SCHEMA)) {
    throw new Error(`missing ${DEV_MCP_ADMIN_SCHEMA}: run npm install (@shopify/dev-mcp is a devDependency)`);
  }
  if (
    existsSync(LOCAL_ADMIN_SCHEMA) &&
    statSync(LOCAL_ADMIN_SCHEMA).mtimeMs >= statSync(DEV_MCP_ADMIN_SCHEMA).mtimeMs
  ) {
    return;
  }
  const json = gunzipSync(readFileSync(DEV_MCP_ADMIN_SCHEMA)).toString("utf8");
  // Fail here, not deep inside codegen, if the package ever changes its format.
  const parsed = JSON.parse(json) as { data?: { __schema?: unknown }; __schema?: unknown };
  if (!parsed.data?.__schema && !parsed.__schema) {
    throw new Error(`${DEV_MCP_ADMIN_SCHEMA} is not an introspection result`);
  }
  mkdirSync(dirname(LOCAL_ADMIN_SCHEMA), { recursive: true });
  writeFileSync(LOCAL_ADMIN_SCHEMA, json);
  console.log(`extracted ${LOCAL_ADMIN_SCHEMA}`);
}

extractAdminSchema();
