import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type BcFixture, startBcSandbox } from "./bc-fixture.ts";

/** APIV2Contacts.Page.al (page 30071), in page order. */
const CONTACT_PROPERTIES = [
  "id",
  "number",
  "type",
  "displayName",
  "jobTitle",
  "companyNumber",
  "companyName",
  "contactBusinessRelation",
  "addressLine1",
  "addressLine2",
  "city",
  "state",
  "country",
  "postalCode",
  "phoneNumber",
  "mobilePhoneNumber",
  "email",
  "website",
  "searchName",
  "privacyBlocked",
  "taxRegistrationNumber",
  "lastInteractionDate",
  "lastModifiedDateTime",
];
/** APIV2ContactsInformation.Page.al (page 30072): keyed by contactId. */
const CONTACT_INFORMATION_PROPERTIES = [
  "contactId",
  "contactNumber",
  "contactName",
  "contactType",
  "relatedId",
  "relatedType",
];

let fx: BcFixture;
beforeEach(async () => {
  fx = await startBcSandbox({ products: 1 });
});
afterEach(async () => {
  await fx.sandbox.close();
});

const properties = (row: Record<string, unknown>) => Object.keys(row).filter((k) => !k.startsWith("@odata."));
const contactByNumber = async (number: string) =>
  (await fx.call("GET", `${fx.company}/contacts?$filter=number eq '${number}'`)).body.value[0];

async function companyCustomer() {
  const customer = await fx.call("POST", `${fx.company}/customers`, {
    body: {
      displayName: "Contoso Retail",
      type: "Company",
      addressLine1: "1 Main St",
      city: "Seattle",
      phoneNumber: "555-0100",
    },
  });
  expect(customer.status).toBe(201);
  return customer.body;
}

