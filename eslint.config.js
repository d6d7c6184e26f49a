// @ts-check
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import simpleImportSort from "eslint-plugin-simple-import-sort";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The pure files, by folder (domain/, mapping/, the old sync/) and, inside tasks/<task>/, by name:
 * map-*, plan-*, match-*, choose-*, describe-* and the pure helpers that sit beside them under their own names.
 * tests/unit/lint-rules.test.ts checks that each of these names gets the rules.
 */
export const PURE_FILES = [
  "app/.server/domain/**/*.ts",
  "app/.server/mapping/**/*.ts",
  "app/.server/sync/**/*.ts",
  "app/.server/tasks/**/{map,plan,match,choose,describe}-*.ts",
  "app/.server/tasks/**/{imported-order,import-filters,order-fingerprint,erp-limits}.ts",
  "app/.server/tasks/**/{shipment-records,tracking,find-landed-fulfillment}.ts",
];

/** The process's database handle: app/.server/db.ts, however the relative path is written. */
const DB_HANDLE_PATTERN = {
  regex: "(^|/)db(\\.ts)?$",
  message: "The database is for services and queries; pass values in instead.",
};
/** db/schema (and db/ as a whole: migrations, the embedded Postgres). */
const DB_SCHEMA_PATTERN = {
  group: ["**/db/**", "**/db/schema", "db/schema", "db/schema/*"],
  message: "Tables are read and written in app/.server/queries/; call a service or a query instead.",
};
const DRIZZLE_PATTERN = {
  group: ["drizzle-orm/*", "postgres/*"],
  message: "SQL lives in app/.server/queries/.",
};
const DRIZZLE_PATHS = [
  { name: "drizzle-orm", message: "SQL lives in app/.server/queries/." },
  { name: "postgres", message: "SQL lives in app/.server/queries/." },
];
const QUERIES_PATTERN = {
  group: ["**/queries/**", "**/queries"],
  message: "Queries are called by services, which hand their results in.",
};

const PURE_FORBIDDEN_PATHS = DRIZZLE_PATHS;
const PURE_FORBIDDEN_PATTERNS = [
  DB_HANDLE_PATTERN,
  DB_SCHEMA_PATTERN,
  DRIZZLE_PATTERN,
  QUERIES_PATTERN,
  {
    // The ports' own shapes may be named (types only: erased, no code runs); nothing else of an adapter.
    group: [
      "**/adapters/**",
      "!**/adapters/erp/port.ts",
      "!**/adapters/erp/types.ts",
      "!**/adapters/shopify/admin-port.ts",
    ],
    message: "Pure code does not call adapters; the run calls them and hands the results in.",
  },
  {
    group: ["**/adapters/erp/port.ts", "**/adapters/erp/types.ts", "**/adapters/shopify/admin-port.ts"],
    allowTypeImports: true,
    message: "Only the ports' types may be imported here (import type).",
  },
  {
    // A plan may name a run's record types (define-task.ts, types only); the runner itself stays out.
    group: ["**/runs/**", "!**/runs/define-task.ts"],
    message: "Pure code does not know the runner; the task's run turns a plan into outcomes.",
  },
  {
    group: ["**/runs/define-task.ts"],
    allowTypeImports: true,
    message: "Only types may be imported from define-task.ts here (import type).",
  },
  {
    group: ["**/config.ts", "**/.server/config"],
    message: "Configuration is read by services and handed in.",
  },
  { group: ["node:*"], message: "Pure code does no I/O." },
];
/** Every app/.server folder but queries/, domain/ and the pure ones (queries/ is flat: `../<folder>/`). */
const SERVICE_FOLDERS = [
  "activity",
  "adapters",
  "erp",
  "format",
  "http",
  "jobs",
  "orders",
  "posting",
  "privacy",
  "process",
  "runs",
  "secrets",
  "setup",
  "shipments",
  "shopify",
  "shops",
  "webhooks",
];
const QUERIES_FORBIDDEN_PATTERNS = [
  {
    group: [...SERVICE_FOLDERS.map((folder) => `../${folder}/**`), "../config.ts", "../config"],
    message: "Queries call no service; the service calls the query and passes values in.",
  },
  {
    group: ["../tasks/**", "../sync/**", "../mapping/**"],
    allowTypeImports: true,
    message: "Queries may name the pure shapes of JSON columns (import type), nothing that runs.",
  },
];
const PURE_FORBIDDEN_GLOBALS = [
  { name: "fetch", message: "Pure code does no I/O." },
  { name: "process", message: "Pure code does no I/O; configuration is handed in." },
];
const TIME_MESSAGE = "Pure code gets the time passed in (RunContext.clock in the run).";
const PURE_FORBIDDEN_SYNTAX = [
  { selector: "ImportExpression", message: "Pure code imports statically (no-restricted-imports sees it)." },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: TIME_MESSAGE },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: TIME_MESSAGE },
  { selector: "CallExpression[callee.name='Date']", message: TIME_MESSAGE },
  { selector: "CallExpression[callee.object.name='performance'][callee.property.name='now']", message: TIME_MESSAGE },
  {
    selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
    message: "Pure code is deterministic; take randomness as a parameter.",
  },
];

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
    // Pure files: functions from values to values (snapshots, settings, a cursor, the time passed
    // in) to a plan. No database, no queries, no adapters, no runner, no Node APIs, no clock
    // (STYLE.md habit 1; ADR 021). Which files are pure is said by folder and by file name, so a
    // file moved between folders keeps the rule: see PURE_FILES.
    files: PURE_FILES,
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { paths: PURE_FORBIDDEN_PATHS, patterns: PURE_FORBIDDEN_PATTERNS },
      ],
      "no-restricted-globals": ["error", ...PURE_FORBIDDEN_GLOBALS],
      "no-restricted-syntax": ["error", ...PURE_FORBIDDEN_SYNTAX],
    },
  },
  {
    // Routes are thin: they call a service, never the database (STYLE.md habit 2).
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { paths: DRIZZLE_PATHS, patterns: [DB_HANDLE_PATTERN, DB_SCHEMA_PATTERN, DRIZZLE_PATTERN] },
      ],
    },
  },
  {
    // Queries are the bottom layer: tables in, rows out. They name no service; the shapes of JSON
    // columns may be named from the pure files that define them (types only).
    files: ["app/.server/queries/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: QUERIES_FORBIDDEN_PATTERNS }],
    },
  },
  {
    // Adapters speak to Shopify and the ERP only; what they log goes through a sink handed in by
    // the composition root (app/.server/shopify/, app/.server/erp/).
    files: ["app/.server/adapters/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { paths: DRIZZLE_PATHS, patterns: [DB_HANDLE_PATTERN, DB_SCHEMA_PATTERN, QUERIES_PATTERN, DRIZZLE_PATTERN] },
      ],
    },
  },
  {
    files: ["tests/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
