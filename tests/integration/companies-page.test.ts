import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { companiesSyncTask } from "../../app/.server/tasks/companies-sync/task.ts";
import type * as CompaniesRoute from "../../app/routes/app.companies._index.tsx";
import type * as CompanyRoute from "../../app/routes/app.companies.$id.tsx";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { adminRequest, routeArgs } from "../support/admin-request.ts";
import { setSettings } from "../support/shop-settings.ts";
import { startShipmentsWorld } from "./shipments/shipments-harness.ts";

// The Companies list and a company's page as Remix calls them: real Requests with session tokens,
// real Postgres, and both sandboxes over HTTP (the sandbox store's B2B companies, the sandbox
// Business Central's customers), with "Sync companies" run by graphile-worker as Run now runs it.
let db: TestDatabase;
let world: Awaited<ReturnType<typeof startShipmentsWorld>>;
let listRoute: typeof CompaniesRoute;
let pageRoute: typeof CompanyRoute;
type Shop = Awaited<ReturnType<typeof world.newShop>>;

beforeAll(async () => {
  db = await useTestDatabase();
  world = await startShipmentsWorld(db);
  listRoute = await import("../../app/routes/app.companies._index.tsx");
  pageRoute = await import("../../app/routes/app.companies.$id.tsx");
});

afterAll(async () => {
  await world?.close();
});

const list = (shop: Shop, search = "") =>
  listRoute.loader(routeArgs(adminRequest(shop.domain, `/app/companies${search}`)));
const listAct = (shop: Shop, form: Record<string, string>) =>
  listRoute.action(routeArgs(adminRequest(shop.domain, "/app/companies", { form })));
const page = (shop: Shop, id: number | string) =>
  pageRoute.loader(routeArgs(adminRequest(shop.domain, `/app/companies/${id}`), { id: String(id) }));
const act = (shop: Shop, id: number | string, form: Record<string, string>) =>
  pageRoute.action(routeArgs(adminRequest(shop.domain, `/app/companies/${id}`, { form }), { id: String(id) }));

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

const gid = (n: number) => `gid://shopify/Company/${n}`;
const locationGid = (n: number) => `gid://shopify/CompanyLocation/${n}`;

function location(n: number, extra: { erp?: string; reason?: string; taxId?: string; city?: string } = {}) {
  return {
    id: locationGid(n),
    name: `Location ${n}`,
    city: extra.city ?? "Berlin",
    countryCode: "DE",
    taxId: extra.taxId ?? "",
    paymentTerms: "",
    erpCustomerNumber: extra.erp ?? null,
    reason: extra.reason ?? null,
    hash: null,
  };
}

async function addRow(
  shop: Shop,
  n: number,
  row: {
    name: string;
    state: string;
    email?: string;
    taxId?: string;
    erp?: string;
    reason?: string;
    locations?: ReturnType<typeof location>[];
    conflict?: unknown;
  },
) {
  const locations = row.locations ?? [location(n * 10)];
  const [inserted] = await db.sql<Array<{ id: number }>>`
    insert into shopify_companies (shop_id, shopify_company_id, state, name, email, tax_id, city, country_code,
      location_count, locations, erp_customer_number, reason, conflict, last_synced_at, last_direction)
    values (${shop.shopId}, ${gid(n)}, ${row.state}, ${row.name}, ${row.email ?? null}, ${row.taxId ?? null},
      'Berlin', 'DE', ${locations.length}, ${db.sql.json(locations)}, ${row.erp ?? null}, ${row.reason ?? null},
      ${row.conflict ? db.sql.json(row.conflict as never) : null}, '2026-10-02T08:00:00Z', 'shopify_to_erp')
    returning id::int`;
  return inserted!.id;
}