describe("sandbox BC contacts", () => {
  it("creating a customer creates its company contact with business relation Customer", async () => {
    const before = (await fx.call("GET", `${fx.company}/contacts?$count=true`)).body["@odata.count"];
    const customer = await companyCustomer();
    const contacts = (await fx.call("GET", `${fx.company}/contacts?$filter=displayName eq 'Contoso Retail'`)).body
      .value;
    expect(contacts).toHaveLength(1);
    const [contact] = contacts;
    expect(properties(contact)).toEqual(CONTACT_PROPERTIES);
    expect(contact).toMatchObject({
      type: "Company",
      companyNumber: contact.number,
      companyName: "Contoso Retail",
      contactBusinessRelation: "Customer",
      addressLine1: "1 Main St",
      city: "Seattle",
      phoneNumber: "555-0100",
      searchName: "CONTOSO RETAIL",
      lastInteractionDate: "0001-01-01",
    });
    expect(contact.number).toMatch(/^CT\d{6}$/);
    expect((await fx.call("GET", `${fx.company}/contacts?$count=true`)).body["@odata.count"]).toBe(before + 1);
    const info = await fx.call("GET", `${fx.company}/customers(${customer.id})/contactsInformation`);
    expect(info.status).toBe(200);
    expect(info.body.value.map(properties)).toEqual([CONTACT_INFORMATION_PROPERTIES]);
    expect(info.body.value[0]).toMatchObject({
      contactId: contact.id,
      contactType: "Company",
      relatedId: customer.id,
      relatedType: "Customer",
    });
  });

  it("a Person contact POSTed with companyNumber belongs to the customer and inherits the company's details", async () => {
    const customer = await companyCustomer();
    const company = (await fx.call("GET", `${fx.company}/customers(${customer.id})/contactsInformation`)).body.value[0];
    const person = await fx.call("POST", `${fx.company}/contacts`, {
      body: {
        type: "Person",
        displayName: "Ana Trujillo",
        jobTitle: "Buyer",
        companyNumber: company.contactNumber,
        email: "ana@contoso.example",
      },
    });
    expect(person.status).toBe(201);
    expect(person.body).toMatchObject({
      type: "Person",
      companyNumber: company.contactNumber,
      companyName: "Contoso Retail",
      contactBusinessRelation: "Customer",
      addressLine1: "1 Main St",
      email: "ana@contoso.example",
      jobTitle: "Buyer",
    });
    const info = await fx.call(
      "GET",
      `${fx.company}/customers(${customer.id})/contactsInformation?$orderby=contactNumber`,
    );
    expect(
      info.body.value.map((r: { contactName: string; contactType: string }) => [r.contactName, r.contactType]),
    ).toEqual([
      ["Contoso Retail", "Company"],
      ["Ana Trujillo", "Person"],
    ]);
    const expanded = await fx.call("GET", `${fx.company}/customers(${customer.id})?$expand=contactsInformation`);
    expect(expanded.body.contactsInformation).toHaveLength(2);
    // A person on its own has no business relation.
    const loner = await fx.call("POST", `${fx.company}/contacts`, {
      body: { type: "Person", displayName: "Lone Wolf" },
    });
    expect(loner.body).toMatchObject({ companyNumber: "", contactBusinessRelation: "None" });
  });

  it("keeps customer and contact in step both ways, and moves the etag of what it changes", async () => {
    const customer = await companyCustomer();
    const contact = (await fx.call("GET", `${fx.company}/contacts?$filter=displayName eq 'Contoso Retail'`)).body
      .value[0];
    const changed = await fx.call("PATCH", `${fx.company}/customers(${customer.id})`, {
      body: { displayName: "Contoso Retail Ltd", email: "ap@contoso.example" },
      headers: { "If-Match": customer["@odata.etag"] },
    });
    expect(changed.status).toBe(200);
    const afterCustomer = await contactByNumber(contact.number);
    expect(afterCustomer).toMatchObject({
      displayName: "Contoso Retail Ltd",
      companyName: "Contoso Retail Ltd",
      email: "ap@contoso.example",
    });
    expect(afterCustomer["@odata.etag"]).not.toBe(contact["@odata.etag"]);
    const back = await fx.call("PATCH", `${fx.company}/contacts(${contact.id})`, {
      body: { city: "Redmond" },
      headers: { "If-Match": afterCustomer["@odata.etag"] },
    });
    expect(back.status).toBe(200);
    const reread = await fx.call("GET", `${fx.company}/customers(${customer.id})`);
    expect(reread.body.city).toBe("Redmond");
    expect(reread.headers.get("etag")).not.toBe(changed.headers.get("etag"));
  });

  it("refuses a contact without a name, a company number that is no company, and a company under a company", async () => {
    const customer = await companyCustomer();
    const company = (await fx.call("GET", `${fx.company}/customers(${customer.id})/contactsInformation`)).body.value[0];
    const noName = await fx.call("POST", `${fx.company}/contacts`, { body: { type: "Person" } });
    expect(noName.body.error.message).toContain('A "displayName" must be provided.');
    const unknown = await fx.call("POST", `${fx.company}/contacts`, {
      body: { type: "Person", displayName: "P", companyNumber: "CT999999" },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain(
      "The field Company No. of table Contact contains a value (CT999999) that cannot be found in the related table (Contact).",
    );
    const companyUnderCompany = await fx.call("POST", `${fx.company}/contacts`, {
      body: { type: "Company", displayName: "Sub", number: "CTSUB", companyNumber: company.contactNumber },
    });
    expect(companyUnderCompany.body.error.message).toContain(
      "Type must be equal to 'Person'  in Contact: No.=CTSUB. Current value is 'Company'.",
    );
    const duplicate = await fx.call("POST", `${fx.company}/contacts`, {
      body: { displayName: "Again", number: company.contactNumber },
    });
    expect(duplicate.body.error.code).toBe("Internal_EntityWithSameKeyExists");
    const all = await fx.call("GET", `${fx.company}/contactsInformation`);
    expect(all.status).toBe(400);
    expect(all.body.error.message).toContain("id type not specified.");
    const filtered = await fx.call(
      "GET",
      `${fx.company}/contactsInformation?$filter=${encodeURIComponent(`relatedId eq ${customer.id} and relatedType eq 'Customer'`)}`,
    );
    expect(filtered.status).toBe(200);
    expect(filtered.body.value.map((r: { relatedId: string }) => r.relatedId)).toEqual([customer.id]);
  });

  it("deleting the customer keeps its contact, now with business relation None; deleting a company takes its persons", async () => {
    const customer = await companyCustomer();
    const company = (await fx.call("GET", `${fx.company}/customers(${customer.id})/contactsInformation`)).body.value[0];
    const person = (
      await fx.call("POST", `${fx.company}/contacts`, {
        body: { type: "Person", displayName: "P", companyNumber: company.contactNumber },
      })
    ).body;
    expect(
      (await fx.call("DELETE", `${fx.company}/customers(${customer.id})`, { headers: { "If-Match": "*" } })).status,
    ).toBe(204);
    expect((await contactByNumber(company.contactNumber)).contactBusinessRelation).toBe("None");
    expect((await contactByNumber(person.number)).contactBusinessRelation).toBe("None");
    const removed = await fx.call("DELETE", `${fx.company}/contacts(${company.contactId})`, {
      headers: { "If-Match": "*" },
    });
    expect(removed.status).toBe(204);
    expect(await contactByNumber(person.number)).toBeUndefined();
  });

  it("renaming a company contact keeps its persons and its customer with it", async () => {
    const customer = await companyCustomer();
    const company = (await fx.call("GET", `${fx.company}/customers(${customer.id})/contactsInformation`)).body.value[0];
    const person = (
      await fx.call("POST", `${fx.company}/contacts`, {
        body: { type: "Person", displayName: "P", companyNumber: company.contactNumber },
      })
    ).body;
    const renamed = await fx.call("PATCH", `${fx.company}/contacts(${company.contactId})`, {
      body: { number: "CTRENAMED", phoneNumber: "555-0123" },
      headers: { "If-Match": "*" },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      number: "CTRENAMED",
      companyNumber: "CTRENAMED",
      contactBusinessRelation: "Customer",
    });
    expect(await contactByNumber(person.number)).toMatchObject({ companyNumber: "CTRENAMED", phoneNumber: "555-0123" });
    expect((await fx.call("GET", `${fx.company}/customers(${customer.id})`)).body.phoneNumber).toBe("555-0123");
    const info = (await fx.call("GET", `${fx.company}/customers(${customer.id})/contactsInformation`)).body.value;
    expect(info).toHaveLength(2);
  });

  it("customerContacts lists the customer's persons with their names split, and moves one to another customer", async () => {
    const customer = await companyCustomer();
    const company = (await fx.call("GET", `${fx.company}/customers(${customer.id})/contactsInformation`)).body.value[0];
    const person = (
      await fx.call("POST", `${fx.company}/contacts`, {
        body: {
          type: "Person",
          displayName: "Maria Luisa Anders",
          jobTitle: "Owner",
          companyNumber: company.contactNumber,
        },
      })
    ).body;
    const url = `${fx.company}/customerContacts(${person.id})`;
    const row = await fx.call("GET", url);
    expect(row.status).toBe(200);
    expect(properties(row.body)).toEqual([
      "id",
      "email",
      "firstName",
      "lastName",
      "professionalTitle",
      "customerId",
      "customerName",
      "primaryPhoneNumber",
    ]);
    // NameBreakdown: "Luisa" is the middle name, which the page does not show.
    expect(row.body).toMatchObject({
      firstName: "Maria",
      lastName: "Anders",
      professionalTitle: "Owner",
      customerId: customer.id,
      customerName: "Contoso Retail",
    });
    // The company contact itself is no customer contact (the page shows persons only).
    expect((await fx.call("GET", `${fx.company}/customerContacts(${company.contactId})`)).status).toBe(404);
    expect((await fx.call("POST", `${fx.company}/customerContacts`, { body: { firstName: "New" } })).status).toBe(405);
    const renamed = await fx.call("PATCH", url, {
      body: { lastName: "Andersen" },
      headers: { "If-Match": row.body["@odata.etag"] },
    });
    expect(renamed.body.lastName).toBe("Andersen");
    expect((await contactByNumber(person.number)).displayName).toBe("Maria Luisa Andersen");
    const other = (await fx.call("POST", `${fx.company}/customers`, { body: { displayName: "Fabrikam" } })).body;
    const moved = await fx.call("PATCH", url, { body: { customerId: other.id }, headers: { "If-Match": "*" } });
    expect(moved.body).toMatchObject({ customerId: other.id, customerName: "Fabrikam" });
    const unknown = await fx.call("PATCH", url, {
      body: { customerId: "33333333-3333-3333-3333-333333333333" },
      headers: { "If-Match": "*" },
    });
    expect(unknown.body.error.message).toContain("Customer with provided id - does not exist");
  });

  it("the seeded Person customers have Person contacts of their own", async () => {
    const customer = (await fx.call("GET", `${fx.company}/customers?$filter=number eq 'C00010'`)).body.value[0];
    const info = (await fx.call("GET", `${fx.company}/customers(${customer.id})/contactsInformation`)).body.value;
    expect(info).toHaveLength(1);
    expect(info[0]).toMatchObject({ contactName: customer.displayName, contactType: "Person", relatedId: customer.id });
    const details = (await fx.call("GET", `${fx.custom}/customerDetails(${customer.id})`)).body;
    expect(details.primaryContactNumber).toBe(info[0].contactNumber);
  });
});
