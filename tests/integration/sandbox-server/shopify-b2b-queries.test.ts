import { afterEach, describe, expect, it } from "vitest";

import { type B2bSandbox, createCompany, startB2bSandbox } from "./shopify-b2b-fixture.ts";
import { finished, jsonl, SHOP } from "./shopify-catalog-fixture.ts";

describe("reading companies from the sandbox store", () => {
  let sandbox: B2bSandbox;
  afterEach(async () => {
    await sandbox.close();
  });

  it("seeds Northwind Traders with two German locations, Net 30 and a tax id on HQ, and a main contact, quietly", async () => {
    // The demo's seed: default sizes bring the demo company.
    sandbox = await startB2bSandbox({ seed: { seed: 1, products: 1, variantsPerProduct: 1, locations: 1 } });
    const body = await sandbox.gql<{ companies: { nodes: unknown[] }; companiesCount: { count: number } }>(`{
      companies(first: 5) { nodes {
        name externalId
        mainContact { title isMainContact customer { defaultEmailAddress { emailAddress } } }
        locations(first: 5, sortKey: NAME) { nodes {
          name
          shippingAddress { city countryCode }
          billingAddress { city }
          taxSettings { taxRegistrationId }
          buyerExperienceConfiguration { paymentTermsTemplate { name dueInDays } }
          roleAssignments(first: 5) { nodes { role { name } } }
        } }
      } }
      companiesCount { count } }`);
    expect(body.data).toEqual({
      companies: {
        nodes: [
          {
            name: "Northwind Traders",
            externalId: "NORTHWIND",
            mainContact: {
              title: "Head of Purchasing",
              isMainContact: true,
              customer: { defaultEmailAddress: { emailAddress: "nina.weber@northwind-traders.example" } },
            },
            locations: {
              nodes: [
                {
                  name: "Northwind HQ",
                  shippingAddress: { city: "Berlin", countryCode: "DE" },
                  billingAddress: { city: "Berlin" },
                  taxSettings: { taxRegistrationId: "DE123456789" },
                  buyerExperienceConfiguration: { paymentTermsTemplate: { name: "Net 30", dueInDays: 30 } },
                  roleAssignments: { nodes: [{ role: { name: "Location admin" } }] },
                },
                {
                  name: "Northwind Warehouse",
                  shippingAddress: { city: "Hamburg", countryCode: "DE" },
                  billingAddress: { city: "Hamburg" },
                  taxSettings: { taxRegistrationId: null },
                  buyerExperienceConfiguration: null,
                  roleAssignments: { nodes: [{ role: { name: "Ordering only" } }] },
                },
              ],
            },
          },
        ],
      },
      companiesCount: { count: 1 },
    });
    expect(await sandbox.topics()).toEqual([]);
    // A store sized by its customers gets companies only when asked.
    expect(sandbox.engine.seed(SHOP, { products: 1, customers: 1 })).not.toHaveProperty("companies");
    expect(sandbox.engine.seed(SHOP, { products: 1, customers: 1, companies: 1 })).toMatchObject({
      companies: 1,
      customers: 2,
    });
  });

  it("finds companies by updated_at, sorts them, and answers company, companyLocation(s), companyContact by id", async () => {
    sandbox = await startB2bSandbox();
    const a = await createCompany(sandbox, { company: { name: "Beta" }, companyContact: { email: "b@beta.example" } });
    const b = await createCompany(sandbox, { company: { name: "Alpha", externalId: "A-1" } });
    const c = await createCompany(sandbox, { company: { name: "Gamma" } });
    const list = async (query: string | null, sortKey = "ID", reverse = false) =>
      (
        await sandbox.gql<{ companies: { nodes: { name: string; updatedAt: string }[] } }>(
          `query($q: String, $s: CompanySortKeys, $r: Boolean) { companies(first: 10, query: $q, sortKey: $s, reverse: $r) { nodes { name updatedAt } } }`,
          { q: query, s: sortKey, r: reverse },
        )
      ).data!.companies.nodes;
    const all = await list(null);
    expect(all.map((n) => n.name)).toEqual(["Beta", "Alpha", "Gamma"]);
    await sandbox.gql(
      `mutation($id: ID!) { companyUpdate(companyId: $id, input: { note: "touched" }) { userErrors { message } } }`,
      {
        id: a.id,
      },
    );
    expect((await list(`updated_at:>'${all[2]!.updatedAt}'`)).map((n) => n.name)).toEqual(["Beta"]);
    expect((await list(`updated_at:>='${all[2]!.updatedAt}'`)).map((n) => n.name)).toEqual(["Beta", "Gamma"]);
    expect((await list("external_id:A-1")).map((n) => n.name)).toEqual(["Alpha"]);
    expect((await list(null, "NAME")).map((n) => n.name)).toEqual(["Alpha", "Beta", "Gamma"]);
    expect((await list(null, "UPDATED_AT", true)).map((n) => n.name)).toEqual(["Beta", "Gamma", "Alpha"]);

    const byId = await sandbox.gql<Record<string, { id: string } | null>>(
      `query($c: ID!, $l: ID!, $cc: ID!) {
        company(id: $c) { id } companyLocation(id: $l) { id } companyContact(id: $cc) { id }
        wrongType: company(id: $l) { id } }`,
      { c: b.id, l: c.locations.nodes[0]!.id, cc: a.mainContact!.id },
    );
    expect(byId.data).toEqual({
      company: { id: b.id },
      companyLocation: { id: c.locations.nodes[0]!.id },
      companyContact: { id: a.mainContact!.id },
      wrongType: null,
    });
    const locations = await sandbox.gql<{ companyLocations: { nodes: { name: string; company: { name: string } }[] } }>(
      `{ companyLocations(first: 10, sortKey: NAME) { nodes { name company { name } } } }`,
    );
    expect(locations.data?.companyLocations.nodes.map((l) => l.name)).toEqual(["Alpha", "Beta", "Gamma"]);
  });

  it("lists Shopify's payment terms templates, filtered by type", async () => {
    sandbox = await startB2bSandbox();
    const body = await sandbox.gql<{ all: { name: string }[]; net: { id: string; name: string; dueInDays: number }[] }>(
      `{ all: paymentTermsTemplates { name paymentTermsType } net: paymentTermsTemplates(paymentTermsType: NET) { id name dueInDays description } }`,
    );
    expect(body.data?.all).toHaveLength(9);
    expect(body.data?.net.map((t) => t.name)).toEqual(["Net 7", "Net 15", "Net 30", "Net 45", "Net 60", "Net 90"]);
    expect(body.data?.net[2]).toEqual({
      id: "gid://shopify/PaymentTermsTemplate/4",
      name: "Net 30",
      dueInDays: 30,
      description: "Within 30 days",
    });
  });

  it("bulk-queries companies with their locations and contacts as child lines", async () => {
    sandbox = await startB2bSandbox();
    const one = await createCompany(sandbox, {
      company: { name: "One" },
      companyContact: { email: "one@one.example" },
      companyLocation: { name: "One HQ", taxRegistrationId: "DE1" },
    });
    await sandbox.gql(
      `mutation($id: ID!) { companyLocationCreate(companyId: $id, input: { name: "One Depot" }) { userErrors { message } } }`,
      {
        id: one.id,
      },
    );
    const two = await createCompany(sandbox, { company: { name: "Two" } });
    const query = `{ companies { edges { node {
      id name
      locations { edges { node { id name taxSettings { taxRegistrationId } } } }
      contacts { edges { node { id isMainContact customer { id } } } }
    } } } }`;
    const started = await sandbox.gql<{
      bulkOperationRunQuery: { bulkOperation: { id: string }; userErrors: unknown[] };
    }>(
      `mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id } userErrors { field message } } }`,
      { q: query },
    );
    expect(started.data?.bulkOperationRunQuery.userErrors).toEqual([]);
    const op = await finished(sandbox, started.data!.bulkOperationRunQuery.bulkOperation.id);
    expect(op).toMatchObject({ status: "COMPLETED", rootObjectCount: "2", objectCount: "6" });
    const lines = await jsonl(op.url!);
    expect(lines).toEqual([
      { id: one.id, name: "One" },
      { id: one.locations.nodes[0]!.id, name: "One HQ", taxSettings: { taxRegistrationId: "DE1" }, __parentId: one.id },
      expect.objectContaining({ name: "One Depot", __parentId: one.id }),
      {
        id: one.mainContact!.id,
        isMainContact: true,
        customer: { id: one.mainContact!.customer.id },
        __parentId: one.id,
      },
      { id: two.id, name: "Two" },
      expect.objectContaining({ name: "Two", __parentId: two.id }),
    ]);
  });
});
