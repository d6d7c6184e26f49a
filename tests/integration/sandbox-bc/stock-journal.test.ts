import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createBusinessCentralSandbox } from "../../../sandbox/business-central/create-server.ts";
import type { BusinessCentralSandbox } from "../../../sandbox/business-central/sandbox-api.ts";
import { BC_SCOPE, CLIENT, COMPANY_ID, ENV, requestToken, TENANT } from "./bc-fixture.ts";

/**
 * Stock changes made over HTTP (an adjustment on the companion page, a reservation through the
 * control route, an order's demand) are journaled like every other row: after a kill and a restart
 * the figures, their stamps and the item ledger are back, and entry numbers carry on.
 */
let dir: string;
const open: BusinessCentralSandbox[] = [];
const clock = { now: Date.parse("2026-03-01T10:00:00.000Z") };

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "bc-stock-journal-"));
});
afterEach(async () => {
  for (const sandbox of open.splice(0)) await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

async function start() {
  const sandbox = await createBusinessCentralSandbox({
    now: () => clock.now,
    persistence: {
      snapshotFile: path.join(dir, "sandbox-business-central.json"),
      journalFile: path.join(dir, "sandbox-business-central.journal"),
    },
  });
  open.push(sandbox);
  return sandbox;
}

async function client(sandbox: BusinessCentralSandbox) {
  const { body } = await requestToken(sandbox, {
    grant_type: "client_credentials",
    client_id: CLIENT.clientId,
    client_secret: CLIENT.clientSecret,
    scope: BC_SCOPE,
  });
  const auth = { Authorization: `Bearer ${String(body.access_token)}` };
  const call = async (method: string, url: string, json?: unknown) => {
    const res = await fetch(url, {
      method,
      headers: { ...auth, ...(json === undefined ? {} : { "Content-Type": "application/json" }) },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
  };
  return {
    call,
    company: `${sandbox.apiBaseUrl(TENANT, ENV)}/companies(${COMPANY_ID})`,
    custom: `${sandbox.customApiBaseUrl(TENANT, ENV)}/companies(${COMPANY_ID})`,
  };
}

describe("stock changes in the journal", () => {
  it("adjustments, reservations and demand survive a kill and a restart", async () => {
    const first = await start();
    first.addTenant({ tenantId: TENANT, environment: ENV, clients: [CLIENT] });
    first.addCompany(TENANT, ENV, { id: COMPANY_ID, name: "CRONUS USA, Inc." });
    first.seed(TENANT, ENV, COMPANY_ID, { products: 2 });
    const api = await client(first);
    clock.now += 1000;
    const adjusted = await api.call("POST", `${api.custom}/inventoryAdjustments`, {
      itemNumber: "10001",
      variantCode: "V01",
      locationCode: "MAIN",
      quantity: 5,
    });
    expect(adjusted.status).toBe(201);
    const reserve = await fetch(
      `${first.url}/sandbox/tenants/${TENANT}/environments/${ENV}/companies/${COMPANY_ID}/reserve`,
      {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ itemNumber: "10001", variantCode: "V01", locationCode: "MAIN", quantity: 3 }),
      },
    );
    expect(reserve.status).toBe(200);
    const customer = (await api.call("GET", `${api.company}/customers?$top=1`)).body.value[0];
    const item = (await api.call("GET", `${api.company}/items?$filter=number eq '10001'`)).body.value[0];
    const order = await api.call("POST", `${api.company}/salesOrders`, {
      customerId: customer.id,
      salesOrderLines: [{ lineType: "Item", itemId: item.id, quantity: 4 }],
    });
    expect(order.status).toBe(201);
    const rows = (await api.call("GET", `${api.custom}/inventoryByLocation`)).body.value;
    const entries = (await api.call("GET", `${api.company}/itemLedgerEntries`)).body.value;
    // Killed without a save: only the journal has these changes.
    open.splice(open.indexOf(first), 1);
    await first.close();

    const second = await start();
    expect(second.restored).toBe(true);
    const again = await client(second);
    expect((await again.call("GET", `${again.custom}/inventoryByLocation`)).body.value).toEqual(rows);
    expect((await again.call("GET", `${again.company}/itemLedgerEntries`)).body.value).toEqual(entries);
    const row = rows.find((r: any) => r.itemNumber === "10001" && r.variantCode === "V01" && r.locationCode === "MAIN");
    expect(row).toMatchObject({ inventory: 25, reservedQuantity: 3, nonReservedInventory: 22 });
    const blank = rows.find((r: any) => r.itemNumber === "10001" && r.variantCode === "" && r.locationCode === "");
    expect(blank).toMatchObject({ inventory: 0, projectedAvailableBalance: -4 });
    const next = await again.call("POST", `${again.custom}/inventoryAdjustments`, {
      itemNumber: "10001",
      variantCode: "V01",
      locationCode: "MAIN",
      quantity: -1,
    });
    expect(next.body.entryNumber).toBe(adjusted.body.entryNumber + 1);
  });
});