describe("the Companies list and a company's page", () => {
  let shop: Shop;
  let other: Shop;
  let acme: number;
  let conflicted: number;
  let otherRow: number;

  beforeAll(async () => {
    shop = await world.newShop();
    other = await world.newShop();
    acme = await addRow(shop, 1, {
      name: "Acme Trading",
      state: "linked",
      email: "buyer@acme.example",
      taxId: "DE111222333",
      erp: "C20010",
      locations: [
        location(11, { taxId: "DE111222333" }),
        location(12, { erp: "C20011", city: "Hamburg" }),
        location(13, { reason: "no ERP customer of its own: it could not be created", city: "Munich" }),
      ],
    });
    await addRow(shop, 2, {
      name: "Birch Supplies",
      state: "unmapped",
      reason: "no ERP company customer has the main contact's e-mail or phone",
    });
    conflicted = await addRow(shop, 3, {
      name: "Cedar Works",
      state: "conflict",
      erp: "C20030",
      reason: "changed on both sides",
      conflict: {
        shopify: {
          displayName: "Cedar Works",
          email: "a@cedar.example",
          phoneNumber: "",
          address: { city: "Berlin" },
          taxId: "DE1",
        },
        erp: {
          displayName: "Cedar Works GmbH",
          email: "a@cedar.example",
          phoneNumber: "",
          address: { city: "Berlin" },
          taxId: "DE2",
        },
        erpVersion: null,
        detectedAt: "2026-10-02T08:00:00Z",
      },
    });
    await addRow(shop, 4, { name: "Dune Retail", state: "error", reason: "Name: is too long" });
    await addRow(shop, 5, { name: "Elm Outfitters", state: "ignored", reason: "ignored by the merchant" });
    await addRow(shop, 6, { name: "Fir Logistics", state: "skipped", reason: "the company has no name" });
    // Unmapped by the sync, then its link made (order processing goes by the link): mapped.
    await addRow(shop, 7, {
      name: "Gum Tree Ltd",
      state: "unmapped",
      reason: "no ERP company customer has the main contact's e-mail or phone",
    });
    await db.sql`insert into customer_links (shop_id, shopify_customer_id, erp_customer_number, source) values
      (${shop.shopId}, ${gid(1)}, 'C20010', 'matched'),
      (${shop.shopId}, ${locationGid(12)}, 'C20011', 'created'),
      (${shop.shopId}, ${gid(3)}, 'C20030', 'matched'),
      (${shop.shopId}, ${gid(7)}, 'C20070', 'merchant')`;
    otherRow = await addRow(other, 1, {
      name: "Acme Other Shop",
      state: "linked",
      erp: "C20010",
      email: "buyer@acme.example",
    });
  });

  it("counts every tab, a company linked since as mapped, a skipped one under All only", async () => {
    const all = await list(shop);
    expect(all.counts).toEqual({ all: 7, linked: 2, unmapped: 1, conflict: 1, error: 1, ignored: 1 });
    expect(all.total).toBe("7 companies");
    expect(all.rows.map((r) => r.name)).toEqual([
      "Acme Trading",
      "Birch Supplies",
      "Cedar Works",
      "Dune Retail",
      "Elm Outfitters",
      "Fir Logistics",
      "Gum Tree Ltd",
    ]);
    expect(all.rows[0]).toMatchObject({
      href: `/app/companies/${acme}`,
      email: "buyer@acme.example",
      locations: "3 locations",
      place: "Berlin, DE",
      erpCustomerNumber: "C20010",
      badge: { label: "Mapped" },
      lastSync: expect.any(String),
    });
    expect(all.rows.at(-1)).toMatchObject({ erpCustomerNumber: "C20070", badge: { label: "Mapped" }, reason: "" });
    expect(all.rows[1]).toMatchObject({
      badge: { label: "Unmapped" },
      reason: expect.stringMatching(/^No ERP company customer/),
    });

    const tab = async (name: string) => (await list(shop, `?tab=${name}`)).rows.map((r) => r.name);
    expect(await tab("linked")).toEqual(["Acme Trading", "Gum Tree Ltd"]);
    expect(await tab("unmapped")).toEqual(["Birch Supplies"]);
    expect(await tab("conflict")).toEqual(["Cedar Works"]);
    expect(await tab("error")).toEqual(["Dune Retail"]);
    expect(await tab("ignored")).toEqual(["Elm Outfitters"]);
    // A hand-edited URL still shows a list.
    expect((await list(shop, "?tab=nonsense&page=-3")).query).toMatchObject({ tab: "all", page: 0 });
  });

  it("searches by name, main contact e-mail, tax id and ERP customer number (a location's too)", async () => {
    const names = async (q: string) => (await list(shop, `?q=${encodeURIComponent(q)}`)).rows.map((r) => r.name);
    expect(await names("birch")).toEqual(["Birch Supplies"]);
    expect(await names("buyer@acme")).toEqual(["Acme Trading"]);
    expect(await names("DE111222")).toEqual(["Acme Trading"]);
    expect(await names("C20030")).toEqual(["Cedar Works"]);
    expect(await names("C20011")).toEqual(["Acme Trading"]);
    expect(await names("C20070")).toEqual(["Gum Tree Ltd"]);
    expect(await names("100%_")).toEqual([]);
    const counted = await list(shop, "?q=C200");
    expect(counted.counts).toMatchObject({ all: 3, linked: 2, conflict: 1 });
  });

  it("pages by 50, by name, without skipping or repeating a company", async () => {
    const many = await world.newShop();
    for (let n = 0; n < 53; n++) {
      await addRow(many, 500 + n, { name: `Company ${String(n).padStart(2, "0")}`, state: "linked" });
    }
    const first = await list(many);
    expect(first.rows).toHaveLength(50);
    expect(first.hasNext).toBe(true);
    const second = await list(many, "?page=1");
    expect(second.rows.map((r) => r.name)).toEqual(["Company 50", "Company 51", "Company 52"]);
    expect(second.hasNext).toBe(false);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.key)).size).toBe(53);
  });

  it("shows no other shop's companies, and their pages and actions are not found", async () => {
    expect((await list(shop, "?q=Other")).rows).toEqual([]);
    expect((await list(other)).rows.map((r) => r.name)).toEqual(["Acme Other Shop"]);
    expect(await statusOf(page(shop, otherRow))).toBe(404);
    expect(await statusOf(act(shop, otherRow, { intent: "ignore" }))).toBe(404);
    expect(await statusOf(page(shop, "abc"))).toBe(404);
    expect(await statusOf(page(shop, 999_999))).toBe(404);
    const [still] = await db.sql`select state from shopify_companies where id = ${otherRow}`;
    expect(still).toEqual({ state: "linked" });
  });

  it("a company's page shows its ERP customer from the mirror, each location's ERP customer and the runs that touched them", async () => {
    await db.sql`insert into erp_records (shop_id, entity, erp_id, item_number, data, hash, erp_modified_at)
      values (${shop.shopId}, 'customers', 'bc-20010', 'C20010', ${db.sql.json({
        number: "C20010",
        displayName: "Acme Trading GmbH",
        type: "company",
        email: "buyer@acme.example",
        phoneNumber: "+49 30 5550100",
        address: { line1: "Hafenstr. 1", line2: "", city: "Berlin", state: "", postalCode: "10117", countryCode: "DE" },
        currencyCode: "EUR",
        blocked: false,
      })}, 'h', '2026-10-01T08:00:00Z')`;
    const [run] = await db.sql<Array<{ id: number }>>`
      insert into task_runs (shop_id, task, category, trigger, status, dry_run, queued_at, started_at, finished_at, counts)
      values (${shop.shopId}, 'companies__sync', 'customers', 'schedule', 'succeeded', false, now(), now(), now(), ${db.sql.json({})})
      returning id::int`;
    await db.sql`insert into task_run_records (shop_id, run_id, record_type, record_key, label, outcome, reason)
      values (${shop.shopId}, ${run!.id}, 'company', ${gid(1)}, 'Acme Trading', 'updated', 'ERP customer C20010 updated'),
        (${shop.shopId}, ${run!.id}, 'company', ${locationGid(12)}, 'Acme Trading – Location 12', 'created', 'ERP customer C20011 created'),
        (${shop.shopId}, ${run!.id}, 'company', ${gid(2)}, 'Birch Supplies', 'skipped', 'unmapped'),
        (${shop.shopId}, ${run!.id}, 'customer', ${gid(1)}, 'not a company record', 'skipped', 'other type')`;
    const loaded = await page(shop, acme);
    expect(loaded.company).toMatchObject({
      name: "Acme Trading",
      state: "linked",
      badge: { label: "Mapped" },
      shopifyAdminUrl: "shopify://admin/companies/1",
      email: "buyer@acme.example",
      taxId: "DE111222333",
      lastDirection: "Shopify → ERP",
      canSync: true,
      canUnlink: true,
      remap: true,
      canIgnore: false,
    });
    expect(loaded.erpCustomer).toMatchObject({
      number: "C20010",
      mirrored: true,
      name: "Acme Trading GmbH",
      type: "Company",
      address: "Hafenstr. 1, 10117 Berlin, DE",
      currency: "EUR",
      linkSource: "Found by the mapping strategy",
    });
    expect(loaded.locations).toMatchObject([
      { name: "Location 11", erpCustomer: "Orders as the company's ERP customer C20010", reason: "" },
      {
        name: "Location 12",
        place: "Hamburg, DE",
        erpCustomer: "Own ERP customer C20011 (created in the erp from shopify)",
      },
      {
        name: "Location 13",
        erpCustomer: "Orders as the company's ERP customer C20010",
        reason: expect.stringMatching(/^No ERP customer of its own/),
      },
    ]);
    expect(loaded.runs.map((r) => r.reason).sort()).toEqual([
      "ERP customer C20010 updated",
      "ERP customer C20011 created",
    ]);
    expect(loaded.runs[0]).toMatchObject({ href: `/app/runs/${run!.id}` });
    expect(loaded.conflict).toBeNull();
  });

  it("a company in conflict shows both versions, the differing fields marked", async () => {
    const loaded = await page(shop, conflicted);
    expect(loaded.company).toMatchObject({ state: "conflict", reason: "Changed on both sides" });
    expect(loaded.conflict?.rows).toEqual(
      expect.arrayContaining([
        { label: "Name", shopify: "Cedar Works", erp: "Cedar Works GmbH", differs: true },
        { label: "E-mail", shopify: "a@cedar.example", erp: "a@cedar.example", differs: false },
        { label: "Tax id", shopify: "DE1", erp: "DE2", differs: true },
      ]),
    );
    expect(loaded.erpCustomer).toMatchObject({ number: "C20030", mirrored: false });
  });

  it("bad input is answered with a message and changes nothing", async () => {
    const before = await db.sql`select * from shopify_companies where shop_id = ${shop.shopId} order by id`;
    expect(await act(shop, acme, { intent: "explode" })).toMatchObject({ intent: "invalid", ok: false });
    expect(await act(shop, acme, { intent: "map", number: "  " })).toEqual({
      intent: "invalid",
      ok: false,
      message: "Enter an ERP customer number.",
    });
    expect(await listAct(shop, { intent: "add-to-shopify", number: "x".repeat(51) })).toMatchObject({
      intent: "invalid",
      message: "An ERP customer number has at most 50 characters.",
    });
    expect(await db.sql`select * from shopify_companies where shop_id = ${shop.shopId} order by id`).toEqual(before);
  });

  it("Sync now of an unlinked company says when the shop's Company import leaves it as it is", async () => {
    const birch = (await list(shop, "?q=birch")).rows[0]!.href.split("/").at(-1)!;
    expect(await act(shop, birch, { intent: "sync" })).toMatchObject({
      intent: "sync",
      ok: true,
      message: expect.stringMatching(/imported with their first order/),
    });
    expect((await act(shop, acme, { intent: "sync" })).message).toBe("Sync queued: the company is read again.");
  });
});

