import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createBusinessCentralSandbox } from "../../../sandbox/business-central/create-server.ts";
import { type BcFixture, COMPANY_ID, ENV, getAll, startBcSandbox, TENANT } from "./bc-fixture.ts";

/**
 * The companion inventoryByLocation page as a stock model that behaves like Business Central's:
 * inventory from posted item ledger entries, projected available balance net of open sales order
 * lines due by today, reservations, and lastModifiedDateTime moving whenever a figure does.
 * All over real HTTP (API v2.0, companion pages, control routes).
 */
describe("BC sandbox stock", () => {
  let fx: BcFixture;
  let customer: any;
  let items: Record<string, any>;
  let locations: Record<string, any>;
  let variants: Record<string, any>;
  const control = (path: string) =>
    `${fx.sandbox.url}/sandbox/tenants/${TENANT}/environments/${ENV}/companies/${COMPANY_ID}/${path}`;
  const post = async (url: string, body: unknown) => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeEach(async () => {
    fx = await startBcSandbox({ products: 4 });
    customer = (await fx.call("GET", `${fx.company}/customers?$filter=number eq 'C00010'`)).body.value[0];
    items = Object.fromEntries((await fx.call("GET", `${fx.company}/items`)).body.value.map((i: any) => [i.number, i]));
    locations = Object.fromEntries(
      (await fx.call("GET", `${fx.company}/locations`)).body.value.map((l: any) => [l.code, l]),
    );
    variants = Object.fromEntries(
      (await fx.call("GET", `${fx.company}/itemVariants`)).body.value.map((v: any) => [`${v.itemNumber}/${v.code}`, v]),
    );
  });
  afterEach(async () => {
    await fx.sandbox.close();
  });

  const stock = async (itemNumber: string, variantCode: string, locationCode: string) => {
    const filter = `itemNumber eq '${itemNumber}' and variantCode eq '${variantCode}' and locationCode eq '${locationCode}'`;
    const res = await fx.call("GET", `${fx.custom}/inventoryByLocation?$filter=${encodeURIComponent(filter)}`);
    expect(res.status).toBe(200);
    return res.body.value[0];
  };
  const figures = (row: any) => ({
    inventory: row.inventory,
    projectedAvailableBalance: row.projectedAvailableBalance,
    reservedQuantity: row.reservedQuantity,
    nonReservedInventory: row.nonReservedInventory,
  });
  const line = (itemNumber: string, variantCode: string, locationCode: string, quantity: number, extra = {}) => ({
    lineType: "Item",
    itemId: items[itemNumber].id,
    ...(variantCode ? { itemVariantId: variants[`${itemNumber}/${variantCode}`].id } : {}),
    ...(locationCode ? { locationId: locations[locationCode].id } : {}),
    quantity,
    unitPrice: 10,
    ...extra,
  });
  const createOrder = async (ext: string, lines: unknown[]) => {
    const res = await fx.call("POST", `${fx.company}/salesOrders?$expand=salesOrderLines`, {
      body: { customerId: customer.id, externalDocumentNumber: ext, salesOrderLines: lines },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const tick = (ms = 1000) => {
    fx.clock.now += ms;
  };

  it("serves each row's figures, computed from the seed's opening entries", async () => {
    const row = await stock("10001", "V01", "MAIN");
    expect(Object.keys(row).filter((k) => !k.startsWith("@"))).toEqual([
      "id",
      "itemId",
      "itemNumber",
      "variantCode",
      "locationId",
      "locationCode",
      "inventory",
      "projectedAvailableBalance",
      "reservedQuantity",
      "nonReservedInventory",
      "lastModifiedDateTime",
    ]);
    expect(figures(row)).toEqual({
      inventory: 20,
      projectedAvailableBalance: 20,
      reservedQuantity: 0,
      nonReservedInventory: 20,
    });
    // The opening balance is a posted entry: inventory = Σ item ledger entries of the item.
    const entries = await getAll(fx, `${fx.company}/itemLedgerEntries?$filter=itemNumber eq '10001'`);
    expect(entries.rows.reduce((sum, e) => sum + e.quantity, 0)).toBe(items["10001"].inventory);
    expect(entries.rows.every((e) => e.entryType === "Positive Adjmt." && e.documentNumber === "START")).toBe(true);
  });

  it("open sales order lines lower projectedAvailableBalance; shipping lowers inventory and keeps it", async () => {
    const before = await stock("10001", "V01", "MAIN");
    const order = await createOrder("#2001", [line("10001", "V01", "MAIN", 5)]);
    const open = await stock("10001", "V01", "MAIN");
    expect(figures(open)).toEqual({
      inventory: 20,
      projectedAvailableBalance: 15,
      reservedQuantity: 0,
      nonReservedInventory: 20,
    });
    expect(open.lastModifiedDateTime > before.lastModifiedDateTime).toBe(true);

    // A partial shipment: inventory and the outstanding quantity drop by the same 2.
    tick();
    const [orderLine] = order.salesOrderLines;
    fx.sandbox.postShipment(TENANT, ENV, COMPANY_ID, order.id, { lines: [{ lineId: orderLine.id, quantity: 2 }] });
    const partly = await stock("10001", "V01", "MAIN");
    expect(figures(partly)).toMatchObject({ inventory: 18, projectedAvailableBalance: 15, nonReservedInventory: 18 });
    expect(partly.lastModifiedDateTime > open.lastModifiedDateTime).toBe(true);

    // The rest, through the control route the demo's warehouse uses.
    tick();
    const shipped = await post(control("shipments"), { orderId: order.id });
    expect(shipped.status).toBe(200);
    expect(figures(await stock("10001", "V01", "MAIN"))).toMatchObject({
      inventory: 15,
      projectedAvailableBalance: 15,
    });
    const item = (await fx.call("GET", `${fx.company}/items(${items["10001"].id})`)).body;
    expect(item.inventory).toBe(items["10001"].inventory - 5);
    const sales = await fx.call(
      "GET",
      `${fx.company}/itemLedgerEntries?$filter=entryType eq 'Sale' and itemNumber eq '10001'&$orderby=entryNumber`,
    );
    expect(sales.body.value.map((e: any) => [e.quantity, e.documentType, e.documentNumber, e.sourceNumber])).toEqual([
      [-2, "Sales Shipment", "S-SHPT102001", "C00010"],
      [-3, "Sales Shipment", shipped.body.number, "C00010"],
    ]);
    // Other rows of the same item were not touched.
    expect(figures(await stock("10001", "V01", "EAST"))).toMatchObject({
      inventory: 12,
      projectedAvailableBalance: 12,
    });
  });

  it("shipAndInvoice posts the shipment once, removes the demand and invoices the entry; posted invoices take stock", async () => {
    const order = await createOrder("#2002", [line("10002", "V02", "EAST", 3)]);
    expect((await stock("10002", "V02", "EAST")).projectedAvailableBalance).toBe(20);
    const res = await fx.call("POST", `${fx.company}/salesOrders(${order.id})/Microsoft.NAV.shipAndInvoice`);
    expect(res.status).toBe(204);
    expect(figures(await stock("10002", "V02", "EAST"))).toMatchObject({
      inventory: 20,
      projectedAvailableBalance: 20,
    });
    // Invoicing put the actual amounts on the shipment's entry.
    const [sale] = (
      await fx.call("GET", `${fx.company}/itemLedgerEntries?$filter=entryType eq 'Sale' and itemNumber eq '10002'`)
    ).body.value;
    expect(sale).toMatchObject({
      quantity: -3,
      documentType: "Sales Shipment",
      salesAmountActual: 30,
      costAmountActual: Math.round(-3 * items["10002"].unitCost * 100) / 100,
    });

    // A direct sales invoice is no demand while a draft; posting it takes the stock.
    const invoice = await fx.call("POST", `${fx.company}/salesInvoices`, {
      body: { customerId: customer.id, salesInvoiceLines: [line("10002", "V01", "MAIN", 2)] },
    });
    expect(invoice.status).toBe(201);
    expect((await stock("10002", "V01", "MAIN")).projectedAvailableBalance).toBe(33);
    expect((await fx.call("POST", `${fx.company}/salesInvoices(${invoice.body.id})/Microsoft.NAV.post`)).status).toBe(
      204,
    );
    expect(figures(await stock("10002", "V01", "MAIN"))).toMatchObject({
      inventory: 31,
      projectedAvailableBalance: 31,
    });
    const [invoiced] = (await fx.call("GET", `${fx.company}/itemLedgerEntries?$filter=documentType eq 'Sales Invoice'`))
      .body.value;
    expect(invoiced).toMatchObject({ quantity: -2, documentNumber: invoice.body.number, salesAmountActual: 20 });
  });

  it("counts only lines due by today (shipment date ≤ today)", async () => {
    await createOrder("#2003", [line("10003", "V01", "MAIN", 4, { shipmentDate: "2026-03-10" })]);
    // Today is 2026-03-01: the line is demand for later, not for today's balance.
    expect(figures(await stock("10003", "V01", "MAIN"))).toMatchObject({
      inventory: 37,
      projectedAvailableBalance: 37,
    });
    // Once the date has come, the next change to the row counts it (in-process: the token of
    // nine days ago has expired).
    fx.clock.now = Date.parse("2026-03-10T08:00:00.000Z");
    fx.sandbox.postInventoryAdjustment(TENANT, ENV, COMPANY_ID, {
      itemNumber: "10003",
      variantCode: "V01",
      locationCode: "MAIN",
      quantity: 1,
    });
    const row = fx.sandbox
      .company(TENANT, ENV, COMPANY_ID)
      .inventoryByLocation.find(
        (r) => r.itemNumber === "10003" && r.variantCode === "V01" && r.locationCode === "MAIN",
      );
    expect(row && figures(row)).toMatchObject({ inventory: 38, projectedAvailableBalance: 34 });
  });
  it("re-figures both places when a line changes quantity, moves location, or is deleted", async () => {
    const order = await createOrder("#2004", [line("10001", "V02", "MAIN", 1)]);
    const [orderLine] = order.salesOrderLines;
    const lineUrl = `${fx.company}/salesOrders(${order.id})/salesOrderLines(${orderLine.id})`;
    expect((await stock("10001", "V02", "MAIN")).projectedAvailableBalance).toBe(2);

    expect((await fx.call("PATCH", lineUrl, { body: { quantity: 3 }, headers: { "If-Match": "*" } })).status).toBe(200);
    expect((await stock("10001", "V02", "MAIN")).projectedAvailableBalance).toBe(0);

    const mainBefore = await stock("10001", "V02", "MAIN");
    const moved = await fx.call("PATCH", lineUrl, {
      body: { locationId: locations.EAST.id },
      headers: { "If-Match": "*" },
    });
    expect(moved.status).toBe(200);
    const mainAfter = await stock("10001", "V02", "MAIN");
    expect(mainAfter.projectedAvailableBalance).toBe(3);
    expect(mainAfter.lastModifiedDateTime > mainBefore.lastModifiedDateTime).toBe(true);
    expect((await stock("10001", "V02", "EAST")).projectedAvailableBalance).toBe(17);

    // A change that moves no figure (the price) leaves the row's stamp alone.
    const east = await stock("10001", "V02", "EAST");
    await fx.call("PATCH", lineUrl, { body: { unitPrice: 99 }, headers: { "If-Match": "*" } });
    expect((await stock("10001", "V02", "EAST")).lastModifiedDateTime).toBe(east.lastModifiedDateTime);

    expect((await fx.call("DELETE", lineUrl, { headers: { "If-Match": "*" } })).status).toBe(204);
    expect((await stock("10001", "V02", "EAST")).projectedAvailableBalance).toBe(20);

    // Deleting a whole order gives its demand back too.
    const again = await createOrder("#2005", [line("10001", "V02", "EAST", 6)]);
    expect((await stock("10001", "V02", "EAST")).projectedAvailableBalance).toBe(14);
    expect(
      (await fx.call("DELETE", `${fx.company}/salesOrders(${again.id})`, { headers: { "If-Match": "*" } })).status,
    ).toBe(204);
    expect((await stock("10001", "V02", "EAST")).projectedAvailableBalance).toBe(20);
  });

  it("lists a row for demand where there is no stock yet", async () => {
    // No variant, no location: stock BC keeps under a blank variant and location code.
    await createOrder("#2006", [line("10002", "", "", 3)]);
    const row = await stock("10002", "", "");
    expect(row).toMatchObject({ itemId: items["10002"].id, locationId: "00000000-0000-0000-0000-000000000000" });
    expect(figures(row)).toEqual({
      inventory: 0,
      projectedAvailableBalance: -3,
      reservedQuantity: 0,
      nonReservedInventory: 0,
    });
  });

  it("is a change feed: $filter=lastModifiedDateTime gt … with $orderby returns what changed, in order", async () => {
    const all = await getAll(fx, `${fx.custom}/inventoryByLocation`);
    const watermark = all.rows
      .map((r) => r.lastModifiedDateTime)
      .sort()
      .at(-1);
    tick();
    await fx.call("POST", `${fx.custom}/inventoryAdjustments`, {
      body: { itemNumber: "10004", variantCode: "V03", locationCode: "EAST", quantity: -6 },
    });
    tick();
    expect(
      (await post(control("reserve"), { itemNumber: "10001", variantCode: "V01", locationCode: "MAIN", quantity: 4 }))
        .status,
    ).toBe(200);
    tick();
    await createOrder("#2007", [line("10003", "V02", "MAIN", 1), line("10004", "", "", 2)]);

    const feed = `${fx.custom}/inventoryByLocation?$filter=lastModifiedDateTime gt ${watermark}&$orderby=lastModifiedDateTime,id`;
    const changed = await getAll(fx, feed, { Prefer: "odata.maxpagesize=2" });
    expect(changed.pages).toBe(2);
    expect(changed.rows.map((r) => `${r.itemNumber}/${r.variantCode}/${r.locationCode}`)).toEqual([
      "10004/V03/EAST",
      "10001/V01/MAIN",
      "10003/V02/MAIN",
      "10004//",
    ]);
    const stamps = changed.rows.map((r) => r.lastModifiedDateTime);
    expect([...stamps].sort()).toEqual(stamps);
    // The next poll from the last stamp seen is empty.
    const next = await fx.call(
      "GET",
      `${fx.custom}/inventoryByLocation?$filter=lastModifiedDateTime gt ${stamps.at(-1)}&$orderby=lastModifiedDateTime`,
    );
    expect(next.body.value).toEqual([]);
    // A datetime with 7 fractional digits (BC's own precision) filters the same way.
    const precise = await fx.call(
      "GET",
      `${fx.custom}/inventoryByLocation?$filter=lastModifiedDateTime gt ${watermark.replace("Z", "0000Z")}&$count=true`,
    );
    expect(precise.body["@odata.count"]).toBe(4);
    // …and past the millisecond: 100 ns after the last stamp is after the last row.
    const after = await fx.call(
      "GET",
      `${fx.custom}/inventoryByLocation?$filter=lastModifiedDateTime ge ${stamps.at(-1).replace("Z", "0001Z")}`,
    );
    expect(after.body.value).toEqual([]);
  });

  it("posts an inventory adjustment through the companion page", async () => {
    const before = await stock("10002", "V03", "MAIN");
    tick();
    const res = await fx.call("POST", `${fx.custom}/inventoryAdjustments`, {
      body: { itemNumber: "10002", variantCode: "v03", locationCode: "main", quantity: 8, documentNumber: "CNT-1" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      itemNumber: "10002",
      variantCode: "V03",
      locationCode: "MAIN",
      entryType: "Positive Adjmt.",
      documentNumber: "CNT-1",
      postingDate: "2026-03-01",
      quantity: 8,
    });
    const after = await stock("10002", "V03", "MAIN");
    expect(figures(after)).toMatchObject({ inventory: 20, projectedAvailableBalance: 20, nonReservedInventory: 20 });
    expect(after.lastModifiedDateTime > before.lastModifiedDateTime).toBe(true);

    // Negative: a Negative Adjmt.; going below zero is allowed (Prevent Negative Inventory is off).
    const out = await fx.call("POST", `${fx.custom}/inventoryAdjustments`, {
      body: { itemNumber: "10002", variantCode: "V03", locationCode: "MAIN", quantity: -25, description: "Damaged" },
    });
    expect(out.status).toBe(201);
    expect(out.body).toMatchObject({ entryType: "Negative Adjmt.", quantity: -25, description: "Damaged" });
    expect(out.body.documentNumber).toMatch(/^T\d{5}$/);
    expect((await stock("10002", "V03", "MAIN")).inventory).toBe(-5);

    // The standard page shows the same entries, with actual cost.
    const entry = await fx.call("GET", `${fx.company}/itemLedgerEntries(${out.body.id})`);
    expect(entry.status).toBe(200);
    expect(entry.body).toMatchObject({
      entryNumber: out.body.entryNumber,
      entryType: "Negative Adjmt.",
      quantity: -25,
      costAmountActual: Math.round(-25 * items["10002"].unitCost * 100) / 100,
      salesAmountActual: 0,
    });
    expect((await fx.call("GET", `${fx.company}/items(${items["10002"].id})`)).body.inventory).toBe(
      items["10002"].inventory - 17,
    );
    // In-process, for tests and the demo: the same posting.
    const direct = fx.sandbox.postInventoryAdjustment(TENANT, ENV, COMPANY_ID, {
      itemNumber: "10002",
      variantCode: "V03",
      locationCode: "MAIN",
      quantity: 5,
    });
    expect(direct.entryNumber).toBe(out.body.entryNumber + 1);
    expect((await stock("10002", "V03", "MAIN")).inventory).toBe(0);
  });

  it("refuses bad adjustments the way BC does, posting nothing", async () => {
    const countBefore = fx.sandbox.company(TENANT, ENV, COMPANY_ID).itemLedgerEntries.size();
    const adjust = (body: unknown) => fx.call("POST", `${fx.custom}/inventoryAdjustments`, { body });
    const unknownItem = await adjust({ itemNumber: "NOPE", quantity: 1 });
    expect(unknownItem.status).toBe(400);
    expect(unknownItem.body.error).toMatchObject({ code: "Internal_RecordNotFound" });
    expect(unknownItem.body.error.message).toContain(
      "The Item does not exist. Identification fields and values: No.='NOPE'",
    );

    const zero = await adjust({ itemNumber: "10001", quantity: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.error.message).toContain("Quantity must have a value in Item Journal Line");

    expect((await adjust({ itemNumber: "10001", locationCode: "WEST", quantity: 1 })).body.error.message).toContain(
      "The Location does not exist",
    );
    expect((await adjust({ itemNumber: "10001", variantCode: "V99", quantity: 1 })).body.error.message).toContain(
      "The Item Variant does not exist",
    );
    const unknownField = await adjust({ itemNumber: "10001", quantity: 1, unitCost: 3 });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.message).toContain("The property 'unitCost' does not exist");

    const service = await fx.call("POST", `${fx.company}/items`, { body: { number: "SVC-1", type: "Service" } });
    expect(service.status).toBe(201);
    const onService = await adjust({ itemNumber: "SVC-1", quantity: 1 });
    expect(onService.status).toBe(400);
    expect(onService.body.error.message).toContain(
      "Type must be equal to 'Inventory'  in Item: No.=SVC-1. Current value is 'Service'.",
    );
    expect(fx.sandbox.company(TENANT, ENV, COMPANY_ID).itemLedgerEntries.size()).toBe(countBefore);
    // Posted entries are read-only on both pages.
    const [first] = (await fx.call("GET", `${fx.company}/itemLedgerEntries?$top=1`)).body.value;
    expect(
      (await fx.call("PATCH", `${fx.company}/itemLedgerEntries(${first.id})`, { body: { quantity: 1 } })).status,
    ).toBe(405);
    expect((await fx.call("POST", `${fx.company}/itemLedgerEntries`, { body: {} })).status).toBe(405);
    expect((await fx.call("DELETE", `${fx.custom}/inventoryAdjustments(${first.id})`)).status).toBe(405);
  });

  it("serves itemLedgerEntries as API v2.0 does: read-only, filterable, no variant or location", async () => {
    const order = await createOrder("#2008", [line("10004", "V01", "MAIN", 2)]);
    fx.sandbox.postShipment(TENANT, ENV, COMPANY_ID, order.id);
    const res = await fx.call(
      "GET",
      `${fx.company}/itemLedgerEntries?$filter=itemNumber eq '10004'&$orderby=entryNumber desc&$top=1`,
    );
    expect(res.status).toBe(200);
    const [entry] = res.body.value;
    expect(entry).toMatchObject({
      itemNumber: "10004",
      entryType: "Sale",
      sourceType: "Customer",
      sourceNumber: "C00010",
      documentType: "Sales Shipment",
      quantity: -2,
    });
    expect(entry).not.toHaveProperty("locationCode");
    expect(entry).not.toHaveProperty("variantCode");
    // The companion adjustments page shows only adjustments: the sale is not there.
    expect((await fx.call("GET", `${fx.custom}/inventoryAdjustments(${entry.id})`)).status).toBe(404);
    const adjustments = await getAll(fx, `${fx.custom}/inventoryAdjustments`);
    expect(adjustments.rows.every((r) => r.entryType.endsWith("Adjmt."))).toBe(true);
  });

  it("reserve control route: reservedQuantity and nonReservedInventory, refusals keep their status", async () => {
    const before = await stock("10003", "V03", "EAST");
    tick();
    const res = await post(control("reserve"), {
      itemNumber: "10003",
      variantCode: "V03",
      locationCode: "EAST",
      quantity: 10,
    });
    expect(res.status).toBe(200);
    expect(figures(res.body)).toEqual({
      inventory: 36,
      projectedAvailableBalance: 36,
      reservedQuantity: 10,
      nonReservedInventory: 26,
    });
    const after = await stock("10003", "V03", "EAST");
    expect(figures(after)).toEqual(figures(res.body));
    expect(after.lastModifiedDateTime > before.lastModifiedDateTime).toBe(true);

    const tooMany = await post(control("reserve"), {
      itemNumber: "10003",
      variantCode: "V03",
      locationCode: "EAST",
      quantity: 37,
    });
    expect(tooMany.status).toBe(400);
    const unknown = await post(control("reserve"), { itemNumber: "NOPE", quantity: 1 });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("Internal_RecordNotFound");
    expect((await post(control("reserve"), { itemNumber: "10003", quantity: -1 })).status).toBe(400);
    expect((await post(control("inventory"), { itemNumber: "NOPE", locationCode: "MAIN", quantity: 1 })).status).toBe(
      404,
    );
    // Stock leaving takes reserved units with it: never more reserved than in inventory.
    fx.sandbox.postInventoryAdjustment(TENANT, ENV, COMPANY_ID, {
      itemNumber: "10003",
      variantCode: "V03",
      locationCode: "EAST",
      quantity: -30,
    });
    expect(figures(await stock("10003", "V03", "EAST"))).toEqual({
      inventory: 6,
      projectedAvailableBalance: 6,
      reservedQuantity: 6,
      nonReservedInventory: 0,
    });
    // Releasing the reservation.
    await post(control("reserve"), { itemNumber: "10003", variantCode: "V03", locationCode: "EAST", quantity: 0 });
    expect((await stock("10003", "V03", "EAST")).nonReservedInventory).toBe(6);
  });

  it("item-type control route: refused while the item has ledger entries or open sales lines", async () => {
    const seeded = await post(control("item-type"), { itemNumber: "10001", type: "Service" });
    expect(seeded.status).toBe(400);
    expect(seeded.body.error.message).toContain(
      "You cannot change the Type field on Item 10001 because at least one Item Ledger Entry exists for this item.",
    );
    // The same rule behind API v2.0's PATCH items.
    const patched = await fx.call("PATCH", `${fx.company}/items(${items["10001"].id})`, {
      body: { type: "Non-Inventory" },
      headers: { "If-Match": "*" },
    });
    expect(patched.status).toBe(400);
    expect(patched.body.error.message).toContain("Item Ledger Entry");

    // A new item without history may change type; once on an open order it may not.
    const fresh = await fx.call("POST", `${fx.company}/items`, { body: { number: "NEW-1", displayName: "New" } });
    expect(fresh.status).toBe(201);
    const toService = await post(control("item-type"), { itemNumber: "NEW-1", type: "Service" });
    expect(toService.status).toBe(200);
    expect(toService.body.type).toBe("Service");
    expect((await post(control("item-type"), { itemNumber: "new-1", type: "Inventory" })).status).toBe(200);
    await createOrder("#2009", [{ lineType: "Item", itemId: fresh.body.id, quantity: 1, unitPrice: 5 }]);
    const withDemand = await post(control("item-type"), { itemNumber: "NEW-1", type: "Non-Inventory" });
    expect(withDemand.status).toBe(400);
    expect(withDemand.body.error.message).toContain("because at least one Sales Line exists for this item");

    expect((await post(control("item-type"), { itemNumber: "NOPE", type: "Service" })).status).toBe(404);
    expect((await post(control("item-type"), { itemNumber: "10001", type: "Gadget" })).status).toBe(400);
  });

  it("keeps the figures and ledger through a snapshot, and loads a snapshot from before them", async () => {
    await createOrder("#2010", [line("10001", "V03", "EAST", 1)]);
    await post(control("reserve"), { itemNumber: "10001", variantCode: "V03", locationCode: "EAST", quantity: 1 });
    const snapshot = fx.sandbox.snapshot() as any;
    const other = await createBusinessCentralSandbox({ now: () => fx.clock.now });
    try {
      other.restore(snapshot);
      const data = other.company(TENANT, ENV, COMPANY_ID);
      const row = data.inventoryByLocation.find(
        (r) => r.itemNumber === "10001" && r.variantCode === "V03" && r.locationCode === "EAST",
      );
      expect(row && figures(row)).toEqual({
        inventory: 2,
        projectedAvailableBalance: 1,
        reservedQuantity: 1,
        nonReservedInventory: 1,
      });
      expect(data.itemLedgerEntries.size()).toBe(fx.sandbox.company(TENANT, ENV, COMPANY_ID).itemLedgerEntries.size());

      // A snapshot written before the stock model: rows with inventory only, no ledger table.
      const old = structuredClone(snapshot);
      const tables = old.tenants[0].environments[0].companies[0].tables;
      delete tables.itemLedgerEntries;
      for (const { row } of tables.inventoryByLocation) {
        delete row.projectedAvailableBalance;
        delete row.reservedQuantity;
        delete row.nonReservedInventory;
      }
      other.restore(old);
      const migrated = other.company(TENANT, ENV, COMPANY_ID);
      const first = migrated.inventoryByLocation.all()[0]!;
      expect(Object.keys(first).at(-1)).toBe("lastModifiedDateTime");
      expect(first.projectedAvailableBalance).toBe(first.inventory);
      expect(first.nonReservedInventory).toBe(first.inventory);
      expect(first.reservedQuantity).toBe(0);
      expect(migrated.itemLedgerEntries.size()).toBe(0);
    } finally {
      await other.close();
    }
  });
});
