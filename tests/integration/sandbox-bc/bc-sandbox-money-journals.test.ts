import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type BcFixture, startBcSandbox } from "./bc-fixture.ts";

/** General journals (APIV2 - Journals / JournalLines), G/L entries and bank accounts: a payout. */
describe("BC sandbox general journals", () => {
  let fx: BcFixture;
  let payouts: any;
  let lines: string;

  beforeEach(async () => {
    fx = await startBcSandbox({ products: 1 });
    payouts = (await fx.call("GET", `${fx.company}/journals?$filter=code eq 'PAYOUTS'`)).body.value[0];
    lines = `${fx.company}/journals(${payouts.id})/journalLines`;
  });
  afterEach(async () => {
    await fx.sandbox.close();
  });

  const netChange = async (number: string) =>
    (await fx.call("GET", `${fx.company}/accounts?$filter=number eq '${number}'`)).body.value[0].netChange;

  it("seeds the journals, bank accounts and Shopify accounts with the pages' properties", async () => {
    const journals = (await fx.call("GET", `${fx.company}/journals`)).body.value;
    expect(journals.map((j: any) => j.code)).toEqual(["DEFAULT", "PAYOUTS"]);
    expect(Object.keys(payouts)).toEqual([
      "@odata.etag",
      "id",
      "code",
      "displayName",
      "templateDisplayName",
      "lastModifiedDateTime",
      "balancingAccountId",
      "balancingAccountNumber",
    ]);
    expect(payouts.templateDisplayName).toBe("GENERAL");
    const banks = (await fx.call("GET", `${fx.company}/bankAccounts`)).body.value;
    expect(banks.map((b: any) => b.number)).toEqual(["SHOPIFY", "WWB-OPERATING"]);
    expect(Object.keys(banks[0])).toEqual([
      "@odata.etag",
      "id",
      "number",
      "displayName",
      "lastModifiedDateTime",
      "bankAccountNumber",
      "blocked",
      "currencyCode",
      "currencyId",
      "iban",
      "intercompanyEnabled",
    ]);
    const accounts = (
      await fx.call(
        "GET",
        `${fx.company}/accounts?$filter=number eq '6920' or number eq '6930' or number eq '8660' or number eq '6810'`,
      )
    ).body.value;
    expect(accounts.map((a: any) => [a.number, a.accountType, a.directPosting])).toEqual([
      ["6810", "Posting", true],
      ["6920", "Posting", true],
      ["6930", "Posting", true],
      ["8660", "Posting", true],
    ]);
    const bankPost = await fx.call("POST", `${fx.company}/bankAccounts`, { body: { number: "X" } });
    expect(bankPost.status).toBe(405);
  });

  it("records a payout: net to the bank, fees to the fee account, against the clearing account; posts and balances", async () => {
    const bank = (await fx.call("GET", `${fx.company}/bankAccounts?$filter=number eq 'SHOPIFY'`)).body.value[0];
    const fee = (await fx.call("GET", `${fx.company}/accounts?$filter=number eq '8660'`)).body.value[0];
    const common = { postingDate: "2026-03-01", documentNumber: "PAYOUT-1", externalDocumentNumber: "payout:123" };
    const created = [
      await fx.call("POST", lines, {
        body: { ...common, accountType: "Bank Account", accountId: bank.id, amount: 97.1 },
      }),
      await fx.call("POST", lines, { body: { ...common, accountType: "G/L Account", accountId: fee.id, amount: 2.9 } }),
      await fx.call("POST", lines, {
        body: { ...common, accountNumber: "2945", amount: -100, description: "Shopify payout 123" },
      }),
    ];
    expect(created.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(created[0]!.body).toMatchObject({
      journalId: payouts.id,
      journalDisplayName: "PAYOUTS",
      lineNumber: 10000,
      accountType: "Bank Account",
      accountId: bank.id,
      accountNumber: "SHOPIFY",
      description: bank.displayName,
      balanceAccountType: "G/L Account",
      balancingAccountNumber: "",
    });
    expect(Object.keys(created[2]!.body).slice(2)).toEqual([
      "id",
      "journalId",
      "journalDisplayName",
      "lineNumber",
      "accountType",
      "accountId",
      "accountNumber",
      "postingDate",
      "documentNumber",
      "externalDocumentNumber",
      "amount",
      "description",
      "comment",
      "taxCode",
      "balanceAccountType",
      "balancingAccountId",
      "balancingAccountNumber",
      "lastModifiedDateTime",
    ]);
    expect(created[2]!.body.accountType).toBe("G/L Account");
    const post = await fx.call("POST", `${fx.company}/journals(${payouts.id})/Microsoft.NAV.post`);
    expect(post.status).toBe(204);
    expect((await fx.call("GET", lines)).body.value).toEqual([]);
    const entries = (await fx.call("GET", `${fx.company}/generalLedgerEntries?$filter=documentNumber eq 'PAYOUT-1'`))
      .body.value;
    expect(entries.map((e: any) => [e.accountNumber, e.debitAmount, e.creditAmount])).toEqual([
      ["2920", 97.1, 0],
      ["8660", 2.9, 0],
      ["2945", 0, 100],
    ]);
    expect(Object.keys(entries[0])).toEqual([
      "@odata.etag",
      "id",
      "entryNumber",
      "postingDate",
      "documentNumber",
      "documentType",
      "accountId",
      "accountNumber",
      "description",
      "debitAmount",
      "creditAmount",
      "additionalCurrencyDebitAmount",
      "additionalCurrencyCreditAmount",
      "lastModifiedDateTime",
    ]);
    const sum = entries.reduce((s: number, e: any) => s + e.debitAmount - e.creditAmount, 0);
    expect(Math.round(sum * 100)).toBe(0);
    expect(await netChange("8660")).toBe(2.9);
    expect(await netChange("2945")).toBe(-100);
    const readOnly = await fx.call("POST", `${fx.company}/generalLedgerEntries`, { body: {} });
    expect(readOnly.status).toBe(405);
  });

  it("refuses an unbalanced document, naming it as BC does, and posts nothing", async () => {
    await fx.call("POST", lines, { body: { documentNumber: "D1", accountNumber: "8660", amount: 10 } });
    await fx.call("POST", lines, { body: { documentNumber: "D1", accountNumber: "2945", amount: -9.5 } });
    const res = await fx.call("POST", `${fx.company}/journals(${payouts.id})/Microsoft.NAV.post`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      "Document No. D1 is out of balance by 0.5. Please check that Posting Date, Document Type, Document No. and Amount are correct for each line.",
    );
    expect((await fx.call("GET", lines)).body.value).toHaveLength(2);
    expect((await fx.call("GET", `${fx.company}/generalLedgerEntries`)).body.value).toEqual([]);
  });

  it("a line with a balancing account balances itself; a customer line needs accountNumber", async () => {
    const customer = (await fx.call("GET", `${fx.company}/customers?$top=1`)).body.value[0];
    const res = await fx.call("POST", lines, {
      body: {
        documentNumber: "D2",
        accountType: "Customer",
        accountNumber: customer.number,
        amount: -20,
        balanceAccountType: "Bank Account",
        balancingAccountNumber: "SHOPIFY",
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ accountType: "Customer", accountId: "00000000-0000-0000-0000-000000000000" });
    const byId = await fx.call("POST", lines, { body: { accountType: "Customer", accountId: customer.id } });
    expect(byId.status).toBe(400);
    expect(byId.body.error.message).toContain("cannot be found in the related table (G/L Account)");
    expect((await fx.call("POST", `${fx.company}/journals(${payouts.id})/Microsoft.NAV.post`)).status).toBe(204);
    const entries = (await fx.call("GET", `${fx.company}/generalLedgerEntries?$filter=documentNumber eq 'D2'`)).body
      .value;
    expect(entries.map((e: any) => [e.accountNumber, e.debitAmount, e.creditAmount])).toEqual([
      ["2310", 0, 20],
      ["2920", 20, 0],
    ]);
    expect((await fx.call("GET", `${fx.company}/customers(${customer.id})`)).body.balanceDue).toBe(-20);
  });

  it("validates accounts as the page and the G/L account do", async () => {
    const message = async (body: unknown) => {
      const res = await fx.call("POST", lines, { body });
      expect(res.status).toBe(400);
      return res.body.error.message as string;
    };
    expect(await message({ accountNumber: "0000" })).toContain('The "accountNumber" does not match to an Account.');
    expect(await message({ accountId: "00000000-0000-0000-0000-0000000000aa" })).toContain(
      'The "accountId" does not match to an Account.',
    );
    expect(await message({ accountNumber: "2920" })).toContain(
      "Direct Posting must be equal to 'Yes'  in G/L Account: No.=2920. Current value is 'No'.",
    );
    expect(await message({ accountNumber: "1000" })).toContain("Account Type must be equal to 'Posting'");
    expect(await message({ accountType: "Bank Account", accountNumber: "NOPE" })).toContain(
      'The "accountNumber" does not match to an Account.',
    );
    expect(await message({ accountNumber: "8660", journalDisplayName: "X" })).toContain(
      "The Journal Batch Display Name isn't editable.",
    );
    expect(await message({ accountType: "Employee" })).toContain("outside the page's filter");
    const top = await fx.call("POST", `${fx.company}/journalLines`, { body: { accountNumber: "8660" } });
    expect(top.status).toBe(400);
    expect(top.body.error.message).toContain("You must specify a journal batch ID or a journal ID");
    const withId = await fx.call("POST", `${fx.company}/journalLines`, {
      body: { journalId: payouts.id, accountNumber: "8660", amount: 1 },
    });
    expect(withId.status).toBe(201);
    expect(withId.body.documentNumber).toBe("GJ00001");
    const list = await fx.call("GET", `${fx.company}/journalLines`);
    expect(list.status).toBe(400);
    const filtered = await fx.call("GET", `${fx.company}/journalLines?$filter=journalId eq ${payouts.id}`);
    expect(filtered.body.value).toHaveLength(1);
  });

  it("journal lines follow the If-Match rules; posting a missing document number is refused", async () => {
    const line = (
      await fx.call("POST", lines, { body: { accountNumber: "8660", amount: 5, balancingAccountNumber: "2945" } })
    ).body;
    const url = `${fx.company}/journalLines(${line.id})`;
    expect((await fx.call("PATCH", url, { body: { amount: 6 } })).status).toBe(400);
    const ok = await fx.call("PATCH", url, {
      body: { documentNumber: "" },
      headers: { "If-Match": line["@odata.etag"] },
    });
    expect(ok.status).toBe(200);
    expect(
      (await fx.call("PATCH", url, { body: { amount: 7 }, headers: { "If-Match": line["@odata.etag"] } })).status,
    ).toBe(412);
    const res = await fx.call("POST", `${fx.company}/journals(${payouts.id})/Microsoft.NAV.post`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      "Document No. must have a value in Gen. Journal Line: Journal Template Name=GENERAL, Journal Batch Name=PAYOUTS, Line No.=10000. It cannot be zero or empty.",
    );
  });

  it("creates, renames and deletes a journal batch", async () => {
    const created = await fx.call("POST", `${fx.company}/journals`, {
      body: { code: "refunds", displayName: "Refunds" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: "REFUNDS", templateDisplayName: "GENERAL" });
    const dup = await fx.call("POST", `${fx.company}/journals`, { body: { code: "REFUNDS" } });
    expect(dup.status).toBe(400);
    const url = `${fx.company}/journals(${created.body.id})`;
    expect((await fx.call("DELETE", url, { headers: { "If-Match": "*" } })).status).toBe(204);
    expect((await fx.call("GET", url)).status).toBe(404);
  });
});
