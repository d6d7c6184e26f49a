import { afterEach, beforeEach, describe, expect, it } from "vitest";

import {
  type B2bSandbox,
  createCompany,
  type CreatedCompany,
  roleId,
  startB2bSandbox,
  type UserErrors,
} from "./shopify-b2b-fixture.ts";

const CONTACT_CREATE = `mutation($id: ID!, $input: CompanyContactInput!) { companyContactCreate(companyId: $id, input: $input) {
  companyContact { id title locale isMainContact customer { id firstName defaultEmailAddress { emailAddress } } }
  userErrors { field message code } } }`;
const ASSIGN_ROLES = `mutation($id: ID!, $roles: [CompanyContactRoleAssign!]!) { companyContactAssignRoles(companyContactId: $id, rolesToAssign: $roles) {
  roleAssignments { id role { name } companyLocation { name } companyContact { id } } userErrors { field message code } } }`;

type Contact = {
  id: string;
  title: string | null;
  locale: string | null;
  isMainContact: boolean;
  customer: { id: string };
};

describe("company contacts and their roles in the sandbox store", () => {
  let sandbox: B2bSandbox;
  let company: CreatedCompany;
  let second: string;
  beforeEach(async () => {
    sandbox = await startB2bSandbox();
    company = await createCompany(sandbox, {
      company: { name: "Contacts Ltd" },
      companyContact: { email: "main@contacts.example", firstName: "Mia" },
      companyLocation: { name: "North" },
    });
    const made = await sandbox.gql<{ companyLocationCreate: { companyLocation: { id: string } } }>(
      `mutation($id: ID!) { companyLocationCreate(companyId: $id, input: { name: "South" }) { companyLocation { id } } }`,
      { id: company.id },
    );
    second = made.data!.companyLocationCreate.companyLocation.id;
    await sandbox.clearWebhooks();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  const north = () => company.locations.nodes[0]!.id;
  async function newContact(input: Record<string, unknown>) {
    const body = await sandbox.gql<{
      companyContactCreate: { companyContact: Contact | null; userErrors: UserErrors };
    }>(CONTACT_CREATE, { id: company.id, input });
    return body.data!.companyContactCreate;
  }

  it("companyContactCreate makes a customer and the contact; companyContactUpdate changes both and says so", async () => {
    const { companyContact, userErrors } = await newContact({
      email: "ops@contacts.example",
      firstName: "Otto",
      title: "Operations",
      locale: "de",
    });
    expect(userErrors).toEqual([]);
    expect(companyContact).toMatchObject({
      title: "Operations",
      locale: "de",
      isMainContact: false,
      customer: { firstName: "Otto", defaultEmailAddress: { emailAddress: "ops@contacts.example" } },
    });
    const updated = await sandbox.gql<{
      companyContactUpdate: { companyContact: { title: string; customer: { firstName: string } } };
    }>(
      `mutation($id: ID!) { companyContactUpdate(companyContactId: $id, input: { title: "Head of Ops", firstName: "Ottilie" }) {
        companyContact { title customer { firstName } } userErrors { field message code } } }`,
      { id: companyContact!.id },
    );
    expect(updated.data?.companyContactUpdate.companyContact).toEqual({
      title: "Head of Ops",
      customer: { firstName: "Ottilie" },
    });
    expect(await sandbox.topics()).toEqual([
      "customers/create",
      "company_contacts/create",
      "customers/update",
      "company_contacts/update",
    ]);
    expect((await sandbox.delivered("company_contacts/update"))[0]).toEqual({
      customer_admin_graphql_api_id: companyContact!.customer.id,
      title: "Head of Ops",
      locale: "de",
      created_at: expect.any(String),
      updated_at: expect.any(String),
      admin_graphql_api_id: companyContact!.id,
      company: expect.objectContaining({ name: "Contacts Ltd", admin_graphql_api_id: company.id }),
    });
  });

  it("refuses a contact whose email a customer already has, and updates to an unknown contact", async () => {
    expect(await newContact({ email: "MAIN@contacts.example" })).toEqual({
      companyContact: null,
      userErrors: [{ field: ["input", "email"], message: "Email address has already been taken", code: "TAKEN" }],
    });
    expect(await newContact({ title: "nobody" })).toEqual({
      companyContact: null,
      userErrors: [
        { field: ["input"], message: "A name, phone number, or email address must be present", code: "NO_INPUT" },
      ],
    });
    const unknown = await sandbox.gql<{ companyContactUpdate: { userErrors: UserErrors } }>(
      `mutation { companyContactUpdate(companyContactId: "gid://shopify/CompanyContact/1", input: { title: "x" }) { userErrors { field message code } } }`,
    );
    expect(unknown.data?.companyContactUpdate.userErrors).toEqual([
      { field: ["companyContactId"], message: "The company contact doesn't exist.", code: "RESOURCE_NOT_FOUND" },
    ]);
    expect(await sandbox.topics()).toEqual([]);
  });

  it("assigns an existing customer as contact, makes them main contact, and Customer.companyContactProfiles shows it", async () => {
    const customer = await sandbox.gql<{ customerCreate: { customer: { id: string } } }>(
      `mutation { customerCreate(input: { email: "later@example.com", firstName: "Lea" }) { customer { id } } }`,
    );
    const customerId = customer.data!.customerCreate.customer.id;
    await sandbox.clearWebhooks();
    const ASSIGN = `mutation($c: ID!, $cu: ID!) { companyAssignCustomerAsContact(companyId: $c, customerId: $cu) {
      companyContact { id isMainContact customer { id } } userErrors { field message code } } }`;
    const assigned = await sandbox.gql<{ companyAssignCustomerAsContact: { companyContact: Contact } }>(ASSIGN, {
      c: company.id,
      cu: customerId,
    });
    const contactId = assigned.data!.companyAssignCustomerAsContact.companyContact.id;
    expect(assigned.data?.companyAssignCustomerAsContact.companyContact).toEqual({
      id: contactId,
      isMainContact: false,
      customer: { id: customerId },
    });
    const twice = await sandbox.gql<{ companyAssignCustomerAsContact: { userErrors: UserErrors } }>(ASSIGN, {
      c: company.id,
      cu: customerId,
    });
    expect(twice.data?.companyAssignCustomerAsContact.userErrors).toEqual([
      { field: ["customerId"], message: "Customer is already a contact of this company.", code: "TAKEN" },
    ]);
    const main = await sandbox.gql<{ companyAssignMainContact: { company: { mainContact: { id: string } } } }>(
      `mutation($c: ID!, $cc: ID!) { companyAssignMainContact(companyId: $c, companyContactId: $cc) {
        company { mainContact { id } } userErrors { field message code } } }`,
      { c: company.id, cc: contactId },
    );
    expect(main.data?.companyAssignMainContact.company.mainContact.id).toBe(contactId);
    const profiles = await sandbox.gql<{ customer: { companyContactProfiles: unknown[] } }>(
      `query($id: ID!) { customer(id: $id) { companyContactProfiles { id isMainContact company { id name } } } }`,
      { id: customerId },
    );
    expect(profiles.data?.customer.companyContactProfiles).toEqual([
      { id: contactId, isMainContact: true, company: { id: company.id, name: "Contacts Ltd" } },
    ]);
    expect(await sandbox.topics()).toEqual(["company_contacts/create", "companies/update"]);
    expect((await sandbox.delivered("companies/update"))[0]).toMatchObject({
      main_contact_admin_graphql_api_id: contactId,
    });
  });

  it("assigns roles per location (one role per contact and location), from the contact's side and the location's side", async () => {
    const { companyContact } = await newContact({ email: "roles@contacts.example" });
    await sandbox.clearWebhooks();
    const single = await sandbox.gql<{
      companyContactAssignRole: { companyContactRoleAssignment: { role: { name: string } } };
    }>(
      `mutation($c: ID!, $r: ID!, $l: ID!) { companyContactAssignRole(companyContactId: $c, companyContactRoleId: $r, companyLocationId: $l) {
        companyContactRoleAssignment { role { name } companyLocation { id } } userErrors { field message code } } }`,
      { c: companyContact!.id, r: roleId(company, "Ordering only"), l: north() },
    );
    expect(single.data?.companyContactAssignRole.companyContactRoleAssignment.role.name).toBe("Ordering only");
    const already = await sandbox.gql<{ companyContactAssignRoles: { roleAssignments: null; userErrors: UserErrors } }>(
      ASSIGN_ROLES,
      {
        id: companyContact!.id,
        roles: [
          { companyContactRoleId: roleId(company, "Location admin"), companyLocationId: second },
          { companyContactRoleId: roleId(company, "Location admin"), companyLocationId: north() },
        ],
      },
    );
    // One refusal and nothing is assigned: the South role was not made either.
    expect(already.data?.companyContactAssignRoles).toEqual({
      roleAssignments: null,
      userErrors: [
        {
          field: ["rolesToAssign", "1", "companyLocationId"],
          message: "Company contact has already been assigned a role in this location.",
          code: "LIMIT_REACHED",
        },
      ],
    });
    const unknownRole = await sandbox.gql<{ companyContactAssignRoles: { userErrors: UserErrors } }>(ASSIGN_ROLES, {
      id: companyContact!.id,
      roles: [{ companyContactRoleId: "gid://shopify/CompanyContactRole/1", companyLocationId: second }],
    });
    expect(unknownRole.data?.companyContactAssignRoles.userErrors).toEqual([
      {
        field: ["rolesToAssign", "0", "companyContactRoleId"],
        message: "The company contact role doesn't exist.",
        code: "RESOURCE_NOT_FOUND",
      },
    ]);
    const fromLocation = await sandbox.gql<{
      companyLocationAssignRoles: { roleAssignments: { role: { name: string }; companyContact: { id: string } }[] };
    }>(
      `mutation($l: ID!, $roles: [CompanyLocationRoleAssign!]!) { companyLocationAssignRoles(companyLocationId: $l, rolesToAssign: $roles) {
        roleAssignments { role { name } companyContact { id } } userErrors { field message code } } }`,
      {
        l: second,
        roles: [
          { companyContactId: companyContact!.id, companyContactRoleId: roleId(company, "Location admin") },
          { companyContactId: company.mainContact!.id, companyContactRoleId: roleId(company, "Ordering only") },
        ],
      },
    );
    expect(fromLocation.data?.companyLocationAssignRoles.roleAssignments).toEqual([
      { role: { name: "Location admin" }, companyContact: { id: companyContact!.id } },
      { role: { name: "Ordering only" }, companyContact: { id: company.mainContact!.id } },
    ]);
    const contact = await sandbox.gql<{
      companyContact: {
        roleAssignments: { nodes: { id: string; companyLocation: { name: string }; role: { name: string } }[] };
      };
    }>(
      `query($id: ID!) { companyContact(id: $id) { roleAssignments(first: 10) { nodes { id companyLocation { name } role { name } } } } }`,
      { id: companyContact!.id },
    );
    const held = contact.data!.companyContact.roleAssignments.nodes;
    expect(held.map((a) => [a.companyLocation.name, a.role.name])).toEqual([
      ["North", "Ordering only"],
      ["South", "Location admin"],
    ]);
    expect(await sandbox.topics()).toEqual(Array(3).fill("company_contact_roles/assign"));

    const revoked = await sandbox.gql<{ companyContactRevokeRoles: { revokedRoleAssignmentIds: string[] } }>(
      `mutation($c: ID!, $ids: [ID!]) { companyContactRevokeRoles(companyContactId: $c, roleAssignmentIds: $ids) {
        revokedRoleAssignmentIds userErrors { field message code } } }`,
      { c: companyContact!.id, ids: [held[0]!.id] },
    );
    expect(revoked.data?.companyContactRevokeRoles.revokedRoleAssignmentIds).toEqual([held[0]!.id]);
    expect(await sandbox.delivered("company_contact_roles/revoke")).toEqual([
      expect.objectContaining({
        company_contact_role: { name: "Ordering only" },
        company_location: expect.objectContaining({ name: "North" }),
      }),
    ]);
  });
});
