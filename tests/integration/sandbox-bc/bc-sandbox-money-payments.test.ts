import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type BcFixture, COMPANY_ID, ENV, startBcSandbox, TENANT } from "./bc-fixture.ts";

/** Customer payments (APIV2 - Customer Payments) applied to invoices, and posting them. */
describe("BC sandbox customer payments", () => {
  let fx: BcFixture;
  let customers: any[];
  let journal: any;
  let invoice: any;
  let payments: string;

  const postInvoice = async (customerId: string, unitPrice: number, ext: string) => {
    const created = await fx.call("POST", `${fx.company}/salesInvoices`, {
      body: {
        customerId,
        externalDocumentNumber: ext,
        salesInvoiceLines: [{ lineType: "Account", lineObjectNumber: "6810", quantity: 1, unitPrice }],
      },
    });
    expect(created.status).toBe(201);
    expect((await fx.call("POST", `${fx.company}/salesInvoices(${created.body.id})/Microsoft.NAV.post`)).status).toBe(
      204,
    );
    return (await fx.call("GET", `${fx.company}/salesInvoices(${created.body.id})`)).body;
  };
  const balanceOf = async (customerId: string) =>
    (await fx.call("GET", `${fx.company}/customers(${customerId})`)).body.balanceDue;
  const post = (journalId: string) => fx.call("POST", `${fx.company}/journals(${journalId})/Microsoft.NAV.post`);

  beforeEach(async () => {
    fx = await startBcSandbox({ products: 2 });
    customers = (await fx.call("GET", `${fx.company}/customers?$top=2`)).body.value;
    journal = (await fx.call("GET", `${fx.company}/customerPaymentJournals?$filter=code eq 'SHOPIFY'`)).body.value[0];
    payments = `${fx.company}/customerPaymentJournals(${journal.id})/customerPayments`;
    invoice = await postInvoice(customers[0].id, 100, "#1001");
  });
  afterEach(async () => {
    await fx.sandbox.close();
  });

  it("seeds a SHOPIFY payment journal balanced against the Shopify clearing account", async () => {
    expect(journal).toMatchObject({ code: "SHOPIFY", balancingAccountNumber: "2945" });
    const clearing = (await fx.call("GET", `${fx.company}/accounts?$filter=number eq '2945'`)).body.value[0];
    expect(journal.balancingAccountId).toBe(clearing.id);
  });

  it("applies a payment line to an invoice by number, filling id and customer from the invoice", async () => {
    const res = await fx.call("POST", payments, {
      body: { appliesToInvoiceNumber: invoice.number, amount: -100, externalDocumentNumber: "#1001" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      journalId: journal.id,
      journalDisplayName: "SHOPIFY",
      lineNumber: 10000,
      customerId: customers[0].id,
      customerNumber: customers[0].number,
      appliesToInvoiceId: invoice.id,
      appliesToInvoiceNumber: invoice.number,
      description: customers[0].displayName,
      documentNumber: "G00001",
    });
    expect(res.headers.get("etag")).toBe(res.body["@odata.etag"]);
  });

  it("refuses what the page refuses, in its words", async () => {
    const message = async (url: string, body: unknown) => {
      const res = await fx.call("POST", url, { body });
      expect(res.status).toBe(400);
      return res.body.error.message as string;
    };
    expect(
      await message(`${fx.company}/customerPayments`, { customerNumber: customers[0].number, amount: -1 }),
    ).toContain("You must specify a journal batch ID or a journal ID to get a journal line.");
    expect(await message(payments, { customerNumber: "NOPE", amount: -1 })).toContain(
      'The "customerNumber" does not match to a Customer.',
    );
    expect(await message(payments, { customerId: "00000000-0000-0000-0000-0000000000aa" })).toContain(
      'The "customerId" does not match to a Customer.',
    );
    expect(await message(payments, { customerId: customers[0].id, customerNumber: customers[1].number })).toContain(
      "The customer values do not match to a specific Customer.",
    );
    expect(await message(payments, { appliesToInvoiceId: "00000000-0000-0000-0000-0000000000aa" })).toContain(
      'The "appliesToInvoiceId" should be the ID of an Open, Paid, Corrective, or Canceled Invoice.',
    );
    const other = await postInvoice(customers[1].id, 5, "#1002");
    expect(await message(payments, { appliesToInvoiceId: invoice.id, appliesToInvoiceNumber: other.number })).toContain(
      "The Applies To Invoice values do not match to the same Invoice.",
    );
    // A draft invoice is no Sales Invoice Header yet.
    const draft = await fx.call("POST", `${fx.company}/salesInvoices`, { body: { customerId: customers[0].id } });
    expect(await message(payments, { appliesToInvoiceId: draft.body.id })).toContain("should be the ID of an Open");
    const unknown = await message(`${fx.company}/customerPayments`, {
      journalId: "00000000-0000-0000-0000-0000000000bb",
    });
    expect(unknown).toContain("Gen. Journal Batch does not exist");
    expect(await message(payments, { customerNumber: customers[0].number, bogus: 1 })).toContain(
      "The property 'bogus' does not exist on type 'Microsoft.NAV.customerPayment'",
    );
    const list = await fx.call("GET", `${fx.company}/customerPayments`);
    expect(list.status).toBe(400);
    expect(list.body.error.message).toContain("You must specify a journal batch ID");
  });

  it("finds an existing line by externalDocumentNumber, so a retry adds none (the app's lookup)", async () => {
    const body = { customerNumber: customers[0].number, amount: -40, externalDocumentNumber: "#1001-pay" };
    expect((await fx.call("POST", payments, { body })).status).toBe(201);
    const filter = encodeURIComponent("externalDocumentNumber eq '#1001-pay'");
    const found = await fx.call("GET", `${payments}?$filter=${filter}&$select=id,documentNumber,lineNumber`);
    expect(found.status).toBe(200);
    expect(found.body.value).toHaveLength(1);
    expect(Object.keys(found.body.value[0])).toEqual(["@odata.etag", "id", "documentNumber", "lineNumber"]);
    const top = await fx.call("GET", `${fx.company}/customerPayments?$filter=journalId eq ${journal.id}`);
    expect(top.body.value).toHaveLength(1);
  });

  it("posts through journals({id})/Microsoft.NAV.post: ledger entries, invoice remaining amount, lines gone", async () => {
    expect(await balanceOf(customers[0].id)).toBe(100);
    await fx.call("POST", payments, {
      body: {
        customerNumber: customers[0].number,
        appliesToInvoiceNumber: invoice.number,
        amount: -60,
        externalDocumentNumber: "#1001",
      },
    });
    expect((await post(journal.id)).status).toBe(204);
    const after = (await fx.call("GET", `${fx.company}/salesInvoices(${invoice.id})`)).body;
    expect(after).toMatchObject({ remainingAmount: 40, status: "Open" });
    expect(await balanceOf(customers[0].id)).toBe(40);
    expect((await fx.call("GET", payments)).body.value).toEqual([]);
    const entries = (await fx.call("GET", `${fx.company}/generalLedgerEntries?$filter=documentNumber eq 'G00001'`)).body
      .value;
    expect(entries.map((e: any) => [e.accountNumber, e.debitAmount, e.creditAmount, e.documentType])).toEqual([
      ["2310", 0, 60, "Payment"],
      ["2945", 60, 0, "Payment"],
    ]);
    // The rest pays the invoice in full.
    await fx.call("POST", payments, {
      body: { appliesToInvoiceId: invoice.id, amount: -40, externalDocumentNumber: "#1001-2" },
    });
    expect((await post(journal.id)).status).toBe(204);
    expect((await fx.call("GET", `${fx.company}/salesInvoices(${invoice.id})`)).body).toMatchObject({
      remainingAmount: 0,
      status: "Paid",
    });
    expect(await balanceOf(customers[0].id)).toBe(0);
  });

  it("an unapplied payment lowers the balance due; posting an empty journal is refused", async () => {
    await fx.call("POST", payments, { body: { customerNumber: customers[0].number, amount: -30 } });
    expect((await post(journal.id)).status).toBe(204);
    expect(await balanceOf(customers[0].id)).toBe(70);
    const empty = await post(journal.id);
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain("There is nothing to post.");
  });

  it("refuses to post a payment applied to another customer's invoice, posting nothing", async () => {
    const line = await fx.call("POST", payments, {
      body: { customerNumber: customers[1].number, appliesToInvoiceNumber: invoice.number, amount: -100 },
    });
    // BC does not check the customer on insert (Applies-to Doc. No. is assigned, not validated).
    expect(line.status).toBe(201);
    const res = await post(journal.id);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      `There is no Cust. Ledger Entry within the filter.  Filters: Document No.: ${invoice.number}, Document Type: Invoice, Customer No.: ${customers[1].number}, Open: Yes`,
    );
    expect((await fx.call("GET", payments)).body.value).toHaveLength(1);
    expect(
      (await fx.call("GET", `${fx.company}/generalLedgerEntries?$filter=documentType eq 'Payment'`)).body.value,
    ).toEqual([]);
    expect((await fx.call("GET", `${fx.company}/salesInvoices(${invoice.id})`)).body.remainingAmount).toBe(100);
  });

  it("PATCH and DELETE need If-Match; a stale etag is refused with 412; the journal id is fixed", async () => {
    const created = (await fx.call("POST", payments, { body: { customerNumber: customers[0].number, amount: -5 } }))
      .body;
    const url = `${fx.company}/customerPayments(${created.id})`;
    const none = await fx.call("PATCH", url, { body: { amount: -6 } });
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe("BadRequest_InvalidToken");
    const ok = await fx.call("PATCH", url, { body: { amount: -6 }, headers: { "If-Match": created["@odata.etag"] } });
    expect(ok.status).toBe(200);
    expect(ok.body.amount).toBe(-6);
    const stale = await fx.call("PATCH", url, {
      body: { amount: -7 },
      headers: { "If-Match": created["@odata.etag"] },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe("Request_EntityChanged");
    const other = (await fx.call("GET", `${fx.company}/customerPaymentJournals?$filter=code eq 'CASHRCPT'`)).body
      .value[0];
    const moved = await fx.call("PATCH", url, { body: { journalId: other.id }, headers: { "If-Match": "*" } });
    expect(moved.status).toBe(400);
    expect(moved.body.error.message).toContain("The Journal Id cannot be changed.");
    const customer = await fx.call("PATCH", url, {
      body: { customerNumber: customers[1].number },
      headers: { "If-Match": "*" },
    });
    expect(customer.body).toMatchObject({ customerId: customers[1].id, description: customers[1].displayName });
    expect((await fx.call("DELETE", url, { headers: { "If-Match": ok.body["@odata.etag"] } })).status).toBe(412);
    expect((await fx.call("DELETE", url, { headers: { "If-Match": "*" } })).status).toBe(204);
  });
  it("refuses to post a payment of a customer blocked with type All", async () => {
    await fx.call("POST", payments, { body: { customerNumber: customers[0].number, amount: -10 } });
    fx.sandbox.company(TENANT, ENV, COMPANY_ID).customers.update(customers[0].id, { blocked: "All" });
    const res = await post(journal.id);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      `You cannot post this type of document when Customer ${customers[0].number} is blocked with type All`,
    );
  });

  it("creates a customer payment journal with a balancing account, and refuses a second of that name", async () => {
    const cash = (await fx.call("GET", `${fx.company}/accounts?$filter=number eq '2910'`)).body.value[0];
    const created = await fx.call("POST", `${fx.company}/customerPaymentJournals`, {
      body: { code: "shopify2", displayName: "Second shop", balancingAccountId: cash.id },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: "SHOPIFY2",
      balancingAccountId: cash.id,
      balancingAccountNumber: "2910",
    });
    const dup = await fx.call("POST", `${fx.company}/customerPaymentJournals`, { body: { code: "SHOPIFY2" } });
    expect(dup.status).toBe(400);
  });
});
