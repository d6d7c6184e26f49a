import { afterEach, beforeEach, describe, expect, it } from "vitest";

import {
  type B2bSandbox,
  COMPANY_CREATE,
  createCompany,
  roleId,
  startB2bSandbox,
  type UserErrors,
} from "./shopify-b2b-fixture.ts";

const HQ = {
  name: "Acme HQ",
  externalId: "ACME-HQ",
  phone: "+4930111",
  shippingAddress: { address1: "Unter den Linden 1", city: "Berlin", zip: "10117", zoneCode: "BE", countryCode: "DE" },
  billingSameAsShipping: true,
  taxRegistrationId: "DE999999999",
  buyerExperienceConfiguration: {
    paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/4",
    checkoutToDraft: true,
    editableShippingAddress: false,
  },
};

const LOCATION = `query($id: ID!) { companyLocation(id: $id) {
  id name externalId phone note locale
  billingAddress { address1 city zip zoneCode countryCode companyName }
  shippingAddress { address1 city countryCode }
  taxSettings { taxRegistrationId taxExempt taxExemptions }
  buyerExperienceConfiguration { checkoutToDraft editableShippingAddress paymentTermsTemplate { id name paymentTermsType dueInDays } }
  company { id name }
  roleAssignments(first: 5) { nodes { role { name } companyContact { id } } }
} }`;

