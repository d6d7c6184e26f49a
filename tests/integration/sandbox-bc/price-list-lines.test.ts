import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type BcFixture, getAll, startBcSandbox } from "./bc-fixture.ts";

/**
 * The companion `priceListLines` page over Price List Line (table 7001): the seeded price lists,
 * and lines created, changed (If-Match) and deleted, each change moving lastModifiedDateTime so a
 * price delta pull sees it.
 */
let fx: BcFixture;

beforeEach(async () => {
  fx = await startBcSandbox({ products: 2 });
});
afterEach(async () => {
  await fx.sandbox.close();
});

describe("price list lines", () => {
  it("seeds the demo company's price lists: all customers and the WHOLESALE price group", async () => {
    const { rows } = await getAll(fx, `${fx.custom}/priceListLines`);
    const item = (await fx.call("GET", `${fx.company}/items?$top=1`)).body.value[0];
    const mine = rows.filter((r) => r.itemNumber === item.number);
    expect(mine.find((r) => r.priceListCode === "DEFAULT")).toMatchObject({
      sourceType: "All Customers",
      sourceNumber: "",
      customerPriceGroup: "",
      amountType: "Price",
      status: "Active",
      priceIncludesTax: false,
      currencyCode: "",
      startingDate: "0001-01-01",
    });
    const wholesale = mine.find((r) => r.priceListCode === "WHOLESALE");
    expect(wholesale).toMatchObject({
      sourceType: "Customer Price Group",
      sourceNumber: "WHOLESALE",
      customerPriceGroup: "WHOLESALE",
    });
    expect(new Set(rows.filter((r) => r.priceListCode === "DEFAULT").map((r) => r.lineNumber)).size).toBe(
      rows.filter((r) => r.priceListCode === "DEFAULT").length,
    );
  });

  it("a line changes with If-Match and moves lastModifiedDateTime; a stale etag is refused", async () => {
    const line = (await fx.call("GET", `${fx.custom}/priceListLines?$top=1`)).body.value[0];
    const { rows } = await getAll(fx, `${fx.custom}/priceListLines`);
    const latest = rows
      .map((r) => r.lastModifiedDateTime as string)
      .sort()
      .at(-1);
    const url = `${fx.custom}/priceListLines(${line.id})`;
    fx.clock.now += 1000;
    const patched = await fx.call("PATCH", url, {
      body: { unitPrice: 99.5 },
      headers: { "If-Match": line["@odata.etag"] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.unitPrice).toBe(99.5);
    expect(Date.parse(patched.body.lastModifiedDateTime)).toBeGreaterThan(Date.parse(line.lastModifiedDateTime));
    const since = await fx.call("GET", `${fx.custom}/priceListLines?$filter=lastModifiedDateTime gt ${latest}`);
    expect(since.body.value.map((l: any) => l.id)).toEqual([line.id]);
    const stale = await fx.call("PATCH", url, { body: { unitPrice: 1 }, headers: { "If-Match": line["@odata.etag"] } });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe("Request_EntityChanged");
    expect((await fx.call("PATCH", url, { body: { unitPrice: 1 } })).status).toBe(400);
    const key = await fx.call("PATCH", url, { body: { priceListCode: "OTHER" }, headers: { "If-Match": "*" } });
    expect(key.status).toBe(400);
  });

  it("creates a line at the end of its list, validates item and variant, and deletes it", async () => {
    const item = (await fx.call("GET", `${fx.company}/items?$top=1&$expand=itemVariants`)).body.value[0];
    const created = await fx.call("POST", `${fx.custom}/priceListLines`, {
      body: {
        priceListCode: "WHOLESALE",
        sourceType: "Customer Price Group",
        sourceNumber: "WHOLESALE",
        itemNumber: item.number,
        variantCode: item.itemVariants[0].code,
        amountType: "Discount",
        lineDiscountPercent: 15,
        startingDate: "2026-01-01",
        endingDate: "2026-12-31",
        currencyCode: "EUR",
        minimumQuantity: 5,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      unitOfMeasureCode: "PCS",
      customerPriceGroup: "WHOLESALE",
      lineDiscountPercent: 15,
    });
    const lines = (await getAll(fx, `${fx.custom}/priceListLines?$filter=priceListCode eq 'WHOLESALE'`)).rows;
    expect(created.body.lineNumber).toBe(Math.max(...lines.map((l) => l.lineNumber)));
    const unknownItem = await fx.call("POST", `${fx.custom}/priceListLines`, {
      body: { priceListCode: "X", itemNumber: "NOPE" },
    });
    expect(unknownItem.status).toBe(400);
    const unknownVariant = await fx.call("POST", `${fx.custom}/priceListLines`, {
      body: { priceListCode: "X", itemNumber: item.number, variantCode: "ZZ" },
    });
    expect(unknownVariant.status).toBe(400);
    const noSource = await fx.call("POST", `${fx.custom}/priceListLines`, {
      body: { priceListCode: "X", itemNumber: item.number, sourceType: "Customer" },
    });
    expect(noSource.status).toBe(400);
    const url = `${fx.custom}/priceListLines(${created.body.id})`;
    expect((await fx.call("DELETE", url, { headers: { "If-Match": created.body["@odata.etag"] } })).status).toBe(204);
    expect((await fx.call("GET", url)).status).toBe(404);
  });
});
