import { describe, expect, it } from "vitest";

import { shopSettingsSchema } from "../../../app/.server/domain/settings-schema.ts";
import type { ImportedOrder } from "../../../app/.server/tasks/orders-sync/imported-order.ts";
import { describeOrderChanges, orderFingerprint } from "../../../app/.server/tasks/orders-sync/order-fingerprint.ts";
import {
  CANCELLED_REASON,
  type ExistingOrder,
  planImport,
} from "../../../app/.server/tasks/orders-sync/plan-import.ts";
import { importedOrder, rawLine } from "./fixtures.ts";

const settings = (orders: Record<string, unknown> = {}) => shopSettingsSchema.parse({ orders });
const scope = { importSince: null };
const at = (minutes: number) => new Date(Date.UTC(2026, 9, 1, 10, minutes)).toISOString();

function stored(order: ImportedOrder, fields: Partial<ExistingOrder> = {}): ExistingOrder {
  return {
    status: "unprocessed",
    statusReason: null,
    hasConflict: false,
    conflictReason: null,
    shopifyUpdatedAt: order.updatedAt,
    snapshot: order,
    hasErpDocument: false,
    ...fields,
  };
}

describe("planImport: new orders", () => {
  it.each([
    ["a new order", {}, {}, { action: "insert", status: "unprocessed", enqueueProcess: true }],
    ["auto-process off", {}, { autoProcess: false }, { action: "insert", enqueueProcess: false }],
    [
      "a high-risk order",
      { risk: { recommendation: "CANCEL", assessments: [] } },
      {},
      { action: "filtered", status: "ignored", statusReason: "Import filter: high risk", enqueueProcess: false },
    ],
    [
      "a cancelled order",
      { cancelledAt: at(6) },
      {},
      { action: "filtered", status: "ignored", statusReason: CANCELLED_REASON, enqueueProcess: false },
    ],
  ])("%s", (_name, fields, orders, expected) => {
    expect(planImport(null, importedOrder(fields), settings(orders), scope)).toMatchObject(expected);
  });

  it("skips an order created before the start date", () => {
    const plan = planImport(null, importedOrder(), settings(), { importSince: "2026-10-02" });
    expect(plan).toEqual({ action: "skip-out-of-scope", enqueueProcess: false });
    expect(planImport(null, importedOrder(), settings(), { importSince: "2026-10-01" }).action).toBe("insert");
  });
});

describe("planImport: known orders", () => {
  const v1 = importedOrder({ updatedAt: at(5) });

  it.each([
    ["an older version", at(4), "skip-older"],
    ["the same version", at(5), "skip-unchanged"],
    ["the same instant spelt differently", "2026-10-01T10:05:00.000+00:00", "skip-unchanged"],
    ["a newer version", at(6), "update"],
  ])("%s: %s", (_name, updatedAt, action) => {
    expect(planImport(stored(v1), importedOrder({ updatedAt }), settings(), scope).action).toBe(action);
  });

  it("updates a row that has no snapshot yet, whatever its version", () => {
    const plan = planImport(stored(v1, { snapshot: null }), importedOrder({ updatedAt: at(5) }), settings(), scope);
    expect(plan).toMatchObject({ action: "update", enqueueProcess: false });
  });

  it("ignores an unprocessed order that was cancelled, and never queues processing for an update", () => {
    expect(
      planImport(stored(v1), importedOrder({ updatedAt: at(6), cancelledAt: at(6) }), settings(), scope),
    ).toMatchObject({
      action: "filtered",
      status: "ignored",
      statusReason: CANCELLED_REASON,
      enqueueProcess: false,
    });
    expect(planImport(stored(v1), importedOrder({ updatedAt: at(6), note: "x" }), settings(), scope)).toMatchObject({
      action: "update",
      status: "unprocessed",
      enqueueProcess: false,
    });
  });

  it("turns an order a filter ignored into one to process once it passes, but keeps the merchant's ignore", () => {
    const filtered = stored(v1, {
      status: "ignored",
      statusReason: "Import filter: not paid (financial status PENDING)",
    });
    const paid = importedOrder({ updatedAt: at(6) });
    expect(planImport(filtered, paid, settings({ filters: { onlyPaid: true } }), scope)).toMatchObject({
      action: "update",
      status: "unprocessed",
      enqueueProcess: true,
    });
    const merchant = stored(v1, { status: "ignored", statusReason: "ignored by the merchant" });
    expect(planImport(merchant, paid, settings(), scope)).toMatchObject({ status: "ignored", enqueueProcess: false });
  });
});

