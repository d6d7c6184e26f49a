import { mkdtempSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createBusinessCentralSandbox } from "../../../sandbox/business-central/create-server.ts";
import type { BusinessCentralSandbox } from "../../../sandbox/business-central/sandbox-api.ts";
import { BC_SCOPE, CLIENT, COMPANY_ID, ENV, requestToken, TENANT } from "./bc-fixture.ts";

let dir: string;
let open: BusinessCentralSandbox[];
const clock = { now: Date.parse("2026-03-01T10:00:00.000Z") };

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "bc-customers-"));
  open = [];
});
afterEach(async () => {
  for (const sandbox of open) await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

const files = () => ({
  snapshotFile: path.join(dir, "sandbox-business-central.json"),
  journalFile: path.join(dir, "sandbox-business-central.journal"),
});

async function start() {
  const sandbox = await createBusinessCentralSandbox({ now: () => clock.now, persistence: files() });
  open.push(sandbox);
  if (!sandbox.restored) {
    sandbox.addTenant({ tenantId: TENANT, environment: ENV, clients: [CLIENT] });
    sandbox.addCompany(TENANT, ENV, { id: COMPANY_ID, name: "CRONUS USA, Inc." });
  }
  const token = (
    await requestToken(sandbox, {
      grant_type: "client_credentials",
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
      scope: BC_SCOPE,
    })
  ).body.access_token as string;
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(url, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...(method === "PATCH" || method === "DELETE" ? { "If-Match": "*" } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
  };
  const api = `${sandbox.apiBaseUrl(TENANT, ENV)}/companies(${COMPANY_ID})`;
  const custom = `${sandbox.customApiBaseUrl(TENANT, ENV)}/companies(${COMPANY_ID})`;
  return { sandbox, call, api, custom };
}

/** Closes without save(): as after a kill, only the journal has what happened since the start. */
async function kill(sandbox: BusinessCentralSandbox) {
  open.splice(open.indexOf(sandbox), 1);
  await sandbox.close();
}

describe("sandbox BC customers persist", () => {
  it("customers, contacts, terms, templates applied and ship-to addresses come back after a kill", async () => {
    const first = await start();
    const { call, api, custom } = first;
    const terms = (
      await call("POST", `${api}/paymentTerms`, { code: "45 DAYS", displayName: "Net 45", dueDateCalculation: "45D" })
    ).body;
    const customer = (
      await call("POST", `${api}/customers`, { displayName: "Persisted Ltd", paymentTermsId: terms.id })
    ).body;
    const company = (await call("GET", `${api}/customers(${customer.id})/contactsInformation`)).body.value[0];
    await call("POST", `${api}/contacts`, {
      type: "Person",
      displayName: "Kept Person",
      companyNumber: company.contactNumber,
    });
    const template = (await call("GET", `${custom}/customerTemplates?$filter=code eq 'CUSTOMER COMPANY'`)).body
      .value[0];
    expect(
      (
        await call("POST", `${custom}/customerTemplates(${template.id})/Microsoft.NAV.applyToCustomer`, {
          customerNumber: customer.number,
        })
      ).status,
    ).toBe(204);
    await call("POST", `${custom}/shipToAddresses`, { customerNumber: customer.number, code: "DOCK", city: "Tacoma" });
    await call("PATCH", `${custom}/customerDetails(${customer.id})`, { registrationNumber: "REG-1" });
    const before = JSON.parse(JSON.stringify(first.sandbox.snapshot()));
    await kill(first.sandbox);

    const second = await start();
    expect(second.sandbox.restored).toBe(true);
    expect(second.sandbox.snapshot()).toEqual(before);
    const info = (await second.call("GET", `${second.api}/customers(${customer.id})/contactsInformation`)).body.value;
    expect(info.map((r: { contactName: string }) => r.contactName).sort()).toEqual(["Kept Person", "Persisted Ltd"]);
    expect(await second.call("GET", `${second.custom}/customerDetails(${customer.id})`)).toMatchObject({
      body: {
        registrationNumber: "REG-1",
        paymentTermsCode: "45 DAYS",
        customerPostingGroup: "DOMESTIC",
        paymentMethodCode: "BANK",
      },
    });
    const dock = (await second.call("GET", `${second.custom}/shipToAddresses?$filter=code eq 'DOCK'`)).body.value;
    expect(dock).toHaveLength(1);
    // The contact series continues where it was: no number is handed out twice.
    const next = (await second.call("POST", `${second.api}/contacts`, { displayName: "After restart" })).body;
    const numbers = (await second.call("GET", `${second.api}/contacts`)).body.value.map(
      (c: { number: string }) => c.number,
    );
    expect(numbers.filter((n: string) => n === next.number)).toHaveLength(1);
  });

  it("a snapshot from before contacts and terms gets CRONUS' setup and a contact for each customer", async () => {
    const first = await start();
    first.sandbox.seed(TENANT, ENV, COMPANY_ID, { products: 1 });
    const snapshot = JSON.parse(JSON.stringify(first.sandbox.snapshot()));
    await kill(first.sandbox);
    // Strip what an older sandbox did not have.
    const company = snapshot.tenants[0].environments[0].companies[0];
    for (const table of [
      "paymentTerms",
      "paymentMethods",
      "shipmentMethods",
      "contacts",
      "contactBusinessRelations",
      "customerTemplates",
      "shipToAddresses",
    ]) {
      delete company.tables[table];
    }
    for (const { row } of company.tables.customers) {
      for (const field of ["paymentTermsCode", "primaryContactNumber", "customerPostingGroup", "registrationNumber"]) {
        delete row[field];
      }
    }
    // On disk, as the demo would find it after an upgrade: restored through the journal's loader.
    writeFileSync(files().snapshotFile, JSON.stringify(snapshot));
    writeFileSync(files().journalFile, "");
    const { sandbox: restored } = await start();
    expect(restored.restored).toBe(true);
    const data = restored.company(TENANT, ENV, COMPANY_ID);
    expect(data.paymentTerms.find((t) => t.code === "COD")).toBeDefined();
    expect(data.customerTemplates.size()).toBe(3);
    expect(data.contacts.size()).toBe(data.customers.size());
    expect(data.customers.all()[0]).toMatchObject({
      paymentTermsCode: "",
      customerPostingGroup: "",
      registrationNumber: "",
    });
    // An emptied table is kept empty: only absent tables are filled.
    const emptied = JSON.parse(JSON.stringify(restored.snapshot()));
    emptied.tenants[0].environments[0].companies[0].tables.paymentTerms = [];
    restored.restore(emptied);
    expect(restored.company(TENANT, ENV, COMPANY_ID).paymentTerms.size()).toBe(0);
  });
});
