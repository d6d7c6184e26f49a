import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type BcFixture, COMPANY_ID, ENV, startBcSandbox, TENANT } from "./bc-fixture.ts";

const CREDIT_MEMO_PROPERTIES = [
  "id",
  "number",
  "externalDocumentNumber",
  "creditMemoDate",
  "postingDate",
  "dueDate",
  "customerId",
  "customerNumber",
  "customerName",
  "billToName",
  "billToCustomerId",
  "billToCustomerNumber",
  "sellToAddressLine1",
  "sellToAddressLine2",
  "sellToCity",
  "sellToCountry",
  "sellToState",
  "sellToPostCode",
  "billToAddressLine1",
  "billToAddressLine2",
  "billToCity",
  "billToCountry",
  "billToState",
  "billToPostCode",
  "shortcutDimension1Code",
  "shortcutDimension2Code",
  "currencyId",
  "currencyCode",
  "paymentTermsId",
  "shipmentMethodId",
  "salesperson",
  "pricesIncludeTax",
  "discountAmount",
  "discountAppliedBeforeTax",
  "totalAmountExcludingTax",
  "totalTaxAmount",
  "totalAmountIncludingTax",
  "status",
  "lastModifiedDateTime",
  "invoiceId",
  "invoiceNumber",
  "phoneNumber",
  "email",
  "customerReturnReasonId",
];
const CREDIT_MEMO_LINE_PROPERTIES = [
  "id",
  "documentId",
  "sequence",
  "itemId",
  "accountId",
  "lineType",
  "lineObjectNumber",
  "description",
  "description2",
  "unitOfMeasureId",
  "unitOfMeasureCode",
  "unitPrice",
  "quantity",
  "discountAmount",
  "discountPercent",
  "discountAppliedBeforeTax",
  "amountExcludingTax",
  "taxCode",
  "taxPercent",
  "totalTaxAmount",
  "amountIncludingTax",
  "invoiceDiscountAllocation",
  "netAmount",
  "netTaxAmount",
  "netAmountIncludingTax",
  "shipmentDate",
  "itemVariantId",
  "locationId",
];
const props = (row: Record<string, unknown>, nav: string[] = []) =>
  Object.keys(row).filter((k) => !k.startsWith("@odata.") && !nav.includes(k));

