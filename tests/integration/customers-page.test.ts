import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { customersSyncTask } from "../../app/.server/tasks/customers-sync/task.ts";
import type * as CustomersRoute from "../../app/routes/app.customers._index.tsx";
import type * as CustomerRoute from "../../app/routes/app.customers.$id.tsx";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { adminRequest, routeArgs } from "../support/admin-request.ts";
import { setSettings } from "../support/shop-settings.ts";
import { importedOrder } from "../unit/orders-process/imported-order-factory.ts";
import { startShipmentsWorld } from "./shipments/shipments-harness.ts";

// The Customers list and a customer's page as Remix calls them: real Requests with session
// tokens, real Postgres, and both sandboxes over HTTP (the sandbox store's customers, the sandbox
// Business Central's), with "Sync customers" run by graphile-worker as Run now runs it.
let db: TestDatabase;
let world: Awaited<ReturnType<typeof startShipmentsWorld>>;
let listRoute: typeof CustomersRoute;
let pageRoute: typeof CustomerRoute;
type Shop = Awaited<ReturnType<typeof world.newShop>>;

beforeAll(async () => {
  db = await useTestDatabase();
  world = await startShipmentsWorld(db);
  listRoute = await import("../../app/routes/app.customers._index.tsx");
  pageRoute = await import("../../app/routes/app.customers.$id.tsx");
});

afterAll(async () => {
  await world?.close();
});

const list = (shop: Shop, search = "") =>
  listRoute.loader(routeArgs(adminRequest(shop.domain, `/app/customers${search}`)));
const listAct = (shop: Shop, form: Record<string, string>) =>
  listRoute.action(routeArgs(adminRequest(shop.domain, "/app/customers", { form })));
const page = (shop: Shop, id: number | string) =>
  pageRoute.loader(routeArgs(adminRequest(shop.domain, `/app/customers/${id}`), { id: String(id) }));
const act = (shop: Shop, id: number | string, form: Record<string, string>) =>
  pageRoute.action(routeArgs(adminRequest(shop.domain, `/app/customers/${id}`, { form }), { id: String(id) }));

