import { describe, expect, it } from "vitest";

import { isReconcileMinute, ORDER_RECONCILE_EVERY_MINUTES } from "../../../app/.server/jobs/schedules.ts";

describe("isReconcileMinute", () => {
  it("gives each shop exactly one slot per interval", () => {
    const start = Date.UTC(2026, 9, 1, 12, 0);
    for (const shopId of [1, 2, 7, 42]) {
      const slots = Array.from({ length: ORDER_RECONCILE_EVERY_MINUTES * 3 }, (_, i) =>
        isReconcileMinute(shopId, new Date(start + i * 60_000 + 30_000)),
      ).filter(Boolean);
      expect(slots).toHaveLength(3);
    }
  });
});
