import { describe, expect, it } from "vitest";

import {
  comparedHash,
  customerFieldProblem,
  erpCustomerFields,
  shopifyCustomerFields,
  shopifySideHash,
} from "../../../app/.server/mapping/customer-fields.ts";
import { type CustomerProfile, erpNames, shopifyNames } from "../../../app/.server/mapping/customer-profile.ts";
import { lookupsFor, templateFor } from "../../../app/.server/mapping/resolve-customer.ts";
import { planCustomerExport } from "../../../app/.server/tasks/customers-sync/plan-customer-export.ts";
import { planCustomerImport } from "../../../app/.server/tasks/customers-sync/plan-customer-import.ts";
import { settings } from "../orders-process/imported-order-factory.ts";

const limits = {
  itemNumberMaxLength: 20,
  externalDocumentNumberMaxLength: 35,
  address: { line1: 100, line2: 50, city: 30, state: 30, postalCode: 20, name: 100 },
};

const profile = (overrides: Partial<CustomerProfile> = {}): CustomerProfile => ({
  shopifyCustomerId: "gid://shopify/Customer/1",
  firstName: "Anna",
  lastName: "Schmidt",
  email: "anna@example.com",
  phone: "+49301234567",
  address: {
    firstName: "Anna",
    lastName: "Schmidt",
    company: "Schmidt GmbH",
    address1: "Lindenweg 4",
    address2: null,
    city: "München",
    zip: "80331",
    provinceCode: "BY",
    province: "Bavaria",
    countryCode: "DE",
    phone: null,
  },
  taxExempt: false,
  ...overrides,
});

const sources = (nameSource: string, name2Source: string, contactSource: string) =>
  settings({ customers: { nameSource, name2Source, contactSource } } as never).customers;

describe("ERP names from Shopify's (BC: Name Source, Name 2 Source, Contact Source)", () => {
  it("BC's defaults: the company is the name, the person Name 2 and the contact", () => {
    expect(erpNames(profile(), settings().customers)).toEqual({
      name: "Schmidt GmbH",
      name2: "Anna Schmidt",
      contact: "Anna Schmidt",
    });
  });

  it("a consumer without a company is named by their own name, with no Name 2 repeating it", () => {
    const consumer = profile({ address: { ...profile().address!, company: null } });
    expect(erpNames(consumer, settings().customers)).toEqual({
      name: "Anna Schmidt",
      name2: "",
      contact: "Anna Schmidt",
    });
  });

  it("last and first name, and none", () => {
    expect(erpNames(profile(), sources("last_and_first_name", "none", "company_name"))).toEqual({
      name: "Schmidt Anna",
      name2: "",
      contact: "Schmidt GmbH",
    });
  });

  it("a customer with no name at all is named by e-mail", () => {
    const nameless = profile({ firstName: null, lastName: null, address: null });
    expect(erpNames(nameless, settings().customers).name).toBe("anna@example.com");
  });

  it("splits an ERP name back into Shopify's first and last name per the source that built it", () => {
    const byName = sources("first_and_last_name", "none", "none");
    expect(shopifyNames({ name: "Anna Maria Schmidt", contact: "" }, byName)).toEqual({
      firstName: "Anna",
      lastName: "Maria Schmidt",
      company: "",
    });
    expect(shopifyNames({ name: "Schmidt Anna", contact: "" }, sources("last_and_first_name", "none", "none"))).toEqual(
      {
        firstName: "Anna",
        lastName: "Schmidt",
        company: "",
      },
    );
    // Name holds the company: the person comes from the contact.
    expect(shopifyNames({ name: "Schmidt GmbH", contact: "Anna Schmidt" }, settings().customers)).toEqual({
      firstName: "Anna",
      lastName: "Schmidt",
      company: "Schmidt GmbH",
    });
  });
});

describe("ERP customer fields", () => {
  it("takes the county as the province code or its name, per the setting", () => {
    expect(erpCustomerFields(profile(), settings().customers, limits).address.state).toBe("BY");
    const byName = settings({ customers: { countySource: "name" } }).customers;
    expect(erpCustomerFields(profile(), byName, limits).address.state).toBe("Bavaria");
  });

  it("cuts address parts to the ERP's sizes, never the e-mail (a longer one is refused)", () => {
    const long = profile({
      address: { ...profile().address!, city: "X".repeat(40) },
      email: `${"a".repeat(75)}@x.com`,
    });
    const fields = erpCustomerFields(long, settings().customers, limits);
    expect(fields.address.city).toHaveLength(30);
    expect(customerFieldProblem(fields)).toMatch(/81 characters; the ERP keeps at most 80/);
  });

  it("compares e-mails without case and phones by their digits", () => {
    const a = erpCustomerFields(profile(), settings().customers, limits);
    expect(comparedHash({ ...a, email: "ANNA@example.com", phoneNumber: "+49 30 1234567" })).toBe(comparedHash(a));
    expect(comparedHash({ ...a, phoneNumber: "+49 30 7654321" })).not.toBe(comparedHash(a));
  });

  it("maps an ERP customer to Shopify with the first e-mail of a list and the province code", () => {
    const fields = shopifyCustomerFields(
      {
        displayName: "Anna Schmidt",
        email: "anna@example.com; office@example.com",
        phoneNumber: "+49301234567",
        address: {
          line1: "Lindenweg 4",
          line2: "",
          city: "München",
          state: "BY",
          postalCode: "80331",
          countryCode: "DE",
        },
      },
      sources("first_and_last_name", "none", "none"),
    );
    expect(fields).toMatchObject({
      firstName: "Anna",
      lastName: "Schmidt",
      email: "anna@example.com",
      address: { address1: "Lindenweg 4", provinceCode: "BY", countryCode: "DE" },
    });
  });
});