/** Sales credit memos (APIV2 - Sales Credit Memos / Lines): an item line back to stock, an account line, posting. */
describe("BC sandbox sales credit memos", () => {
  let fx: BcFixture;
  let customer: any;
  let item: any;
  let location: any;
  let invoice: any;

  beforeEach(async () => {
    fx = await startBcSandbox({ products: 2 });
    customer = (await fx.call("GET", `${fx.company}/customers?$top=1`)).body.value[0];
    item = (await fx.call("GET", `${fx.company}/items?$top=1`)).body.value[0];
    location = (await fx.call("GET", `${fx.company}/locations?$filter=code eq 'MAIN'`)).body.value[0];
    const created = await fx.call("POST", `${fx.company}/salesInvoices`, {
      body: {
        customerId: customer.id,
        externalDocumentNumber: "#1001",
        salesInvoiceLines: [{ lineType: "Item", itemId: item.id, quantity: 2, unitPrice: 25, locationId: location.id }],
      },
    });
    await fx.call("POST", `${fx.company}/salesInvoices(${created.body.id})/Microsoft.NAV.post`);
    invoice = (await fx.call("GET", `${fx.company}/salesInvoices(${created.body.id})`)).body;
  });
  afterEach(async () => {
    await fx.sandbox.close();
  });

  const memoBody = (lines?: unknown[]) => ({
    customerId: customer.id,
    externalDocumentNumber: "#1001-R1",
    invoiceId: invoice.id,
    salesCreditMemoLines: lines ?? [
      { lineType: "Item", itemId: item.id, quantity: 1, unitPrice: 25, locationId: location.id },
      { lineType: "Account", lineObjectNumber: "6930", quantity: 1, unitPrice: 5, description: "No restock" },
    ],
  });
  const stock = async () => (await fx.call("GET", `${fx.company}/items(${item.id})`)).body.inventory as number;

  it("deep-inserts a draft with an item and an account line, with the pages' properties", async () => {
    const res = await fx.call("POST", `${fx.company}/salesCreditMemos?$expand=salesCreditMemoLines`, {
      body: memoBody(),
    });
    expect(res.status).toBe(201);
    expect(props(res.body, ["salesCreditMemoLines"])).toEqual(CREDIT_MEMO_PROPERTIES);
    expect(res.body).toMatchObject({
      number: "S-CR104001",
      status: "Draft",
      customerNumber: customer.number,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      totalAmountExcludingTax: 30,
      totalAmountIncludingTax: 30,
    });
    for (const line of res.body.salesCreditMemoLines) expect(props(line)).toEqual(CREDIT_MEMO_LINE_PROPERTIES);
    const account = (await fx.call("GET", `${fx.company}/accounts?$filter=number eq '6930'`)).body.value[0];
    expect(
      res.body.salesCreditMemoLines.map((l: any) => [l.lineType, l.lineObjectNumber, l.accountId, l.netAmount]),
    ).toEqual([
      ["Item", item.number, "00000000-0000-0000-0000-000000000000", 25],
      ["Account", "6930", account.id, 5],
    ]);
    const lines = await fx.call("GET", `${fx.company}/salesCreditMemos(${res.body.id})/salesCreditMemoLines`);
    expect(lines.body.value).toHaveLength(2);
    const all = await fx.call("GET", `${fx.company}/salesCreditMemoLines`);
    expect(all.body.value).toHaveLength(2);
  });

  it("posts: stock comes back, the invoice's remaining amount drops, ledgers balance, then it is read-only", async () => {
    const before = await stock();
    const memo = (await fx.call("POST", `${fx.company}/salesCreditMemos`, { body: memoBody() })).body;
    const post = await fx.call("POST", `${fx.company}/salesCreditMemos(${memo.id})/Microsoft.NAV.post`);
    expect(post.status).toBe(204);
    const posted = (await fx.call("GET", `${fx.company}/salesCreditMemos(${memo.id})`)).body;
    // 30 of the invoice's 50 are covered: the credit memo's entry is closed (Paid), the invoice stays Open.
    expect(posted).toMatchObject({ number: memo.number, status: "Paid" });
    expect((await fx.call("GET", `${fx.company}/salesInvoices(${invoice.id})`)).body).toMatchObject({
      remainingAmount: 20,
      status: "Open",
    });
    expect(await stock()).toBe(before + 1);
    const ile = fx.sandbox
      .company(TENANT, ENV, COMPANY_ID)
      .itemLedgerEntries.filter((e) => e.documentNumber === memo.number);
    expect(ile.map((e) => [e.entryType, e.documentType, e.quantity, e.locationCode])).toEqual([
      ["Sale", "Sales Credit Memo", 1, "MAIN"],
    ]);
    const entries = (
      await fx.call("GET", `${fx.company}/generalLedgerEntries?$filter=documentNumber eq '${memo.number}'`)
    ).body.value;
    expect(entries.map((e: any) => [e.accountNumber, e.debitAmount, e.creditAmount, e.documentType])).toEqual([
      ["2310", 0, 30, "Credit Memo"],
      ["6110", 25, 0, "Credit Memo"],
      ["6930", 5, 0, "Credit Memo"],
    ]);
    expect((await fx.call("GET", `${fx.company}/customers(${customer.id})`)).body.balanceDue).toBe(20);
    const again = await fx.call("POST", `${fx.company}/salesCreditMemos(${memo.id})/Microsoft.NAV.post`);
    expect(again.status).toBe(400);
    expect(again.body.error.message).toContain("The action can be applied to a draft credit memo only.");
    const patch = await fx.call("PATCH", `${fx.company}/salesCreditMemos(${memo.id})`, {
      body: { externalDocumentNumber: "x" },
      headers: { "If-Match": "*" },
    });
    expect(patch.status).toBe(400);
    const addLine = await fx.call("POST", `${fx.company}/salesCreditMemos(${memo.id})/salesCreditMemoLines`, {
      body: { lineType: "Account", lineObjectNumber: "6920", quantity: 1, unitPrice: 1 },
    });
    expect(addLine.status).toBe(400);
  });

  it("an unapplied credit memo stays Open and lowers the balance due", async () => {
    const { invoiceId: _i, ...body } = memoBody([
      { lineType: "Account", lineObjectNumber: "6920", quantity: 1, unitPrice: 12 },
    ]);
    const memo = (await fx.call("POST", `${fx.company}/salesCreditMemos`, { body })).body;
    expect((await fx.call("POST", `${fx.company}/salesCreditMemos(${memo.id})/Microsoft.NAV.post`)).status).toBe(204);
    expect((await fx.call("GET", `${fx.company}/salesCreditMemos(${memo.id})`)).body.status).toBe("Open");
    expect((await fx.call("GET", `${fx.company}/customers(${customer.id})`)).body.balanceDue).toBe(38);
  });

  it("refuses what BC refuses, writing nothing", async () => {
    const message = async (body: unknown, status = 400) => {
      const res = await fx.call("POST", `${fx.company}/salesCreditMemos`, { body });
      expect(res.status).toBe(status);
      return `${res.body.error.code}: ${res.body.error.message}`;
    };
    expect(await message({ externalDocumentNumber: "x" })).toContain(
      'A "customerNumber" or a "customerId" must be provided.',
    );
    expect(await message({ customerNumber: "NOPE" })).toContain("The sell-to customer cannot be found.");
    expect(await message({ customerId: customer.id, invoiceId: "00000000-0000-0000-0000-0000000000aa" })).toContain(
      'The "invoiceId" does not match to an Invoice.',
    );
    expect(await message({ customerId: customer.id, invoiceId: invoice.id, invoiceNumber: "S-INV999999" })).toContain(
      'The "invoiceId" and "invoiceNumber" do not match to a specific Invoice.',
    );
    expect(
      await message(memoBody([{ lineType: "Item", itemId: "00000000-0000-0000-0000-0000000000aa", quantity: 1 }])),
    ).toContain("Internal_RecordNotFound: The Item does not exist.");
    expect(await message(memoBody([{ lineType: "Account", lineObjectNumber: "0001", quantity: 1 }]))).toContain(
      "Account does not exist.",
    );
    expect(await message(memoBody([{ lineType: "Account", lineObjectNumber: "2920", quantity: 1 }]))).toContain(
      "Direct Posting must be equal to 'Yes'",
    );
    expect(
      await message(
        memoBody([
          { lineType: "Item", itemId: item.id, quantity: 1, locationId: "00000000-0000-0000-0000-0000000000bb" },
        ]),
      ),
    ).toContain("The Location does not exist.");
    fx.sandbox.company(TENANT, ENV, COMPANY_ID).items.update(item.id, { blocked: true });
    expect(await message(memoBody([{ lineType: "Item", itemId: item.id, quantity: 1 }]))).toContain(
      "Blocked must be equal to 'No'  in Item",
    );
    expect((await fx.call("GET", `${fx.company}/salesCreditMemos`)).body.value).toEqual([]);
    expect((await fx.call("GET", `${fx.company}/salesCreditMemoLines`)).body.value).toEqual([]);
  });

  it("refuses to post without lines, with a line without quantity, or applied to another customer's invoice", async () => {
    const post = async (id: string) => fx.call("POST", `${fx.company}/salesCreditMemos(${id})/Microsoft.NAV.post`);
    const empty = (await fx.call("POST", `${fx.company}/salesCreditMemos`, { body: { customerId: customer.id } })).body;
    expect((await post(empty.id)).body.error.message).toContain(
      "Please add at least one line item to the credit memo.",
    );
    const noQty = (
      await fx.call("POST", `${fx.company}/salesCreditMemos`, {
        body: memoBody([{ lineType: "Account", lineObjectNumber: "6920", unitPrice: 3 }]),
      })
    ).body;
    expect((await post(noQty.id)).body.error.message).toContain("do not have a quantity specified");
    const other = (await fx.call("GET", `${fx.company}/customers?$skip=1&$top=1`)).body.value[0];
    const wrong = (
      await fx.call("POST", `${fx.company}/salesCreditMemos`, {
        body: { ...memoBody(), customerId: other.id },
      })
    ).body;
    const res = await post(wrong.id);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("There is no Cust. Ledger Entry within the filter.");
    expect((await fx.call("GET", `${fx.company}/salesCreditMemos(${wrong.id})`)).body.status).toBe("Draft");
    expect(
      (await fx.call("GET", `${fx.company}/generalLedgerEntries?$filter=documentType eq 'Credit Memo'`)).body.value,
    ).toEqual([]);
  });

  it("edits a draft with If-Match: lines recompute the totals; a stale etag is refused", async () => {
    const memo = (await fx.call("POST", `${fx.company}/salesCreditMemos`, { body: memoBody() })).body;
    const line = await fx.call("POST", `${fx.company}/salesCreditMemos(${memo.id})/salesCreditMemoLines`, {
      body: { lineType: "Account", lineObjectNumber: "6810", quantity: 1, unitPrice: 4.5, description: "Shipping" },
    });
    expect(line.status).toBe(201);
    expect(line.body.sequence).toBe(30000);
    const url = `${fx.company}/salesCreditMemos(${memo.id})`;
    const current = (await fx.call("GET", url)).body;
    expect(current.totalAmountIncludingTax).toBe(34.5);
    expect((await fx.call("PATCH", url, { body: { externalDocumentNumber: "y" } })).status).toBe(400);
    const ok = await fx.call("PATCH", url, {
      body: { externalDocumentNumber: "y" },
      headers: { "If-Match": current["@odata.etag"] },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.externalDocumentNumber).toBe("y");
    const stale = await fx.call("PATCH", url, {
      body: { externalDocumentNumber: "z" },
      headers: { "If-Match": current["@odata.etag"] },
    });
    expect(stale.status).toBe(412);
    expect((await fx.call("DELETE", url, { headers: { "If-Match": "*" } })).status).toBe(204);
    expect((await fx.call("GET", `${fx.company}/salesCreditMemoLines`)).body.value).toEqual([]);
  });
});
