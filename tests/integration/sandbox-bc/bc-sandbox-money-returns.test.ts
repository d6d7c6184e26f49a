import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type BcFixture, COMPANY_ID, ENV, startBcSandbox, TENANT } from "./bc-fixture.ts";

const RETURN_ORDER_PROPERTIES = [
  "id",
  "number",
  "externalDocumentNumber",
  "documentDate",
  "postingDate",
  "dueDate",
  "sellToCustomerNumber",
  "sellToCustomerName",
  "billToName",
  "billToCustomerNumber",
  "shipToName",
  "shipToContact",
  "sellToAddress",
  "sellToAddress2",
  "sellToCity",
  "sellToCountryRegionCode",
  "sellToCounty",
  "sellToPostCode",
  "shipToAddress",
  "shipToAddress2",
  "shipToCity",
  "shipToCountryRegionCode",
  "shipToCounty",
  "shipToPostCode",
  "billToAddress",
  "billToAddress2",
  "billToCity",
  "billToCountryRegionCode",
  "billToCounty",
  "billToPostCode",
  "currencyCode",
  "pricesIncludingVAT",
  "paymentTermsCode",
  "shipmentMethodCode",
  "salespersonCode",
  "orderDate",
  "requestedDeliveryDate",
  "yourReference",
  "locationCode",
  "shortcutDimension1Code",
  "shortcutDimension2Code",
  "customerPostingGroup",
  "genBusPostingGroup",
  "vatBusPostingGroup",
  "sellToContact",
  "billToContact",
  "responsibilityCenter",
  "status",
  "lastModifiedDateTime",
];
const RETURN_ORDER_LINE_PROPERTIES = [
  "id",
  "documentType",
  "documentNumber",
  "sequence",
  "lineType",
  "lineObjectNumber",
  "description",
  "description2",
  "unitOfMeasureCode",
  "quantity",
  "unitPrice",
  "lineDiscountPercent",
  "lineDiscountAmount",
  "lineAmount",
  "taxPercent",
  "amountIncludingTax",
  "returnQtyToReceive",
  "returnQtyReceived",
  "shortcutDimension1Code",
  "shortcutDimension2Code",
  "lastModifiedDateTime",
];
const props = (row: Record<string, unknown>) => Object.keys(row).filter((k) => !k.startsWith("@odata."));

