import { describe, expect, it } from "vitest";

import { passesImportFilters } from "../../../app/.server/tasks/orders-sync/import-filters.ts";
import { importedOrder } from "./fixtures.ts";

const none = { onlyPaid: false, excludeHighRisk: false, channels: [], tags: [] };

describe("passesImportFilters", () => {
  it.each([
    ["no filters", {}, none, null],
    ["only paid, paid", {}, { ...none, onlyPaid: true }, null],
    [
      "only paid, partially refunded",
      { displayFinancialStatus: "PARTIALLY_REFUNDED" },
      { ...none, onlyPaid: true },
      null,
    ],
    [
      "only paid, pending",
      { displayFinancialStatus: "PENDING" },
      { ...none, onlyPaid: true },
      "Import filter: not paid (financial status PENDING)",
    ],
    [
      "high risk excluded",
      { risk: { recommendation: "CANCEL", assessments: [] } },
      { ...none, excludeHighRisk: true },
      "Import filter: high risk",
    ],
    [
      "medium risk passes",
      { risk: { recommendation: "INVESTIGATE", assessments: [] } },
      { ...none, excludeHighRisk: true },
      null,
    ],
    ["channel listed (any case)", {}, { ...none, channels: ["online store"] }, null],
    [
      "channel not listed",
      {},
      { ...none, channels: ["Point of Sale"] },
      "Import filter: channel Online Store is not one of Point of Sale",
    ],
    ["one tag matches", { tags: ["B2B", "vip"] }, { ...none, tags: ["VIP"] }, null],
    [
      "no tag matches",
      { tags: ["retail"] },
      { ...none, tags: ["vip", "b2b"] },
      "Import filter: has none of the tags vip, b2b",
    ],
  ])("%s", (_name, fields, filters, reason) => {
    const verdict = passesImportFilters(importedOrder(fields), filters);
    expect(verdict).toEqual(reason === null ? { pass: true } : { pass: false, reason });
  });
});
