import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type BcFixture, COMPANY_ID, ENV, getAll, startBcSandbox, TENANT } from "./bc-fixture.ts";

describe("BC sandbox OData queries", () => {
  let fx: BcFixture;
  beforeEach(async () => {
    fx = await startBcSandbox({ products: 30 });
  });
  afterEach(async () => {
    await fx.sandbox.close();
  });

  it("pages with Prefer: odata.maxpagesize=7 and visits every item once via nextLink", async () => {
    const first = await fx.call("GET", `${fx.company}/items`, { headers: { Prefer: "odata.maxpagesize=7" } });
    expect(first.headers.get("preference-applied")).toBe("odata.maxpagesize=7");
    expect(first.body.value).toHaveLength(7);
    expect(first.body["@odata.nextLink"]).toMatch(/^http:\/\/.*\$skiptoken=|%24skiptoken=/);
    const { rows, pages } = await getAll(fx, `${fx.company}/items`, { Prefer: "odata.maxpagesize=7" });
    expect(pages).toBe(5);
    const numbers = rows.map((r) => r.number);
    expect(new Set(numbers).size).toBe(30);
    expect(numbers).toEqual([...numbers].sort());
  });

  it("continues exactly where a page ended even when rows change in between", async () => {
    const url = `${fx.company}/items?$orderby=lastModifiedDateTime,id`;
    const first = await fx.call("GET", url, { headers: { Prefer: "odata.maxpagesize=10" } });
    const seen = first.body.value.map((r: any) => r.number);
    // Touch a row already served and one not served yet: both move to the end of the order.
    const items = fx.sandbox.company(TENANT, ENV, COMPANY_ID).items;
    for (const n of [seen[0], "10020"]) items.update(items.find((i) => i.number === n)!.id, { unitPrice: 1 });
    const rest = await getAll(fx, first.body["@odata.nextLink"], { Prefer: "odata.maxpagesize=10" });
    const numbers = [...seen, ...rest.rows.map((r) => r.number)];
    expect(numbers.filter((n) => n === "10020")).toHaveLength(1);
    expect(new Set(numbers)).toEqual(new Set(items.all().map((i) => i.number)));
  });

  it("filters by lastModifiedDateTime gt a watermark, ordered by lastModifiedDateTime,id", async () => {
    const all = (await fx.call("GET", `${fx.company}/items?$orderby=lastModifiedDateTime,id`)).body.value;
    const stamps = all.map((r: any) => r.lastModifiedDateTime);
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(stamps[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const watermark = stamps[24];
    const res = await fx.call(
      "GET",
      `${fx.company}/items?$filter=lastModifiedDateTime gt ${watermark}&$orderby=lastModifiedDateTime,id&$select=number,lastModifiedDateTime`,
    );
    expect(res.body.value.map((r: any) => r.number)).toEqual(all.slice(25).map((r: any) => r.number));
    expect(Object.keys(res.body.value[0]).sort()).toEqual(["@odata.etag", "lastModifiedDateTime", "number"]);
  });

  it("supports eq/ne/ge/le/and/or, quoted strings with '' escaping, GUIDs, $top/$skip and $orderby desc", async () => {
    const q = (filter: string, extra = "") =>
      fx.call("GET", `${fx.company}/items?$filter=${encodeURIComponent(filter)}${extra}`).then((r) => r.body);
    expect((await q("number eq '10003' or number eq '10005'")).value.map((r: any) => r.number)).toEqual([
      "10003",
      "10005",
    ]);
    expect((await q("number ge '10010' and number le '10012'")).value).toHaveLength(3);
    expect((await q("displayName eq 'O''Brien'")).value).toEqual([]);
    const one = (await q("number eq '10007'")).value[0];
    expect((await q(`id eq ${one.id}`)).value.map((r: any) => r.number)).toEqual(["10007"]);
    expect(
      (await q("number ne '10001'", "&$top=2&$skip=1&$orderby=number desc")).value.map((r: any) => r.number),
    ).toEqual(["10029", "10028"]);
    const bad = await fx.call("GET", `${fx.company}/items?$filter=${encodeURIComponent("nope eq 1")}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("Could not find a property named 'nope'");
  });

  it("serves item variants through the navigation property, and 404s an unknown entity set", async () => {
    const item = (await fx.call("GET", `${fx.company}/items?$filter=number eq '10002'`)).body.value[0];
    const variants = await fx.call("GET", `${fx.company}/items(${item.id})/itemVariants`);
    expect(variants.body.value.map((v: any) => v.code)).toEqual(["V01", "V02", "V03"]);
    const single = await fx.call("GET", `${fx.company}/items(${item.id})`);
    expect(single.body["@odata.context"]).toContain("/$entity");
    expect(single.body["@odata.etag"]).toMatch(/^W\/"JzI0O.*"$/);
    const missing = await fx.call("GET", `${fx.company}/bogusThings`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("BadRequest_NotFound");
    const noItem = await fx.call("GET", `${fx.company}/items(00000000-0000-0000-0000-00000000abcd)`);
    expect(noItem.status).toBe(404);
    expect(noItem.body.error.code).toBe("Internal_RecordNotFound");
  });
});
