/**
 * Lint fixtures: small source texts and the path each is linted as (ESLint's `filePath`), so the
 * layering rules in eslint.config.js are proved on the paths they match without placing a file
 * there. Kept as strings: `npm run lint` and `tsc` never read them as code of the app.
 * tests/unit/lint-rules.test.ts lints each one.
 */

export interface FlaggedCase {
  /** What the rule stops, in words. */
  name: string;
  lintAs: string;
  code: string;
  rule: "@typescript-eslint/no-restricted-imports" | "no-restricted-syntax" | "no-restricted-globals";
  line: number;
}

export interface CleanCase {
  name: string;
  lintAs: string;
  code: string;
}

const IMPORTS = "@typescript-eslint/no-restricted-imports" as const;
const SYNTAX = "no-restricted-syntax" as const;
const GLOBALS = "no-restricted-globals" as const;

const PLAN = "app/.server/tasks/orders-sync/plan-import.ts";
const MAP = "app/.server/tasks/orders-process/map-to-sales-document.ts";
const MAPPING = "app/.server/mapping/resolve-lines.ts";
const DOMAIN = "app/.server/domain/settings-schema.ts";
const SYNC = "app/.server/sync/shipments/plan-fulfillments.ts";
const TRACKING = "app/.server/tasks/shipments-sync/tracking.ts";

