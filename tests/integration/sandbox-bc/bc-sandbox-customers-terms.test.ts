import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type BcFixture, COMPANY_ID, ENV, startBcSandbox, TENANT } from "./bc-fixture.ts";

let fx: BcFixture;
let itemId: string;
beforeEach(async () => {
  fx = await startBcSandbox({ products: 1 });
  itemId = (await fx.call("GET", `${fx.company}/items?$top=1`)).body.value[0].id;
});
afterEach(async () => {
  await fx.sandbox.close();
});

const properties = (row: Record<string, unknown>) => Object.keys(row).filter((k) => !k.startsWith("@odata."));
const byCode = async (set: string, code: string) =>
  (await fx.call("GET", `${fx.company}/${set}?$filter=code eq '${encodeURIComponent(code)}'`)).body.value[0];

describe("sandbox BC payment terms, payment methods and shipment methods", () => {
  it("are seeded as a CRONUS company has them, with the API page's properties", async () => {
    const terms = (await fx.call("GET", `${fx.company}/paymentTerms`)).body.value;
    expect(terms.map((t: { code: string }) => t.code)).toEqual([
      "10 DAYS",
      "14 DAYS",
      "15 DAYS",
      "1M(8D)",
      "2 DAYS",
      "21 DAYS",
      "30 DAYS",
      "60 DAYS",
      "7 DAYS",
      "CM",
      "COD",
    ]);
    expect(properties(terms[0])).toEqual([
      "id",
      "code",
      "displayName",
      "dueDateCalculation",
      "discountDateCalculation",
      "discountPercent",
      "calculateDiscountOnCreditMemos",
      "lastModifiedDateTime",
    ]);
    expect(await byCode("paymentTerms", "1M(8D)")).toMatchObject({
      displayName: "1 Month/2% 8 days",
      dueDateCalculation: "1M",
      discountDateCalculation: "8D",
      discountPercent: 2,
      calculateDiscountOnCreditMemos: false,
    });
    const methods = (await fx.call("GET", `${fx.company}/paymentMethods`)).body.value;
    expect(methods.map((m: { code: string }) => m.code)).toContain("CASH");
    expect(properties(methods[0])).toEqual(["id", "code", "displayName", "lastModifiedDateTime"]);
    expect((await byCode("shipmentMethods", "PICKUP")).displayName).toBe("Pickup at Location");
  });

  it("POST/PATCH/DELETE a payment term; a duplicate code and a bad formula are refused", async () => {
    const created = await fx.call("POST", `${fx.company}/paymentTerms`, {
      body: { code: "45 days", displayName: "Net 45 days", dueDateCalculation: "<45D>" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: "45 DAYS", dueDateCalculation: "45D", discountDateCalculation: "" });
    const duplicate = await fx.call("POST", `${fx.company}/paymentTerms`, { body: { code: "14 DAYS" } });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.message).toContain(
      "The record in table Payment Terms already exists. Identification fields and values: Code='14 DAYS'",
    );
    const bad = await fx.call("PATCH", `${fx.company}/paymentTerms(${created.body.id})`, {
      body: { dueDateCalculation: "forty five" },
      headers: { "If-Match": created.body["@odata.etag"] },
    });
    expect(bad.status).toBe(400);
    const renamed = await fx.call("PATCH", `${fx.company}/paymentTerms(${created.body.id})`, {
      body: { code: "45D" },
      headers: { "If-Match": created.body["@odata.etag"] },
    });
    expect(renamed.status).toBe(200);
    expect(
      (await fx.call("DELETE", `${fx.company}/paymentTerms(${created.body.id})`, { headers: { "If-Match": "*" } }))
        .status,
    ).toBe(204);
    expect(await byCode("paymentTerms", "45D")).toBeUndefined();
  });

  it("payment and shipment methods are writable; a duplicate code and a too long description are refused", async () => {
    const method = await fx.call("POST", `${fx.company}/paymentMethods`, {
      body: { code: "shopify", displayName: "Shopify Payments" },
    });
    expect(method.status).toBe(201);
    expect(method.body.code).toBe("SHOPIFY");
    const again = await fx.call("POST", `${fx.company}/paymentMethods`, { body: { code: "SHOPIFY" } });
    expect(again.body.error.message).toContain(
      "The record in table Payment Method already exists. Identification fields and values: Code='SHOPIFY'",
    );
    const shipment = await fx.call("POST", `${fx.company}/shipmentMethods`, {
      body: { code: "EXPRESS", displayName: "Express" },
    });
    expect(shipment.status).toBe(201);
    const long = await fx.call("PATCH", `${fx.company}/shipmentMethods(${shipment.body.id})`, {
      body: { displayName: "x".repeat(51) },
      headers: { "If-Match": shipment.body["@odata.etag"] },
    });
    expect(long.body.error.message).toContain("must be less than or equal to 50 characters");
    const noCode = await fx.call("POST", `${fx.company}/shipmentMethods`, { body: { displayName: "Nameless" } });
    expect(noCode.body.error.message).toContain("Code must have a value in Shipment Method");
    expect(
      (await fx.call("DELETE", `${fx.company}/shipmentMethods(${shipment.body.id})`, { headers: { "If-Match": "*" } }))
        .status,
    ).toBe(204);
  });

  it("a sales order for a customer takes the customer's payment terms and shipment method unless the body names others", async () => {
    const fourteen = await byCode("paymentTerms", "14 DAYS");
    const pickup = await byCode("shipmentMethods", "PICKUP");
    const customer = (
      await fx.call("POST", `${fx.company}/customers`, {
        body: { displayName: "Terms Customer", paymentTermsId: fourteen.id, shipmentMethodId: pickup.id },
      })
    ).body;
    const lines = [{ lineType: "Item", itemId, quantity: 1, unitPrice: 10 }];
    const order = await fx.call("POST", `${fx.company}/salesOrders`, {
      body: { customerId: customer.id, salesOrderLines: lines },
    });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ paymentTermsId: fourteen.id, shipmentMethodId: pickup.id });
    const cod = await byCode("paymentTerms", "COD");
    const other = await fx.call("POST", `${fx.company}/salesOrders`, {
      body: { customerId: customer.id, paymentTermsId: cod.id, salesOrderLines: lines },
    });
    expect(other.body.paymentTermsId).toBe(cod.id);
    const unknown = await fx.call("POST", `${fx.company}/salesOrders`, {
      body: { customerId: customer.id, paymentTermsId: "22222222-2222-2222-2222-222222222222" },
    });
    expect(unknown.body.error.message).toContain('The "paymentTermsId" does not match to a Payment Terms.');

    // Posted: the shipment shows the order's terms and the due date they give; so does the invoice.
    fx.sandbox.postShipment(TENANT, ENV, COMPANY_ID, order.body.id);
    const shipment = (
      await fx.call("GET", `${fx.company}/salesShipments?$filter=orderNumber eq '${order.body.number}'`)
    ).body.value[0];
    expect(shipment).toMatchObject({
      paymentTermsCode: "14 DAYS",
      shipmentMethodCode: "PICKUP",
      invoiceDate: "2026-03-01",
      dueDate: "2026-03-15",
    });
    expect(
      (await fx.call("POST", `${fx.company}/salesOrders(${order.body.id})/Microsoft.NAV.shipAndInvoice`)).status,
    ).toBe(204);
    const invoice = (await fx.call("GET", `${fx.company}/salesInvoices?$filter=orderNumber eq '${order.body.number}'`))
      .body.value[0];
    expect(invoice).toMatchObject({ paymentTermsId: fourteen.id, invoiceDate: "2026-03-01", dueDate: "2026-03-15" });
  });

  it("a sales invoice is due by its terms; changing the terms or the date moves the due date", async () => {
    const cm = await byCode("paymentTerms", "CM");
    const month = await byCode("paymentTerms", "1M(8D)");
    const customer = (
      await fx.call("POST", `${fx.company}/customers`, { body: { displayName: "Monthly", paymentTermsId: cm.id } })
    ).body;
    const invoice = await fx.call("POST", `${fx.company}/salesInvoices`, {
      body: { customerId: customer.id, invoiceDate: "2026-02-10" },
    });
    expect(invoice.body).toMatchObject({ paymentTermsId: cm.id, dueDate: "2026-02-28" });
    const patched = await fx.call("PATCH", `${fx.company}/salesInvoices(${invoice.body.id})`, {
      body: { paymentTermsId: month.id },
      headers: { "If-Match": invoice.body["@odata.etag"] },
    });
    expect(patched.body.dueDate).toBe("2026-03-10");
    const redated = await fx.call("PATCH", `${fx.company}/salesInvoices(${invoice.body.id})`, {
      body: { invoiceDate: "2026-01-31" },
      headers: { "If-Match": patched.body["@odata.etag"] },
    });
    expect(redated.body.dueDate).toBe("2026-02-28");
    const explicit = await fx.call("POST", `${fx.company}/salesInvoices`, {
      body: { customerId: customer.id, invoiceDate: "2026-02-10", dueDate: "2026-04-01" },
    });
    expect(explicit.body.dueDate).toBe("2026-04-01");
    // A seeded customer has no terms: due on the invoice date, as before.
    const seeded = (await fx.call("GET", `${fx.company}/customers?$filter=number eq 'C00010'`)).body.value[0];
    const plain = await fx.call("POST", `${fx.company}/salesInvoices`, {
      body: { customerId: seeded.id, invoiceDate: "2026-02-10" },
    });
    expect(plain.body).toMatchObject({ dueDate: "2026-02-10", paymentTermsId: "00000000-0000-0000-0000-000000000000" });
  });

  it("renaming a payment term carries the new code to its customers", async () => {
    const seven = await byCode("paymentTerms", "7 DAYS");
    const customer = (
      await fx.call("POST", `${fx.company}/customers`, { body: { displayName: "Weekly", paymentTermsId: seven.id } })
    ).body;
    await fx.call("PATCH", `${fx.company}/paymentTerms(${seven.id})`, {
      body: { code: "WEEK" },
      headers: { "If-Match": "*" },
    });
    const details = (await fx.call("GET", `${fx.custom}/customerDetails(${customer.id})`)).body;
    expect(details.paymentTermsCode).toBe("WEEK");
    expect((await fx.call("GET", `${fx.company}/customers(${customer.id})`)).body.paymentTermsId).toBe(seven.id);
  });
});
