import { expect, it } from "vitest";

import type { ErpAdapter, PulledRecord } from "../../../app/.server/adapters/erp/port.ts";
import type { ErpEntity, ErpEntityMap } from "../../../app/.server/adapters/erp/types.ts";
import type { ErpContractSetup } from "./harness.ts";

/** Pulls until hasMore is false, running `between` after each page (the engine applies, then stores the cursor). */
export async function drain<E extends ErpEntity>(
  adapter: ErpAdapter,
  entity: E,
  options: { cursor?: string | null; pageSize?: number; between?: (page: number) => Promise<void> } = {},
) {
  const records: Array<PulledRecord<ErpEntityMap[E]>> = [];
  let cursor = options.cursor ?? null;
  let pages = 0;
  for (;;) {
    const page = await adapter.pull(entity, { cursor, pageSize: options.pageSize ?? 5 });
    records.push(...page.records);
    cursor = page.cursor;
    pages += 1;
    if (!page.hasMore) break;
    await options.between?.(pages);
    if (pages > 500) throw new Error("pull never finished");
  }
  return { records, cursor, pages };
}

function key(r: { id: string; modifiedAt: string }) {
  return `${r.id}@${r.modifiedAt}`;
}

export function pullContract(setup: () => Promise<ErpContractSetup>) {
  it("pages across boundaries without losing or repeating a record", async () => {
    const { adapter, harness } = await setup();
    const created = await harness.createItems(23);
    const { records, pages } = await drain(adapter, "items", { pageSize: 5 });
    expect(pages).toBeGreaterThanOrEqual(5);
    const ids = new Set(records.map((r) => r.id));
    for (const item of created) expect(ids.has(item.id)).toBe(true);
    expect(new Set(records.map(key)).size).toBe(records.length);
    const order = records.map((r) => [Date.parse(r.modifiedAt), r.id] as const);
    const sorted = [...order].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    expect(order).toEqual(sorted);
  });

  it("delivers records modified between pages (again, with their new version) and loses none", async () => {
    const { adapter, harness } = await setup();
    const created = await harness.createItems(15);
    const touched = new Set<string>();
    const { records } = await drain(adapter, "items", {
      pageSize: 4,
      between: async (page) => {
        if (page !== 1) return;
        // One already delivered, one not yet: both must come (back) with the new timestamp.
        for (const item of [created[0]!, created[10]!]) {
          await harness.touchItem(item.id);
          touched.add(item.id);
        }
      },
    });
    const ids = new Set(records.map((r) => r.id));
    for (const item of created) expect(ids.has(item.id)).toBe(true);
    expect(new Set(records.map(key)).size).toBe(records.length);
    const first = records.filter((r) => r.id === created[0]!.id);
    expect(first.length).toBe(2);
    expect(first[0]!.version).not.toBe(first[1]!.version);
  });

  it("keeps records that share a timestamp across a page boundary", async () => {
    const { adapter, harness } = await setup();
    const stamp = new Date(Date.parse(harness.now()) + 60_000).toISOString();
    const same = await harness.createItems(12, { modifiedAt: stamp });
    const { records } = await drain(adapter, "items", { pageSize: 5 });
    const atStamp = records.filter((r) => Date.parse(r.modifiedAt) === Date.parse(stamp));
    expect(new Set(atStamp.map((r) => r.id))).toEqual(new Set(same.map((s) => s.id)));
    expect(atStamp.length).toBe(12);
  });

  it("resumes from a stored cursor in a new adapter, and re-reads the overlap window for late commits", async () => {
    const { adapter, harness } = await setup();
    const created = await harness.createItems(9);
    const firstPage = await adapter.pull("items", { pageSize: 4 });
    expect(firstPage.hasMore).toBe(true);
    const fresh = harness.adapterWith({});
    const rest = await drain(fresh, "items", { cursor: firstPage.cursor, pageSize: 4 });
    const seen = new Set([...firstPage.records, ...rest.records].map((r) => r.id));
    for (const item of created) expect(seen.has(item.id)).toBe(true);

    // A row committed late, stamped just before the watermark: the next pass must still see it.
    const watermark = rest.records.at(-1)!.modifiedAt;
    const [late] = await harness.createItems(1, {
      modifiedAt: new Date(Date.parse(watermark) - 1_000).toISOString(),
    });
    const next = await drain(fresh, "items", { cursor: rest.cursor, pageSize: 4 });
    expect(next.records.map((r) => r.id)).toContain(late!.id);
  });

  it("refuses a cursor from another entity as a permanent error", async () => {
    const { adapter } = await setup();
    const page = await adapter.pull("customers", { pageSize: 1 });
    await expect(adapter.pull("items", { cursor: page.cursor })).rejects.toMatchObject({
      code: "VALIDATION",
      retryable: false,
    });
  });

  it("pulls master data, stock and prices in canonical shape", async () => {
    const { adapter, harness } = await setup();
    const caps = await adapter.capabilities();
    const customers = await drain(adapter, "customers", { pageSize: 50 });
    expect(customers.records.map((r) => r.data.number)).toContain(harness.fixtures.customerNumber);
    const variants = await drain(adapter, "itemVariants", { pageSize: 50 });
    expect(variants.records.some((r) => r.data.code === harness.fixtures.variantCode)).toBe(true);
    const locations = await drain(adapter, "locations", { pageSize: 50 });
    expect(locations.records.map((r) => r.data.code)).toContain(harness.fixtures.locationCode);
    if (caps.perLocationStock) {
      const stock = await drain(adapter, "stockByLocation", { pageSize: 50 });
      expect(stock.records.length).toBeGreaterThan(0);
      expect(typeof stock.records[0]!.data.quantity).toBe("number");
      // Every stock calculation the adapter offers has its figure on every row.
      expect(caps.stockCalculations.length).toBeGreaterThan(0);
      for (const record of stock.records) {
        for (const calculation of caps.stockCalculations) {
          expect(typeof record.data.figures[calculation.id], calculation.id).toBe("number");
        }
      }
    }
    if (caps.priceLists) {
      const prices = await drain(adapter, "prices", { pageSize: 50 });
      for (const p of prices.records) expect(p.data.unitPrice).toMatch(/^-?\d+(\.\d+)?$/);
    }
  });
}