describe("the mapping strategies' questions and templates", () => {
  it("by e-mail or phone asks for both, by bill-to address for name and address, the default asks nothing", () => {
    expect(lookupsFor(profile(), settings())).toEqual([{ email: "anna@example.com" }, { phone: "+49301234567" }]);
    expect(lookupsFor(profile(), settings({ customers: { mapping: "by_bill_to_address" } }))).toEqual([
      {
        billTo: {
          name: "Schmidt GmbH",
          line1: "Lindenweg 4",
          line2: "",
          postalCode: "80331",
          city: "München",
          countryCode: "DE",
        },
      },
    ]);
    expect(
      lookupsFor(profile(), settings({ customers: { mapping: "default_customer", defaultCustomerNo: "C1" } })),
    ).toEqual([]);
  });

  it("takes the country's template customer before the shop's", () => {
    const s = settings({ customers: { templateCustomerNo: "TPL", templateCustomerByCountry: { DE: "TPL-DE" } } });
    expect(templateFor(profile(), s)).toBe("TPL-DE");
    expect(templateFor(profile({ address: { ...profile().address!, countryCode: "FR" } }), s)).toBe("TPL");
  });
});

describe("planCustomerImport", () => {
  const all = settings({ customers: { import: "all", createUnknownInErp: true, shopifyCanUpdateErp: true } });
  const fields = erpCustomerFields(profile(), all.customers, limits);
  const none = { row: null, linkedNumber: null, erp: null, foundNumber: null };

  it("creates an unknown customer from the template when allowed, else lists it as unmapped", () => {
    expect(planCustomerImport(profile(), fields, all, none)).toEqual({ kind: "create", templateNumber: "" });
    const noCreate = settings({ customers: { import: "all" } });
    expect(planCustomerImport(profile(), fields, noCreate, none)).toMatchObject({ kind: "unmapped" });
  });

  it("links a found customer, and leaves an unknown one for its first order when importing with orders", () => {
    expect(planCustomerImport(profile(), fields, all, { ...none, foundNumber: "C10" })).toMatchObject({
      kind: "link",
      number: "C10",
      link: true,
    });
    const withOrder = settings({ customers: { import: "with_order" } });
    expect(planCustomerImport(profile(), fields, withOrder, none)).toMatchObject({ kind: "leave" });
  });

  it("sends nothing for a customer whose hash is the one last seen (our own write coming back included)", () => {
    const row = { state: "linked" as const, shopifyHash: shopifySideHash(fields), erpHash: comparedHash(fields) };
    expect(planCustomerImport(profile(), fields, all, { ...none, row, linkedNumber: "C10" })).toEqual({
      kind: "unchanged",
    });
  });

  it("is a conflict when the ERP customer changed too since the last sync", () => {
    const row = { state: "linked" as const, shopifyHash: "older", erpHash: comparedHash(fields) };
    const erp = { number: "C10", fields: { ...fields, phoneNumber: "+49 89 000" } };
    expect(planCustomerImport(profile(), fields, all, { ...none, row, linkedNumber: "C10", erp })).toMatchObject({
      kind: "conflict",
      number: "C10",
    });
    // The ERP unchanged since the last sync: the Shopify change is written.
    const same = { number: "C10", fields: { ...fields, phoneNumber: "+49 89 000" } };
    const rowSame = { ...row, erpHash: comparedHash(same.fields) };
    expect(
      planCustomerImport(profile(), fields, all, { ...none, row: rowSame, linkedNumber: "C10", erp: same }),
    ).toMatchObject({
      kind: "link",
      write: true,
    });
  });

  it("never imports a redacted customer, and names a country default instead of creating", () => {
    const row = { state: "redacted" as const, shopifyHash: null, erpHash: null };
    expect(planCustomerImport(profile(), fields, all, { ...none, row })).toMatchObject({ kind: "leave" });
    const byCountry = settings({ customers: { import: "all", defaultCustomerByCountry: { DE: "C-DE" } } });
    expect(planCustomerImport(profile(), fields, byCountry, none)).toMatchObject({
      kind: "skip",
      reason: expect.stringMatching(/default customer C-DE/),
    });
  });
});

describe("planCustomerExport", () => {
  const s = settings({ customers: { canUpdateShopify: true, nameSource: "first_and_last_name" } });
  const current = erpCustomerFields(
    profile({ address: { ...profile().address!, company: null } }),
    s.customers,
    limits,
  );
  const erp = { number: "C10", fields: { ...current, phoneNumber: "+4989555" } };

  it("writes an ERP change to Shopify, and not again once its hash is remembered", () => {
    const row = { state: "linked" as const, shopifyHash: shopifySideHash(current), erpHash: comparedHash(current) };
    expect(planCustomerExport({ erp, row, current }, s)).toMatchObject({ kind: "write", input: { phone: "+4989555" } });
    expect(planCustomerExport({ erp, row: { ...row, erpHash: comparedHash(erp.fields) }, current }, s)).toEqual({
      kind: "unchanged",
    });
  });

  it("is a conflict when the Shopify customer changed since the last sync too", () => {
    const row = { state: "linked" as const, shopifyHash: "older", erpHash: comparedHash(current) };
    expect(planCustomerExport({ erp, row, current }, s)).toMatchObject({ kind: "conflict" });
  });
});
