import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createBusinessCentralSandbox } from "../../../sandbox/business-central/create-server.ts";
import type { BusinessCentralSandbox } from "../../../sandbox/business-central/sandbox-api.ts";
import {
  BC_SCOPE,
  type BcFixture,
  type BcResponse,
  CLIENT,
  COMPANY_ID,
  ENV,
  getAll,
  requestToken,
  startBcSandbox,
  TENANT,
} from "./bc-fixture.ts";

/** Everything a client can read that the snapshot must keep: standard and companion sets, with etags. */
const STANDARD_SETS = [
  "items",
  "itemVariants",
  "customers",
  "locations",
  "salesOrders",
  "salesOrderLines",
  "salesShipments",
  "salesShipmentLines",
  "customerPaymentJournals",
];
const CUSTOM_SETS = ["inventoryByLocation", "priceListLines", "shipmentTrackings", "itemReferences"];

type Call = BcFixture["call"];

/** A `call` like the fixture's, for another sandbox: a fresh client-credentials token, then Bearer. */
async function clientFor(sandbox: BusinessCentralSandbox): Promise<{ status: number; call: Call }> {
  const { status, body } = await requestToken(sandbox, {
    grant_type: "client_credentials",
    client_id: CLIENT.clientId,
    client_secret: CLIENT.clientSecret,
    scope: BC_SCOPE,
  });
  const call: Call = async (method, url, init = {}) => {
    const res = await fetch(url, {
      method,
      headers: {
        Authorization: `Bearer ${body.access_token as string}`,
        ...(init.body === undefined ? {} : { "Content-Type": "application/json" }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined } as BcResponse;
  };
  return { status, call };
}

/** Every readable row of the company as JSON text per set, so field order counts as well as values. */
async function readEverything(sandbox: BusinessCentralSandbox, call: Call): Promise<Record<string, string>> {
  const company = `${sandbox.apiBaseUrl(TENANT, ENV)}/companies(${COMPANY_ID})`;
  const custom = `${sandbox.customApiBaseUrl(TENANT, ENV)}/companies(${COMPANY_ID})`;
  const out: Record<string, string> = {};
  for (const [base, sets] of [
    [company, STANDARD_SETS],
    [custom, CUSTOM_SETS],
  ] as const) {
    for (const set of sets) {
      // getAll only pages with `call`, so any sandbox's client will do.
      const { rows } = await getAll({ call } as BcFixture, `${base}/${set}`);
      out[set] = JSON.stringify(rows);
    }
  }
  return out;
}

describe("BC sandbox snapshot", () => {
  let fx: BcFixture;
  let restored: BusinessCentralSandbox | undefined;
  let orderBody: (ext: string) => unknown;
  beforeEach(async () => {
    fx = await startBcSandbox({ products: 4 });
    const customer = (await fx.call("GET", `${fx.company}/customers?$filter=number eq 'C00010'`)).body.value[0];
    const items = (await fx.call("GET", `${fx.company}/items`)).body.value;
    const location = (await fx.call("GET", `${fx.company}/locations?$filter=code eq 'MAIN'`)).body.value[0];
    orderBody = (ext) => ({
      customerId: customer.id,
      externalDocumentNumber: ext,
      salesOrderLines: [
        { lineType: "Item", itemId: items[0].id, quantity: 2, unitPrice: 10, locationId: location.id },
        { lineType: "Item", lineObjectNumber: items[1].number, quantity: 1, unitPrice: 30 },
      ],
    });
  });
  afterEach(async () => {
    await fx.sandbox.close();
    await restored?.close();
    restored = undefined;
  });

  /** An order by deep insert, shipped as the warehouse would: what the demo's app database links to. */
  async function orderAndShipment() {
    const order = await fx.call("POST", `${fx.company}/salesOrders?$expand=salesOrderLines`, {
      body: orderBody("#1001"),
    });
    expect(order.status).toBe(201);
    const shipment = fx.sandbox.postShipment(TENANT, ENV, COMPANY_ID, order.body.id, {
      packageTrackingNumber: "1Z999AA10123456784",
      shippingAgentCode: "UPS",
    });
    return { order: order.body, shipment };
  }

  it("restores rows, etags, clock, number series and clients into a new sandbox", async () => {
    const { order, shipment } = await orderAndShipment();
    expect([order.number, shipment.number]).toEqual(["S-ORD101001", "S-SHPT102001"]);
    const before = await readEverything(fx.sandbox, fx.call);
    const orderUrl = (base: string) => `${base}/salesOrders(${order.id})?$expand=salesOrderLines`;
    const orderBefore = (await fx.call("GET", orderUrl(fx.company))).body;
    const snapshot = JSON.parse(JSON.stringify(fx.sandbox.snapshot()));
    const clockBefore = fx.sandbox.company(TENANT, ENV, COMPANY_ID).clock.state();

    // Same frozen time as the first sandbox: without the watermark its next stamp would be older
    // than most restored rows.
    restored = await createBusinessCentralSandbox({ now: () => fx.clock.now });
    restored.restore(snapshot);
    expect(restored.company(TENANT, ENV, COMPANY_ID).clock.state()).toEqual(clockBefore);
    expect(restored.snapshot()).toEqual(snapshot);

    // The restored tenant's client gets a token with its secret and reads the same rows and etags.
    const client = await clientFor(restored);
    expect(client.status).toBe(200);
    const company = `${restored.apiBaseUrl(TENANT, ENV)}/companies(${COMPANY_ID})`;
    expect(await readEverything(restored, client.call)).toEqual(before);
    const reread = await client.call("GET", orderUrl(company));
    expect(reread.status).toBe(200);
    expect(JSON.stringify(reread.body)).toBe(JSON.stringify(orderBefore).replaceAll(fx.sandbox.url, restored.url));
    expect(reread.body.fullyShipped).toBe(true);

    // An etag handed out before the restart still matches; after the write it is stale.
    const patched = await client.call("PATCH", `${company}/salesOrders(${order.id})`, {
      body: { email: "after@restart.test" },
      headers: { "If-Match": reread.body["@odata.etag"] },
    });
    expect(patched.status).toBe(200);
    const stale = await client.call("PATCH", `${company}/salesOrders(${order.id})`, {
      body: { email: "again@restart.test" },
      headers: { "If-Match": reread.body["@odata.etag"] },
    });
    expect(stale.status).toBe(412);

    // lastModifiedDateTime keeps increasing and the number series continue where they stopped.
    const restoredStamps = Object.values(before).flatMap((json) =>
      (JSON.parse(json) as { lastModifiedDateTime: string }[]).map((row) => row.lastModifiedDateTime),
    );
    const latest = restoredStamps.reduce((a, b) => (a > b ? a : b));
    expect(patched.body.lastModifiedDateTime > latest).toBe(true);
    const next = await client.call("POST", `${company}/salesOrders`, { body: orderBody("#1002") });
    expect(next.status).toBe(201);
    expect(next.body.number).toBe("S-ORD101002");
    expect(next.body.lastModifiedDateTime > patched.body.lastModifiedDateTime).toBe(true);
    const since = await client.call(
      "GET",
      `${company}/salesOrders?$filter=lastModifiedDateTime gt ${latest}&$select=number`,
    );
    expect(since.body.value.map((o: { number: string }) => o.number).sort()).toEqual(["S-ORD101001", "S-ORD101002"]);
    expect(restored.postShipment(TENANT, ENV, COMPANY_ID, next.body.id).number).toBe("S-SHPT102002");
  });

  it("keeps Basic auth, tenants without companies and companies in other environments", async () => {
    fx.sandbox.addTenant({
      tenantId: "Fabrikam-Tenant",
      environment: "sandbox",
      clients: [{ clientId: "Fabrikam-Client", clientSecret: "other" }],
      basicAuth: { user: "ADMIN", password: "key" },
    });
    fx.sandbox.addTenant({ tenantId: TENANT, environment: "test" });
    const testCompany = fx.sandbox.addCompany(TENANT, "test", { name: "Test company" });
    restored = await createBusinessCentralSandbox({ now: () => fx.clock.now });
    restored.restore(JSON.parse(JSON.stringify(fx.sandbox.snapshot())));
    expect(restored.tenants.basicAuth("fabrikam-tenant")).toEqual({ user: "ADMIN", password: "key" });
    expect(restored.tenants.clientSecret("fabrikam-tenant", "fabrikam-client")).toBe("other");
    expect(restored.tenants.environment("fabrikam-tenant", "sandbox")?.size).toBe(0);
    expect(restored.company(TENANT, "test", testCompany.info.id).customerPaymentJournals.all()).toHaveLength(1);
  });

  it("drops issued tokens on restore, as a restart would; clients sign in again with their secrets", async () => {
    fx.sandbox.restore(fx.sandbox.snapshot());
    expect((await fx.call("GET", `${fx.company}/items`)).status).toBe(401);
    const client = await clientFor(fx.sandbox);
    expect((await client.call("GET", `${fx.company}/items`)).status).toBe(200);
  });

  it("refuses a malformed or unknown-version snapshot and changes nothing", async () => {
    await orderAndShipment();
    const good = JSON.parse(JSON.stringify(fx.sandbox.snapshot()));
    const clone = () => JSON.parse(JSON.stringify(good));
    const badRow = clone();
    badRow.tenants[0].environments[0].companies[0].tables.salesOrders[0].row.totalAmountIncludingTax = "35";
    const duplicateRow = clone();
    const lines = duplicateRow.tenants[0].environments[0].companies[0].tables.salesOrderLines;
    lines.push(lines[0]);
    const clockBehind = clone();
    clockBehind.tenants[0].environments[0].companies[0].clock.version = 1;
    const unknownTable = clone();
    delete unknownTable.tenants[0].environments[0].companies[0].tables.items;
    const cases: [unknown, RegExp][] = [
      [null, /no numeric `version`/],
      [{ ...good, version: 2 }, /version 2 is not supported \(expected 1\)/],
      [{ version: 1 }, /invalid sandbox Business Central snapshot/],
      [badRow, /salesOrders\[0\]\.row\.totalAmountIncludingTax/],
      [unknownTable, /tables\.items/],
      [duplicateRow, /appears twice/],
      [clockBehind, /ahead of the clock/],
    ];

    const before = await readEverything(fx.sandbox, fx.call);
    for (const [value, message] of cases) expect(() => fx.sandbox.restore(value), String(message)).toThrow(message);
    expect(fx.sandbox.snapshot()).toEqual(good);
    // Tokens survive a refused restore too: the fixture's token still reads.
    expect(await readEverything(fx.sandbox, fx.call)).toEqual(before);
  });
});
