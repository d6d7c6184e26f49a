import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { companiesSyncTask } from "../../../app/.server/tasks/companies-sync/task.ts";
import { reconcileOrders } from "../../../app/.server/tasks/orders-sync/reconcile-orders.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { setSettings } from "../../support/shop-settings.ts";
import { startShipmentsWorld } from "../shipments/shipments-harness.ts";

// "Sync companies" over HTTP to both sandboxes, run by graphile-worker as Run now runs it.

let db: TestDatabase;
let world: Awaited<ReturnType<typeof startShipmentsWorld>>;

beforeAll(async () => {
  db = await useTestDatabase();
  world = await startShipmentsWorld(db);
});

afterAll(async () => {
  await world.close();
});

type Shop = Awaited<ReturnType<typeof world.newShop>>;

const COMPANY_CREATE = `mutation C($input: CompanyCreateInput!) { companyCreate(input: $input) {
  company { id locations(first: 2) { nodes { id } } contacts(first: 1) { nodes { customer { id } } } }
  userErrors { field message code } } }`;
const LOCATION_CREATE = `mutation L($companyId: ID!, $input: CompanyLocationInput!) {
  companyLocationCreate(companyId: $companyId, input: $input) { companyLocation { id } userErrors { field message code } } }`;
const ASSIGN_ADDRESS = `mutation A($locationId: ID!, $address: CompanyAddressInput!, $types: [CompanyAddressType!]!) {
  companyLocationAssignAddress(locationId: $locationId, address: $address, addressTypes: $types) {
    addresses { id } userErrors { field message code } } }`;
const ORDER_CREATE = `mutation O($order: OrderCreateOrderInput!) { orderCreate(order: $order) {
  order { id name } userErrors { field message } } }`;

let serial = 0;
/** A company with its main contact and a first location, as a merchant adds it in the admin. */
async function shopifyCompany(shop: Shop, options: { taxId?: string; email?: string; name?: string } = {}) {
  serial++;
  const name = options.name ?? `Northwind ${serial}`;
  const made = await shop.gql(COMPANY_CREATE, {
    input: {
      company: { name },
      companyContact: {
        email: options.email ?? `buyer${serial}@northwind.example`,
        firstName: "Anna",
        lastName: `Berg${serial}`,
        phone: `+4930555000${String(serial).padStart(2, "0")}`,
      },
      companyLocation: {
        name: "HQ",
        shippingAddress: {
          address1: `Allee ${serial}`,
          city: "Berlin",
          zip: "10115",
          countryCode: "DE",
          zoneCode: "BE",
        },
        billingSameAsShipping: true,
        ...(options.taxId ? { taxRegistrationId: options.taxId } : {}),
      },
    },
  });
  expect(made.companyCreate.userErrors).toEqual([]);
  const company = made.companyCreate.company as {
    id: string;
    locations: { nodes: Array<{ id: string }> };
    contacts: { nodes: Array<{ customer: { id: string } }> };
  };
  return { id: company.id, name, hq: company.locations.nodes[0]!.id, contact: company.contacts.nodes[0]!.customer.id };
}

async function addLocation(shop: Shop, companyId: string, name: string, city: string) {
  const made = await shop.gql(LOCATION_CREATE, {
    companyId,
    input: {
      name,
      shippingAddress: { address1: "Kai 1", city, zip: "20457", countryCode: "DE" },
      billingSameAsShipping: true,
    },
  });
  expect(made.companyLocationCreate.userErrors).toEqual([]);
  return made.companyLocationCreate.companyLocation.id as string;
}

const erpCustomersNamed = (shop: Shop, name: string) =>
  shop.company.customers.all().filter((c) => c.displayName === name);

async function row(shopId: number, id: string) {
  const [found] = await db.sql<
    Array<{ state: string; erp_customer_number: string | null; reason: string | null; locations: unknown }>
  >`select state, erp_customer_number, reason, locations from shopify_companies
    where shop_id = ${shopId} and shopify_company_id = ${id}`;
  return found;
}

async function link(shopId: number, shopifyId: string) {
  const [found] = await db.sql<Array<{ erp_customer_number: string }>>`select erp_customer_number from customer_links
    where shop_id = ${shopId} and shopify_customer_id = ${shopifyId}`;
  return found?.erp_customer_number ?? null;
}