/** What a loader or action threw, when it answered with a status (404). */
async function statusOf(call: Promise<unknown>): Promise<number | null> {
  try {
    await call;
    return null;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

const CUSTOMER_CREATE = `mutation C($input: CustomerInput!) {
  customerCreate(input: $input) { customer { id } userErrors { field message } } }`;
const CUSTOMER_UPDATE = `mutation U($input: CustomerInput!) {
  customerUpdate(input: $input) { customer { id } userErrors { field message } } }`;
const CUSTOMER_READ = `query R($id: ID!) { customer(id: $id) { defaultEmailAddress { emailAddress }
  defaultPhoneNumber { phoneNumber } defaultAddress { address1 city zip countryCodeV2 } } }`;
const CUSTOMERS_BY_EMAIL = `query E($q: String!) { customers(first: 5, query: $q) { nodes { id } } }`;

let serial = 0;
/** A customer a merchant adds in the Shopify admin. */
async function shopifyCustomer(shop: Shop, options: { address?: boolean } = {}) {
  serial++;
  const email = `page.customer.${serial}@example.com`;
  const made = await shop.gql(CUSTOMER_CREATE, {
    input: {
      firstName: "Lina",
      lastName: `Berg${serial}`,
      email,
      phone: `+4930765432${String(serial).padStart(2, "0")}`,
      addresses:
        options.address === false
          ? []
          : [{ address1: `Ringstr. ${serial}`, city: "Berlin", zip: "10115", countryCode: "DE" }],
    },
  });
  expect(made.customerCreate.userErrors).toEqual([]);
  return { id: made.customerCreate.customer.id as string, email };
}

async function rowOf(shopId: number, shopifyCustomerId: string) {
  const [row] = await db.sql<
    Array<{
      id: number;
      state: string;
      erp_customer_number: string | null;
      reason: string | null;
      shopify_hash: string | null;
      erp_hash: string | null;
      conflict: unknown;
      last_direction: string | null;
    }>
  >`select id::int, state, erp_customer_number, reason, shopify_hash, erp_hash, conflict, last_direction
    from shopify_customers where shop_id = ${shopId} and shopify_customer_id = ${shopifyCustomerId}`;
  return row;
}

async function linkOf(shopId: number, shopifyCustomerId: string) {
  const [link] = await db.sql<Array<{ erp_customer_number: string; source: string }>>`
    select erp_customer_number, source from customer_links
    where shop_id = ${shopId} and shopify_customer_id = ${shopifyCustomerId}`;
  return link;
}

/** Everything an action could change for the shop, to show that a refused one changed nothing. */
async function shopState(shop: Shop) {
  const rows = await db.sql`select * from shopify_customers where shop_id = ${shop.shopId} order by id`;
  const links = await db.sql`select * from customer_links where shop_id = ${shop.shopId} order by id`;
  const unmapped = await db.sql`select * from unmapped_records where shop_id = ${shop.shopId} order by id`;
  const jobs = await db.sql`select task_identifier, key from graphile_worker.jobs order by id`;
  return { rows, links, unmapped, jobs, bc: shop.company.customers.all().length };
}

async function newBcCustomer(shop: Shop, body: Record<string, unknown>): Promise<string> {
  const made = await shop.bcApi("POST", "customers", { type: "Person", ...body });
  expect(made.status).toBe(201);
  return ((await made.json()) as { number: string }).number;
}

const bcCustomerByNumber = (shop: Shop, number: string) =>
  shop.company.customers.all().find((c) => c.number === number);
const recordsOf = <R extends { key: string }>(records: R[], id: string) => records.filter((r) => r.key === id);

describe("the Customers list", () => {
  let shop: Shop;
  let other: Shop;
  const gid = (n: number) => `gid://shopify/Customer/${n}`;

  async function addRow(
    n: number,
    row: { name: string; state: string; email?: string; phone?: string; erp?: string; reason?: string },
    forShop = shop,
  ) {
    const [inserted] = await db.sql<Array<{ id: number }>>`
      insert into shopify_customers (shop_id, shopify_customer_id, state, display_name, email, phone, city,
        country_code, erp_customer_number, reason, last_synced_at)
      values (${forShop.shopId}, ${gid(n)}, ${row.state}, ${row.name}, ${row.email ?? null}, ${row.phone ?? null},
        'Berlin', 'DE', ${row.erp ?? null}, ${row.reason ?? null}, '2026-10-02T08:00:00Z')
      returning id::int`;
    return inserted!.id;
  }

  let ann: number;
  let otherRow: number;

  beforeAll(async () => {
    shop = await world.newShop();
    other = await world.newShop();
    ann = await addRow(9001, {
      name: "Ann Lee",
      state: "linked",
      email: "ann.lee@example.com",
      phone: "+49 30 1234567",
      erp: "C10010",
    });
    await addRow(9002, { name: "Bob Stone", state: "unmapped", reason: "no ERP customer has this e-mail" });
    await addRow(9003, { name: "Cid Park", state: "conflict", erp: "C10030", reason: "changed on both sides" });
    await addRow(9004, { name: "Dee Holm", state: "error", reason: "Name: is too long" });
    await addRow(9005, { name: "Eve Marsh", state: "skipped", reason: "no name, e-mail or phone" });
    await addRow(9006, { name: "Fay Dunn", state: "ignored", reason: "ignored by the merchant" });
    // Unmapped by the sync, then mapped on the unmapped-customers list: the link makes it mapped.
    await addRow(9007, { name: "Gus Wren", state: "unmapped", reason: "no ERP customer has this e-mail" });
    await db.sql`insert into customer_links (shop_id, shopify_customer_id, erp_customer_number, source) values
      (${shop.shopId}, ${gid(9007)}, 'C10070', 'merchant'),
      (${shop.shopId}, ${gid(9900)}, 'C10990', 'matched'),
      (${shop.shopId}, 'gid://shopify/Order/5501', 'C10000', 'matched')`;
    otherRow = await addRow(9901, { name: "Olga Other", state: "linked", erp: "C10010" }, other);
  });

  it("counts every tab, link-only customers as mapped and guests not at all", async () => {
    const all = await list(shop);
    expect(all.counts).toEqual({ all: 8, linked: 3, unmapped: 1, conflict: 1, error: 1, skipped: 1 });
    expect(all.total).toBe("8 customers");
    expect(all.rows.map((r) => r.name)).toEqual([
      "Ann Lee",
      "Bob Stone",
      "Cid Park",
      "Dee Holm",
      "Eve Marsh",
      "Fay Dunn",
      "Gus Wren",
      "Shopify customer 9900",
    ]);
    expect(all.rows[0]).toMatchObject({
      href: `/app/customers/${ann}`,
      email: "ann.lee@example.com",
      place: "Berlin, DE",
      erpCustomerNumber: "C10010",
      badge: { label: "Mapped" },
    });
    expect(all.rows.find((r) => r.name === "Gus Wren")).toMatchObject({
      erpCustomerNumber: "C10070",
      badge: { label: "Mapped" },
      reason: "",
    });
    expect(all.rows.at(-1)).toMatchObject({
      href: expect.stringMatching(/^\/app\/customers\/link-\d+$/),
      erpCustomerNumber: "C10990",
      reason: expect.stringMatching(/^Linked by order processing/),
    });
    const mapped = await list(shop, "?tab=linked");
    expect(mapped.rows.map((r) => r.erpCustomerNumber)).toEqual(["C10010", "C10070", "C10990"]);
    const conflicts = await list(shop, "?tab=conflict");
    expect(conflicts.rows).toMatchObject([
      { name: "Cid Park", badge: { label: "Conflict" }, reason: "Changed on both sides" },
    ]);
    expect((await list(shop, "?tab=error")).rows).toMatchObject([{ name: "Dee Holm", reason: "Name: is too long" }]);
  });

  it("searches by name, e-mail, phone (as typed or by its digits) and ERP customer number", async () => {
    const names = async (q: string) => (await list(shop, `?q=${encodeURIComponent(q)}`)).rows.map((r) => r.name);
    expect(await names("bob")).toEqual(["Bob Stone"]);
    expect(await names("ANN.LEE@")).toEqual(["Ann Lee"]);
    expect(await names("(30) 1234-567")).toEqual(["Ann Lee"]);
    expect(await names("C10990")).toEqual(["Shopify customer 9900"]);
    expect(await names("%")).toEqual([]);
    const searched = await list(shop, "?q=C100");
    expect(searched.counts).toMatchObject({ all: 3, linked: 2, conflict: 1 });
  });

  it("pages by 50, by name, without skipping or repeating a customer", async () => {
    const many = await world.newShop();
    await db.sql`insert into shopify_customers (shop_id, shopify_customer_id, state, display_name)
      select ${many.shopId}, 'gid://shopify/Customer/' || (80000 + n), 'linked', 'Same Name'
      from generate_series(1, 55) as n`;
    const first = await list(many);
    const second = await list(many, "?page=1");
    expect(first).toMatchObject({ hasNext: true, total: "55 customers" });
    expect(first.rows).toHaveLength(50);
    expect(second).toMatchObject({ hasNext: false });
    expect(second.rows).toHaveLength(5);
    const keys = [...first.rows, ...second.rows].map((r) => r.key);
    expect(new Set(keys).size).toBe(55);
    // A hand-edited URL still shows a list.
    expect((await list(many, "?page=-3&tab=nonsense")).rows).toHaveLength(50);
  });

  it("shows no other shop's customers, and their pages are not found", async () => {
    const mine = await list(shop, "?q=Olga");
    expect(mine.rows).toEqual([]);
    expect(await statusOf(page(shop, otherRow))).toBe(404);
    expect(await statusOf(act(shop, otherRow, { intent: "ignore" }))).toBe(404);
    expect(await statusOf(page(shop, "abc"))).toBe(404);
    expect(await statusOf(page(shop, "link-0"))).toBe(404);
    expect((await list(other)).counts.all).toBe(1);
  });

  it("a customer's page shows its state, the ERP mirror's customer and the runs that touched it", async () => {
    await db.sql`insert into erp_records (shop_id, entity, erp_id, item_number, data, hash, erp_modified_at)
      values (${shop.shopId}, 'customers', 'bc-10010', 'C10010', ${db.sql.json({
        number: "C10010",
        displayName: "Ann Lee",
        type: "person",
        email: "ann.lee@example.com",
        phoneNumber: "+49 30 1234567",
        address: {
          line1: "Unter den Linden 1",
          line2: "",
          city: "Berlin",
          state: "",
          postalCode: "10117",
          countryCode: "DE",
        },
        currencyCode: "EUR",
        blocked: false,
      })}, 'h', '2026-10-01T08:00:00Z')`;
    const [run] = await db.sql<Array<{ id: number }>>`
      insert into task_runs (shop_id, task, category, trigger, status, dry_run, queued_at, started_at, finished_at, counts)
      values (${shop.shopId}, 'customers__sync', 'customers', 'schedule', 'succeeded', false, now(), now(), now(), ${db.sql.json({})})
      returning id::int`;
    await db.sql`insert into task_run_records (shop_id, run_id, record_type, record_key, label, outcome, reason)
      values (${shop.shopId}, ${run!.id}, 'customer', ${gid(9001)}, 'Ann Lee', 'updated', 'ERP customer C10010 updated'),
        (${shop.shopId}, ${run!.id}, 'customer', ${gid(9002)}, 'Bob Stone', 'skipped', 'unmapped')`;
    const loaded = await page(shop, ann);
    expect(loaded.customer).toMatchObject({
      name: "Ann Lee",
      state: "linked",
      shopifyAdminUrl: "shopify://admin/customers/9001",
      canMap: true,
      canCreate: false,
      canSync: true,
    });
    expect(loaded.erpCustomer).toMatchObject({
      number: "C10010",
      mirrored: true,
      name: "Ann Lee",
      address: "Unter den Linden 1, 10117 Berlin, DE",
      currency: "EUR",
    });
    expect(loaded.runs).toMatchObject([{ href: `/app/runs/${run!.id}`, reason: "ERP customer C10010 updated" }]);
    expect(loaded.conflict).toBeNull();
  });

  it("a link-only customer's page says how it was linked; Sync now gives it a row and queues the sync", async () => {
    const href = (await list(shop, "?q=C10990")).rows[0]!.href;
    const id = href.split("/").at(-1)!;
    const loaded = await page(shop, id);
    expect(loaded.customer).toMatchObject({ linkOnly: true, state: "linked", canMap: false, canSync: true });
    expect(loaded.erpCustomer).toMatchObject({
      number: "C10990",
      linkSource: "Found by the mapping strategy",
      mirrored: false,
    });
    const refused = await act(shop, id, { intent: "ignore" });
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/^Sync this customer first/) });
    const synced = await act(shop, id, { intent: "sync" });
    expect(synced).toMatchObject({ ok: true, runLink: expect.stringMatching(/^\/app\/runs\/job\/\d+$/) });
    const row = await rowOf(shop.shopId, gid(9900));
    expect(row).toMatchObject({ state: "linked", erp_customer_number: "C10990", shopify_hash: null });
    expect("href" in synced && synced.href).toBe(`/app/customers/${row!.id}`);
    const jobs =
      await db.sql`select 1 from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'customers__sync'
      and payload->>'shopId' = ${String(shop.shopId)}`;
    expect(jobs).toHaveLength(1);
    // The old link-only address now leads to the row's page.
    const moved = await statusOf(page(shop, id));
    expect(moved).toBe(302);
    expect((await list(shop)).counts.all).toBe(8);
  });
});

