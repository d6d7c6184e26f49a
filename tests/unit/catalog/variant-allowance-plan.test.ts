import { describe, expect, it } from "vitest";

import {
  admitNewVariants,
  DAY_MS,
  describeVariantWait,
  describeWaitingVariants,
  newVariantsOf,
  type OwnCreation,
  planVariantAllowance,
  readOwnCreations,
  refusedByShopify,
  type VariantAllowance,
  writeOwnCreations,
} from "../../../app/.server/tasks/products-sync/plan-variant-allowance.ts";

const NOW = Date.parse("2026-11-02T09:00:00Z");
const HOUR = 60 * 60 * 1000;

const daily = (variantCount: number, creations: OwnCreation[] = []) =>
  planVariantAllowance({ shopifyPlus: false, variantCount, creations, nowMs: NOW });

/** Admits each request in turn, as a run's items come, and returns what each got. */
function admitAll(start: VariantAllowance, requests: number[]) {
  let allowance = start;
  return requests.map((needed) => {
    const decided = admitNewVariants(allowance, needed, NOW);
    allowance = decided.allowance;
    return decided.admission;
  });
}

describe("the day's allowance of new variants", () => {
  it("a Plus store is never limited", () => {
    const plus = planVariantAllowance({ shopifyPlus: true, variantCount: 90_000, creations: [], nowMs: NOW });
    expect(admitAll(plus, [1_000, 1_000, 2_000]).every((a) => a.ok)).toBe(true);
  });

  it("a store over 50,000 variants gets 1,000 a day, and what does not fit waits", () => {
    expect(admitAll(daily(50_001), [400, 600, 1])).toEqual([
      { ok: true },
      { ok: true },
      { ok: false, kind: "wait", untilMs: NOW + DAY_MS },
    ]);
  });

  it("subtracts what the app created in the last 24 hours, and waits until the oldest of it leaves the window", () => {
    const creations: OwnCreation[] = [
      [NOW - 30 * HOUR, 900], // older than a day: no longer counts
      [NOW - 20 * HOUR, 300],
      [NOW - 2 * HOUR, 500],
    ];
    const admissions = admitAll(daily(60_000, creations), [200, 100]);
    expect(admissions[0]).toEqual({ ok: true });
    // 300 + 500 + 200 used: 100 more need the 300 of 20 hours ago to expire, 4 hours from now.
    expect(admissions[1]).toEqual({ ok: false, kind: "wait", untilMs: NOW - 20 * HOUR + DAY_MS });
  });

  it("keeps waiting items in line: once one waits, a smaller one after it waits too", () => {
    expect(admitAll(daily(55_000, [[NOW - HOUR, 950]]), [80, 10])).toEqual([
      { ok: false, kind: "wait", untilMs: NOW - HOUR + DAY_MS },
      { ok: false, kind: "wait", untilMs: NOW - HOUR + DAY_MS },
    ]);
  });

  it("a store below the threshold creates freely up to it, then the day's 1,000 apply", () => {
    expect(admitAll(daily(49_500), [400, 600, 500, 1])).toEqual([
      { ok: true },
      { ok: true }, // 100 below the threshold, 500 charged
      { ok: true }, // 1,000 charged
      { ok: false, kind: "wait", untilMs: NOW + DAY_MS },
    ]);
  });

  it("an item needing more than a day's allowance never fits", () => {
    expect(admitAll(daily(80_000), [1_001])).toEqual([{ ok: false, kind: "too-many" }]);
  });

  it("Shopify's own refusal (another app used the day) closes the allowance for a day at most", () => {
    const refused = refusedByShopify(daily(70_000), NOW);
    expect(admitAll(refused, [1])).toEqual([{ ok: false, kind: "wait", untilMs: NOW + DAY_MS }]);
  });
});

describe("the stored record of the app's own creations", () => {
  it("keeps only the last 24 hours", () => {
    const stored = writeOwnCreations(
      [
        [NOW - 25 * HOUR, 10],
        [NOW - HOUR, 20],
      ],
      NOW,
    );
    expect(JSON.parse(stored)).toEqual({ created: [[NOW - HOUR, 20]] });
    expect(readOwnCreations(stored, NOW + 22 * HOUR)).toEqual([[NOW - HOUR, 20]]);
    expect(readOwnCreations(stored, NOW + 23 * HOUR)).toEqual([]);
  });

  it("reads anything unreadable as none", () => {
    expect(readOwnCreations(undefined, NOW)).toEqual([]);
    expect(readOwnCreations("not json", NOW)).toEqual([]);
    expect(readOwnCreations(JSON.stringify({ created: [["x", 1]] }), NOW)).toEqual([]);
  });
});

describe("what the plans and records say", () => {
  const product = { variants: [{}, {}, {}] } as never;

  it("counts a create's variants and an update's added ones, nothing else", () => {
    expect(newVariantsOf({ kind: "create", handle: "h", resumed: false }, product)).toBe(3);
    expect(
      newVariantsOf(
        {
          kind: "update",
          productId: "p",
          adopt: [],
          productFields: true,
          restoreStatus: false,
          variantUpdates: [{ variantCode: "A", shopifyVariantId: "v" }],
          variantCreates: ["B"],
          variantDeletes: [],
        },
        product,
      ),
    ).toBe(1);
    expect(newVariantsOf({ kind: "unchanged", reason: "" }, product)).toBe(0);
  });

  it("names the limit and the time in the shop's zone", () => {
    expect(describeVariantWait({ ok: false, kind: "wait", untilMs: NOW }, "Europe/Berlin")).toBe(
      "Shopify allows 1,000 new variants a day for stores over 50,000 variants; waiting until Nov 2, 2026, 10:00 AM",
    );
    expect(describeWaitingVariants(0)).toBeNull();
    expect(describeWaitingVariants(1)).toBe("1 variant waits for Shopify's daily variant limit");
    expect(describeWaitingVariants(1_200)).toBe("1,200 variants wait for Shopify's daily variant limit");
  });
});