const recordsOf = <R extends { key: string }>(records: R[], id: string) => records.filter((r) => r.key === id);

describe("Sync companies, Shopify → ERP (all companies)", () => {
  let shop: Shop;

  beforeAll(async () => {
    shop = await world.newShop({
      companies: { import: "all", createUnknownInErp: true, shopifyCanUpdateErp: true },
    });
  });

  it("creates one ERP customer of type company with the main contact's e-mail and the first location's address and tax id, once", async () => {
    const company = await shopifyCompany(shop, { taxId: "DE123456789" });
    await addLocation(shop, company.id, "Warehouse", "Hamburg");
    const first = await world.runTask(companiesSyncTask, shop.shopId);
    expect(first.run?.status, first.run?.error_message ?? "").toBe("succeeded");
    expect(recordsOf(first.records, company.id)).toMatchObject([{ outcome: "created" }]);
    const [erp, ...more] = erpCustomersNamed(shop, company.name);
    expect(more).toEqual([]);
    expect(erp).toMatchObject({
      type: "Company",
      email: `buyer${serial}@northwind.example`,
      addressLine1: `Allee ${serial}`,
      city: "Berlin",
      country: "DE",
      taxRegistrationNumber: "DE123456789",
    });
    expect(await row(shop.shopId, company.id)).toMatchObject({ state: "linked", erp_customer_number: erp!.number });
    expect(await link(shop.shopId, company.id)).toBe(erp!.number);

    const count = shop.company.customers.all().length;
    const second = await world.runTask(companiesSyncTask, shop.shopId);
    expect(second.run?.status).toBe("succeeded");
    expect(recordsOf(second.records, company.id)).toEqual([]);
    expect(shop.company.customers.all().length).toBe(count);
  });

  it("a changed address of the first location follows to the ERP customer (the company's updatedAt does not move)", async () => {
    const company = await shopifyCompany(shop);
    await world.runTask(companiesSyncTask, shop.shopId);
    const moved = await shop.gql(ASSIGN_ADDRESS, {
      locationId: company.hq,
      address: { address1: "Neue Str. 5", city: "Potsdam", zip: "14467", countryCode: "DE" },
      types: ["BILLING"],
    });
    expect(moved.companyLocationAssignAddress.userErrors).toEqual([]);
    const { records } = await world.runTask(companiesSyncTask, shop.shopId);
    expect(recordsOf(records, company.id)).toMatchObject([{ outcome: "updated" }]);
    expect(erpCustomersNamed(shop, company.name)).toMatchObject([{ addressLine1: "Neue Str. 5", city: "Potsdam" }]);
  });

  it("links an ERP company customer with the main contact's e-mail, never a consumer customer with it", async () => {
    const email = `shared${serial}@northwind.example`;
    for (const [displayName, type] of [
      ["Anna Berg (consumer)", "Person"],
      ["Northwind (ERP)", "Company"],
    ] as const) {
      const made = await shop.bcApi("POST", "customers", { displayName, email, type });
      expect(made.status).toBe(201);
    }
    const erpCompany = shop.company.customers.all().find((c) => c.displayName === "Northwind (ERP)")!;
    const company = await shopifyCompany(shop, { email });
    const { records } = await world.runTask(companiesSyncTask, shop.shopId);
    expect(recordsOf(records, company.id)).toMatchObject([
      { outcome: "updated", reason: expect.stringContaining(`linked to ERP customer ${erpCompany.number}`) },
    ]);
    expect(await link(shop.shopId, company.id)).toBe(erpCompany.number);
  });
});

