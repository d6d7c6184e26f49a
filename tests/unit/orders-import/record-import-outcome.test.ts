import { describe, expect, it } from "vitest";

import { importRecord } from "../../../app/.server/tasks/orders-sync/record-import-outcome.ts";

const base = { shopifyOrderId: "gid://shopify/Order/9", name: "#1009" };
const plan = { enqueueProcess: false } as const;

describe("an import outcome as a run record", () => {
  it("a preview's new order is planned, with what the import would do", () => {
    expect(
      importRecord({
        ...base,
        action: "insert",
        planned: true,
        plan: { ...plan, action: "insert", enqueueProcess: true },
      }),
    ).toEqual({
      type: "order",
      key: "gid://shopify/Order/9",
      label: "#1009",
      outcome: "planned",
      reason: "would import as new order #1009, then process it",
    });
  });

  it("a preview's changed order names the conflict it would mark", () => {
    const record = importRecord({
      ...base,
      orderId: 4,
      action: "update",
      planned: true,
      plan: { ...plan, action: "update", conflict: { reason: "cancelled in Shopify" } },
    });
    expect(record).toMatchObject({
      key: 4,
      outcome: "planned",
      reason: "would update order #1009 and mark a conflict: cancelled in Shopify",
    });
  });

  it("a preview's unchanged order reads as in a real run (nothing would be written)", () => {
    expect(importRecord({ ...base, orderId: 4, action: "skip-unchanged", planned: true })).toMatchObject({
      outcome: "unchanged",
    });
  });

  it("a real run's new order is created", () => {
    expect(importRecord({ ...base, orderId: 4, action: "insert" })).toMatchObject({ key: 4, outcome: "created" });
  });
});