describe("a customer's actions, over the sandboxes", () => {
  // Customers nothing matches stay unmapped here: Map and Create have something to do.
  let shop: Shop;

  beforeAll(async () => {
    shop = await world.newShop({ customers: { import: "all", shopifyCanUpdateErp: true } });
  });

  async function unmappedCustomer() {
    const customer = await shopifyCustomer(shop);
    await world.runTask(customersSyncTask, shop.shopId);
    const row = await rowOf(shop.shopId, customer.id);
    expect(row).toMatchObject({ state: "unmapped" });
    return { ...customer, rowId: row!.id };
  }

  it("Map checks the number in the ERP, links, takes it off the unmapped list and queues its waiting order", async () => {
    const customer = await unmappedCustomer();
    const order = importedOrder({
      customer: {
        shopifyCustomerId: customer.id,
        email: customer.email,
        phone: null,
        firstName: "Lina",
        lastName: "Berg",
      },
    });
    const [waiting] = await db.sql<Array<{ id: number }>>`
      insert into orders (shop_id, shopify_order_id, name, status, waiting_on, snapshot)
      values (${shop.shopId}, ${order.shopifyOrderId}, ${order.name}, 'unprocessed', 'unmapped_customer', ${db.sql.json(order as never)})
      returning id::int`;
    const before = await shopState(shop);
    expect(await act(shop, customer.rowId, { intent: "map", number: "NOPE-404" })).toEqual({
      intent: "map",
      ok: false,
      message: "Customer NOPE-404 does not exist in the ERP.",
    });
    expect(await act(shop, customer.rowId, { intent: "map", number: "  " })).toMatchObject({
      intent: "invalid",
      ok: false,
      message: "Enter an ERP customer number.",
    });
    expect(await act(shop, customer.rowId, { intent: "map", number: "X".repeat(51) })).toMatchObject({ ok: false });
    expect(await act(shop, customer.rowId, { intent: "explode" })).toMatchObject({ intent: "invalid", ok: false });
    expect(await shopState(shop)).toEqual(before);

    const number = await newBcCustomer(shop, { displayName: "Lina Berg GmbH", email: "office@berg.example" });
    const mapped = await act(shop, customer.rowId, { intent: "map", number });
    expect(mapped).toEqual({
      intent: "map",
      ok: true,
      message: `Customer mapped to ERP customer ${number}. 1 waiting order was queued.`,
    });
    expect(await rowOf(shop.shopId, customer.id)).toMatchObject({
      state: "linked",
      erp_customer_number: number,
      reason: null,
    });
    expect(await linkOf(shop.shopId, customer.id)).toEqual({ erp_customer_number: number, source: "merchant" });
    const open = await db.sql`select 1 from unmapped_records where shop_id = ${shop.shopId}
      and shopify_id = ${customer.id} and resolved_at is null`;
    expect(open).toHaveLength(0);
    const queued =
      await db.sql`select 1 from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier like 'orders__process%'
      and payload::text like ${`%${waiting!.id}%`}`;
    expect(queued.length).toBeGreaterThan(0);
    const loaded = await page(shop, customer.rowId);
    expect(loaded.customer.state).toBe("linked");
    expect(loaded.erpCustomer).toMatchObject({ number, linkSource: "Mapped by you" });
  });

  it("Create in the ERP respects the kill switch, then creates the customer once with both hashes", async () => {
    const customer = await unmappedCustomer();
    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = false));
    const before = await shopState(shop);
    const held = await act(shop, customer.rowId, { intent: "create" });
    expect(held).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Outgoing writes are off.*nothing was written\.$/),
    });
    expect(await shopState(shop)).toEqual(before);
    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = true));

    const created = await act(shop, customer.rowId, { intent: "create" });
    expect(created).toMatchObject({ ok: true, message: expect.stringMatching(/^Customer \S+ created in the ERP\.$/) });
    const erp = shop.company.customers.all().find((c) => c.email === customer.email);
    expect(erp).toMatchObject({ city: "Berlin", postalCode: "10115" });
    expect(await rowOf(shop.shopId, customer.id)).toMatchObject({
      state: "linked",
      erp_customer_number: erp!.number,
      shopify_hash: expect.any(String),
      erp_hash: expect.any(String),
      last_direction: "shopify_to_erp",
    });
    expect(await linkOf(shop.shopId, customer.id)).toEqual({ erp_customer_number: erp!.number, source: "created" });
    expect(await act(shop, customer.rowId, { intent: "create" })).toMatchObject({ ok: false });
    // The next sync finds nothing to do for it: what was written is what both sides hold.
    const next = await world.runTask(customersSyncTask, shop.shopId);
    expect(recordsOf(next.records, customer.id)).toEqual([]);
    expect(shop.company.customers.all().filter((c) => c.email === customer.email)).toHaveLength(1);
  });

  it("an ERP refusal is shown in the ERP's words, and nothing changes", async () => {
    const customer = await unmappedCustomer();
    await setSettings(shop.shopId, (s) => (s.customers.templateCustomerNo = "NOPE"));
    const before = await shopState(shop);
    expect(await act(shop, customer.rowId, { intent: "create" })).toEqual({
      intent: "create",
      ok: false,
      message:
        "Neither a customer template nor a template customer NOPE exists in Business Central; check Settings → Customers.",
    });
    expect(await shopState(shop)).toEqual(before);
    await setSettings(shop.shopId, (s) => (s.customers.templateCustomerNo = ""));
  });

  it("Ignore keeps a customer out of the sync until Stop ignoring", async () => {
    const customer = await unmappedCustomer();
    expect(await act(shop, customer.rowId, { intent: "ignore" })).toMatchObject({
      ok: true,
      message: "Customer ignored",
    });
    expect(await rowOf(shop.shopId, customer.id)).toMatchObject({ state: "ignored" });
    expect((await page(shop, customer.rowId)).customer).toMatchObject({
      canStopIgnoring: true,
      canSync: false,
      canMap: false,
    });
    expect(await act(shop, customer.rowId, { intent: "sync" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/ignored/),
    });
    expect(await act(shop, customer.rowId, { intent: "stop-ignoring" })).toMatchObject({ ok: true });
    expect(await rowOf(shop.shopId, customer.id)).toMatchObject({ state: "unmapped", shopify_hash: null });
    expect(await act(shop, customer.rowId, { intent: "stop-ignoring" })).toMatchObject({ ok: false });
    await world.runTask(customersSyncTask, shop.shopId);
    expect(await rowOf(shop.shopId, customer.id)).toMatchObject({
      state: "unmapped",
      shopify_hash: expect.any(String),
    });
  });

  it("Retry forgets the Shopify hash and queues a run of Sync customers, which reads the customer again", async () => {
    const customer = await unmappedCustomer();
    await db.sql`update shopify_customers set state = 'error', reason = 'ERP said no'
      where shop_id = ${shop.shopId} and shopify_customer_id = ${customer.id}`;
    expect((await page(shop, customer.rowId)).customer).toMatchObject({ state: "error", reason: "ERP said no" });
    const retried = await act(shop, customer.rowId, { intent: "sync" });
    expect(retried).toMatchObject({
      ok: true,
      message: "Sync queued",
      runLink: expect.stringMatching(/^\/app\/runs\/job\/\d+$/),
    });
    expect(await rowOf(shop.shopId, customer.id)).toMatchObject({ shopify_hash: null });
    const { records } = await world.runTask(customersSyncTask, shop.shopId);
    const read = recordsOf(records, customer.id);
    expect(read.length).toBeGreaterThan(0);
    for (const record of read) {
      expect(record).toMatchObject({ outcome: "skipped", reason: expect.stringMatching(/^unmapped:/) });
    }
    expect(await rowOf(shop.shopId, customer.id)).toMatchObject({ state: "unmapped" });
  });
});