describe("Sync companies, mapping strategies and locations", () => {
  it("by tax id: links the ERP customer whose VAT registration no. is the first location's tax id", async () => {
    const shop = await world.newShop({ companies: { import: "all", mapping: "by_tax_id" } });
    const made = await shop.bcApi("POST", "customers", {
      displayName: "Contoso GmbH",
      type: "Company",
      taxRegistrationNumber: "DE999888777",
    });
    expect(made.status).toBe(201);
    const number = ((await made.json()) as { number: string }).number;
    const company = await shopifyCompany(shop, { taxId: "DE999888777" });
    const other = await shopifyCompany(shop, { taxId: "DE000000001" });
    const { records } = await world.runTask(companiesSyncTask, shop.shopId);
    expect(await link(shop.shopId, company.id)).toBe(number);
    expect(recordsOf(records, other.id)).toMatchObject([
      { outcome: "skipped", reason: expect.stringContaining("no ERP customer has the tax id DE000000001") },
    ]);
    expect(await row(shop.shopId, other.id)).toMatchObject({ state: "unmapped" });
    const open = await db.sql`select entity, shopify_id from unmapped_records
      where shop_id = ${shop.shopId} and resolved_at is null`;
    expect(open).toEqual([{ entity: "company", shopify_id: other.hq }]);
  });

  it("default company: every company is linked to it, and the default is never written", async () => {
    const shop = await world.newShop({});
    const defaultNo = shop.company.customers.all()[0]!.number;
    await setSettings(shop.shopId, (s) => {
      s.companies = {
        import: "all",
        mapping: "default_company",
        defaultCompanyNo: defaultNo,
        shopifyCanUpdateErp: true,
      };
    });
    const before = structuredClone(shop.company.customers.all().find((c) => c.number === defaultNo));
    const company = await shopifyCompany(shop);
    await world.runTask(companiesSyncTask, shop.shopId);
    expect(await link(shop.shopId, company.id)).toBe(defaultNo);
    expect(shop.company.customers.all().find((c) => c.number === defaultNo)).toEqual(before);
  });

  it("one ERP customer per location: the first location is the company's, the second gets its own", async () => {
    const shop = await world.newShop({
      companies: { import: "all", createUnknownInErp: true, locationCustomers: "per_location" },
    });
    const company = await shopifyCompany(shop);
    const warehouse = await addLocation(shop, company.id, "Warehouse", "Hamburg");
    const run = await world.runTask(companiesSyncTask, shop.shopId);
    expect(run.run?.status, run.run?.error_message ?? "").toBe("succeeded");
    const companyNo = await link(shop.shopId, company.id);
    const warehouseNo = await link(shop.shopId, warehouse);
    expect(companyNo).not.toBeNull();
    expect(warehouseNo).not.toBeNull();
    expect(warehouseNo).not.toBe(companyNo);
    expect(shop.company.customers.all().find((c) => c.number === warehouseNo)).toMatchObject({
      displayName: `${company.name} – Warehouse`,
      type: "Company",
      city: "Hamburg",
    });
    expect(await link(shop.shopId, company.hq)).toBeNull();
  });
});

describe("Sync companies, with order import", () => {
  it("imports a company when its first order waits, and the order goes to its ERP customer", async () => {
    const shop = await world.newShop({ companies: { import: "with_order", createUnknownInErp: true } });
    const company = await shopifyCompany(shop);
    const idle = await world.runTask(companiesSyncTask, shop.shopId);
    expect(idle.run?.status).toBe("succeeded");
    expect(erpCustomersNamed(shop, company.name)).toEqual([]);

    const variants = (await shop.gql(`{ productVariants(first: 1) { nodes { id } } }`)).productVariants.nodes;
    const placed = await shop.gql(ORDER_CREATE, {
      order: {
        companyLocationId: company.hq,
        customer: { toAssociate: { id: company.contact } },
        financialStatus: "PAID",
        lineItems: [{ variantId: variants[0].id, quantity: 1 }],
      },
    });
    expect(placed.orderCreate.userErrors).toEqual([]);
    const name = placed.orderCreate.order.name as string;
    await reconcileOrders(shop.shopId);
    await world.runAllJobs();
    const [waiting] =
      await db.sql`select status, waiting_on from orders where shop_id = ${shop.shopId} and name = ${name}`;
    expect(waiting).toMatchObject({ status: "unprocessed", waiting_on: "unmapped_customer" });

    const run = await world.runTask(companiesSyncTask, shop.shopId);
    expect(run.run?.status, run.run?.error_message ?? "").toBe("succeeded");
    const [erp] = erpCustomersNamed(shop, company.name);
    expect(erp).toBeDefined();
    await world.runAllJobs();
    const salesOrder = shop.company.salesOrders.all().find((o) => o.externalDocumentNumber === name);
    expect(salesOrder?.customerNumber).toBe(erp!.number);
  });
});

