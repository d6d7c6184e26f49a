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
  dir = mkdtempSync(path.join(tmpdir(), "bc-money-"));
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

describe("sandbox BC money persists", () => {
  it("payment and journal lines, postings, ledger entries and credit memos come back after a kill", async () => {
    const first = await start();
    first.sandbox.seed(TENANT, ENV, COMPANY_ID, { products: 1 });
    const { call, api } = first;
    const customer = (await call("GET", `${api}/customers?$top=1`)).body.value[0];
    const invoice = (
      await call("POST", `${api}/salesInvoices`, {
        customerId: customer.id,
        salesInvoiceLines: [{ lineType: "Account", lineObjectNumber: "6810", quantity: 1, unitPrice: 80 }],
      })
    ).body;
    expect((await call("POST", `${api}/salesInvoices(${invoice.id})/Microsoft.NAV.post`)).status).toBe(204);
    const journal = (await call("GET", `${api}/customerPaymentJournals?$filter=code eq 'SHOPIFY'`)).body.value[0];
    const payments = `${api}/customerPaymentJournals(${journal.id})/customerPayments`;
    await call("POST", payments, { appliesToInvoiceNumber: invoice.number, amount: -50, externalDocumentNumber: "#1" });
    expect((await call("POST", `${api}/journals(${journal.id})/Microsoft.NAV.post`)).status).toBe(204);
    // Left unposted: a payment line, a payout line and a draft credit memo.
    const pending = (
      await call("POST", payments, { customerNumber: customer.number, amount: -5, externalDocumentNumber: "#2" })
    ).body;
    const payouts = (await call("GET", `${api}/journals?$filter=code eq 'PAYOUTS'`)).body.value[0];
    const payoutLine = (
      await call("POST", `${api}/journals(${payouts.id})/journalLines`, {
        accountType: "Bank Account",
        accountNumber: "SHOPIFY",
        amount: 50,
        balancingAccountNumber: "2945",
      })
    ).body;
    const memo = (
      await call("POST", `${api}/salesCreditMemos`, {
        customerId: customer.id,
        invoiceId: invoice.id,
        salesCreditMemoLines: [{ lineType: "Account", lineObjectNumber: "6920", quantity: 1, unitPrice: 10 }],
      })
    ).body;
    const returnOrder = (
      await call("POST", `${first.custom}/returnOrders`, {
        customerId: customer.id,
        returnOrderLines: [{ lineType: "Account", lineObjectNumber: "6920", quantity: 1, unitPrice: 2 }],
      })
    ).body;
    expect(returnOrder.number).toBe("S-RETORD1001");
    const before = JSON.parse(JSON.stringify(first.sandbox.snapshot()));
    await kill(first.sandbox);

    const second = await start();
    expect(second.sandbox.restored).toBe(true);
    expect(second.sandbox.snapshot()).toEqual(before);
    const again = (url: string) => second.call("GET", url.replace(api, second.api));
    expect((await again(`${api}/customerPayments(${pending.id})`)).body["@odata.etag"]).toBe(pending["@odata.etag"]);
    expect((await again(`${api}/journalLines(${payoutLine.id})`)).body["@odata.etag"]).toBe(payoutLine["@odata.etag"]);
    expect((await again(`${api}/salesInvoices(${invoice.id})`)).body.remainingAmount).toBe(30);
    expect((await again(`${api}/generalLedgerEntries`)).body.value).toHaveLength(4);
    expect((await again(`${api}/salesReturnOrders(${returnOrder.id})`)).body.number).toBe("S-RETORD1001");
    // Numbers go on from where they were; posting after the restart works.
    const next = await second.call("POST", `${second.api}/customerPaymentJournals(${journal.id})/customerPayments`, {
      customerNumber: customer.number,
      amount: -1,
    });
    expect(next.body.documentNumber).toBe("G00003");
    expect((await second.call("POST", `${second.api}/salesCreditMemos(${memo.id})/Microsoft.NAV.post`)).status).toBe(
      204,
    );
    expect((await again(`${api}/salesInvoices(${invoice.id})`)).body.remainingAmount).toBe(20);
    expect((await second.call("POST", `${second.api}/journals(${payouts.id})/Microsoft.NAV.post`)).status).toBe(204);
    const third = await (async () => {
      await kill(second.sandbox);
      return start();
    })();
    const memoAfter = (await third.call("GET", `${third.api}/salesCreditMemos(${memo.id})`)).body;
    expect(memoAfter.status).toBe("Paid");
    expect((await third.call("GET", `${third.api}/generalLedgerEntries`)).body.value).toHaveLength(8);
    expect((await third.call("GET", `${third.api}/journals(${payouts.id})/journalLines`)).body.value).toEqual([]);
  });

  it("a snapshot from before journals gets Cronus' DEFAULT batch and bank account", async () => {
    const first = await start();
    const snapshot = JSON.parse(JSON.stringify(first.sandbox.snapshot()));
    await kill(first.sandbox);
    const company = snapshot.tenants[0].environments[0].companies[0];
    for (const table of [
      "journals",
      "journalLines",
      "generalLedgerEntries",
      "customerLedgerEntries",
      "bankAccounts",
      "salesCreditMemos",
      "salesCreditMemoLines",
    ]) {
      delete company.tables[table];
    }
    writeFileSync(files().snapshotFile, JSON.stringify(snapshot));
    writeFileSync(files().journalFile, "");
    const { sandbox: restored } = await start();
    const data = restored.company(TENANT, ENV, COMPANY_ID);
    expect(data.journals.all().map((j) => j.code)).toEqual(["DEFAULT"]);
    expect(data.bankAccounts.all().map((b) => b.number)).toEqual(["WWB-OPERATING"]);
    expect(data.salesCreditMemos.size()).toBe(0);
  });
});
