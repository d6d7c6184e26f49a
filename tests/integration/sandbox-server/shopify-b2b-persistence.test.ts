import { mkdtempSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createShopifyEngine, type SandboxShopifyEngine } from "../../../sandbox/shopify/engine/create-engine.ts";
import { openShopifyJournal, type ShopifyPersistence } from "../../../sandbox/shopify/engine/snapshot-journal.ts";
import { type B2bSandbox, createCompany, roleId, startB2bSandbox } from "./shopify-b2b-fixture.ts";
import { SHOP } from "./shopify-catalog-fixture.ts";

/** Everything B2B and customer-side the restart must bring back, read in one document. */
const STATE = `query($company: ID!, $customer: ID!, $order: ID!) {
  company(id: $company) {
    id name externalId updatedAt
    mainContact { id title }
    contactRoles(first: 5) { nodes { id name } }
    locations(first: 5) { nodes {
      id name updatedAt
      billingAddress { id address1 }
      taxSettings { taxRegistrationId taxExempt taxExemptions }
      buyerExperienceConfiguration { paymentTermsTemplate { id } checkoutToDraft }
      roleAssignments(first: 5) { nodes { id role { name } companyContact { id } } }
    } }
    contacts(first: 5) { nodes { id customer { id } } }
  }
  customer(id: $customer) {
    id updatedAt taxExemptions
    defaultEmailAddress { marketingState marketingUpdatedAt }
    defaultPhoneNumber { marketingState }
    addressesV2(first: 5) { nodes { id address1 } }
    companyContactProfiles { id }
  }
  order(id: $order) {
    id
    purchasingEntity { ... on PurchasingCompany { company { id } location { id } contact { id } } }
    paymentTerms { paymentTermsName paymentSchedules(first: 1) { nodes { dueAt } } }
  }
}`;

