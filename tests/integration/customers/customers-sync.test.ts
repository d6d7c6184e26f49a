import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { customersSyncTask } from "../../../app/.server/tasks/customers-sync/task.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { setSettings } from "../../support/shop-settings.ts";
import { startShipmentsWorld } from "../shipments/shipments-harness.ts";

// "Sync customers" over HTTP to both sandboxes, run by graphile-worker as Run now runs it.

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

const CUSTOMER_CREATE = `mutation C($input: CustomerInput!) {
  customerCreate(input: $input) { customer { id addresses { id } } userErrors { field message } } }`;
const CUSTOMER_UPDATE = `mutation U($input: CustomerInput!) {
  customerUpdate(input: $input) { customer { id } userErrors { field message } } }`;
const CUSTOMER_READ = `query R($id: ID!) { customer(id: $id) { firstName lastName
  defaultPhoneNumber { phoneNumber } defaultAddress { address1 city zip countryCodeV2 } } }`;

let serial = 0;
/** A customer a merchant (or a checkout) adds in the Shopify admin. */
async function shopifyCustomer(shop: Shop, input: Record<string, unknown> = {}) {
  serial++;
  const made = await shop.gql(CUSTOMER_CREATE, {
    input: {
      firstName: "Mia",
      lastName: `Keller${serial}`,
      email: `mia.keller.${serial}@example.com`,
      phone: `+4930123456${String(serial).padStart(2, "0")}`,
      addresses: [
        { address1: `Hauptstr. ${serial}`, city: "Berlin", zip: "10115", countryCode: "DE", provinceCode: "BE" },
      ],
      ...input,
    },
  });
  expect(made.customerCreate.userErrors).toEqual([]);
  return made.customerCreate.customer as { id: string; addresses: Array<{ id: string }> };
}

const bcCustomer = (shop: Shop, email: string) =>
  shop.company.customers.all().find((c) => c.email.toLowerCase() === email.toLowerCase());

async function row(shopId: number, shopifyCustomerId: string) {
  const [found] = await db.sql<
    Array<{ state: string; erp_customer_number: string | null; reason: string | null; conflict: unknown }>
  >`select state, erp_customer_number, reason, conflict from shopify_customers
    where shop_id = ${shopId} and shopify_customer_id = ${shopifyCustomerId}`;
  return found;
}

const recordsOf = <R extends { key: string }>(records: R[], id: string) => records.filter((r) => r.key === id);

