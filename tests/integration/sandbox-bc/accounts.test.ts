import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type BcFixture, startBcSandbox } from "./bc-fixture.ts";

let fx: BcFixture;
let customerId: string;

beforeAll(async () => {
  fx = await startBcSandbox({ products: 1 });
  customerId = (await fx.call("GET", `${fx.company}/customers?$top=1`)).body.value[0].id;
});

afterAll(async () => {
  await fx.sandbox.close();
});

const orderWith = (line: Record<string, unknown>) =>
  fx.call("POST", `${fx.company}/salesOrders?$expand=salesOrderLines`, {
    body: { customerId, externalDocumentNumber: `#${Math.random()}`.slice(0, 20), salesOrderLines: [line] },
  });

describe("the sandbox Business Central's chart of accounts", () => {
  it("serves a company's G/L accounts with OData, like the W1 CRONUS chart", async () => {
    const all = await fx.call("GET", `${fx.company}/accounts?$count=true`);
    expect(all.status).toBe(200);
    expect(all.body["@odata.count"]).toBeGreaterThan(200);
    const posting = await fx.call(
      "GET",
      `${fx.company}/accounts?$filter=accountType eq 'Posting' and directPosting eq true and category eq 'Income'&$select=number,displayName&$orderby=number`,
    );
    expect(posting.body.value.map((a: { number: string }) => a.number)).toContain("6810");
    const freight = posting.body.value.find((a: { number: string }) => a.number === "6810");
    expect(freight.displayName).toBe("Fees and Charges Rec. - Dom.");
    const one = await fx.call("GET", `${fx.company}/accounts(${all.body.value[0].id})`);
    expect(one.status).toBe(200);
    expect(await fx.call("POST", `${fx.company}/accounts`, { body: { number: "9999" } })).toMatchObject({
      status: 405,
    });
  });

  it("takes an Account line for a direct-posting account, by number or by id", async () => {
    const byNumber = await orderWith({ lineType: "Account", lineObjectNumber: "6810", quantity: 1, unitPrice: 5 });
    expect(byNumber.status).toBe(201);
    const [account] = (await fx.call("GET", `${fx.company}/accounts?$filter=number eq '6810'`)).body.value;
    expect(byNumber.body.salesOrderLines[0]).toMatchObject({
      lineType: "Account",
      lineObjectNumber: "6810",
      accountId: account.id,
      description: "Fees and Charges Rec. - Dom.",
      amountExcludingTax: 5,
    });
    const byId = await orderWith({ lineType: "Account", accountId: account.id, quantity: 1, unitPrice: 5 });
    expect(byId.status).toBe(201);
    expect(byId.body.salesOrderLines[0]).toMatchObject({ lineObjectNumber: "6810", accountId: account.id });
  });

  it("refuses an account the company lacks, or one that takes no postings, with BC's error", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ lineObjectNumber: "6999" }, "Account does not exist."],
      [{ accountId: "00000000-0000-0000-0000-0000000000ab" }, "Account does not exist."],
      [
        { lineObjectNumber: "6100" },
        "Account Type must be equal to 'Posting'  in G/L Account: No.=6100. Current value is 'Begin-Total'.",
      ],
      [
        { lineObjectNumber: "6110" },
        "Direct Posting must be equal to 'Yes'  in G/L Account: No.=6110. Current value is 'No'.",
      ],
    ];
    for (const [line, message] of cases) {
      const res = await orderWith({ lineType: "Account", quantity: 1, unitPrice: 5, ...line });
      expect(res.status, JSON.stringify(line)).toBe(400);
      expect(res.body.error.code).toBe("Application_DialogException");
      expect(res.body.error.message).toMatch(
        new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}  CorrelationId`),
      );
    }
    // Nothing was created by the refused requests (deep insert is all-or-nothing).
    const orders = await fx.call("GET", `${fx.company}/salesOrders?$count=true&$top=0`);
    expect(orders.body["@odata.count"]).toBe(2);
  });
});