describe("customers, companies and B2B orders across a restart of the sandbox store", () => {
  let dir: string;
  let running: { raw: SandboxShopifyEngine; persistence: ShopifyPersistence; sandbox: B2bSandbox }[];
  const files = { snapshotFile: "", journalFile: "" };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "shopify-b2b-"));
    files.snapshotFile = path.join(dir, "store.json");
    files.journalFile = path.join(dir, "store.journal");
    running = [];
  });
  afterEach(async () => {
    for (const r of running) {
      await r.sandbox.close();
      r.persistence.close();
    }
    await rm(dir, { recursive: true, force: true });
  });

  /** A store on the journal; seeded only when the files hold nothing yet. */
  async function start() {
    const raw = createShopifyEngine();
    const persistence = await openShopifyJournal(raw, files);
    const sandbox = await startB2bSandbox({
      engine: persistence.engine,
      ...(persistence.restored ? { seed: null } : {}),
    });
    const entry = { raw, persistence, sandbox };
    running.push(entry);
    return entry;
  }
  /** Stops the store as a kill would: nothing more is written. */
  async function kill(entry: (typeof running)[number]) {
    entry.persistence.close();
    entry.raw.reset();
    await entry.sandbox.server.close();
    await entry.sandbox.receiver.close();
    running = running.filter((r) => r !== entry);
  }

  /** Builds one of every new record kind and change, then reads it all back. */
  async function scene(sandbox: B2bSandbox) {
    const company = await createCompany(sandbox, {
      company: { name: "Kept GmbH", externalId: "KEPT" },
      companyContact: { email: "kept@kept.example", phone: "+4930999", title: "Buyer" },
      companyLocation: {
        name: "Kept HQ",
        taxRegistrationId: "DE42",
        buyerExperienceConfiguration: {
          paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/2",
          checkoutToDraft: true,
        },
      },
    });
    const locationId = company.locations.nodes[0]!.id;
    const customerId = company.mainContact!.customer.id;
    const second = await sandbox.gql<{ companyLocationCreate: { companyLocation: { id: string } } }>(
      `mutation($id: ID!) { companyLocationCreate(companyId: $id, input: { name: "Kept Depot" }) { companyLocation { id } } }`,
      { id: company.id },
    );
    await sandbox.gql(
      `mutation($c: ID!, $r: ID!, $l: ID!) { companyContactAssignRole(companyContactId: $c, companyContactRoleId: $r, companyLocationId: $l) { userErrors { message } } }`,
      {
        c: company.mainContact!.id,
        r: roleId(company, "Ordering only"),
        l: second.data!.companyLocationCreate.companyLocation.id,
      },
    );
    await sandbox.gql(
      `mutation($id: ID!) { companyLocationAssignAddress(locationId: $id, address: { address1: "Kai 7", countryCode: DE }, addressTypes: [BILLING]) { userErrors { message } } }`,
      { id: locationId },
    );
    await sandbox.gql(
      `mutation($id: ID!) { companyLocationTaxSettingsUpdate(companyLocationId: $id, taxExempt: true, exemptionsToAssign: [EU_REVERSE_CHARGE_EXEMPTION_RULE]) { userErrors { message } } }`,
      { id: locationId },
    );
    await sandbox.gql(
      `mutation($id: ID!) { customerEmailMarketingConsentUpdate(input: { customerId: $id, emailMarketingConsent: { marketingState: SUBSCRIBED } }) { userErrors { message } } }`,
      { id: customerId },
    );
    await sandbox.gql(
      `mutation($id: ID!) { customerSmsMarketingConsentUpdate(input: { customerId: $id, smsMarketingConsent: { marketingState: PENDING } }) { userErrors { message } } }`,
      { id: customerId },
    );
    await sandbox.gql(
      `mutation($id: ID!) { customerUpdate(input: { id: $id, taxExemptions: [US_CA_RESELLER_EXEMPTION] }) { userErrors { message } } }`,
      { id: customerId },
    );
    await sandbox.gql(
      `mutation($id: ID!) { customerAddressCreate(customerId: $id, address: { address1: "Home 1", countryCode: DE }) { userErrors { message } } }`,
      { id: customerId },
    );
    const order = await sandbox.gql<{ orderCreate: { order: { id: string } } }>(
      `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id } userErrors { message } } }`,
      {
        order: {
          companyLocationId: locationId,
          customer: { toAssociate: { id: customerId } },
          lineItems: [
            { title: "Crate", quantity: 1, priceSet: { shopMoney: { amount: "9.00", currencyCode: "USD" } } },
          ],
        },
      },
    );
    const ids = { company: company.id, customer: customerId, order: order.data!.orderCreate.order.id };
    const before = await sandbox.gql<Record<string, unknown>>(STATE, ids);
    return { ids, before: before.data, company };
  }

  it("brings every record back after a kill (journal) and after a clean stop (snapshot)", async () => {
    const first = await start();
    const { ids, before } = await scene(first.sandbox);
    expect(before).toMatchObject({
      company: { locations: { nodes: [{ roleAssignments: { nodes: [{ role: { name: "Location admin" } }] } }, {}] } },
      customer: { defaultPhoneNumber: { marketingState: "PENDING" }, taxExemptions: ["US_CA_RESELLER_EXEMPTION"] },
    });
    await kill(first);

    const second = await start();
    expect(second.persistence.restored).toBe(true);
    expect((await second.sandbox.gql(STATE, ids)).data).toEqual(before);
    // Counters came back too: the next company does not reuse an id.
    const next = await createCompany(second.sandbox, { company: { name: "After" } });
    expect(Number(next.id.split("/").pop())).toBeGreaterThan(Number(ids.company.split("/").pop()));
    const afterNext = (await second.sandbox.gql<Record<string, unknown>>(STATE, ids)).data;
    await second.persistence.save();
    await kill(second);

    const third = await start();
    expect((await third.sandbox.gql(STATE, ids)).data).toEqual(afterNext);
    const deleted = await third.sandbox.gql<{ companyDelete: { deletedCompanyId: string } }>(
      `mutation($id: ID!) { companyDelete(id: $id) { deletedCompanyId } }`,
      { id: next.id },
    );
    expect(deleted.data?.companyDelete.deletedCompanyId).toBe(next.id);
    await kill(third);

    const fourth = await start();
    const gone = await fourth.sandbox.gql<{ company: null; companiesCount: { count: number } }>(
      `query($id: ID!) { company(id: $id) { id } companiesCount { count } }`,
      { id: next.id },
    );
    expect(gone.data).toEqual({ company: null, companiesCount: { count: 1 } });
  });

  it("loads a snapshot written before B2B and consent were modelled: no companies, customers not subscribed", async () => {
    // A version 4 snapshot as the engine wrote it before this change: no B2B collections or counters,
    // customers without consent, exemptions or locale, orders without a company.
    const old = createShopifyEngine();
    old.createShop({ domain: SHOP, name: "Catalog Shop" });
    await old.execute({
      shop: SHOP,
      apiKey: "x",
      query: `mutation { customerCreate(input: { email: "old@example.com", phone: "+1555" }) { customer { id } } }`,
    });
    const snapshot = old.snapshot() as { shops: Record<string, unknown>[] };
    for (const shop of snapshot.shops) {
      for (const key of ["companies", "companyLocations", "companyContacts", "companyRoleAssignments"]) {
        delete shop[key];
      }
      const counters = shop.counters as Record<string, number>;
      for (const kind of Object.keys(counters)) {
        if (kind.startsWith("Company") || kind === "PaymentTerms") delete counters[kind];
      }
      for (const [, c] of shop.customers as [number, Record<string, unknown>][]) {
        for (const key of ["taxExemptions", "locale", "emailMarketingConsent", "smsMarketingConsent"]) delete c[key];
      }
    }
    writeFileSync(files.snapshotFile, JSON.stringify(snapshot));

    const started = await start();
    expect(started.persistence.restored).toBe(true);
    const body = await started.sandbox.gql<{
      customers: { nodes: Record<string, unknown>[] };
      companiesCount: { count: number };
    }>(`{ customers(first: 5) { nodes { taxExemptions locale defaultEmailAddress { marketingState } defaultPhoneNumber { marketingState } } }
      companiesCount { count } }`);
    expect(body.data).toEqual({
      customers: {
        nodes: [
          {
            taxExemptions: [],
            locale: "en",
            defaultEmailAddress: { marketingState: "NOT_SUBSCRIBED" },
            defaultPhoneNumber: { marketingState: "NOT_SUBSCRIBED" },
          },
        ],
      },
      companiesCount: { count: 0 },
    });
    const company = await createCompany(started.sandbox, { company: { name: "First B2B" } });
    expect(company.id).toBe("gid://shopify/Company/1001");
  });
});