describe("Sync customers, Shopify → ERP (all customers)", () => {
  let shop: Shop;

  beforeAll(async () => {
    shop = await world.newShop({
      customers: { import: "all", createUnknownInErp: true, shopifyCanUpdateErp: true },
    });
  });

  it("creates an ERP customer with the same e-mail, name and address, once", async () => {
    const customer = await shopifyCustomer(shop);
    const first = await world.runTask(customersSyncTask, shop.shopId);
    expect(first.run?.status, first.run?.error_message ?? "").toBe("succeeded");
    expect(recordsOf(first.records, customer.id)).toMatchObject([{ outcome: "created" }]);
    const erp = bcCustomer(shop, `mia.keller.${serial}@example.com`);
    expect(erp).toMatchObject({
      displayName: `Mia Keller${serial}`,
      addressLine1: `Hauptstr. ${serial}`,
      city: "Berlin",
      postalCode: "10115",
      country: "DE",
    });
    expect(await row(shop.shopId, customer.id)).toMatchObject({ state: "linked", erp_customer_number: erp!.number });

    const count = shop.company.customers.all().length;
    const second = await world.runTask(customersSyncTask, shop.shopId);
    expect(second.run?.status).toBe("succeeded");
    expect(recordsOf(second.records, customer.id)).toEqual([]);
    expect(shop.company.customers.all().length).toBe(count);
  });

  it("a changed phone in Shopify changes the ERP customer's phone", async () => {
    const customer = await shopifyCustomer(shop);
    await world.runTask(customersSyncTask, shop.shopId);
    const changed = await shop.gql(CUSTOMER_UPDATE, { input: { id: customer.id, phone: "+4940999888777" } });
    expect(changed.customerUpdate.userErrors).toEqual([]);
    const { records } = await world.runTask(customersSyncTask, shop.shopId);
    expect(recordsOf(records, customer.id)).toMatchObject([{ outcome: "updated" }]);
    expect(bcCustomer(shop, `mia.keller.${serial}@example.com`)?.phoneNumber).toBe("+4940999888777");
  });

  it("links an ERP customer with the same e-mail instead of creating another", async () => {
    const made = await shop.bcApi("POST", "customers", {
      displayName: "Jonas Weber",
      email: "jonas.weber@example.com",
      type: "Person",
    });
    expect(made.status).toBe(201);
    const number = ((await made.json()) as { number: string }).number;
    const customer = await shopifyCustomer(shop, {
      firstName: "Jonas",
      lastName: "Weber",
      email: "Jonas.Weber@example.com",
    });
    const { records } = await world.runTask(customersSyncTask, shop.shopId);
    expect(recordsOf(records, customer.id)).toMatchObject([
      { outcome: "updated", reason: expect.stringMatching(new RegExp(`linked to ERP customer ${number}`)) },
    ]);
    expect(
      shop.company.customers.all().filter((c) => c.email.toLowerCase() === "jonas.weber@example.com"),
    ).toHaveLength(1);
    expect(await row(shop.shopId, customer.id)).toMatchObject({ state: "linked", erp_customer_number: number });
  });

  it("stops with both numbers when two ERP customers have the customer's e-mail, instead of guessing", async () => {
    for (const name of ["Lena Vogel", "Lena Vogel (old)"]) {
      const made = await shop.bcApi("POST", "customers", {
        displayName: name,
        email: "lena.vogel@example.com",
        type: "Person",
      });
      expect(made.status).toBe(201);
    }
    const customer = await shopifyCustomer(shop, {
      firstName: "Lena",
      lastName: "Vogel",
      email: "lena.vogel@example.com",
    });
    const count = shop.company.customers.all().length;
    const { records } = await world.runTask(customersSyncTask, shop.shopId);
    expect(recordsOf(records, customer.id)).toMatchObject([
      {
        outcome: "skipped",
        reason: expect.stringMatching(/^ambiguous: ERP customers \S+ and \S+ both match the e-mail/),
      },
    ]);
    expect(await row(shop.shopId, customer.id)).toMatchObject({ state: "skipped", erp_customer_number: null });
    expect(shop.company.customers.all().length).toBe(count);
  });

  it("a customer changed in both Shopify and the ERP since the last sync is a conflict with both versions", async () => {
    const customer = await shopifyCustomer(shop);
    await world.runTask(customersSyncTask, shop.shopId);
    const erp = bcCustomer(shop, `mia.keller.${serial}@example.com`)!;
    await shop.editInBc(`customers(${erp.id})`, { phoneNumber: "+49 30 5550000" });
    await shop.gql(CUSTOMER_UPDATE, { input: { id: customer.id, phone: "+4930777666555" } });
    const { records } = await world.runTask(customersSyncTask, shop.shopId);
    expect(recordsOf(records, customer.id)).toMatchObject([
      { outcome: "skipped", reason: expect.stringMatching(/^conflict:/) },
    ]);
    const saved = await row(shop.shopId, customer.id);
    expect(saved).toMatchObject({
      state: "conflict",
      conflict: { shopify: { phoneNumber: "+4930777666555" }, erp: { phoneNumber: "+49 30 5550000" } },
    });
    // Nothing was overwritten on either side.
    expect(bcCustomer(shop, `mia.keller.${serial}@example.com`)?.phoneNumber).toBe("+49 30 5550000");
  });

  it("Preview plans and writes nothing; the kill switch records the write as skipped and keeps it for later", async () => {
    const customer = await shopifyCustomer(shop);
    const count = shop.company.customers.all().length;
    const preview = await world.runTask(customersSyncTask, shop.shopId, { dryRun: true });
    expect(preview.run).toMatchObject({ status: "succeeded", dry_run: true });
    expect(recordsOf(preview.records, customer.id)).toMatchObject([
      { outcome: "planned", reason: "create an ERP customer" },
    ]);
    expect(shop.company.customers.all().length).toBe(count);

    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = false));
    const held = await world.runTask(customersSyncTask, shop.shopId);
    expect(recordsOf(held.records, customer.id)).toMatchObject([
      { outcome: "skipped", reason: expect.stringMatching(/^outgoing writes are off/) },
    ]);
    expect(shop.company.customers.all().length).toBe(count);

    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = true));
    const after = await world.runTask(customersSyncTask, shop.shopId);
    expect(recordsOf(after.records, customer.id)).toMatchObject([{ outcome: "created" }]);
  });
});

describe("Sync customers with templates", () => {
  it("creates a customer from its country's customer template, and others from the shop's template customer", async () => {
    const shop = await world.newShop({
      customers: {
        import: "all",
        createUnknownInErp: true,
        templateCustomerNo: "TPL-WEB",
        templateCustomerByCountry: { AT: "CUSTOMER PERSON" },
      },
    });
    const net14 = shop.company.paymentTerms.all().find((t) => t.code === "14 DAYS")!;
    const made = await shop.bcApi("POST", "customers", {
      number: "TPL-WEB",
      displayName: "Web shop template",
      type: "Person",
      paymentTermsId: net14.id,
    });
    expect(made.status, await made.clone().text()).toBe(201);
    const austrian = await shopifyCustomer(shop, {
      addresses: [{ address1: "Ring 1", city: "Wien", zip: "1010", countryCode: "AT" }],
    });
    const austrianEmail = `mia.keller.${serial}@example.com`;
    const german = await shopifyCustomer(shop);
    const germanEmail = `mia.keller.${serial}@example.com`;
    const { records } = await world.runTask(customersSyncTask, shop.shopId);
    expect(recordsOf(records, austrian.id)).toMatchObject([{ outcome: "created" }]);
    expect(recordsOf(records, german.id)).toMatchObject([{ outcome: "created" }]);
    // The customer template's terms (BC: Customer Templ. Mgt. applied after the create).
    expect(bcCustomer(shop, austrianEmail)).toMatchObject({ paymentTermsCode: "COD", country: "AT" });
    // The template customer's terms, copied into the create.
    expect(bcCustomer(shop, germanEmail)).toMatchObject({ paymentTermsCode: "14 DAYS", country: "DE" });
  });
});

