import { createHash } from "node:crypto";

import { expect, it } from "vitest";

import { ErpError } from "../../../app/.server/adapters/erp/errors.ts";
import type { ErpPriceContext } from "../../../app/.server/adapters/erp/port.ts";
import { makeJpeg, makePng } from "../../../sandbox/business-central/store/seed-images.ts";
import { drain } from "./contract-pull.ts";
import type { ErpContractSetup } from "./harness.ts";

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function failure(promise: Promise<unknown>): Promise<ErpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ErpError);
  return error as ErpError;
}

/** What the product, price and image tasks rely on: items with what a product needs, writes with versions, pictures, prices. */
export function catalogContract(setup: () => Promise<ErpContractSetup>) {
  it("pulls items with cost, variants and picture metadata; blocked and sales-blocked items are in the pull", async () => {
    const { adapter, harness } = await setup();
    const { picturedItemId, unpicturedItemId } = harness.catalogFixtures;
    await harness.blockItem(picturedItemId, "blocked");
    await harness.blockItem(unpicturedItemId, "salesBlocked");
    const caps = await adapter.capabilities();
    const { records } = await drain(adapter, "items", { pageSize: 50 });
    const pictured = records.find((r) => r.id === picturedItemId)!;
    const bare = records.find((r) => r.id === unpicturedItemId)!;
    expect(pictured.data).toMatchObject({ blocked: true, salesBlocked: false });
    expect(bare.data.blocked).toBe(false);
    if (caps.itemDetails) expect(bare.data.salesBlocked).toBe(true);
    if (caps.itemPictures) {
      expect(pictured.data.picture).toMatchObject({ contentType: expect.stringMatching(/^image\//) });
      expect(pictured.data.picture!.width).toBeGreaterThan(0);
    }
    expect(bare.data.picture).toBeNull();
    expect(Number(pictured.data.unitCost)).toBeGreaterThan(0);
    const fixture = records.find((r) => r.data.number === harness.fixtures.itemNumber)!;
    expect(fixture.data.variants.map((v) => v.code)).toContain(harness.fixtures.variantCode);
    expect(fixture.data.variants[0]).toMatchObject({ itemId: fixture.id, itemNumber: fixture.data.number });
    if (caps.itemDetails) {
      expect(fixture.data.vendor).toBeTruthy();
      expect(fixture.data.weight?.value).toBeGreaterThan(0);
    }
  });

  it("updateItem at the pulled version shows up in the next delta pull with the new version", async () => {
    const { adapter, harness } = await setup();
    const first = await drain(adapter, "items", { pageSize: 50 });
    const record = first.records.find((r) => r.id === harness.catalogFixtures.unpicturedItemId)!;
    const caps = await adapter.capabilities();
    const written = await adapter.updateItem(
      record.id,
      {
        displayName: "Renamed by the sync",
        unitCost: "3.5",
        ...(caps.itemDetails ? { salesBlocked: true, weight: { value: 1250, unit: "g" as const } } : {}),
      },
      record.version!,
    );
    expect(written.version).not.toBe(record.version);
    const next = await drain(adapter, "items", { cursor: first.cursor, pageSize: 50 });
    const again = next.records.find((r) => r.id === record.id);
    expect(again).toMatchObject({ version: written.version, modifiedAt: written.modifiedAt });
    expect(again?.data).toMatchObject({ displayName: "Renamed by the sync", unitCost: "3.5" });
    if (caps.itemDetails) {
      expect(again?.data).toMatchObject({ salesBlocked: true, weight: { value: 1.25, unit: "kg" } });
    }
  });

  it("a stale version is a CONFLICT the adapter does not retry, and changes nothing", async () => {
    const { adapter, harness } = await setup();
    const { records } = await drain(adapter, "items", { pageSize: 50 });
    const record = records.find((r) => r.id === harness.catalogFixtures.picturedItemId)!;
    await harness.touchItem(record.id);
    const before = harness.calls.length;
    const error = await failure(adapter.updateItem(record.id, { displayName: "Lost update" }, record.version!));
    expect(error).toMatchObject({ code: "CONFLICT", retryable: false });
    const patches = harness.calls.slice(before).filter((c) => c.method === "PATCH");
    expect(patches).toHaveLength(1);
    expect(patches[0]!.attempts).toBe(1);
    const after = await drain(adapter, "items", { pageSize: 50 });
    expect(after.records.find((r) => r.id === record.id)?.data.displayName).not.toBe("Lost update");
    // An empty patch only checks the version.
    const stale = await failure(adapter.updateItem(record.id, {}, record.version!));
    expect(stale.code).toBe("CONFLICT");
  });

  it("writes a picture and reads the same bytes back; the pulled picture version follows the upload", async () => {
    const { adapter, harness } = await setup();
    if (!(await adapter.capabilities()).itemPictures) return;
    const id = harness.catalogFixtures.unpicturedItemId;
    expect(await adapter.readItemPicture(id)).toBeNull();
    const start = await drain(adapter, "items", { pageSize: 50 });
    const jpeg = makeJpeg(16, [20, 90, 160]);
    const { version } = await adapter.writeItemPicture(id, { contentType: "image/jpeg", bytes: jpeg });
    const read = await adapter.readItemPicture(id);
    expect(read).toMatchObject({ contentType: "image/jpeg", version });
    expect(sha(read!.bytes)).toBe(sha(jpeg));
    const delta = await drain(adapter, "items", { cursor: start.cursor, pageSize: 50 });
    expect(delta.records.find((r) => r.id === id)?.data.picture).toMatchObject({ version, width: 16, height: 16 });
    // A second upload replaces the picture (a new version), it does not add one.
    const png = makePng(8, [1, 2, 3], [200, 200, 200]);
    const second = await adapter.writeItemPicture(id, { contentType: "image/png", bytes: png });
    expect(second.version).not.toBe(version);
    expect(sha((await adapter.readItemPicture(id))!.bytes)).toBe(sha(png));
    await expect(adapter.writeItemPicture(id, { contentType: "text/plain", bytes: png })).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });

  it("item variants have pictures of their own where the ERP has them", async () => {
    const { adapter } = await setup();
    if (!(await adapter.capabilities()).variantPictures) return;
    const { records, cursor } = await drain(adapter, "itemVariants", { pageSize: 50 });
    const variant = records.find((r) => r.data.picture === null)!;
    const png = makePng(12, [250, 10, 10], [10, 10, 250]);
    const { version } = await adapter.writeItemPicture(
      variant.data.itemId,
      { contentType: "image/png", bytes: png },
      variant.id,
    );
    expect(sha((await adapter.readItemPicture(variant.data.itemId, variant.id))!.bytes)).toBe(sha(png));
    const delta = await drain(adapter, "itemVariants", { cursor, pageSize: 50 });
    expect(delta.records.find((r) => r.id === variant.id)?.data.picture?.version).toBe(version);
  });

  it("creates an item from a template item, and a variant once", async () => {
    const { adapter, harness } = await setup();
    const number = `NEW-${Date.now() % 100_000}`;
    const created = await adapter.upsertItem({
      number,
      displayName: "From Shopify",
      unitPrice: "19.95",
      templateNumber: harness.fixtures.itemNumber,
    });
    expect(created.created).toBe(true);
    const first = await adapter.createItemVariant({ itemNumber: number, code: "v_001", description: "Red" });
    const again = await adapter.createItemVariant({ itemNumber: number, code: "V_001", description: "Red" });
    expect(first.created).toBe(true);
    expect(again).toEqual({ ref: first.ref, created: false });
    expect(first.ref.number).toBe("V_001");
    const { records } = await drain(adapter, "items", { pageSize: 50 });
    const item = records.find((r) => r.id === created.ref.id)!;
    const template = records.find((r) => r.data.number === harness.fixtures.itemNumber)!;
    expect(item.data).toMatchObject({
      displayName: "From Shopify",
      unitPrice: "19.95",
      type: template.data.type,
      itemCategoryCode: template.data.itemCategoryCode,
      baseUnitOfMeasureCode: template.data.baseUnitOfMeasureCode,
    });
    expect(item.data.variants.map((v) => v.code)).toEqual(["V_001"]);
    await expect(
      adapter.upsertItem({ number: `${number}X`, displayName: "x", templateNumber: "NO-SUCH-ITEM" }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });

  it("sets a variant's barcode: found as it is, changed, or added; the lookup finds it", async () => {
    const { adapter, harness } = await setup();
    if (!(await adapter.capabilities()).barcodes) return;
    const { itemNumber, variantCode } = harness.fixtures;
    const same = await adapter.upsertBarcode({
      itemNumber,
      variantCode,
      barcode: harness.lookupFixtures.variantBarcode,
    });
    expect(same.created).toBe(false);
    const changed = await adapter.upsertBarcode({ itemNumber, variantCode, barcode: "4006381333931" });
    expect(changed).toEqual({ ref: { id: same.ref.id, number: "4006381333931" }, created: false });
    expect(await adapter.findItem({ barcode: "4006381333931" })).toMatchObject({ itemNumber, variantCode });
    expect(await adapter.findItem({ barcode: harness.lookupFixtures.variantBarcode })).toBeNull();
    const created = await adapter.createItemVariant({ itemNumber, code: "NEWBC", description: "New" });
    const added = await adapter.upsertBarcode({
      itemNumber,
      variantCode: created.ref.number,
      barcode: "0012345678905",
    });
    expect(added.created).toBe(true);
    expect(await adapter.findItem({ barcode: "0012345678905" })).toMatchObject({ itemNumber, variantCode: "NEWBC" });
  });

  it("prices a variant for a price context: list price, the group's price, a line discount as compare-at", async () => {
    const { adapter, harness } = await setup();
    const { itemNumber, variantCode } = harness.fixtures;
    const { priceGroup } = harness.catalogFixtures;
    const { records } = await drain(adapter, "items", { pageSize: 50 });
    const item = records.find((r) => r.data.number === itemNumber)!.data;
    const context: ErpPriceContext = {
      priceGroup: "",
      currencyCode: "",
      pricesIncludeTax: false,
      date: harness.now().slice(0, 10),
    };
    const request = [{ item, variantCodes: [variantCode, ""] }];
    const [list, itself] = await adapter.pricesFor(context, request);
    expect(list).toMatchObject({ itemNumber, variantCode, compareAtPrice: null, unitCost: item.unitCost });
    expect(Number(list!.price)).toBeGreaterThan(0);
    expect(itself!.variantCode).toBe("");

    if (!(await adapter.capabilities()).priceLists) return;
    const prices = await drain(adapter, "prices", { pageSize: 100 });
    const mine = prices.records.filter((r) => r.data.itemNumber === itemNumber && r.data.variantCode === variantCode);
    expect(mine.map((r) => r.data.assignTo)).toContainEqual({ type: "all" });
    expect(mine.map((r) => r.data.assignTo)).toContainEqual({ type: "priceGroup", code: priceGroup });
    const group = (await adapter.pricesFor({ ...context, priceGroup }, request))[0]!;
    expect(Number(group.price)).toBeLessThan(Number(list!.price));

    await harness.addPriceRule({ itemNumber, variantCode, priceGroup, unitPrice: "10" });
    await harness.addPriceRule({ itemNumber, variantCode, priceGroup, discountPercent: 20 });
    const discounted = (await adapter.pricesFor({ ...context, priceGroup }, request))[0]!;
    expect(discounted).toMatchObject({ price: "8", compareAtPrice: "10" });
    // The new rules come in the prices delta; everyone else's price did not move.
    const delta = await drain(adapter, "prices", { cursor: prices.cursor, pageSize: 100 });
    expect(delta.records.filter((r) => r.data.itemNumber === itemNumber).length).toBeGreaterThanOrEqual(2);
    expect((await adapter.pricesFor(context, request))[0]!.price).toBe(list!.price);
    // Tax included in the shop, not in the ERP's price: converted at the context's rate.
    const gross = (await adapter.pricesFor({ ...context, pricesIncludeTax: true, taxRatePercent: 25 }, request))[0]!;
    expect(Number(gross.price)).toBeCloseTo(Number(list!.price) * 1.25, 2);
    // No price in a currency the ERP has none for: nothing to send, not a zero price.
    expect((await adapter.pricesFor({ ...context, currencyCode: "EUR" }, request))[0]!.price).toBeNull();
  });
}