export const flaggedCases: FlaggedCase[] = [
  // Pure files: the database, however the path is written.
  {
    name: "pure: the db handle by a relative path (../../db.ts)",
    lintAs: PLAN,
    code: 'import { getDb } from "../../db.ts";\n\nexport const db = getDb;\n',
    rule: IMPORTS,
    line: 1,
  },
  {
    name: "pure: the db handle without extension (../../db)",
    lintAs: PLAN,
    code: 'import { getDb } from "../../db";\n\nexport const db = getDb;\n',
    rule: IMPORTS,
    line: 1,
  },
  {
    name: "pure: a type of the db handle (DbOrTx)",
    lintAs: MAP,
    code: 'import type { DbOrTx } from "../../db.ts";\n\nexport type Handle = DbOrTx;\n',
    rule: IMPORTS,
    line: 1,
  },
  {
    name: "pure: a table of db/schema",
    lintAs: MAPPING,
    code: 'import { orders } from "../../../db/schema/orders.ts";\n\nexport const table = orders;\n',
    rule: IMPORTS,
    line: 1,
  },
  {
    name: "pure: drizzle-orm",
    lintAs: DOMAIN,
    code: 'import { eq } from "drizzle-orm";\n\nexport const equals = eq;\n',
    rule: IMPORTS,
    line: 1,
  },
  {
    name: "pure: drizzle-orm/pg-core",
    lintAs: DOMAIN,
    code: 'import { pgTable } from "drizzle-orm/pg-core";\n\nexport const table = pgTable;\n',
    rule: IMPORTS,
    line: 1,
  },
  {
    name: "pure: postgres",
    lintAs: SYNC,
    code: 'import postgres from "postgres";\n\nexport const client = postgres;\n',
    rule: IMPORTS,
    line: 1,
  },
  {
    name: "pure: a re-export of the db handle",
    lintAs: DOMAIN,
    code: 'export { getDb } from "../db.ts";\n',
    rule: IMPORTS,
    line: 1,
  },
  // Pure files: queries, adapters, the runner, config, Node.
  {
    name: "pure: a query",
    lintAs: SYNC,
    code: 'import { listShipments } from "../../queries/shipments.ts";\n\nexport const list = listShipments;\n',
    rule: IMPORTS,
    line: 1,
  },
  {
    name: "pure: adapter code (not a port's types)",
    lintAs: MAP,
    code: 'import { isErpError } from "../../adapters/erp/errors.ts";\n\nexport const check = isErpError;\n',
    rule: IMPORTS,
    line: 1,
  },
  {
    name: "pure: a type from an adapter file that is not a port",
    lintAs: MAP,
    code: 'import type { AdminClient } from "../../adapters/shopify/admin-client.ts";\n\nexport type Client = AdminClient;\n',
    rule: IMPORTS,
    line: 1,
  },
  {
    name: "pure: a value of a port file (only its types may be named)",
    lintAs: PLAN,
    code: 'import { ERP_ENTITIES } from "../../adapters/erp/types.ts";\n\nexport const entities = ERP_ENTITIES;\n',
    rule: IMPORTS,
    line: 1,
  },
  {
    name: "pure: the runner (enqueue-run)",
    lintAs: TRACKING,
    code: 'import { enqueueRun } from "../../runs/enqueue-run.ts";\n\nexport const enqueue = enqueueRun;\n',
    rule: IMPORTS,
    line: 1,
  },
  {
    name: "pure: a value of define-task.ts (only its types may be named)",
    lintAs: PLAN,
    code: 'import { RunFailure } from "../../runs/define-task.ts";\n\nexport const failure = RunFailure;\n',
    rule: IMPORTS,
    line: 1,
  },
  {
    name: "pure: the configuration",
    lintAs: MAPPING,
    code: 'import { getConfig } from "../config.ts";\n\nexport const config = getConfig;\n',
    rule: IMPORTS,
    line: 1,
  },
  {
    name: "pure: a Node API",
    lintAs: "app/.server/tasks/orders-sync/order-fingerprint.ts",
    code: 'import { createHash } from "node:crypto";\n\nexport const hash = createHash;\n',
    rule: IMPORTS,
    line: 1,
  },
  {
    name: "pure: a dynamic import",
    lintAs: PLAN,
    code: 'export const load = () => import("../../db.ts");\n',
    rule: SYNTAX,
    line: 1,
  },
  // Pure files: the clock and other effects.
  {
    name: "pure: Date.now()",
    lintAs: PLAN,
    code: "export function age(createdAt: number): number {\n  return Date.now() - createdAt;\n}\n",
    rule: SYNTAX,
    line: 2,
  },
  {
    name: "pure: new Date() without arguments",
    lintAs: "app/.server/tasks/shipments-sync/match-order.ts",
    code: "export function today(): string {\n  return new Date().toISOString();\n}\n",
    rule: SYNTAX,
    line: 2,
  },
  {
    name: "pure: Date() called as a function",
    lintAs: "app/.server/tasks/shipments-sync/choose-order-lines.ts",
    code: "export const stamp = (): string => Date();\n",
    rule: SYNTAX,
    line: 1,
  },
  {
    name: "pure: Math.random()",
    lintAs: DOMAIN,
    code: "export const jitter = (): number => Math.random();\n",
    rule: SYNTAX,
    line: 1,
  },
  {
    name: "pure: fetch",
    lintAs: SYNC,
    code: 'export const ping = () => fetch("https://example.com");\n',
    rule: GLOBALS,
    line: 1,
  },
  {
    name: "pure: process",
    lintAs: MAPPING,
    code: "export const cwd = (): string => process.cwd();\n",
    rule: GLOBALS,
    line: 1,
  },
  // Routes.
  {
    name: "routes: getDb",
    lintAs: "app/routes/app.orders._index.tsx",
    code: 'import { getDb } from "../.server/db.ts";\n\nexport const loader = () => getDb();\n',
    rule: IMPORTS,
    line: 1,
  },
  {
    name: "routes: db/schema",
    lintAs: "app/routes/app.shipments._index.tsx",
    code: 'import { shipments } from "../../db/schema/shipments.ts";\n\nexport const table = shipments;\n',
    rule: IMPORTS,
    line: 1,
  },
  {
    name: "routes: drizzle-orm",
    lintAs: "app/routes/app.runs._index.tsx",
    code: 'import { sql } from "drizzle-orm";\n\nexport const query = sql;\n',
    rule: IMPORTS,
    line: 1,
  },
  // Adapters.
  {
    name: "adapters: a query (the API log table)",
    lintAs: "app/.server/adapters/shopify/admin-for-shop.ts",
    code: 'import { insertApiLogEntry } from "../../queries/api-log.ts";\n\nexport const log = insertApiLogEntry;\n',
    rule: IMPORTS,
    line: 1,
  },
  {
    name: "adapters: the db handle",
    lintAs: "app/.server/adapters/erp/business-central/adapter.ts",
    code: 'import { getDb } from "../../../db.ts";\n\nexport const db = getDb;\n',
    rule: IMPORTS,
    line: 1,
  },
  {
    name: "adapters: db/schema",
    lintAs: "app/.server/adapters/shopify/request-log.ts",
    code: 'import { apiLogEntries } from "../../../../db/schema/api-log.ts";\n\nexport const table = apiLogEntries;\n',
    rule: IMPORTS,
    line: 1,
  },
  // Queries.
  {
    name: "queries: a service (shops/)",
    lintAs: "app/.server/queries/shops.ts",
    code: 'import { recordInstall } from "../shops/install.ts";\n\nexport const install = recordInstall;\n',
    rule: IMPORTS,
    line: 1,
  },
  {
    name: "queries: a type of a service (activity/)",
    lintAs: "app/.server/queries/activity.ts",
    code: 'import type { ActivityTile } from "../activity/tiles.ts";\n\nexport type Tile = ActivityTile;\n',
    rule: IMPORTS,
    line: 1,
  },
  {
    name: "queries: code of a task (only pure types may be named)",
    lintAs: "app/.server/queries/task-runs.ts",
    code: 'import { taskRegistry } from "../tasks/registry.ts";\n\nexport const tasks = taskRegistry;\n',
    rule: IMPORTS,
    line: 1,
  },
  {
    name: "queries: the runner",
    lintAs: "app/.server/queries/task-runs.ts",
    code: 'import { enqueueRun } from "../runs/enqueue-run.ts";\n\nexport const enqueue = enqueueRun;\n',
    rule: IMPORTS,
    line: 1,
  },
];

