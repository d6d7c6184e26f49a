import { describe, expect, it } from "vitest";

import { fromMicros, prorate, sum, toMicros } from "../../../app/.server/domain/money.ts";

describe("decimal money", () => {
  it.each([
    ["0.1", "0.2", "0.3"],
    ["62.90", "0.10", "63"],
    ["-3.25", "1", "-2.25"],
    ["0.001", "0.002", "0.003"],
  ])("%s + %s = %s exactly", (a, b, total) => {
    expect(fromMicros(sum([toMicros(a), toMicros(b)]))).toBe(total);
  });

  it("refuses what is not a decimal", () => {
    expect(() => toMicros("1e3")).toThrow(/not a decimal/);
    expect(() => toMicros("12,50")).toThrow(/not a decimal/);
  });

  it.each([
    ["10.00", 1, 3, "3.33"],
    ["10.00", 2, 3, "6.67"],
    ["0.05", 1, 2, "0.03"],
    ["7.50", 2, 2, "7.5"],
    ["7.50", 0, 2, "0"],
  ])("prorates %s by %i/%i to %s (half away from zero, cents)", (amount, part, whole, expected) => {
    expect(fromMicros(prorate(toMicros(amount), part, whole))).toBe(expected);
  });
});
