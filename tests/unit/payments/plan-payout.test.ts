import { describe, expect, it } from "vitest";

import { type PayoutSettings, planPayout } from "../../../app/.server/tasks/payments-sync/plan-payout.ts";

const settings: PayoutSettings = {
  process: "record",
  journal: "PAYOUTS",
  bankAccount: "SHOPIFY",
  clearingAccount: "2945",
  feeAccount: "8660",
};
const paid = { legacyId: 42, status: "PAID", issuedAt: "2026-12-01T06:00:00Z", currency: "USD", net: "96.80" };
const charges = [
  { amount: "60.00", fee: "2.04", net: "57.96" },
  { amount: "40.00", fee: "1.16", net: "38.84" },
];

describe("planPayout", () => {
  it("books a paid payout as net to the bank, fees to the fee account, the gross out of clearing: it sums to zero", () => {
    const plan = planPayout(paid, charges, settings);
    expect(plan).toEqual({
      kind: "record",
      draft: {
        externalDocumentNumber: "PAYOUT-42",
        postingDate: "2026-12-01",
        journalCode: "PAYOUTS",
        lines: [
          { account: { type: "bank", number: "SHOPIFY" }, amount: "96.80", description: "Shopify payout 42" },
          { account: { type: "gl", number: "8660" }, amount: "3.2", description: "Shopify payout 42 fees" },
          {
            account: { type: "gl", number: "2945" },
            amount: "-100",
            description: "Shopify payout 42 payments settled",
          },
        ],
      },
    });
  });

  it("a refund in the payout lowers the gross; a payout with no fees has no fee line", () => {
    const plan = planPayout(
      { ...paid, net: "35.00" },
      [
        { amount: "50.00", fee: "0", net: "50.00" },
        { amount: "-15.00", fee: "0", net: "-15.00" },
      ],
      { ...settings, feeAccount: "" },
    );
    expect(plan).toMatchObject({
      kind: "record",
      draft: { lines: [{ amount: "35.00" }, { account: { number: "2945" }, amount: "-35" }] },
    });
  });

  it("does not record a payout whose transactions do not make its amount: the difference is the reason", () => {
    expect(planPayout({ ...paid, net: "100.00" }, charges, settings)).toEqual({
      kind: "unbalanced",
      difference: "3.2",
      reason: "its transactions add up to 96.8 USD, not its 100.00: a difference of 3.2",
    });
    expect(planPayout(paid, [], settings)).toMatchObject({ kind: "unbalanced", difference: "96.8" });
  });

  it("waits for an open payout, skips a failed one, keeps it on import only, and names missing accounts", () => {
    expect(planPayout({ ...paid, status: "SCHEDULED" }, charges, settings)).toMatchObject({
      kind: "wait",
      reason: expect.stringContaining("scheduled"),
    });
    expect(planPayout({ ...paid, status: "FAILED" }, charges, settings)).toMatchObject({ kind: "skip" });
    expect(planPayout(paid, charges, { ...settings, process: "import_only" })).toEqual({ kind: "import" });
    expect(planPayout(paid, charges, { ...settings, bankAccount: "", feeAccount: "" })).toEqual({
      kind: "error",
      reason: "set the payout bank account and fee account in Settings → Payments",
    });
  });

  it("a withdrawal (negative net) credits the bank", () => {
    const plan = planPayout({ ...paid, net: "-20.00" }, [{ amount: "-20.00", fee: "0", net: "-20.00" }], settings);
    expect(plan).toMatchObject({ kind: "record", draft: { lines: [{ amount: "-20.00" }, { amount: "20" }] } });
  });
});