const COMPANY_CREATE = `mutation C($input: CompanyCreateInput!) { companyCreate(input: $input) {
  company { id } userErrors { field message code } } }`;
const COMPANIES_BY_EXTERNAL_ID = `query Q($q: String!) { companies(first: 5, query: $q) { nodes { id name externalId
  locations(first: 5) { nodes { id } }
  mainContact { id customer { email } roleAssignments(first: 5) { nodes { role { name } companyLocation { id } } } } } } }`;

async function rowOf(shopId: number, shopifyCompanyId: string) {
  const [row] = await db.sql<
    Array<{
      id: number;
      state: string;
      erp_customer_number: string | null;
      reason: string | null;
      shopify_hash: string | null;
    }>
  >`select id::int, state, erp_customer_number, reason, shopify_hash from shopify_companies
    where shop_id = ${shopId} and shopify_company_id = ${shopifyCompanyId}`;
  return row;
}

async function linkOf(shopId: number, shopifyId: string) {
  const [link] = await db.sql<Array<{ erp_customer_number: string; source: string }>>`
    select erp_customer_number, source from customer_links where shop_id = ${shopId} and shopify_customer_id = ${shopifyId}`;
  return link;
}

async function newBcCustomer(shop: Shop, body: Record<string, unknown>): Promise<string> {
  const made = await shop.bcApi("POST", "customers", { type: "Company", ...body });
  expect(made.status).toBe(201);
  return ((await made.json()) as { number: string }).number;
}