export const cleanCases: CleanCase[] = [
  {
    name: "a pure plan: domain types, a port's types, define-task's types, zod, the time passed in",
    lintAs: PLAN,
    code: [
      'import { z } from "zod";',
      "",
      'import type { ErpAdapter } from "../../adapters/erp/port.ts";',
      'import type { ShopSettings } from "../../domain/settings-schema.ts";',
      'import type { RecordResult } from "../../runs/define-task.ts";',
      'import { splitSku } from "../../sync/orders/resolve-lines.ts";',
      "",
      "export const inputSchema = z.object({ sku: z.string() });",
      "",
      'export type Plan = { kind: ErpAdapter["kind"]; results: RecordResult[]; settings: ShopSettings };',
      "",
      "export function plan(input: z.infer<typeof inputSchema>, now: Date): { at: Date; parts: unknown } {",
      '  return { at: new Date(now.getTime() + 1000), parts: splitSku(input.sku, "-") };',
      "}",
      "",
    ].join("\n"),
  },
  {
    name: "a service file in a task folder (not pure by name) may use the database and the clock",
    lintAs: "app/.server/tasks/orders-sync/import-orders.ts",
    code: [
      'import { getDb } from "../../db.ts";',
      'import { listShipments } from "../../queries/shipments.ts";',
      "",
      "export async function run(shopId: number): Promise<{ at: Date; count: number }> {",
      '  const rows = await listShipments(getDb(), { shopId, status: "error", limit: 1 });',
      "  return { at: new Date(), count: rows.length };",
      "}",
      "",
    ].join("\n"),
  },
  {
    name: "a query: the db, a table, drizzle, domain and the pure shape of a JSON column",
    lintAs: "app/.server/queries/orders.ts",
    code: [
      'import { eq } from "drizzle-orm";',
      "",
      'import { orders } from "../../../db/schema/orders.ts";',
      'import type { DbOrTx } from "../db.ts";',
      'import type { ShopSettings } from "../domain/settings-schema.ts";',
      'import type { ImportedOrder } from "../tasks/orders-sync/imported-order.ts";',
      "",
      "export type Row = { snapshot: ImportedOrder; settings: ShopSettings };",
      "",
      "export function byId(db: DbOrTx, id: number) {",
      "  return db.select().from(orders).where(eq(orders.id, id));",
      "}",
      "",
    ].join("\n"),
  },
  {
    name: "a route: a service",
    lintAs: "app/routes/app.orders._index.tsx",
    code: [
      'import { requestOrderSync } from "../.server/orders/order-list-actions.ts";',
      "",
      "export const action = async () => {",
      "  await requestOrderSync(1);",
      "  return { ok: true };",
      "};",
      "",
    ].join("\n"),
  },
  {
    name: "an adapter: configuration and its own files",
    lintAs: "app/.server/adapters/shopify/admin-for-shop.ts",
    code: [
      'import { getConfig } from "../../config.ts";',
      'import type { ApiRequestLog } from "./request-log.ts";',
      "",
      "export function sandboxOrigin(log: ApiRequestLog): { origin: string | undefined; log: ApiRequestLog } {",
      "  return { origin: getConfig().SHOPIFY_SANDBOX_URL, log };",
      "}",
      "",
    ].join("\n"),
  },
];
