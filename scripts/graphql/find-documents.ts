import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

import ts from "typescript";

/** A `#graphql` template literal found in a source file. */
export interface FoundDocument {
  /** Path relative to the scanned root's parent, e.g. `app/.server/adapters/shopify/shop-info.ts`. */
  file: string;
  /** 1-based line of the literal's opening backtick. */
  line: number;
  /** The literal's text, or undefined when it interpolates `${...}` (which codegen cannot type). */
  text: string | undefined;
}

const MAGIC_COMMENT = /^\s*#graphql\b/;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && entry.name !== "types") out.push(...sourceFiles(path));
    } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) {
      out.push(path);
    }
  }
  return out;
}

/**
 * Every `#graphql` template literal under `root`, found with the TypeScript parser (not a
 * regex), so documents in comments or strings that merely mention `#graphql` are not picked up.
 * Generated `types/` folders are skipped: they quote documents as string types.
 */
export function findGraphqlDocuments(root: string, base = join(root, "..")): FoundDocument[] {
  const found: FoundDocument[] = [];
  for (const path of sourceFiles(root)) {
    const source = ts.createSourceFile(
      path,
      readFileSync(path, "utf8"),
      ts.ScriptTarget.Latest,
      true,
      path.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
    const visit = (node: ts.Node): void => {
      const file = relative(base, path);
      const line = () => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      if (ts.isNoSubstitutionTemplateLiteral(node) && MAGIC_COMMENT.test(node.text)) {
        found.push({ file, line: line(), text: node.text });
      } else if (ts.isTemplateExpression(node) && MAGIC_COMMENT.test(node.head.text)) {
        found.push({ file, line: line(), text: undefined });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
