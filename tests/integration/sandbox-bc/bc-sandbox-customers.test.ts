import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { BC_API_V2_PROPERTIES } from "./bc-api-v2-properties.ts";
import { type BcFixture, startBcSandbox } from "./bc-fixture.ts";

/** API v2.0 customers as APIV2Customers.Page.al shows them (page 30009), in page order. */
const CUSTOMER_PROPERTIES = BC_API_V2_PROPERTIES.customers;
const EMPTY_GUID = "00000000-0000-0000-0000-000000000000";

let fx: BcFixture;
beforeEach(async () => {
  fx = await startBcSandbox({ products: 1 });
});
afterEach(async () => {
  await fx.sandbox.close();
});

const properties = (row: Record<string, unknown>) => Object.keys(row).filter((k) => !k.startsWith("@odata."));
const termsId = async (code: string) =>
  (await fx.call("GET", `${fx.company}/paymentTerms?$filter=code eq '${code}'`)).body.value[0].id as string;
const post = (body: unknown) => fx.call("POST", `${fx.company}/customers`, { body });

describe("sandbox BC customers", () => {
  it("answers with exactly the API page's properties, terms and methods by id", async () => {
    const fourteen = await termsId("14 DAYS");
    const bank = (await fx.call("GET", `${fx.company}/paymentMethods?$filter=code eq 'BANK'`)).body.value[0].id;
    const created = await post({ displayName: "Adatum Corporation", paymentTermsId: fourteen, paymentMethodId: bank });
    expect(created.status).toBe(201);
    expect(properties(created.body)).toEqual(CUSTOMER_PROPERTIES);
    expect(created.body).toMatchObject({
      number: "C10000",
      type: "Company",
      paymentTermsId: fourteen,
      paymentMethodId: bank,
      shipmentMethodId: EMPTY_GUID,
      blocked: " ",
    });
    const list = await fx.call("GET", `${fx.company}/customers`);
    for (const row of list.body.value) expect(properties(row)).toEqual(CUSTOMER_PROPERTIES);
  });

  it("PATCH with the current etag changes the customer; the old etag is then refused with 412", async () => {
    const created = await post({ displayName: "Trey Research" });
    const url = `${fx.company}/customers(${created.body.id})`;
    const etag = created.headers.get("etag")!;
    expect(created.body["@odata.etag"]).toBe(etag);
    fx.clock.now += 1000;
    const patched = await fx.call("PATCH", url, { body: { city: "Atlanta" }, headers: { "If-Match": etag } });
    expect(patched.status).toBe(200);
    expect(patched.body.city).toBe("Atlanta");
    expect(patched.headers.get("etag")).not.toBe(etag);
    expect(patched.body.lastModifiedDateTime > created.body.lastModifiedDateTime).toBe(true);
    const stale = await fx.call("PATCH", url, { body: { city: "Boston" }, headers: { "If-Match": etag } });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe("Request_EntityChanged");
    expect((await fx.call("GET", url)).body.city).toBe("Atlanta");
    const none = await fx.call("PATCH", url, { body: { city: "Boston" } });
    expect(none.status).toBe(400);
  });

  it("filters on lastModifiedDateTime gt/ge, email, number, phoneNumber and taxRegistrationNumber", async () => {
    const before = (await fx.call("GET", `${fx.company}/customers?$orderby=lastModifiedDateTime desc&$top=1`)).body
      .value[0].lastModifiedDateTime as string;
    fx.clock.now += 60_000;
    const made = await post({
      displayName: "Fabrikam",
      email: "orders@fabrikam.example",
      phoneNumber: "+1 425 555 0100",
      taxRegistrationNumber: "us123456789",
    });
    const at = made.body.lastModifiedDateTime as string;
    const q = async (filter: string) =>
      (await fx.call("GET", `${fx.company}/customers?$filter=${encodeURIComponent(filter)}`)).body.value.map(
        (c: { number: string }) => c.number,
      );
    expect(await q(`lastModifiedDateTime gt ${before}`)).toEqual(["C10000"]);
    expect(await q(`lastModifiedDateTime ge ${at}`)).toEqual(["C10000"]);
    expect(await q(`lastModifiedDateTime gt ${at}`)).toEqual([]);
    expect(await q(`email eq 'orders@fabrikam.example'`)).toEqual(["C10000"]);
    expect(await q(`number eq 'C10000'`)).toEqual(["C10000"]);
    expect(await q(`phoneNumber eq '+1 425 555 0100'`)).toEqual(["C10000"]);
    // VAT Registration No. is upper-cased by its OnValidate.
    expect(await q(`taxRegistrationNumber eq 'US123456789'`)).toEqual(["C10000"]);
  });

  it("refuses what BC refuses: no name, unknown terms, too long, bad e-mail, letters in a phone number", async () => {
    const cases: [unknown, number, string][] = [
      [{ city: "Paris" }, 400, 'A "displayName" must be provided.'],
      [
        { displayName: "X", paymentTermsId: "11111111-1111-1111-1111-111111111111" },
        400,
        'The "paymentTermsId" does not match to a Payment Terms.',
      ],
      [
        { displayName: "x".repeat(101) },
        400,
        "The length of the string is 101, but it must be less than or equal to 100 characters.",
      ],
      [{ displayName: "X", email: `${"a".repeat(75)}@b.com` }, 400, "must be less than or equal to 80 characters"],
      [{ displayName: "X", email: "not-an-address" }, 400, 'The email address "not-an-address" is not valid.'],
      [{ displayName: "X", phoneNumber: "call me" }, 400, "Phone No. must not contain letters in Customer No.=''."],
      [
        { displayName: "X", shoeSize: 42 },
        400,
        "The property 'shoeSize' does not exist on type 'Microsoft.NAV.customer'.",
      ],
    ];
    for (const [body, status, message] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.message).toContain(message);
    }
    const customer = (await post({ displayName: "Kept" })).body;
    const blank = await fx.call("PATCH", `${fx.company}/customers(${customer.id})`, {
      body: { displayName: "" },
      headers: { "If-Match": "*" },
    });
    expect(blank.body.error.message).toContain('The blank "displayName" is not allowed.');
    expect((await fx.call("GET", `${fx.company}/customers?$filter=displayName eq 'X'`)).body.value).toEqual([]);
  });

  it("refuses to delete a customer with a posted invoice, deletes one without", async () => {
    const customer = (await post({ displayName: "Posted" })).body;
    const invoice = await fx.call("POST", `${fx.company}/salesInvoices`, {
      body: {
        customerId: customer.id,
        salesInvoiceLines: [{ lineType: "Account", lineObjectNumber: "6810", quantity: 1, unitPrice: 5 }],
      },
    });
    await fx.call("POST", `${fx.company}/salesInvoices(${invoice.body.id})/Microsoft.NAV.post`);
    // What the posted invoice left open is the customer's balance due.
    expect((await fx.call("GET", `${fx.company}/customers(${customer.id})`)).body.balanceDue).toBe(5);
    const refused = await fx.call("DELETE", `${fx.company}/customers(${customer.id})`, {
      headers: { "If-Match": "*" },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain(
      `You cannot delete Customer ${customer.number} because it has ledger entries in a fiscal year that has not been closed yet.`,
    );
    const other = (await post({ displayName: "Unposted" })).body;
    const deleted = await fx.call("DELETE", `${fx.company}/customers(${other.id})`, { headers: { "If-Match": "*" } });
    expect(deleted.status).toBe(204);
    expect((await fx.call("GET", `${fx.company}/customers(${other.id})`)).status).toBe(404);
  });
});

describe("sandbox BC customerDetails (companion page)", () => {
  it("shows and changes the Customer fields API v2.0 leaves out, on the same record and etag", async () => {
    const customer = await post({ displayName: "Alpine Ski House" });
    const url = `${fx.custom}/customerDetails(${customer.body.id})`;
    const details = await fx.call("GET", url);
    expect(details.status).toBe(200);
    expect(details.headers.get("etag")).toBe(customer.headers.get("etag"));
    expect(properties(details.body)).toEqual([
      "id",
      "number",
      "name2",
      "contact",
      "mobilePhoneNumber",
      "registrationNumber",
      "customerPriceGroup",
      "customerDiscountGroup",
      "pricesIncludingVat",
      "customerPostingGroup",
      "genBusPostingGroup",
      "vatBusPostingGroup",
      "taxAreaCode",
      "paymentTermsCode",
      "shipmentMethodCode",
      "paymentMethodCode",
      "primaryContactNumber",
      "lastModifiedDateTime",
    ]);
    const patched = await fx.call("PATCH", url, {
      body: {
        registrationNumber: "HRB 12345",
        customerPriceGroup: "wholesale",
        pricesIncludingVat: true,
        paymentTermsCode: "30 DAYS",
      },
      headers: { "If-Match": details.headers.get("etag")! },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      registrationNumber: "HRB 12345",
      customerPriceGroup: "WHOLESALE",
      pricesIncludingVat: true,
    });
    const viaApi = await fx.call("GET", `${fx.company}/customers(${customer.body.id})`);
    expect(viaApi.headers.get("etag")).toBe(patched.headers.get("etag"));
    expect(viaApi.body.paymentTermsId).toBe(await termsId("30 DAYS"));
    const stale = await fx.call("PATCH", url, {
      body: { name2: "x" },
      headers: { "If-Match": details.headers.get("etag")! },
    });
    expect(stale.status).toBe(412);
    const long = await fx.call("PATCH", url, {
      body: { registrationNumber: "1".repeat(21) },
      headers: { "If-Match": "*" },
    });
    expect(long.body.error.message).toContain(
      `Registration No. must not have the length more than 20 symbols in Customer No.='${customer.body.number}'.`,
    );
    const terms = await fx.call("PATCH", url, { body: { paymentTermsCode: "99 DAYS" }, headers: { "If-Match": "*" } });
    expect(terms.body.error.message).toContain(
      "The field Payment Terms Code of table Customer contains a value (99 DAYS) that cannot be found in the related table (Payment Terms).",
    );
    expect((await fx.call("POST", `${fx.custom}/customerDetails`, { body: {} })).status).toBe(405);
  });
});
