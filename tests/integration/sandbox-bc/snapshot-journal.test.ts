import { appendFileSync, mkdtempSync, statSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createBusinessCentralSandbox } from "../../../sandbox/business-central/create-server.ts";
import type { BusinessCentralSandbox } from "../../../sandbox/business-central/sandbox-api.ts";
import { BC_SCOPE, CLIENT, COMPANY_ID, ENV, requestToken, TENANT } from "./bc-fixture.ts";

let dir: string;
let started: BusinessCentralSandbox[];
const clock = { now: Date.parse("2026-03-01T10:00:00.000Z") };

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "bc-journal-"));
  started = [];
});
afterEach(async () => {
  for (const sandbox of started) await stop(sandbox);
  await rm(dir, { recursive: true, force: true });
});

const persistence = () => ({
  snapshotFile: path.join(dir, "sandbox-business-central.json"),
  journalFile: path.join(dir, "sandbox-business-central.journal"),
});

/** Closes without a save, as a kill would leave the files (the journal's fd is closed, nothing more). */
async function stop(sandbox: BusinessCentralSandbox) {
  if (!started.includes(sandbox)) return;
  started.splice(started.indexOf(sandbox), 1);
  await stop(sandbox);
}

/** The sandbox on the files in `dir`, as the demo starts it (a later call is the next start). */
async function start(log: (line: string) => void = () => {}) {
  const sandbox = await createBusinessCentralSandbox({ now: () => clock.now, persistence: persistence(), log });
  started.push(sandbox);
  const { body } = await requestToken(sandbox, {
    grant_type: "client_credentials",
    client_id: CLIENT.clientId,
    client_secret: CLIENT.clientSecret,
    scope: BC_SCOPE,
  });
  const company = `${sandbox.apiBaseUrl(TENANT, ENV)}/companies(${COMPANY_ID})`;
  const call = async (method: string, url: string, json?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${company}${url}`, {
      method,
      headers: {
        Authorization: `Bearer ${String(body.access_token)}`,
        ...(json === undefined ? {} : { "Content-Type": "application/json" }),
        ...headers,
      },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
  };
  return { sandbox, call };
}

/** A session as the demo has it: set up in-process, then documents made, changed, deleted, shipped. */
async function busySession() {
  const setup = await createBusinessCentralSandbox({ now: () => clock.now, persistence: persistence() });
  started.push(setup);
  setup.addTenant({ tenantId: TENANT, environment: ENV, clients: [CLIENT] });
  setup.addCompany(TENANT, ENV, { id: COMPANY_ID, name: "CRONUS USA, Inc." });
  setup.seed(TENANT, ENV, COMPANY_ID, { products: 3 });
  await stop(setup); // the setup run was stopped without a save: only its journal has it
  const { sandbox, call } = await start();
  const customer = (await call("GET", `/customers?$filter=number eq 'C00010'`)).body.value[0];
  const items = (await call("GET", `/items`)).body.value;
  const order = (ext: string) => ({
    customerId: customer.id,
    externalDocumentNumber: ext,
    salesOrderLines: [{ lineType: "Item", itemId: items[0].id, quantity: 2, unitPrice: 10 }],
  });
  const numbers: string[] = [];
  for (const ext of ["#1001", "#1002", "#1003"]) {
    clock.now += 1_000;
    const created = await call("POST", `/salesOrders?$expand=salesOrderLines`, order(ext));
    expect(created.status).toBe(201);
    numbers.push(created.body.number);
  }
  const [first, second, third] = (await call("GET", `/salesOrders`)).body.value;
  const patched = await call("PATCH", `/salesOrders(${second.id})`, { email: "x@example.com" }, { "If-Match": "*" });
  expect(patched.status).toBe(200);
  expect((await call("DELETE", `/salesOrders(${third.id})`, undefined, { "If-Match": "*" })).status).toBe(204);
  sandbox.postShipment(TENANT, ENV, COMPANY_ID, first.id, { packageTrackingNumber: "1Z1" });
  return { sandbox, numbers, etag: patched.body["@odata.etag"] as string, orderId: second.id as string };
}

describe("the sandbox Business Central's journal", () => {
  it("brings back, after a kill (no clean stop), every row, etag, clock and number series", async () => {
    const { sandbox, numbers, etag, orderId } = await busySession();
    expect(numbers).toEqual(["S-ORD101001", "S-ORD101002", "S-ORD101003"]);
    const before = JSON.parse(JSON.stringify(sandbox.snapshot()));
    await stop(sandbox); // no save(): as after a SIGKILL, the snapshot file is the one written on start

    const next = await start();
    expect(next.sandbox.restored).toBe(true);
    expect(next.sandbox.snapshot()).toEqual(before);
    // The etag a client holds still matches, and numbers continue instead of being handed out again.
    const reread = await next.call("GET", `/salesOrders(${orderId})`);
    expect(reread.body["@odata.etag"]).toBe(etag);
    const itemId = next.sandbox.company(TENANT, ENV, COMPANY_ID).items.all()[0]!.id;
    const created = await next.call("POST", `/salesOrders?$expand=salesOrderLines`, {
      customerNumber: "C00010",
      externalDocumentNumber: "#1004",
      salesOrderLines: [{ lineType: "Item", itemId, quantity: 1, unitPrice: 5 }],
    });
    expect(created.body.number).toBe("S-ORD101004");
    const shipment = next.sandbox.postShipment(TENANT, ENV, COMPANY_ID, created.body.id);
    expect(shipment.number).toBe("S-SHPT102002");
  });

  it("replays onto the last clean stop's snapshot, and a clean stop empties the journal", async () => {
    const { sandbox } = await busySession();
    await sandbox.save();
    expect(await readFile(persistence().journalFile, "utf8")).toBe("");
    sandbox.postShipment(TENANT, ENV, COMPANY_ID, sandbox.company(TENANT, ENV, COMPANY_ID).salesOrders.all()[1]!.id);
    const before = JSON.parse(JSON.stringify(sandbox.snapshot()));
    await stop(sandbox);
    expect((await start()).sandbox.snapshot()).toEqual(before);
  });

  it("drops a last line cut off by a kill mid-write and keeps everything before it", async () => {
    const { sandbox } = await busySession();
    const before = JSON.parse(JSON.stringify(sandbox.snapshot()));
    await stop(sandbox);
    appendFileSync(persistence().journalFile, `{"ops":[{"op":"company","tenantId":"${TENANT}","envir`);
    const lines: string[] = [];
    const next = await start((line) => lines.push(line));
    expect(next.sandbox.snapshot()).toEqual(before);
    expect(lines.join("\n")).toMatch(/cut off by a kill mid-write/);
  });

  it("writes nothing for a read, and keeps both files owner-only (0600)", async () => {
    const { sandbox } = await busySession();
    await stop(sandbox);
    const { call } = await start();
    const size = statSync(persistence().journalFile).size;
    expect((await call("GET", `/salesOrders?$expand=salesOrderLines`)).status).toBe(200);
    expect(statSync(persistence().journalFile).size).toBe(size);
    expect(statSync(persistence().journalFile).mode & 0o777).toBe(0o600);
    expect(statSync(persistence().snapshotFile).mode & 0o777).toBe(0o600);
  });
});
