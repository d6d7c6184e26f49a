import { ApiType, shopifyApiProject } from "@shopify/api-codegen-preset";

import { ADMIN_API_VERSION } from "./app/.server/api-version.ts";

/**
 * Admin GraphQL types for every `#graphql` document in the app. The preset reads the schema from
 * ./app/types/admin-<version>.schema.json when present (scripts/graphql/extract-admin-schema.ts
 * writes it from @shopify/dev-mcp before codegen runs), so codegen works offline.
 */
export default {
  projects: {
    default: shopifyApiProject({
      apiType: ApiType.Admin,
      apiVersion: ADMIN_API_VERSION,
      // `./app/**` alone skips the dot-folder app/.server, where the documents live (checked:
      // codegen then fails with "Unable to find any GraphQL type definitions").
      documents: ["./app/**/*.{ts,tsx}", "./app/.server/**/*.{ts,tsx}", "!./app/types/**"],
      outputDir: "./app/types",
      // String unions instead of TypeScript enums: the pure mapping files write "ACTIVE", not an enum import.
      enumsAsConst: true,
    }),
  },
};
