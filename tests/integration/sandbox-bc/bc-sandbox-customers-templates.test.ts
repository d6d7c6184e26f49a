import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type BcFixture, startBcSandbox } from "./bc-fixture.ts";

let fx: BcFixture;
beforeEach(async () => {
  fx = await startBcSandbox({ products: 1 });
});
afterEach(async () => {
  await fx.sandbox.close();
});

const template = async (code: string) =>
  (await fx.call("GET", `${fx.custom}/customerTemplates?$filter=code eq '${code}'`)).body.value[0];
const apply = (templateId: string, body: unknown) =>
  fx.call("POST", `${fx.custom}/customerTemplates(${templateId})/Microsoft.NAV.applyToCustomer`, { body });
const details = async (id: string) => (await fx.call("GET", `${fx.custom}/customerDetails(${id})`)).body;

describe("sandbox BC customer templates (companion page)", () => {
  it("are seeded with CRONUS' three templates", async () => {
    const rows = (await fx.call("GET", `${fx.custom}/customerTemplates`)).body.value;
    expect(rows.map((t: { code: string }) => t.code)).toEqual([
      "CUSTOMER COMPANY",
      "CUSTOMER EU COMPANY",
      "CUSTOMER PERSON",
    ]);
    expect(await template("CUSTOMER PERSON")).toMatchObject({
      description: "Cash-Payment Customer (Cash)",
      contactType: "Person",
      customerPostingGroup: "DOMESTIC",
      paymentTermsCode: "COD",
      paymentMethodCode: "CASH",
      pricesIncludingVat: true,
      countryRegionCode: "US",
    });
  });

  it("applyToCustomer fills the customer's blank fields from the template and stamps the customer", async () => {
    const customer = await fx.call("POST", `${fx.company}/customers`, {
      body: { displayName: "Web shopper", country: "CA" },
    });
    const person = await template("CUSTOMER PERSON");
    fx.clock.now += 5_000;
    const applied = await apply(person.id, { customerNumber: customer.body.number });
    expect(applied.status).toBe(204);
    const after = await fx.call("GET", `${fx.company}/customers(${customer.body.id})`);
    expect(after.headers.get("etag")).not.toBe(customer.headers.get("etag"));
    expect(after.body.lastModifiedDateTime > customer.body.lastModifiedDateTime).toBe(true);
    const cod = (await fx.call("GET", `${fx.company}/paymentTerms?$filter=code eq 'COD'`)).body.value[0];
    const cash = (await fx.call("GET", `${fx.company}/paymentMethods?$filter=code eq 'CASH'`)).body.value[0];
    // Company (the enum's blank value) took the template's Person; the country was set, so it stays.
    expect(after.body).toMatchObject({
      type: "Person",
      country: "CA",
      paymentTermsId: cod.id,
      paymentMethodId: cash.id,
    });
    expect(await details(customer.body.id)).toMatchObject({
      customerPostingGroup: "DOMESTIC",
      genBusPostingGroup: "DOMESTIC",
      vatBusPostingGroup: "DOMESTIC",
      pricesIncludingVat: true,
    });
    // A sales order now takes the template's terms.
    const order = await fx.call("POST", `${fx.company}/salesOrders`, { body: { customerId: customer.body.id } });
    expect(order.body.paymentTermsId).toBe(cod.id);
  });

  it("keeps the customer's own values unless updateExistingValues; Payment Method Code always follows the template", async () => {
    const fourteen = (await fx.call("GET", `${fx.company}/paymentTerms?$filter=code eq '14 DAYS'`)).body.value[0];
    const customer = (
      await fx.call("POST", `${fx.company}/customers`, {
        body: { displayName: "Own terms", paymentTermsId: fourteen.id },
      })
    ).body;
    await fx.call("PATCH", `${fx.custom}/customerDetails(${customer.id})`, {
      body: { paymentMethodCode: "CARD", customerPostingGroup: "EU" },
      headers: { "If-Match": "*" },
    });
    const company = await template("CUSTOMER COMPANY");
    await apply(company.id, { customerNumber: customer.number });
    expect(await details(customer.id)).toMatchObject({
      paymentTermsCode: "14 DAYS",
      customerPostingGroup: "EU",
      paymentMethodCode: "BANK",
      genBusPostingGroup: "DOMESTIC",
    });
    await apply(company.id, { customerNumber: customer.number, updateExistingValues: true });
    expect(await details(customer.id)).toMatchObject({ paymentTermsCode: "1M(8D)", customerPostingGroup: "DOMESTIC" });
  });

  it("POST/PATCH/DELETE templates, and refuses what BC refuses", async () => {
    const created = await fx.call("POST", `${fx.custom}/customerTemplates`, {
      body: {
        code: "b2b",
        description: "B2B net 30",
        paymentTermsCode: "30 DAYS",
        customerPriceGroup: "WHOLESALE",
        contactType: "Company",
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: "B2B", paymentTermsCode: "30 DAYS", blocked: " ", taxLiable: false });
    const duplicate = await fx.call("POST", `${fx.custom}/customerTemplates`, { body: { code: "B2B" } });
    expect(duplicate.body.error.message).toContain(
      "The record in table Customer Templ. already exists. Identification fields and values: Code='B2B'",
    );
    const badTerms = await fx.call("PATCH", `${fx.custom}/customerTemplates(${created.body.id})`, {
      body: { paymentTermsCode: "99 DAYS" },
      headers: { "If-Match": created.body["@odata.etag"] },
    });
    expect(badTerms.body.error.message).toContain(
      "The field Payment Terms Code of table Customer Templ. contains a value (99 DAYS) that cannot be found in the related table (Payment Terms).",
    );
    const unknownCustomer = await apply(created.body.id, { customerNumber: "NOPE" });
    expect(unknownCustomer.status).toBe(400);
    expect(unknownCustomer.body.error.message).toContain(
      "The Customer does not exist. Identification fields and values: No.='NOPE'",
    );
    const noBody = await apply(created.body.id, {});
    expect(noBody.status).toBe(400);
    expect(
      (await fx.call("DELETE", `${fx.custom}/customerTemplates(${created.body.id})`, { headers: { "If-Match": "*" } }))
        .status,
    ).toBe(204);
    expect(await template("B2B")).toBeUndefined();
    // The standard API has no such entity set.
    expect((await fx.call("GET", `${fx.company}/customerTemplates`)).status).toBe(404);
  });
});