describe("planImport: processed orders", () => {
  const v1 = importedOrder({ updatedAt: at(5) });
  const processed = stored(v1, { status: "processed", hasErpDocument: true });

  it("raises no conflict when only tags, the note, attributes (our write-back) changed", () => {
    const edited = importedOrder({
      updatedAt: at(6),
      tags: ["vip", "erp:SO1001"],
      note: "changed",
      customAttributes: [{ key: "ERP document", value: "SO1001" }],
    });
    expect(orderFingerprint(edited)).toBe(orderFingerprint(v1));
    const plan = planImport(processed, edited, settings(), scope);
    expect(plan).toMatchObject({ action: "update", status: "processed", enqueueProcess: false });
    expect(plan.conflict).toBeUndefined();
  });

  it("raises a conflict that says what changed", () => {
    const edited = importedOrder({
      updatedAt: at(6),
      cancelledAt: at(6),
      lineItems: { nodes: [rawLine({ currentQuantity: 1 })] },
    });
    expect(planImport(processed, edited, settings(), scope)).toMatchObject({
      action: "update",
      status: "processed",
      conflict: { reason: "order cancelled; line 10001-V02 quantity 2 → 1" },
      enqueueProcess: false,
      event: { kind: "conflict" },
    });
  });

  it("adds a second change to an unresolved conflict instead of replacing it", () => {
    const inConflict = { ...processed, hasConflict: true, conflictReason: "line 10001-V02 quantity 2 → 1" };
    const plan = planImport(
      inConflict,
      importedOrder({ updatedAt: at(7), shippingAddress: null, email: "new@example.com" }),
      settings(),
      scope,
    );
    expect(plan.conflict?.reason).toBe("line 10001-V02 quantity 2 → 1; then e-mail changed");
  });
});

describe("describeOrderChanges", () => {
  const base = importedOrder();
  it.each([
    [
      "a line added",
      { lineItems: { nodes: [rawLine(), rawLine({ id: "gid://shopify/LineItem/9", sku: "X-1" })] } },
      ["line X-1 added (quantity 2)"],
    ],
    ["a line removed", { lineItems: { nodes: [] } }, ["line 10001-V02 removed"]],
    [
      "a price",
      {
        lineItems: {
          nodes: [
            rawLine({ originalUnitPriceSet: { shopMoney: { amount: "45.0" }, presentmentMoney: { amount: "50.0" } } }),
          ],
        },
      },
      ["line 10001-V02 price 50.00 → 45.00"],
    ],
    [
      "shipping",
      {
        shippingLines: {
          nodes: [
            {
              title: "Express",
              code: "EXP",
              originalPriceSet: { shopMoney: { amount: "9.0" }, presentmentMoney: { amount: "9.0" } },
              currentDiscountedPriceSet: { shopMoney: { amount: "9.0" }, presentmentMoney: { amount: "9.0" } },
              discountAllocations: [],
              taxLines: [],
            },
          ],
        },
      },
      ["shipping 5.00 → 9.00"],
    ],
    ["nothing that matters", { tags: ["other"], note: null }, []],
  ])("%s", (_name, fields, changes) => {
    expect(describeOrderChanges(base, importedOrder(fields)).filter((c) => !c.startsWith("order discount"))).toEqual(
      changes,
    );
  });
});