describe("Sync companies, ERP → Shopify and conflicts", () => {
  it("Can update Shopify companies: an ERP name and address change reaches the company, once, without an echo", async () => {
    const shop = await world.newShop({
      companies: { import: "all", createUnknownInErp: true, canUpdateShopify: true },
    });
    const company = await shopifyCompany(shop);
    await world.runTask(companiesSyncTask, shop.shopId);
    const [erp] = erpCustomersNamed(shop, company.name);
    await shop.editInBc(`customers(${erp!.id})`, {
      displayName: `${company.name} AG`,
      addressLine1: "Marienplatz 1",
      city: "München",
      postalCode: "80331",
    });
    const { records } = await world.runTask(companiesSyncTask, shop.shopId);
    expect(recordsOf(records, company.id)).toMatchObject([{ outcome: "updated" }]);
    const read = await shop.gql(
      `query R($id: ID!) { company(id: $id) { name locations(first: 1) { nodes { billingAddress { address1 city zip } } } } }`,
      { id: company.id },
    );
    expect(read.company).toMatchObject({
      name: `${company.name} AG`,
      locations: { nodes: [{ billingAddress: { address1: "Marienplatz 1", city: "München", zip: "80331" } }] },
    });
    const before = shop.company.customers.all().find((c) => c.number === erp!.number)?.lastModifiedDateTime;
    const again = await world.runTask(companiesSyncTask, shop.shopId);
    expect(recordsOf(again.records, company.id)).toEqual([]);
    expect(shop.company.customers.all().find((c) => c.number === erp!.number)?.lastModifiedDateTime).toBe(before);
  });

  it("a company changed on both sides since the last sync is a conflict with both versions; nothing is overwritten", async () => {
    const shop = await world.newShop({
      companies: { import: "all", createUnknownInErp: true, shopifyCanUpdateErp: true },
    });
    const company = await shopifyCompany(shop);
    await world.runTask(companiesSyncTask, shop.shopId);
    const [erp] = erpCustomersNamed(shop, company.name);
    await shop.editInBc(`customers(${erp!.id})`, { city: "Leipzig" });
    const moved = await shop.gql(ASSIGN_ADDRESS, {
      locationId: company.hq,
      address: { address1: "Ring 3", city: "Dresden", zip: "01067", countryCode: "DE" },
      types: ["BILLING"],
    });
    expect(moved.companyLocationAssignAddress.userErrors).toEqual([]);
    const { records } = await world.runTask(companiesSyncTask, shop.shopId);
    expect(recordsOf(records, company.id)).toMatchObject([
      { outcome: "skipped", reason: expect.stringMatching(/^conflict/) },
    ]);
    const saved = await row(shop.shopId, company.id);
    expect(saved).toMatchObject({ state: "conflict" });
    expect(shop.company.customers.all().find((c) => c.number === erp!.number)?.city).toBe("Leipzig");
  });
});

