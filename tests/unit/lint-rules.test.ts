import path from "node:path";

import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

import { cleanCases, flaggedCases } from "../lint-fixtures/cases.ts";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * The layering rules of eslint.config.js, proved on the paths they match: each fixture in
 * tests/lint-fixtures/cases.ts is linted as if it were that file, and must raise its rule (or, for
 * the clean ones, nothing at all).
 */
describe("the layering lint rules", () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, "eslint.config.js") });
  });

  async function lint(code: string, lintAs: string) {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, lintAs) });
    if (!result) throw new Error(`no lint result for ${lintAs}`);
    return result.messages.map(({ ruleId, line, message }) => ({ ruleId, line, message }));
  }

  it.each(flaggedCases.map((c) => [c.name, c] as const))("flags %s", async (_name, fixture) => {
    const messages = await lint(fixture.code, fixture.lintAs);
    expect(messages).toContainEqual(expect.objectContaining({ ruleId: fixture.rule, line: fixture.line }));
    // Nothing else is wrong with the fixture: the message is the rule's, not a side effect.
    expect(messages.filter((m) => m.ruleId !== fixture.rule)).toEqual([]);
  });

  it.each(cleanCases.map((c) => [c.name, c] as const))("lets through %s", async (_name, fixture) => {
    expect(await lint(fixture.code, fixture.lintAs)).toEqual([]);
  });

  /** Files that are pure wherever the task folders put them (by folder, or by name in tasks/<task>/). */
  const pureFiles = [
    "app/.server/domain/settings-schema.ts",
    "app/.server/domain/carrier-setting.ts",
    "app/.server/mapping/resolve-customer.ts",
    "app/.server/mapping/resolve-lines.ts",
    "app/.server/mapping/erp-limits.ts",
    "app/.server/sync/orders/map-shopify-order.ts",
    "app/.server/sync/shipments/tracking.ts",
    "app/.server/tasks/orders-sync/map-shopify-order.ts",
    "app/.server/tasks/orders-sync/plan-import.ts",
    "app/.server/tasks/orders-sync/imported-order.ts",
    "app/.server/tasks/orders-sync/import-filters.ts",
    "app/.server/tasks/orders-sync/order-fingerprint.ts",
    "app/.server/tasks/orders-process/map-to-sales-document.ts",
    "app/.server/domain/money.ts",
    "app/.server/tasks/shipments-sync/plan-fulfillments.ts",
    "app/.server/tasks/shipments-sync/match-order.ts",
    "app/.server/tasks/shipments-sync/choose-order-lines.ts",
    "app/.server/tasks/shipments-sync/find-landed-fulfillment.ts",
    "app/.server/tasks/shipments-sync/shipment-records.ts",
    "app/.server/tasks/shipments-sync/tracking.ts",
    "app/.server/tasks/products-sync/map-product.ts",
  ];
  /** Service files beside them, which the pure rules must leave alone. */
  const serviceFiles = [
    "app/.server/tasks/registry.ts",
    "app/.server/tasks/orders-sync/task.ts",
    "app/.server/tasks/orders-sync/import-orders.ts",
    "app/.server/tasks/orders-process/process-order.ts",
    "app/.server/tasks/shipments-sync/sync-shipments.ts",
    "app/.server/tasks/documents-post/post-documents.ts",
    "app/.server/runs/run-context.ts",
  ];

  async function readsTheClockRule(file: string): Promise<boolean> {
    const config = (await eslint.calculateConfigForFile(path.join(root, file))) as {
      rules?: Record<string, unknown>;
    };
    return JSON.stringify(config.rules?.["no-restricted-syntax"] ?? []).includes("Date");
  }

  it.each(pureFiles)("treats %s as pure", async (file) => {
    expect(await readsTheClockRule(file)).toBe(true);
  });

  it.each(serviceFiles)("does not treat %s as pure", async (file) => {
    expect(await readsTheClockRule(file)).toBe(false);
  });
});
