import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { BC_API_V2_PROPERTIES } from "./bc-api-v2-properties.ts";
import { type BcFixture, COMPANY_ID, ENV, startBcSandbox, TENANT } from "./bc-fixture.ts";

/**
 * Every entity set the sandbox serves answers with the properties Microsoft's API v2.0 page
 * defines and no others: code that reads a property real Business Central lacks would pass here
 * and break there.
 */
let fx: BcFixture;
let orderId: string;
let journalId: string;

const propertiesOf = (row: Record<string, unknown>, navigation: string[] = []) =>
  Object.keys(row).filter((key) => key !== "@odata.etag" && key !== "@odata.context" && !navigation.includes(key));

beforeAll(async () => {
  fx = await startBcSandbox({ products: 2 });
  const customer = (await fx.call("GET", `${fx.company}/customers?$top=1`)).body.value[0];
  const item = (await fx.call("GET", `${fx.company}/items?$top=1`)).body.value[0];
  const lines = [
    { lineType: "Item", itemId: item.id, quantity: 2, unitPrice: 10 },
    { lineType: "Account", lineObjectNumber: "6810", quantity: 1, unitPrice: 4.9 },
  ];
  const order = await fx.call("POST", `${fx.company}/salesOrders`, {
    body: { customerId: customer.id, externalDocumentNumber: "#1001", salesOrderLines: lines },
  });
  expect(order.status).toBe(201);
  orderId = order.body.id;
  fx.sandbox.postShipment(TENANT, ENV, COMPANY_ID, orderId);
  const invoice = await fx.call("POST", `${fx.company}/salesInvoices`, {
    body: { customerId: customer.id, externalDocumentNumber: "#1002", salesInvoiceLines: lines },
  });
  expect(invoice.status).toBe(201);
  // BC's customerPayments page needs its journal (URL or journalId) to insert or list lines.
  journalId = (await fx.call("GET", `${fx.company}/customerPaymentJournals?$top=1`)).body.value[0].id;
  const payment = await fx.call("POST", `${fx.company}/customerPaymentJournals(${journalId})/customerPayments`, {
    body: { customerId: customer.id, amount: -24.9, externalDocumentNumber: "#1001" },
  });
  expect(payment.status).toBe(201);
});

afterAll(async () => {
  await fx.sandbox.close();
});

describe("the sandbox Business Central's properties", () => {
  for (const [entitySet, properties] of Object.entries(BC_API_V2_PROPERTIES)) {
    it(`${entitySet} answers with exactly the API page's properties`, async () => {
      const url =
        entitySet === "companies"
          ? `${fx.sandbox.apiBaseUrl(TENANT, ENV)}/companies`
          : entitySet === "customerPayments"
            ? `${fx.company}/customerPayments?$filter=journalId eq ${journalId}`
            : `${fx.company}/${entitySet}`;
      const res = await fx.call("GET", url);
      expect(res.status).toBe(200);
      expect(res.body.value.length).toBeGreaterThan(0);
      for (const row of res.body.value) expect(propertiesOf(row)).toEqual([...properties]);
    });
  }

  it("expanded lines and single entities have the same properties as their sets", async () => {
    const order = await fx.call("GET", `${fx.company}/salesOrders(${orderId})?$expand=salesOrderLines`);
    expect(propertiesOf(order.body, ["salesOrderLines"])).toEqual([...BC_API_V2_PROPERTIES.salesOrders]);
    for (const line of order.body.salesOrderLines) {
      expect(propertiesOf(line)).toEqual([...BC_API_V2_PROPERTIES.salesOrderLines]);
    }
    const shipments = await fx.call("GET", `${fx.company}/salesShipments?$expand=salesShipmentLines`);
    const [shipment] = shipments.body.value;
    expect(propertiesOf(shipment, ["salesShipmentLines"])).toEqual([...BC_API_V2_PROPERTIES.salesShipments]);
    expect(shipment.salesShipmentLines.length).toBeGreaterThan(0);
    for (const line of shipment.salesShipmentLines) {
      expect(propertiesOf(line)).toEqual([...BC_API_V2_PROPERTIES.salesShipmentLines]);
    }
  });

  it("refuses to select, filter or sort on a property the page lacks, as BC does", async () => {
    const select = await fx.call("GET", `${fx.company}/salesShipments?$select=number,documentDate`);
    expect(select.status).toBe(400);
    expect(select.body.error.message).toContain("Could not find a property named 'documentDate'");
    const filter = await fx.call(
      "GET",
      `${fx.company}/salesOrderLines?$filter=lastModifiedDateTime gt 2020-01-01T00:00:00Z`,
    );
    expect(filter.status).toBe(400);
    expect(filter.body.error.message).toContain("Could not find a property named 'lastModifiedDateTime'");
    const orderby = await fx.call("GET", `${fx.company}/salesShipmentLines?$orderby=lastModifiedDateTime`);
    expect(orderby.status).toBe(400);
  });

  it("shows a shipment's document date as invoiceDate and its customer's id", async () => {
    const [shipment] = (await fx.call("GET", `${fx.company}/salesShipments`)).body.value;
    const order = fx.sandbox.company(TENANT, ENV, COMPANY_ID).salesShipments.all()[0]!;
    expect(shipment.invoiceDate).toBe(order.documentDate);
    const customer = (await fx.call("GET", `${fx.company}/customers?$filter=number eq '${shipment.customerNumber}'`))
      .body.value[0];
    expect(shipment.customerId).toBe(customer.id);
  });
});
