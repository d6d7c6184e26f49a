import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type BcFixture, startBcSandbox } from "./bc-fixture.ts";

/**
 * Items and item variants change through API v2.0 as in Business Central: PATCH and DELETE need
 * the row's etag in If-Match (or `*`), a stale one is refused with 412 Request_EntityChanged, and
 * every change moves lastModifiedDateTime and the etag on. The companion `itemDetails` page is the
 * same Item record, so it shares the etag.
 */
let fx: BcFixture;

beforeEach(async () => {
  fx = await startBcSandbox({ products: 3 });
});
afterEach(async () => {
  await fx.sandbox.close();
});

const tick = () => (fx.clock.now += 1000);

describe("items through API v2.0", () => {
  it("PATCH needs If-Match: 400 without, 412 when stale, and moves lastModifiedDateTime and the etag", async () => {
    const item = (await fx.call("GET", `${fx.company}/items?$top=1`)).body.value[0];
    const url = `${fx.company}/items(${item.id})`;
    const missing = await fx.call("PATCH", url, { body: { displayName: "No etag" } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("BadRequest_InvalidToken");
    tick();
    const ok = await fx.call("PATCH", url, {
      body: { displayName: "Renamed", unitPrice: 12.5, unitCost: 4.25 },
      headers: { "If-Match": item["@odata.etag"] },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ displayName: "Renamed", unitPrice: 12.5, unitCost: 4.25 });
    expect(ok.headers.get("etag")).toBe(ok.body["@odata.etag"]);
    expect(ok.body["@odata.etag"]).not.toBe(item["@odata.etag"]);
    expect(Date.parse(ok.body.lastModifiedDateTime)).toBeGreaterThan(Date.parse(item.lastModifiedDateTime));
    const stale = await fx.call("PATCH", url, {
      body: { displayName: "Lost" },
      headers: { "If-Match": item["@odata.etag"] },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe("Request_EntityChanged");
    expect((await fx.call("GET", url)).body.displayName).toBe("Renamed");
    const star = await fx.call("PATCH", url, { body: { blocked: true }, headers: { "If-Match": "*" } });
    expect(star.status).toBe(200);
    expect(star.body.blocked).toBe(true);
  });

  it("a blocked item is still listed, and filterable on blocked", async () => {
    const [first, second] = (await fx.call("GET", `${fx.company}/items`)).body.value;
    await fx.call("PATCH", `${fx.company}/items(${first.id})`, {
      body: { blocked: true },
      headers: { "If-Match": "*" },
    });
    const all = (await fx.call("GET", `${fx.company}/items`)).body.value;
    expect(all.map((i: any) => [i.id, i.blocked])).toContainEqual([first.id, true]);
    expect(all.map((i: any) => [i.id, i.blocked])).toContainEqual([second.id, false]);
    const blocked = (await fx.call("GET", `${fx.company}/items?$filter=blocked eq true`)).body.value;
    expect(blocked.map((i: any) => i.id)).toEqual([first.id]);
  });

  it("DELETE with a stale etag is refused; with the current one the item and its variants go", async () => {
    const item = (await fx.call("GET", `${fx.company}/items?$top=1&$expand=itemVariants`)).body.value[0];
    expect(item.itemVariants.length).toBeGreaterThan(0);
    const url = `${fx.company}/items(${item.id})`;
    await fx.call("PATCH", url, { body: { displayName2: "moved on" }, headers: { "If-Match": "*" } });
    expect((await fx.call("DELETE", url, { headers: { "If-Match": item["@odata.etag"] } })).status).toBe(412);
    const current = (await fx.call("GET", url)).body["@odata.etag"];
    expect((await fx.call("DELETE", url, { headers: { "If-Match": current } })).status).toBe(204);
    expect((await fx.call("GET", url)).status).toBe(404);
    const variants = (await fx.call("GET", `${fx.company}/itemVariants?$filter=itemId eq ${item.id}`)).body.value;
    expect(variants).toEqual([]);
  });
});

describe("item variants through API v2.0", () => {
  it("are created under their item, changed with If-Match and deleted", async () => {
    const item = (await fx.call("GET", `${fx.company}/items?$top=1`)).body.value[0];
    const created = await fx.call("POST", `${fx.company}/items(${item.id})/itemVariants`, {
      body: { code: "xl", description: "Extra large" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      itemId: item.id,
      itemNumber: item.number,
      code: "XL",
      description: "Extra large",
    });
    const again = await fx.call("POST", `${fx.company}/itemVariants`, {
      body: { itemNumber: item.number, code: "XL" },
    });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe("Internal_EntityWithSameKeyExists");
    const url = `${fx.company}/itemVariants(${created.body.id})`;
    tick();
    const patched = await fx.call("PATCH", url, {
      body: { description: "XL" },
      headers: { "If-Match": created.body["@odata.etag"] },
    });
    expect(patched.status).toBe(200);
    expect(Date.parse(patched.body.lastModifiedDateTime)).toBeGreaterThan(
      Date.parse(created.body.lastModifiedDateTime),
    );
    const stale = await fx.call("PATCH", url, {
      body: { description: "?" },
      headers: { "If-Match": created.body["@odata.etag"] },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe("Request_EntityChanged");
    expect((await fx.call("DELETE", url, { headers: { "If-Match": patched.body["@odata.etag"] } })).status).toBe(204);
    expect((await fx.call("GET", url)).status).toBe(404);
  });

  it("refuses a variant for an item that does not exist, or item fields that disagree", async () => {
    const [a, b] = (await fx.call("GET", `${fx.company}/items`)).body.value;
    const unknown = await fx.call("POST", `${fx.company}/itemVariants`, { body: { itemNumber: "NOPE", code: "X" } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('"itemNumber" does not match');
    const mismatch = await fx.call("POST", `${fx.company}/itemVariants`, {
      body: { itemId: a.id, itemNumber: b.number, code: "X" },
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.message).toContain("The item values do not match");
    const long = await fx.call("POST", `${fx.company}/itemVariants`, { body: { itemId: a.id, code: "ELEVENCHARS" } });
    expect(long.body.error.code).toBe("Application_StringExceededLength");
  });
});

describe("the companion itemDetails page", () => {
  it("shows sales blocked, vendor, weights; PATCH shares the item's etag and lastModifiedDateTime", async () => {
    const item = (await fx.call("GET", `${fx.company}/items?$top=1`)).body.value[0];
    const details = (await fx.call("GET", `${fx.custom}/itemDetails(${item.id})`)).body;
    expect(details["@odata.etag"]).toBe(item["@odata.etag"]);
    expect(details.lastModifiedDateTime).toBe(item.lastModifiedDateTime);
    expect(details.vendorName).not.toBe("");
    expect(details.grossWeight).toBeGreaterThan(0);
    const vendor = (await fx.call("GET", `${fx.company}/vendors?$filter=number eq '${details.vendorNumber}'`)).body
      .value[0];
    expect(vendor.displayName).toBe(details.vendorName);
    // API v2.0 has no sales blocked, vendor or weight on items.
    expect(item).not.toHaveProperty("salesBlocked");
    expect(item).not.toHaveProperty("vendorNumber");
    tick();
    const patched = await fx.call("PATCH", `${fx.custom}/itemDetails(${item.id})`, {
      body: { salesBlocked: true, grossWeight: 1.5 },
      headers: { "If-Match": item["@odata.etag"] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ salesBlocked: true, grossWeight: 1.5 });
    const reread = (await fx.call("GET", `${fx.company}/items(${item.id})`)).body;
    expect(reread["@odata.etag"]).toBe(patched.body["@odata.etag"]);
    expect(reread.lastModifiedDateTime).toBe(patched.body.lastModifiedDateTime);
    const stale = await fx.call("PATCH", `${fx.company}/items(${item.id})`, {
      body: { displayName: "stale" },
      headers: { "If-Match": item["@odata.etag"] },
    });
    expect(stale.status).toBe(412);
    const salesBlocked = (await fx.call("GET", `${fx.custom}/itemDetails?$filter=salesBlocked eq true`)).body.value;
    expect(salesBlocked.map((d: any) => d.id)).toEqual([item.id]);
    const badVendor = await fx.call("PATCH", `${fx.custom}/itemDetails(${item.id})`, {
      body: { vendorNumber: "V99999" },
      headers: { "If-Match": "*" },
    });
    expect(badVendor.status).toBe(400);
    expect(badVendor.body.error.message).toContain("cannot be found in the related table (Vendor)");
    expect((await fx.call("POST", `${fx.custom}/itemDetails`, { body: {} })).status).toBe(405);
  });
});

describe("item references (barcodes) on the companion page", () => {
  it("are added, changed with If-Match and deleted; a duplicate or an unknown variant is refused", async () => {
    const ref = (await fx.call("GET", `${fx.custom}/itemReferences?$top=1`)).body.value[0];
    const created = await fx.call("POST", `${fx.custom}/itemReferences`, {
      body: { itemNumber: ref.itemNumber, variantCode: ref.variantCode, referenceNumber: "4006381333931" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ referenceType: "Bar Code", referenceNumber: "4006381333931" });
    const duplicate = await fx.call("POST", `${fx.custom}/itemReferences`, {
      body: { itemNumber: ref.itemNumber, variantCode: ref.variantCode, referenceNumber: "4006381333931" },
    });
    expect(duplicate.body.error.code).toBe("Internal_EntityWithSameKeyExists");
    const unknown = await fx.call("POST", `${fx.custom}/itemReferences`, {
      body: { itemNumber: ref.itemNumber, variantCode: "NOPE", referenceNumber: "1" },
    });
    expect(unknown.status).toBe(400);
    const url = `${fx.custom}/itemReferences(${created.body.id})`;
    const stale = await fx.call("PATCH", url, {
      body: { referenceNumber: "2" },
      headers: { "If-Match": ref["@odata.etag"] },
    });
    expect(stale.status).toBe(412);
    const patched = await fx.call("PATCH", url, {
      body: { referenceNumber: "0012345678905" },
      headers: { "If-Match": created.body["@odata.etag"] },
    });
    expect(patched.body.referenceNumber).toBe("0012345678905");
    expect((await fx.call("DELETE", url, { headers: { "If-Match": patched.body["@odata.etag"] } })).status).toBe(204);
  });
});