describe("companies and their locations in the sandbox store", () => {
  let sandbox: B2bSandbox;
  beforeEach(async () => {
    sandbox = await startB2bSandbox();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it("companyCreate makes the company, its contact (main, as Location admin), its location, and announces each once", async () => {
    const company = await createCompany(sandbox, {
      company: { name: "Acme GmbH", externalId: "ACME", note: "key account" },
      companyContact: {
        email: "buyer@acme.example",
        firstName: "Bea",
        lastName: "Buyer",
        title: "Buyer",
        locale: "de",
      },
      companyLocation: HQ,
    });
    expect(company).toMatchObject({
      name: "Acme GmbH",
      externalId: "ACME",
      note: "key account",
      mainContact: { isMainContact: true, title: "Buyer" },
      contactRoles: { nodes: [{ name: "Location admin" }, { name: "Ordering only" }] },
      locations: { nodes: [{ name: "Acme HQ" }] },
    });
    const location = await sandbox.gql<{ companyLocation: Record<string, unknown> }>(LOCATION, {
      id: company.locations.nodes[0]!.id,
    });
    expect(location.data?.companyLocation).toEqual({
      id: company.locations.nodes[0]!.id,
      name: "Acme HQ",
      externalId: "ACME-HQ",
      phone: "+4930111",
      note: null,
      locale: null,
      billingAddress: {
        address1: "Unter den Linden 1",
        city: "Berlin",
        zip: "10117",
        zoneCode: "BE",
        countryCode: "DE",
        companyName: "Acme GmbH",
      },
      shippingAddress: { address1: "Unter den Linden 1", city: "Berlin", countryCode: "DE" },
      taxSettings: { taxRegistrationId: "DE999999999", taxExempt: false, taxExemptions: [] },
      buyerExperienceConfiguration: {
        checkoutToDraft: true,
        editableShippingAddress: false,
        paymentTermsTemplate: {
          id: "gid://shopify/PaymentTermsTemplate/4",
          name: "Net 30",
          paymentTermsType: "NET",
          dueInDays: 30,
        },
      },
      company: { id: company.id, name: "Acme GmbH" },
      roleAssignments: {
        nodes: [{ role: { name: "Location admin" }, companyContact: { id: company.mainContact!.id } }],
      },
    });
    expect(await sandbox.topics()).toEqual([
      "customers/create",
      "company_contacts/create",
      "companies/create",
      "company_locations/create",
      "company_contact_roles/assign",
    ]);
    expect((await sandbox.delivered("companies/create"))[0]).toEqual({
      name: "Acme GmbH",
      note: "key account",
      external_id: "ACME",
      main_contact_admin_graphql_api_id: company.mainContact!.id,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      customer_since: expect.any(String),
      admin_graphql_api_id: company.id,
    });
    expect((await sandbox.delivered("company_locations/create"))[0]).toMatchObject({
      name: "Acme HQ",
      external_id: "ACME-HQ",
      admin_graphql_api_id: company.locations.nodes[0]!.id,
      tax_registration: { tax_id: "DE999999999" },
      buyer_experience_configuration: {
        checkout_to_draft: true,
        payment_terms_template: { name: "Net 30", payment_terms_type: "net", due_in_days: 30 },
      },
      company: { name: "Acme GmbH", admin_graphql_api_id: company.id },
      billing_address: { address1: "Unter den Linden 1", city: "Berlin", country_code: "DE", zone_code: "BE" },
      shipping_address: { address1: "Unter den Linden 1" },
    });
    expect((await sandbox.delivered("company_contact_roles/assign"))[0]).toMatchObject({
      company_contact: { admin_graphql_api_id: company.mainContact!.id, title: "Buyer" },
      company_location: { admin_graphql_api_id: company.locations.nodes[0]!.id },
      company_contact_role: { name: "Location admin" },
    });
    expect(roleId(company, "Ordering only")).toMatch(/^gid:\/\/shopify\/CompanyContactRole\/\d+$/);
  });

  it("without a location input still makes one named after the company; without a contact has no main contact", async () => {
    const company = await createCompany(sandbox, { company: { name: "Solo AG" } });
    expect(company).toMatchObject({ mainContact: null, locations: { nodes: [{ name: "Solo AG" }] } });
    expect(await sandbox.topics()).toEqual(["companies/create", "company_locations/create"]);
  });

  it("refuses a blank name, a taken external id, a taken contact email, a bad address and unknown payment terms", async () => {
    await createCompany(sandbox, {
      company: { name: "First", externalId: "DUP" },
      companyContact: { email: "taken@example.com" },
    });
    await sandbox.clearWebhooks();
    const run = async (input: Record<string, unknown>) =>
      (await sandbox.gql<{ companyCreate: { company: null; userErrors: UserErrors } }>(COMPANY_CREATE, { input })).data!
        .companyCreate;
    expect(await run({ company: { name: "  " } })).toEqual({
      company: null,
      userErrors: [{ field: ["input", "company", "name"], message: "Name can't be blank", code: "BLANK" }],
    });
    expect((await run({ company: { name: "Second", externalId: "DUP" } })).userErrors).toEqual([
      { field: ["input", "company", "externalId"], message: "External Id has already been taken", code: "TAKEN" },
    ]);
    expect(
      (await run({ company: { name: "Third" }, companyContact: { email: "TAKEN@example.com" } })).userErrors,
    ).toEqual([
      { field: ["input", "companyContact", "email"], message: "Email address has already been taken", code: "TAKEN" },
    ]);
    expect(
      (
        await run({
          company: { name: "Fourth" },
          companyLocation: {
            shippingAddress: { city: "Berlin" },
            buyerExperienceConfiguration: { paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/99" },
          },
        })
      ).userErrors,
    ).toEqual([
      {
        field: ["input", "companyLocation", "shippingAddress", "address1"],
        message: "Address1 can't be blank",
        code: "BLANK",
      },
      {
        field: ["input", "companyLocation", "shippingAddress", "countryCode"],
        message: "Country code can't be blank",
        code: "BLANK",
      },
      {
        field: ["input", "companyLocation", "buyerExperienceConfiguration", "paymentTermsTemplateId"],
        message: "Payment terms template not found",
        code: "RESOURCE_NOT_FOUND",
      },
    ]);
    const count = await sandbox.gql<{ companiesCount: { count: number } }>("{ companiesCount { count } }");
    expect(count.data?.companiesCount.count).toBe(1);
    expect(await sandbox.topics()).toEqual([]);
  });

  it("companyUpdate and companyDelete change, announce and remove the company with its locations and contacts", async () => {
    const company = await createCompany(sandbox, {
      company: { name: "Old Name" },
      companyContact: { email: "stays@example.com" },
    });
    await sandbox.clearWebhooks();
    const updated = await sandbox.gql<{
      companyUpdate: { company: { name: string; note: string }; userErrors: UserErrors };
    }>(
      `mutation($id: ID!, $input: CompanyInput!) { companyUpdate(companyId: $id, input: $input) { company { name note } userErrors { field message code } } }`,
      { id: company.id, input: { name: "New Name", note: "renamed" } },
    );
    expect(updated.data?.companyUpdate).toEqual({ company: { name: "New Name", note: "renamed" }, userErrors: [] });
    expect((await sandbox.delivered("companies/update")).map((p) => p.name)).toEqual(["New Name"]);

    const DELETE = `mutation($id: ID!) { companyDelete(id: $id) { deletedCompanyId userErrors { field message code } } }`;
    const deleted = await sandbox.gql<{ companyDelete: { deletedCompanyId: string } }>(DELETE, { id: company.id });
    expect(deleted.data?.companyDelete).toEqual({ deletedCompanyId: company.id, userErrors: [] });
    const again = await sandbox.gql<{ companyDelete: { userErrors: UserErrors } }>(DELETE, { id: company.id });
    expect(again.data?.companyDelete.userErrors).toEqual([
      { field: ["id"], message: "The company doesn't exist.", code: "RESOURCE_NOT_FOUND" },
    ]);
    const after = await sandbox.gql<{
      company: null;
      companyLocation: null;
      customer: { companyContactProfiles: unknown[] };
    }>(
      `query($c: ID!, $l: ID!, $cu: ID!) { company(id: $c) { id } companyLocation(id: $l) { id } customer(id: $cu) { companyContactProfiles { id } } }`,
      { c: company.id, l: company.locations.nodes[0]!.id, cu: company.mainContact!.customer.id },
    );
    // The contact's customer stays a customer, no longer a contact of anything.
    expect(after.data).toEqual({ company: null, companyLocation: null, customer: { companyContactProfiles: [] } });
    expect(await sandbox.topics()).toEqual([
      "companies/update",
      "company_locations/delete",
      "company_contacts/delete",
      "companies/delete",
    ]);
  });

  it("companyLocationCreate, Update, AssignAddress and TaxSettingsUpdate change a location and announce it once each", async () => {
    const company = await createCompany(sandbox, { company: { name: "Branchy" } });
    await sandbox.clearWebhooks();
    const created = await sandbox.gql<{
      companyLocationCreate: { companyLocation: { id: string; name: string } | null; userErrors: UserErrors };
    }>(
      `mutation($id: ID!, $input: CompanyLocationInput!) { companyLocationCreate(companyId: $id, input: $input) {
        companyLocation { id name } userErrors { field message code } } }`,
      { id: company.id, input: { name: "Branch", locale: "de" } },
    );
    const locationId = created.data!.companyLocationCreate.companyLocation!.id;
    const updated = await sandbox.gql<{
      companyLocationUpdate: { companyLocation: { name: string; note: string; buyerExperienceConfiguration: unknown } };
    }>(
      `mutation($id: ID!, $input: CompanyLocationUpdateInput!) { companyLocationUpdate(companyLocationId: $id, input: $input) {
        companyLocation { name note buyerExperienceConfiguration { paymentTermsTemplate { name } editableShippingAddress } } userErrors { field message } } }`,
      {
        id: locationId,
        input: {
          name: "Branch North",
          note: "ring twice",
          buyerExperienceConfiguration: {
            paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/3",
            editableShippingAddress: true,
          },
        },
      },
    );
    expect(updated.data?.companyLocationUpdate.companyLocation).toEqual({
      name: "Branch North",
      note: "ring twice",
      buyerExperienceConfiguration: { paymentTermsTemplate: { name: "Net 15" }, editableShippingAddress: true },
    });
    const assigned = await sandbox.gql<{
      companyLocationAssignAddress: { addresses: { address1: string; city: string }[]; userErrors: UserErrors };
    }>(
      `mutation($id: ID!, $address: CompanyAddressInput!, $types: [CompanyAddressType!]!) {
        companyLocationAssignAddress(locationId: $id, address: $address, addressTypes: $types) {
          addresses { id address1 city countryCode } userErrors { field message code } } }`,
      {
        id: locationId,
        address: { address1: "Kai 1", city: "Kiel", countryCode: "DE" },
        types: ["BILLING", "SHIPPING"],
      },
    );
    expect(assigned.data?.companyLocationAssignAddress.addresses).toHaveLength(2);
    expect(assigned.data?.companyLocationAssignAddress.addresses[0]).toMatchObject({ address1: "Kai 1", city: "Kiel" });
    const taxed = await sandbox.gql<{
      companyLocationTaxSettingsUpdate: { companyLocation: { taxSettings: unknown } };
    }>(
      `mutation($id: ID!) { companyLocationTaxSettingsUpdate(companyLocationId: $id, taxRegistrationId: "DE111", taxExempt: true,
        exemptionsToAssign: [EU_REVERSE_CHARGE_EXEMPTION_RULE, CA_DIPLOMAT_EXEMPTION], exemptionsToRemove: [CA_DIPLOMAT_EXEMPTION]) {
          companyLocation { taxSettings { taxRegistrationId taxExempt taxExemptions } } userErrors { field message code } } }`,
      { id: locationId },
    );
    expect(taxed.data?.companyLocationTaxSettingsUpdate.companyLocation.taxSettings).toEqual({
      taxRegistrationId: "DE111",
      taxExempt: true,
      taxExemptions: ["EU_REVERSE_CHARGE_EXEMPTION_RULE"],
    });
    expect(await sandbox.topics()).toEqual([
      "company_locations/create",
      "company_locations/update",
      "company_locations/update",
      "company_locations/update",
    ]);
    const last = (await sandbox.delivered("company_locations/update")).at(-1)!;
    expect(last).toMatchObject({
      name: "Branch North",
      tax_registration: { tax_id: "DE111" },
      tax_exemptions: ["EU_REVERSE_CHARGE_EXEMPTION_RULE"],
      billing_address: { address1: "Kai 1", city: "Kiel" },
      shipping_address: { address1: "Kai 1", city: "Kiel" },
    });
  });

  it("refuses location changes for unknown locations, a blank name, a bad address and no tax settings at all", async () => {
    const company = await createCompany(sandbox, { company: { name: "Strict" } });
    const locationId = company.locations.nodes[0]!.id;
    await sandbox.clearWebhooks();
    const blank = await sandbox.gql<{ companyLocationCreate: { userErrors: UserErrors } }>(
      `mutation($id: ID!) { companyLocationCreate(companyId: $id, input: { note: "x" }) { userErrors { field message code } } }`,
      { id: company.id },
    );
    expect(blank.data?.companyLocationCreate.userErrors).toEqual([
      { field: ["input", "name"], message: "Name can't be blank", code: "BLANK" },
    ]);
    const unknown = await sandbox.gql<{ companyLocationUpdate: { userErrors: UserErrors } }>(
      `mutation { companyLocationUpdate(companyLocationId: "gid://shopify/CompanyLocation/1", input: { name: "x" }) { userErrors { field message code } } }`,
    );
    expect(unknown.data?.companyLocationUpdate.userErrors).toEqual([
      { field: ["companyLocationId"], message: "The company location doesn't exist.", code: "RESOURCE_NOT_FOUND" },
    ]);
    const badAddress = await sandbox.gql<{ companyLocationAssignAddress: { addresses: null; userErrors: UserErrors } }>(
      `mutation($id: ID!) { companyLocationAssignAddress(locationId: $id, address: { city: "Kiel", countryCode: DE }, addressTypes: [BILLING]) {
        addresses { id } userErrors { field message code } } }`,
      { id: locationId },
    );
    expect(badAddress.data?.companyLocationAssignAddress).toEqual({
      addresses: null,
      userErrors: [{ field: ["address", "address1"], message: "Address1 can't be blank", code: "BLANK" }],
    });
    const noTax = await sandbox.gql<{ companyLocationTaxSettingsUpdate: { userErrors: UserErrors } }>(
      `mutation($id: ID!) { companyLocationTaxSettingsUpdate(companyLocationId: $id) { userErrors { field message code } } }`,
      { id: locationId },
    );
    expect(noTax.data?.companyLocationTaxSettingsUpdate.userErrors).toEqual([
      { field: null, message: "At least one tax setting must be provided.", code: "NO_INPUT" },
    ]);
    const lastOne = await sandbox.gql<{ companyLocationDelete: { userErrors: UserErrors } }>(
      `mutation($id: ID!) { companyLocationDelete(companyLocationId: $id) { deletedCompanyLocationId userErrors { field message code } } }`,
      { id: locationId },
    );
    expect(lastOne.data?.companyLocationDelete.userErrors).toEqual([
      {
        field: ["companyLocationId"],
        message: "Cannot delete the last location of a company.",
        code: "FAILED_TO_DELETE",
      },
    ]);
    expect(await sandbox.topics()).toEqual([]);
  });
});
