import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type BcFixture, COMPANY_ID, ENV, startBcSandbox, TENANT } from "./bc-fixture.ts";

describe("BC sandbox sales documents", () => {
  let fx: BcFixture;
  let customer: any;
  let items: any[];
  let location: any;
  beforeEach(async () => {
    fx = await startBcSandbox({ products: 4 });
    customer = (await fx.call("GET", `${fx.company}/customers?$filter=number eq 'C00010'`)).body.value[0];
    items = (await fx.call("GET", `${fx.company}/items`)).body.value;
    location = (await fx.call("GET", `${fx.company}/locations?$filter=code eq 'MAIN'`)).body.value[0];
  });
  afterEach(async () => {
    await fx.sandbox.close();
  });

  const orderBody = (ext: string, lines?: unknown[]) => ({
    customerId: customer.id,
    externalDocumentNumber: ext,
    salesOrderLines: lines ?? [
      { lineType: "Item", itemId: items[0].id, quantity: 2, unitPrice: 10, locationId: location.id },
      { lineType: "Item", lineObjectNumber: items[1].number, quantity: 1, discountPercent: 50, unitPrice: 30 },
    ],
  });

  it("deep-inserts an order with lines, numbers it and computes totals", async () => {
    const res = await fx.call("POST", `${fx.company}/salesOrders?$expand=salesOrderLines`, {
      body: orderBody("#1001"),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      number: "S-ORD101001",
      externalDocumentNumber: "#1001",
      customerNumber: "C00010",
      totalAmountExcludingTax: 35,
      totalAmountIncludingTax: 35,
      sellToCity: customer.city,
    });
    expect(res.body.salesOrderLines.map((l: any) => [l.sequence, l.lineObjectNumber, l.amountExcludingTax])).toEqual([
      [10000, items[0].number, 20],
      [20000, items[1].number, 15],
    ]);
    const lines = await fx.call("GET", `${fx.company}/salesOrders(${res.body.id})/salesOrderLines`);
    expect(lines.body.value).toHaveLength(2);
  });

  it("creates nothing when one line is bad (all-or-nothing)", async () => {
    const bad = orderBody("#1002", [
      { lineType: "Item", itemId: items[0].id, quantity: 1 },
      { lineType: "Item", itemId: "00000000-0000-0000-0000-0000000000aa", quantity: 1 },
    ]);
    const res = await fx.call("POST", `${fx.company}/salesOrders`, { body: bad });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("Internal_RecordNotFound");
    expect((await fx.call("GET", `${fx.company}/salesOrders`)).body.value).toEqual([]);
    expect((await fx.call("GET", `${fx.company}/salesOrderLines`)).body.value).toEqual([]);
  });

  it("refuses manual numbers and long external document numbers, but not duplicates", async () => {
    const manual = await fx.call("POST", `${fx.company}/salesOrders`, { body: { ...orderBody("#1"), number: "X1" } });
    expect(manual.status).toBe(400);
    expect(manual.body.error.code).toBe("Application_DialogException");
    expect(manual.body.error.message).toMatch(/^You may not enter numbers manually/);
    const long = await fx.call("POST", `${fx.company}/salesOrders`, { body: orderBody("x".repeat(36)) });
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe("Application_StringExceededLength");
    const unknownProp = await fx.call("POST", `${fx.company}/salesOrders`, { body: { ...orderBody("#1"), foo: 1 } });
    expect(unknownProp.body.error.message).toContain(
      "The property 'foo' does not exist on type 'Microsoft.NAV.salesOrder'",
    );
    await fx.call("POST", `${fx.company}/salesOrders`, { body: orderBody("#DUP") });
    await fx.call("POST", `${fx.company}/salesOrders`, { body: orderBody("#DUP") });
    const dups = await fx.call(
      "GET",
      `${fx.company}/salesOrders?$filter=${encodeURIComponent("externalDocumentNumber eq '#DUP'")}`,
    );
    expect(dups.body.value.map((o: any) => o.number)).toEqual(["S-ORD101001", "S-ORD101002"]);
  });

  it("requires If-Match on PATCH: 400 without, 412 when stale, 200 and a new etag when current", async () => {
    const order = (await fx.call("POST", `${fx.company}/salesOrders`, { body: orderBody("#2001") })).body;
    const url = `${fx.company}/salesOrders(${order.id})`;
    const missing = await fx.call("PATCH", url, { body: { externalDocumentNumber: "#2001-A" } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("BadRequest_InvalidToken");
    expect(missing.body.error.message).toContain("Could not validate the client concurrency token");
    const ok = await fx.call("PATCH", url, {
      body: { externalDocumentNumber: "#2001-A", discountAmount: 5 },
      headers: { "If-Match": order["@odata.etag"] },
    });
    expect(ok.status).toBe(200);
    expect(ok.body["@odata.etag"]).not.toBe(order["@odata.etag"]);
    expect(ok.body).toMatchObject({
      externalDocumentNumber: "#2001-A",
      discountAmount: 5,
      totalAmountExcludingTax: 30,
    });
    const stale = await fx.call("PATCH", url, {
      body: { email: "x@y.z" },
      headers: { "If-Match": order["@odata.etag"] },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe("Request_EntityChanged");
    const star = await fx.call("PATCH", url, { body: { email: "x@y.z" }, headers: { "If-Match": "*" } });
    expect(star.status).toBe(200);
  });

  it("shipAndInvoice posts a shipment and an invoice with the same externalDocumentNumber and deletes the order", async () => {
    const order = (await fx.call("POST", `${fx.company}/salesOrders`, { body: orderBody("#3001") })).body;
    const before = fx.sandbox.company(TENANT, ENV, COMPANY_ID).items.get(items[0].id)!.inventory;
    const res = await fx.call("POST", `${fx.company}/salesOrders(${order.id})/Microsoft.NAV.shipAndInvoice`);
    expect(res.status).toBe(204);
    expect((await fx.call("GET", `${fx.company}/salesOrders(${order.id})`)).status).toBe(404);
    const filter = "?$filter=externalDocumentNumber eq '%233001'";
    expect((await fx.call("GET", `${fx.company}/salesOrders${filter}`)).body.value).toEqual([]);
    const shipments = (await fx.call("GET", `${fx.company}/salesShipments${filter}&$expand=salesShipmentLines`)).body
      .value;
    expect(shipments).toEqual([
      expect.objectContaining({ orderNumber: order.number, externalDocumentNumber: "#3001" }),
    ]);
    expect(shipments[0].salesShipmentLines.map((l: any) => l.quantity)).toEqual([2, 1]);
    const invoices = (await fx.call("GET", `${fx.company}/salesInvoices${filter}`)).body.value;
    expect(invoices).toEqual([
      expect.objectContaining({
        orderNumber: order.number,
        status: "Open",
        totalAmountIncludingTax: 35,
        remainingAmount: 35,
      }),
    ]);
    expect(fx.sandbox.company(TENANT, ENV, COMPANY_ID).items.get(items[0].id)!.inventory).toBe(before - 2);
  });

  it("postShipment exposes tracking through the custom shipmentTrackings page", async () => {
    const order = (await fx.call("POST", `${fx.company}/salesOrders`, { body: orderBody("#4001") })).body;
    const shipment = fx.sandbox.postShipment(TENANT, ENV, COMPANY_ID, order.id, {
      packageTrackingNumber: "1Z999AA10123456784",
      shippingAgentCode: "UPS",
      shippingAgentServiceCode: "GROUND",
    });
    const tracking = await fx.call("GET", `${fx.custom}/shipmentTrackings?$filter=orderNumber eq '${order.number}'`);
    expect(tracking.body.value).toEqual([
      expect.objectContaining({
        id: shipment.id,
        shipmentNumber: shipment.number,
        externalDocumentNumber: "#4001",
        packageTrackingNumber: "1Z999AA10123456784",
        shippingAgentCode: "UPS",
      }),
    ]);
    const reread = (await fx.call("GET", `${fx.company}/salesOrders(${order.id})`)).body;
    expect(reread.fullyShipped).toBe(true);
  });

  it("posts a draft invoice created by deep insert", async () => {
    const inv = await fx.call("POST", `${fx.company}/salesInvoices`, {
      body: {
        customerNumber: "C00020",
        externalDocumentNumber: "#5001",
        salesInvoiceLines: [{ lineType: "Item", itemId: items[2].id, quantity: 3 }],
      },
    });
    expect(inv.status).toBe(201);
    expect(inv.body).toMatchObject({ number: "S-INV102001", status: "Draft" });
    expect((await fx.call("POST", `${fx.company}/salesInvoices(${inv.body.id})/Microsoft.NAV.post`)).status).toBe(204);
    const posted = (await fx.call("GET", `${fx.company}/salesInvoices(${inv.body.id})`)).body;
    expect(posted).toMatchObject({
      status: "Open",
      totalAmountIncludingTax: Math.round(items[2].unitPrice * 300) / 100,
    });
  });

  it("expands lines on a collection GET and re-totals the order when a line changes or is deleted", async () => {
    const order = (await fx.call("POST", `${fx.company}/salesOrders`, { body: orderBody("#6001") })).body;
    const list = await fx.call(
      "GET",
      `${fx.company}/salesOrders?$filter=id eq ${order.id}&$expand=salesOrderLines($select=sequence,quantity;$orderby=sequence desc)`,
    );
    const lines = list.body.value[0].salesOrderLines;
    expect(lines.map((l: any) => l.sequence)).toEqual([20000, 10000]);
    const line = (await fx.call("GET", `${fx.company}/salesOrders(${order.id})/salesOrderLines`)).body.value[0];
    const url = `${fx.company}/salesOrders(${order.id})/salesOrderLines(${line.id})`;
    const patched = await fx.call("PATCH", url, {
      body: { quantity: 5 },
      headers: { "If-Match": line["@odata.etag"] },
    });
    expect(patched.body).toMatchObject({ quantity: 5, amountExcludingTax: 50 });
    expect((await fx.call("GET", `${fx.company}/salesOrders(${order.id})`)).body.totalAmountExcludingTax).toBe(65);
    expect((await fx.call("DELETE", url)).status).toBe(400);
    expect((await fx.call("DELETE", url, { headers: { "If-Match": "*" } })).status).toBe(204);
    expect((await fx.call("GET", `${fx.company}/salesOrders(${order.id})`)).body.totalAmountExcludingTax).toBe(15);
  });

  it("adds customer payments to the cash receipt journal", async () => {
    const journal = (await fx.call("GET", `${fx.company}/customerPaymentJournals`)).body.value[0];
    const res = await fx.call("POST", `${fx.company}/customerPaymentJournals(${journal.id})/customerPayments`, {
      body: { customerNumber: "C00010", amount: -35, externalDocumentNumber: "#1001" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ journalId: journal.id, lineNumber: 10000, customerId: customer.id, amount: -35 });
  });
});
