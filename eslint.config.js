// @ts-check
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import simpleImportSort from "eslint-plugin-simple-import-sort";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["build/", ".data/", ".cache/", "node_modules/", "app/types/", "tests/e2e/artifacts/"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2024, sourceType: "module" },
    plugins: { "simple-import-sort": simpleImportSort },
    rules: {
      curly: ["error", "multi-line"],
      eqeqeq: ["error", "smart"],
      "simple-import-sort/imports": "error",
      "simple-import-sort/exports": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  {
    // The sandbox admin frame and App Bridge stand-in: plain scripts served to the browser.
    files: ["sandbox/shopify/admin-frame/**/*.js"],
    languageOptions: { globals: { ...globals.browser }, sourceType: "script" },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
  {
    // Only config.ts reads the environment; everything else gets typed config from it.
    files: ["app/**/*.{ts,tsx}", "worker/**/*.ts", "db/**/*.ts"],
    ignores: ["app/.server/config.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through app/.server/config.ts" },
      ],
    },
  },
  {
    // The sync core is pure: no database, no adapters, no I/O (STYLE.md habit 1).
    files: ["app/.server/sync/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["**/db/**", "**/adapters/**", "drizzle-orm", "drizzle-orm/*", "postgres", "node:*"] },
      ],
    },
  },
  {
    files: ["tests/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
