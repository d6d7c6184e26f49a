import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { type GraphQLError, type GraphQLSchema, Kind, parse, validate } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";

import { findGraphqlDocuments } from "../../scripts/graphql/find-documents.ts";
import { loadAdminSchema } from "../../scripts/graphql/load-admin-schema.ts";

const APP_DIR = fileURLToPath(new URL("../../app", import.meta.url));

/**
 * Problems with one document, as "file:line: message" lines (line of the offending field, counted
 * from the literal's first line); empty when it is valid.
 */
function problemsOf(schema: GraphQLSchema, file: string, firstLine: number, text: string): string[] {
  const at = (error: GraphQLError) => `${file}:${firstLine + (error.locations?.[0]?.line ?? 1) - 1}: ${error.message}`;
  let document;
  try {
    document = parse(text);
  } catch (error) {
    return [at(error as GraphQLError)];
  }
  const problems = validate(schema, document).map(at);
  for (const definition of document.definitions) {
    // Codegen names its types after the operation, and the request log uses the name.
    if (definition.kind === Kind.OPERATION_DEFINITION && !definition.name) {
      problems.push(`${file}:${firstLine}: operation has no name`);
    }
  }
  return problems;
}

describe("GraphQL documents in app/", () => {
  let schema: GraphQLSchema;
  beforeAll(() => {
    schema = loadAdminSchema();
  });

  const documents = findGraphqlDocuments(APP_DIR);

  it("finds the app's documents", () => {
    expect(documents.map((d) => d.file)).toContain("app/.server/adapters/shopify/shop-info.ts");
  });

  it("has no ${...} interpolation in a #graphql literal (codegen cannot type it)", () => {
    const interpolated = documents.filter((d) => d.text === undefined).map((d) => `${d.file}:${d.line}`);
    expect(interpolated, `interpolated #graphql literals:\n${interpolated.join("\n")}`).toEqual([]);
  });

  it("validates every document against the Admin API 2026-10 schema", () => {
    const problems = documents.flatMap((d) => (d.text === undefined ? [] : problemsOf(schema, d.file, d.line, d.text)));
    expect(problems, `invalid GraphQL documents:\n${problems.join("\n")}`).toEqual([]);
  });

  it("gives every operation a unique name across the app", () => {
    const names = documents.flatMap((d) =>
      d.text === undefined
        ? []
        : parse(d.text).definitions.flatMap((def) =>
            def.kind === Kind.OPERATION_DEFINITION && def.name ? [`${def.name.value}`] : [],
          ),
    );
    const duplicates = names.filter((name, i) => names.indexOf(name) !== i);
    expect(duplicates).toEqual([]);
  });

  it("has generated types for every document (else run npm run graphql-codegen)", () => {
    // The preset keys its types by the exact document text, so a changed document is a missing key.
    const generated = readFileSync(new URL("../../app/types/admin.generated.d.ts", import.meta.url), "utf8");
    const stale = documents.filter((d) => d.text !== undefined && !generated.includes(`${JSON.stringify(d.text)}:`));
    expect(stale.map((d) => `${d.file}:${d.line}`)).toEqual([]);
  });

  it("would catch a misspelt field", () => {
    const problems = problemsOf(schema, "bad.ts", 1, "query Bad { shop { nmae } }");
    expect(problems).toEqual([expect.stringContaining('Cannot query field "nmae" on type "Shop"')]);
  });

  it("would catch an unnamed operation and a syntax error", () => {
    expect(problemsOf(schema, "bad.ts", 1, "{ shop { name } }")).toEqual(["bad.ts:1: operation has no name"]);
    expect(problemsOf(schema, "bad.ts", 1, "query Broken { shop { name }")).toEqual([
      expect.stringContaining("Syntax Error"),
    ]);
  });

  it("would catch an interpolated literal and ignore #graphql outside template literals", () => {
    const root = mkdtempSync(join(tmpdir(), "graphql-docs-"));
    try {
      mkdirSync(join(root, "app"));
      writeFileSync(
        join(root, "app", "ops.ts"),
        [
          "const FIELDS = 'name';",
          "// a comment mentioning `#graphql query InComment { shop { name } }`",
          "export const A = `#graphql\n  query A { shop { name } }`;",
          "export const B = `#graphql\n  query B { shop { ${FIELDS} } }`;",
          "export const C = '#graphql query C { shop { name } }';",
        ].join("\n"),
      );
      const found = findGraphqlDocuments(join(root, "app"));
      expect(found).toEqual([
        { file: "app/ops.ts", line: 3, text: "#graphql\n  query A { shop { name } }" },
        { file: "app/ops.ts", line: 5, text: undefined },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