describe("Sync companies, Preview, the kill switch and payment terms", () => {
  it("Preview plans and writes nothing; the kill switch holds the create back and keeps it for later", async () => {
    const shop = await world.newShop({ companies: { import: "all", createUnknownInErp: true } });
    const company = await shopifyCompany(shop);
    const count = shop.company.customers.all().length;
    const preview = await world.runTask(companiesSyncTask, shop.shopId, { dryRun: true });
    expect(preview.run).toMatchObject({ status: "succeeded", dry_run: true });
    expect(recordsOf(preview.records, company.id)).toMatchObject([
      { outcome: "planned", reason: "create an ERP company customer" },
    ]);
    expect(shop.company.customers.all().length).toBe(count);

    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = false));
    const held = await world.runTask(companiesSyncTask, shop.shopId);
    expect(recordsOf(held.records, company.id)).toMatchObject([
      { outcome: "skipped", reason: expect.stringMatching(/^outgoing writes are off/) },
    ]);
    expect(shop.company.customers.all().length).toBe(count);

    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = true));
    const after = await world.runTask(companiesSyncTask, shop.shopId);
    expect(recordsOf(after.records, company.id)).toMatchObject([{ outcome: "created" }]);
  });

  it("creates from the company template with the location's payment terms mapped to the ERP's", async () => {
    const shop = await world.newShop({
      companies: {
        import: "all",
        createUnknownInErp: true,
        templateCustomerNo: "CUSTOMER COMPANY",
        paymentTerms: { "Net 30": "30 DAYS" },
      },
    });
    const company = await shopifyCompany(shop);
    const templates = await shop.gql(`{ paymentTermsTemplates { id name } }`);
    const net30 = (templates.paymentTermsTemplates as Array<{ id: string; name: string }>).find(
      (t) => t.name === "Net 30",
    )!;
    const set = await shop.gql(
      `mutation B($id: ID!, $input: CompanyLocationUpdateInput!) { companyLocationUpdate(companyLocationId: $id, input: $input) {
        companyLocation { id } userErrors { field message code } } }`,
      { id: company.hq, input: { buyerExperienceConfiguration: { paymentTermsTemplateId: net30.id } } },
    );
    expect(set.companyLocationUpdate.userErrors).toEqual([]);
    const run = await world.runTask(companiesSyncTask, shop.shopId);
    expect(run.run?.status, run.run?.error_message ?? "").toBe("succeeded");
    const [erp] = erpCustomersNamed(shop, company.name);
    expect(erp).toMatchObject({ type: "Company", paymentTermsCode: "30 DAYS" });
  });
});

describe("Sync companies, webhooks", () => {
  it("a new phone of the main contact (customers/update) reaches the company's ERP customer", async () => {
    const shop = await world.newShop({
      companies: { import: "all", createUnknownInErp: true, shopifyCanUpdateErp: true },
    });
    const company = await shopifyCompany(shop);
    await world.runTask(companiesSyncTask, shop.shopId);
    const changed = await shop.gql(
      `mutation U($input: CustomerInput!) { customerUpdate(input: $input) { userErrors { field message } } }`,
      { input: { id: company.contact, phone: "+4930777666555" } },
    );
    expect(changed.customerUpdate.userErrors).toEqual([]);
    const { action } = await import("../../../app/routes/webhooks.customers.update.tsx");
    const { webhookRequest } = await import("../../support/webhook-request.ts");
    const response = await action({
      request: webhookRequest({
        topic: "customers/update",
        shop: shop.domain,
        body: { id: Number(company.contact.split("/").at(-1)), updated_at: new Date().toISOString() },
      }),
      params: {},
      context: {},
    });
    expect(response.status).toBe(200);
    await world.runAllJobs();
    expect(erpCustomersNamed(shop, company.name)).toMatchObject([{ phoneNumber: "+4930777666555" }]);
  });

  it("a company location's change marks its company to be read again and queues one run", async () => {
    const shop = await world.newShop({ companies: { import: "all", createUnknownInErp: true } });
    const company = await shopifyCompany(shop);
    await world.runTask(companiesSyncTask, shop.shopId);
    const { action } = await import("../../../app/routes/webhooks.company_locations.update.tsx");
    const { webhookRequest } = await import("../../support/webhook-request.ts");
    const body = {
      admin_graphql_api_id: company.hq,
      company: { admin_graphql_api_id: company.id },
      updated_at: new Date().toISOString(),
    };
    for (let i = 0; i < 2; i++) {
      const response = await action({
        request: webhookRequest({
          topic: "company_locations/update",
          shop: shop.domain,
          body,
          webhookId: `wh-loc-${serial}`,
        }),
        params: {},
        context: {},
      });
      expect(response.status).toBe(200);
    }
    const hashNow = async () =>
      (
        await db.sql<Array<{ shopify_hash: string | null }>>`select shopify_hash from shopify_companies
          where shop_id = ${shop.shopId} and shopify_company_id = ${company.id}`
      )[0]?.shopify_hash;
    expect(await hashNow()).toBeNull();
    const jobs = await db.sql`select 1 from graphile_worker.jobs where task_identifier = 'companies__sync'`;
    expect(jobs).toHaveLength(1);
    await world.runAllJobs();
    // Read again by the run the webhook queued: the hash is back, nothing was written.
    expect(await hashNow()).not.toBeNull();
  });
});