describe("a company's actions, over the sandboxes", () => {
  let shop: Shop;
  let companyId: string;
  let id: number;

  beforeAll(async () => {
    shop = await world.newShop({ companies: { import: "all" } });
    const made = await shop.gql(COMPANY_CREATE, {
      input: {
        company: { name: "Hazel Imports" },
        companyContact: { email: "orders@hazel.example", firstName: "Hana", lastName: "Hazel" },
        companyLocation: {
          name: "HQ",
          shippingAddress: { address1: "Markt 3", city: "Leipzig", zip: "04109", countryCode: "DE" },
          billingSameAsShipping: true,
        },
      },
    });
    expect(made.companyCreate.userErrors).toEqual([]);
    companyId = made.companyCreate.company.id;
    const first = await world.runTask(companiesSyncTask, shop.shopId);
    expect(first.run?.status, first.run?.error_message ?? "").toBe("succeeded");
    const row = await rowOf(shop.shopId, companyId);
    expect(row).toMatchObject({ state: "unmapped" });
    id = row!.id;
  });

  it("Map checks the number in the ERP, then links the company as mapped by the merchant", async () => {
    expect(await act(shop, id, { intent: "map", number: "NOPE-404" })).toEqual({
      intent: "map",
      ok: false,
      message: "Customer NOPE-404 does not exist in the ERP.",
    });
    expect(await linkOf(shop.shopId, companyId)).toBeUndefined();
    const number = await newBcCustomer(shop, { displayName: "Hazel Imports GmbH", email: "ap@hazel.example" });
    const mapped = await act(shop, id, { intent: "map", number });
    expect(mapped).toMatchObject({
      intent: "map",
      ok: true,
      message: `Company Hazel Imports mapped to ERP customer ${number}.`,
    });
    expect(await linkOf(shop.shopId, companyId)).toEqual({ erp_customer_number: number, source: "merchant" });
    const loaded = await page(shop, id);
    expect(loaded.company).toMatchObject({ state: "linked", canUnlink: true });
    expect(loaded.erpCustomer).toMatchObject({ number, linkSource: "Mapped by you" });
    expect(loaded.locations).toMatchObject([
      { name: "HQ", erpCustomer: `Orders as the company's ERP customer ${number}` },
    ]);
  });

  it("Sync now forgets the hash and queues a run of Sync companies, which reads the company again", async () => {
    const synced = await act(shop, id, { intent: "sync" });
    expect(synced).toMatchObject({
      intent: "sync",
      ok: true,
      runLink: expect.stringMatching(/^\/app\/runs\/job\/\d+$/),
    });
    expect((await rowOf(shop.shopId, companyId))?.shopify_hash).toBeNull();
    const [job] =
      await db.sql`select task_identifier from graphile_worker.jobs where task_identifier = 'companies__sync'`;
    expect(job).toBeDefined();
    const { run } = await world.runTask(companiesSyncTask, shop.shopId);
    expect(run?.status, run?.error_message ?? "").toBe("succeeded");
    // Read again: its hash is back, and it stays mapped (the link wins).
    expect(await rowOf(shop.shopId, companyId)).toMatchObject({ state: "linked", shopify_hash: expect.any(String) });
    // The first run found it unmapped: that run shows on its page.
    expect((await page(shop, id)).runs).toMatchObject([{ href: expect.stringMatching(/^\/app\/runs\/\d+$/) }]);
  });

  it("Unlink removes the link and says the company is no longer mapped; a second Unlink is refused", async () => {
    const unlinked = await act(shop, id, { intent: "unlink" });
    expect(unlinked).toMatchObject({ intent: "unlink", ok: true, message: expect.stringMatching(/no longer linked/) });
    expect(await linkOf(shop.shopId, companyId)).toBeUndefined();
    expect(await rowOf(shop.shopId, companyId)).toMatchObject({
      state: "skipped",
      erp_customer_number: null,
      shopify_hash: null,
    });
    const loaded = await page(shop, id);
    expect(loaded.company).toMatchObject({ canUnlink: false, canIgnore: true });
    expect(loaded.erpCustomer).toBeNull();
    expect(await act(shop, id, { intent: "unlink" })).toEqual({
      intent: "unlink",
      ok: false,
      message: "Company Hazel Imports is not linked to an ERP customer.",
    });
    // The next run maps it again by the strategy: nothing matches the contact's e-mail, so unmapped.
    await world.runTask(companiesSyncTask, shop.shopId);
    expect(await rowOf(shop.shopId, companyId)).toMatchObject({ state: "unmapped" });
  });

  it("Ignore keeps the company out of the sync; Sync now then says why it does nothing", async () => {
    expect(await act(shop, id, { intent: "ignore" })).toMatchObject({
      intent: "ignore",
      ok: true,
      message: "Company Hazel Imports is ignored.",
    });
    expect(await rowOf(shop.shopId, companyId)).toMatchObject({ state: "ignored", reason: "ignored by the merchant" });
    expect((await list(shop, "?tab=ignored")).rows.map((r) => r.name)).toEqual(["Hazel Imports"]);
    expect((await page(shop, id)).company).toMatchObject({ canSync: false, canMap: true });
    expect(await act(shop, id, { intent: "sync" })).toMatchObject({
      intent: "sync",
      ok: false,
      message: expect.stringMatching(/is ignored/),
    });
    const { records } = await world.runTask(companiesSyncTask, shop.shopId);
    expect(records.filter((r) => r.key === companyId)).toEqual([]);
  });
});