/** Return orders: API v2.0 reads them (read-only page), the companion page creates and posts them. */
describe("BC sandbox sales return orders", () => {
  let fx: BcFixture;
  let customer: any;
  let item: any;
  let invoice: any;

  beforeEach(async () => {
    fx = await startBcSandbox({ products: 1 });
    customer = (await fx.call("GET", `${fx.company}/customers?$top=1`)).body.value[0];
    item = (await fx.call("GET", `${fx.company}/items?$top=1`)).body.value[0];
    const created = await fx.call("POST", `${fx.company}/salesInvoices`, {
      body: {
        customerId: customer.id,
        salesInvoiceLines: [{ lineType: "Item", itemId: item.id, quantity: 3, unitPrice: 10 }],
      },
    });
    await fx.call("POST", `${fx.company}/salesInvoices(${created.body.id})/Microsoft.NAV.post`);
    invoice = (await fx.call("GET", `${fx.company}/salesInvoices(${created.body.id})`)).body;
  });
  afterEach(async () => {
    await fx.sandbox.close();
  });

  const create = () =>
    fx.call("POST", `${fx.custom}/returnOrders?$expand=returnOrderLines`, {
      body: {
        customerId: customer.id,
        externalDocumentNumber: "#1001-RET1",
        invoiceId: invoice.id,
        locationCode: "MAIN",
        returnOrderLines: [
          { lineType: "Item", itemId: item.id, quantity: 2, unitPrice: 10 },
          { lineType: "Account", lineObjectNumber: "6920", quantity: 1, unitPrice: -3, description: "Restocking fee" },
        ],
      },
    });

  it("creates one through the companion page; API v2.0 shows it read-only with its page's properties", async () => {
    const res = await create();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      number: "S-RETORD1001",
      customerNumber: customer.number,
      invoiceNumber: invoice.number,
      locationCode: "MAIN",
      totalAmountIncludingTax: 17,
      status: "Open",
    });
    const main = (await fx.call("GET", `${fx.company}/locations?$filter=code eq 'MAIN'`)).body.value[0];
    expect(res.body.returnOrderLines.map((l: any) => [l.lineType, l.locationId, l.returnQtyToReceive])).toEqual([
      ["Item", main.id, 2],
      ["Account", main.id, 1],
    ]);
    const v2 = await fx.call("GET", `${fx.company}/salesReturnOrders(${res.body.id})?$expand=salesReturnOrderLines`);
    expect(v2.status).toBe(200);
    expect(props(v2.body).filter((k) => k !== "salesReturnOrderLines")).toEqual(RETURN_ORDER_PROPERTIES);
    expect(v2.body).toMatchObject({
      sellToCustomerNumber: customer.number,
      sellToCity: customer.city,
      locationCode: "MAIN",
    });
    for (const line of v2.body.salesReturnOrderLines) expect(props(line)).toEqual(RETURN_ORDER_LINE_PROPERTIES);
    expect(
      v2.body.salesReturnOrderLines.map((l: any) => [l.documentType, l.documentNumber, l.lineType, l.lineAmount]),
    ).toEqual([
      ["Return Order", "S-RETORD1001", "Item", 20],
      ["Return Order", "S-RETORD1001", "G/L Account", -3],
    ]);
    const write = await fx.call("POST", `${fx.company}/salesReturnOrders`, { body: { customerId: customer.id } });
    expect(write.status).toBe(405);
    const patch = await fx.call("PATCH", `${fx.company}/salesReturnOrders(${res.body.id})`, {
      body: { externalDocumentNumber: "x" },
      headers: { "If-Match": "*" },
    });
    expect(patch.status).toBe(405);
  });

  it("receiveAndCredit brings the items back, posts a credit memo applied to the invoice and removes the order", async () => {
    const order = (await create()).body;
    const before = (await fx.call("GET", `${fx.company}/items(${item.id})`)).body.inventory;
    const res = await fx.call("POST", `${fx.custom}/returnOrders(${order.id})/Microsoft.NAV.receiveAndCredit`);
    expect(res.status).toBe(204);
    expect((await fx.call("GET", `${fx.company}/items(${item.id})`)).body.inventory).toBe(before + 2);
    const entries = fx.sandbox
      .company(TENANT, ENV, COMPANY_ID)
      .itemLedgerEntries.filter((e) => e.documentType === "Sales Return Receipt");
    expect(entries.map((e) => [e.documentNumber, e.quantity, e.locationCode])).toEqual([["S-RCPT1001", 2, "MAIN"]]);
    const filter = encodeURIComponent("externalDocumentNumber eq '#1001-RET1'");
    const memo = (await fx.call("GET", `${fx.company}/salesCreditMemos?$filter=${filter}&$expand=salesCreditMemoLines`))
      .body.value[0];
    expect(memo).toMatchObject({ status: "Paid", invoiceNumber: invoice.number, totalAmountIncludingTax: 17 });
    expect(memo.salesCreditMemoLines).toHaveLength(2);
    expect((await fx.call("GET", `${fx.company}/salesInvoices(${invoice.id})`)).body.remainingAmount).toBe(13);
    expect((await fx.call("GET", `${fx.custom}/returnOrders(${order.id})`)).status).toBe(404);
    expect((await fx.call("GET", `${fx.company}/salesReturnOrderLines`)).body.value).toEqual([]);
    // Only the receipt moved stock: the credit memo posted no second item entry.
    const data = fx.sandbox.company(TENANT, ENV, COMPANY_ID);
    expect(data.itemLedgerEntries.filter((e) => e.documentNumber === memo.number)).toEqual([]);
  });

  it("validates the customer, invoice, location and lines before writing; lines follow If-Match", async () => {
    const bad = async (body: unknown) => {
      const res = await fx.call("POST", `${fx.custom}/returnOrders`, { body });
      expect(res.status).toBe(400);
      return res.body.error.message as string;
    };
    expect(await bad({ customerNumber: "NOPE" })).toContain("The Customer does not exist.");
    expect(await bad({ customerId: customer.id, invoiceId: "00000000-0000-0000-0000-0000000000aa" })).toContain(
      'The "invoiceId" does not match to an Invoice.',
    );
    expect(await bad({ customerId: customer.id, locationCode: "NOWHERE" })).toContain("The Location does not exist.");
    expect(
      await bad({
        customerId: customer.id,
        returnOrderLines: [{ lineType: "Account", lineObjectNumber: "2920", quantity: 1 }],
      }),
    ).toContain("Direct Posting must be equal to 'Yes'");
    expect((await fx.call("GET", `${fx.custom}/returnOrders`)).body.value).toEqual([]);
    const order = (await create()).body;
    const line = order.returnOrderLines[0];
    const url = `${fx.custom}/returnOrderLines(${line.id})`;
    expect((await fx.call("PATCH", url, { body: { quantity: 1 } })).status).toBe(400);
    const ok = await fx.call("PATCH", url, { body: { quantity: 1 }, headers: { "If-Match": line["@odata.etag"] } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ quantity: 1, returnQtyToReceive: 1 });
    expect(
      (await fx.call("PATCH", url, { body: { quantity: 2 }, headers: { "If-Match": line["@odata.etag"] } })).status,
    ).toBe(412);
  });
});