describe("Sync customers without creating", () => {
  it("lists a customer nothing matches as unmapped, on the unmapped list", async () => {
    const shop = await world.newShop({ customers: { import: "all" } });
    const customer = await shopifyCustomer(shop);
    const { records } = await world.runTask(customersSyncTask, shop.shopId);
    expect(recordsOf(records, customer.id)).toMatchObject([
      { outcome: "skipped", reason: expect.stringMatching(/^unmapped:/) },
    ]);
    expect(await row(shop.shopId, customer.id)).toMatchObject({ state: "unmapped", erp_customer_number: null });
    const open = await db.sql`select label from unmapped_records
      where shop_id = ${shop.shopId} and entity = 'customer' and shopify_id = ${customer.id} and resolved_at is null`;
    expect(open).toHaveLength(1);
  });
});

describe("Sync customers, ERP → Shopify (can update Shopify customers)", () => {
  it("a phone and address changed in the ERP reach the linked Shopify customer, and nothing echoes back", async () => {
    const shop = await world.newShop({
      customers: { import: "all", createUnknownInErp: true, canUpdateShopify: true },
    });
    const customer = await shopifyCustomer(shop);
    await world.runTask(customersSyncTask, shop.shopId);
    const erp = bcCustomer(shop, `mia.keller.${serial}@example.com`)!;
    await shop.editInBc(`customers(${erp.id})`, {
      phoneNumber: "+4989111222333",
      addressLine1: "Marienplatz 1",
      city: "München",
      postalCode: "80331",
    });
    const { records } = await world.runTask(customersSyncTask, shop.shopId);
    expect(recordsOf(records, customer.id)).toMatchObject([{ outcome: "updated" }]);
    const read = await shop.gql(CUSTOMER_READ, { id: customer.id });
    expect(read.customer).toMatchObject({
      defaultPhoneNumber: { phoneNumber: "+4989111222333" },
      defaultAddress: { address1: "Marienplatz 1", city: "München", zip: "80331", countryCodeV2: "DE" },
    });
    const before = bcCustomer(shop, `mia.keller.${serial}@example.com`)?.lastModifiedDateTime;
    const again = await world.runTask(customersSyncTask, shop.shopId);
    expect(recordsOf(again.records, customer.id)).toEqual([]);
    expect(bcCustomer(shop, `mia.keller.${serial}@example.com`)?.lastModifiedDateTime).toBe(before);
  });
});

describe("Sync customers, ERP requests per new customer", () => {
  let shop: Shop;

  beforeAll(async () => {
    shop = await world.newShop({ logging: "all", customers: { import: "all", createUnknownInErp: true } });
    // A first run pulls every ERP customer into the mirror: lookups are answered there from then on.
    await world.runTask(customersSyncTask, shop.shopId);
  });

  async function customerRequests(since: Date) {
    return db.sql<Array<{ method: string; path: string }>>`
      select method, path from api_log_entries where shop_id = ${shop.shopId} and system = 'erp'
        and operation = 'upsertCustomer' and created_at >= ${since} order by id`;
  }

  it("creates a new customer with one request (the mirror has already said no one has its e-mail)", async () => {
    const customer = await shopifyCustomer(shop);
    const since = new Date();
    const run = await world.runTask(customersSyncTask, shop.shopId);
    expect(recordsOf(run.records, customer.id)).toMatchObject([{ outcome: "created" }]);
    expect((await customerRequests(since)).map((r) => r.method)).toEqual(["POST"]);
  });

  it("after a run that stopped while creating, looks in the ERP first and creates at most one", async () => {
    const customer = await shopifyCustomer(shop);
    const email = `mia.keller.${serial}@example.com`;
    // What a run killed between committing its attempt and the ERP's answer leaves behind.
    await db.sql`insert into shopify_customers (shop_id, shopify_customer_id, state, reason, erp_create_attempted_at)
      values (${shop.shopId}, ${customer.id}, 'error', 'stopped while its ERP customer was being created', now())`;
    const since = new Date();
    const run = await world.runTask(customersSyncTask, shop.shopId);
    expect(run.run?.status, run.run?.error_message ?? "").toBe("succeeded");
    expect((await customerRequests(since)).map((r) => r.method)).toEqual(["GET", "POST"]);
    expect(shop.company.customers.all().filter((c) => c.email.toLowerCase() === email)).toHaveLength(1);
    expect(await row(shop.shopId, customer.id)).toMatchObject({ state: "linked", reason: null });
  });
});