describe("Add to Shopify (an ERP customer becomes a B2B company)", () => {
  let shop: Shop;

  beforeAll(async () => {
    shop = await world.newShop({ companies: { import: "all" } });
  });

  const companiesWith = async (number: string) =>
    (await shop.gql(COMPANIES_BY_EXTERNAL_ID, { q: `external_id:"${number}"` })).companies.nodes as Array<{
      id: string;
      name: string;
      externalId: string;
      locations: { nodes: Array<{ id: string }> };
      mainContact: {
        customer: { email: string };
        roleAssignments: { nodes: Array<{ role: { name: string }; companyLocation: { id: string } }> };
      } | null;
    }>;

  it("refuses with outgoing writes off, then creates one company with a location and an ordering-only main contact, once", async () => {
    const number = await newBcCustomer(shop, {
      displayName: "Juniper Wholesale",
      email: "buying@juniper.example",
      phoneNumber: "+4940222333",
      addressLine1: "Speicherstadt 5",
      city: "Hamburg",
      postalCode: "20457",
      country: "DE",
    });

    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = false));
    expect(await listAct(shop, { intent: "add-to-shopify", number })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Outgoing writes are off/),
    });
    expect(await companiesWith(number)).toEqual([]);
    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = true));

    expect(await listAct(shop, { intent: "add-to-shopify", number: "NOPE-404" })).toMatchObject({
      ok: false,
      message: "Customer NOPE-404 does not exist in the ERP.",
    });

    const added = await listAct(shop, { intent: "add-to-shopify", number });
    expect(added).toMatchObject({
      intent: "add-to-shopify",
      ok: true,
      message: `ERP customer ${number} added to Shopify as a company.`,
    });
    const [company, ...more] = await companiesWith(number);
    expect(more).toEqual([]);
    expect(company).toMatchObject({ name: "Juniper Wholesale", externalId: number });
    expect(company!.locations.nodes).toHaveLength(1);
    const locationId = company!.locations.nodes[0]!.id;
    expect(company!.mainContact?.customer.email).toBe("buying@juniper.example");
    expect(company!.mainContact?.roleAssignments.nodes).toEqual([
      { role: { name: "Ordering only" }, companyLocation: { id: locationId } },
    ]);
    expect(await linkOf(shop.shopId, company!.id)).toEqual({ erp_customer_number: number, source: "exported" });
    const row = await rowOf(shop.shopId, company!.id);
    expect(row).toMatchObject({ state: "linked", erp_customer_number: number });
    expect("href" in added && added.href).toBe(`/app/companies/${row!.id}`);
    expect((await list(shop, `?q=${number}`)).rows.map((r) => r.name)).toEqual(["Juniper Wholesale"]);

    // Again while linked: refused, nothing duplicated.
    expect(await listAct(shop, { intent: "add-to-shopify", number })).toMatchObject({
      ok: false,
      message: `ERP customer ${number} is already linked to a Shopify company.`,
    });
    // Unlinked, then added again: the company Shopify has with the number is linked, not made twice.
    expect(await act(shop, row!.id, { intent: "unlink" })).toMatchObject({ ok: true });
    expect(await listAct(shop, { intent: "add-to-shopify", number })).toMatchObject({
      ok: true,
      message: `ERP customer ${number} linked to the Shopify company with its number.`,
    });
    expect(await companiesWith(number)).toHaveLength(1);
    expect(await linkOf(shop.shopId, company!.id)).toEqual({ erp_customer_number: number, source: "exported" });

    // The next run reads the company Shopify made (its location) and writes nothing back.
    const next = await world.runTask(companiesSyncTask, shop.shopId);
    expect(next.run?.status, next.run?.error_message ?? "").toBe("succeeded");
    expect(await rowOf(shop.shopId, company!.id)).toMatchObject({ state: "linked", erp_customer_number: number });
    expect((await page(shop, row!.id)).locations).toHaveLength(1);
  });
});