describe("conflicts and Add to Shopify, over the sandboxes", () => {
  // Customers created in the ERP: the sync links every customer it reads, and Shopify's changes
  // reach the ERP (so one made on both sides is a conflict).
  let shop: Shop;

  beforeAll(async () => {
    shop = await world.newShop({
      customers: { import: "all", createUnknownInErp: true, shopifyCanUpdateErp: true },
    });
  });

  /** A linked customer changed on both sides since its last sync, as the sync leaves it. */
  async function conflicted(options: { address?: boolean } = {}) {
    const customer = await shopifyCustomer(shop, options);
    await world.runTask(customersSyncTask, shop.shopId);
    const erp = shop.company.customers.all().find((c) => c.email === customer.email)!;
    await shop.editInBc(`customers(${erp.id})`, { phoneNumber: "+49 30 5550000" });
    await shop.gql(CUSTOMER_UPDATE, { input: { id: customer.id, phone: "+4930777666555" } });
    await world.runTask(customersSyncTask, shop.shopId);
    const row = await rowOf(shop.shopId, customer.id);
    expect(row).toMatchObject({ state: "conflict" });
    return { ...customer, rowId: row!.id, erpNumber: erp.number };
  }

  it("shows both versions side by side and Keep Shopify's writes Shopify's to the ERP, once", async () => {
    const customer = await conflicted();
    const loaded = await page(shop, customer.rowId);
    expect(loaded.customer).toMatchObject({ state: "conflict", canResolveConflict: true, canMap: false });
    expect(loaded.conflict?.rows).toEqual(
      expect.arrayContaining([{ label: "Phone", shopify: "+4930777666555", erp: "+49 30 5550000", differs: true }]),
    );
    expect(await act(shop, customer.rowId, { intent: "map", number: customer.erpNumber })).toMatchObject({
      ok: false,
      message: "Choose which version to keep first.",
    });

    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = false));
    expect(await act(shop, customer.rowId, { intent: "keep-shopify" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Outgoing writes are off/),
    });
    expect(bcCustomerByNumber(shop, customer.erpNumber)?.phoneNumber).toBe("+49 30 5550000");
    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = true));

    // Changed again in Shopify after the page showed the two versions: shown anew, not written.
    await shop.gql(CUSTOMER_UPDATE, { input: { id: customer.id, phone: "+4930111222333" } });
    expect(await act(shop, customer.rowId, { intent: "keep-shopify" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^The customer changed in Shopify again since this conflict was found/),
    });
    expect(bcCustomerByNumber(shop, customer.erpNumber)?.phoneNumber).toBe("+49 30 5550000");
    expect((await page(shop, customer.rowId)).conflict?.rows).toEqual(
      expect.arrayContaining([{ label: "Phone", shopify: "+4930111222333", erp: "+49 30 5550000", differs: true }]),
    );

    const kept = await act(shop, customer.rowId, { intent: "keep-shopify" });
    expect(kept).toMatchObject({
      ok: true,
      message: `Shopify's version written to ERP customer ${customer.erpNumber}`,
    });
    expect(bcCustomerByNumber(shop, customer.erpNumber)?.phoneNumber).toBe("+4930111222333");
    expect(await rowOf(shop.shopId, customer.id)).toMatchObject({
      state: "linked",
      conflict: null,
      reason: null,
      last_direction: "shopify_to_erp",
    });
    expect(await act(shop, customer.rowId, { intent: "keep-erp" })).toMatchObject({
      ok: false,
      message: "This customer is not in conflict.",
    });
    // Neither side's state comes back as a change, nor as the conflict again.
    const next = await world.runTask(customersSyncTask, shop.shopId);
    expect(recordsOf(next.records, customer.id)).toEqual([]);
    expect(await rowOf(shop.shopId, customer.id)).toMatchObject({ state: "linked" });
  });

  // Without an address: the sandbox store does not model customerAddressUpdate yet (the sync's
  // own ERP → Shopify test meets the same gap), so only name, e-mail and phone are written here.
  it("Keep the ERP's writes the ERP's version to the Shopify customer, once", async () => {
    const customer = await conflicted({ address: false });
    const kept = await act(shop, customer.rowId, { intent: "keep-erp" });
    expect(kept).toMatchObject({
      ok: true,
      message: `ERP customer ${customer.erpNumber}'s version written to Shopify`,
    });
    const read = await shop.gql(CUSTOMER_READ, { id: customer.id });
    expect(read.customer.defaultPhoneNumber.phoneNumber).toBe("+49 30 5550000");
    expect(await rowOf(shop.shopId, customer.id)).toMatchObject({
      state: "linked",
      conflict: null,
      last_direction: "erp_to_shopify",
    });
    const next = await world.runTask(customersSyncTask, shop.shopId);
    expect(recordsOf(next.records, customer.id)).toEqual([]);
    expect(bcCustomerByNumber(shop, customer.erpNumber)?.phoneNumber).toBe("+49 30 5550000");
  });

  it("Add to Shopify creates the ERP customer in Shopify, links it as exported, and refuses a second time", async () => {
    const email = "lena.vogel@example.com";
    const number = await newBcCustomer(shop, {
      displayName: "Lena Vogel",
      email,
      phoneNumber: "+4940123456",
      addressLine1: "Jungfernstieg 7",
      city: "Hamburg",
      postalCode: "20354",
      country: "DE",
    });
    // The sync pulls it into the mirror (not linked to anyone yet, so nothing is written).
    await world.runTask(customersSyncTask, shop.shopId);

    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = false));
    const held = await listAct(shop, { intent: "add-to-shopify", number });
    expect(held).toMatchObject({ ok: false, message: expect.stringMatching(/^Outgoing writes are off/) });
    expect((await shop.gql(CUSTOMERS_BY_EMAIL, { q: `email:${email}` })).customers.nodes).toEqual([]);
    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = true));

    expect(await listAct(shop, { intent: "add-to-shopify", number: "NOPE-404" })).toMatchObject({
      ok: false,
      message: "Customer NOPE-404 does not exist in the ERP.",
    });
    expect(await listAct(shop, { intent: "add-to-shopify", number: "" })).toMatchObject({
      intent: "invalid",
      ok: false,
    });

    const added = await listAct(shop, { intent: "add-to-shopify", number });
    expect(added).toMatchObject({ ok: true, message: `ERP customer ${number} created in Shopify.` });
    const found = (await shop.gql(CUSTOMERS_BY_EMAIL, { q: `email:${email}` })).customers.nodes as Array<{
      id: string;
    }>;
    expect(found).toHaveLength(1);
    const id = found[0]!.id;
    const read = await shop.gql(CUSTOMER_READ, { id });
    expect(read.customer).toMatchObject({
      defaultEmailAddress: { emailAddress: email },
      defaultPhoneNumber: { phoneNumber: "+4940123456" },
      defaultAddress: { address1: "Jungfernstieg 7", city: "Hamburg", zip: "20354", countryCodeV2: "DE" },
    });
    expect(await linkOf(shop.shopId, id)).toEqual({ erp_customer_number: number, source: "exported" });
    const row = await rowOf(shop.shopId, id);
    expect(row).toMatchObject({
      state: "linked",
      erp_customer_number: number,
      shopify_hash: expect.any(String),
      erp_hash: expect.any(String),
    });
    expect("href" in added && added.href).toBe(`/app/customers/${row!.id}`);

    expect(await listAct(shop, { intent: "add-to-shopify", number })).toMatchObject({
      ok: false,
      message: expect.stringMatching(new RegExp(`^ERP customer ${number} is already linked`)),
    });
    // Shopify's own refusal comes back in its words, and nothing is linked.
    // BC's API refuses such an address now; a customer from before that check (or a data import) still has one.
    const odd = await newBcCustomer(shop, { displayName: "Odd Mail", email: "odd.mail@example.com" });
    const oddRow = bcCustomerByNumber(shop, odd)!;
    shop.company.customers.update(oddRow.id, { email: "odd-mail-at-example" });
    const before = await shopState(shop);
    expect(await listAct(shop, { intent: "add-to-shopify", number: odd })).toEqual({
      intent: "add-to-shopify",
      ok: false,
      message: expect.stringContaining("Email is invalid"),
    });
    expect(await shopState(shop)).toEqual(before);

    // Neither side echoes the add back.
    const count = shop.company.customers.all().length;
    const next = await world.runTask(customersSyncTask, shop.shopId);
    expect(recordsOf(next.records, id)).toEqual([]);
    expect(shop.company.customers.all().length).toBe(count);
  });
});
