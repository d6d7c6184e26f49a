import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { SHOP } from "./shopify-catalog-fixture.ts";
import { createOrder, type MoneySandbox, startMoneySandbox, usd } from "./shopify-money-fixture.ts";

const BALANCE = `query($first: Int!, $after: String, $query: String) { shopifyPaymentsAccount {
  balanceTransactions(first: $first, after: $after, query: $query, sortKey: ID) {
    nodes {
      id type test sourceId sourceType sourceOrderTransactionId transactionDate
      amount { amount currencyCode } fee { amount } net { amount }
      associatedOrder { id name } associatedPayout { id status }
    }
    pageInfo { hasNextPage endCursor }
  } } }`;

const PAYOUTS = `query($query: String, $reverse: Boolean) { shopifyPaymentsAccount {
  id defaultCurrency
  payouts(first: 10, query: $query, sortKey: ID, reverse: $reverse) { nodes {
    id legacyResourceId status issuedAt transactionType
    net { amount currencyCode }
    summary { chargesGross { amount } chargesFee { amount } refundsFeeGross { amount } refundsFee { amount } adjustmentsGross { amount } adjustmentsFee { amount } }
  } } } }`;

interface Balance {
  id: string;
  type: string;
  sourceType: string;
  sourceId: string;
  sourceOrderTransactionId: string | null;
  amount: { amount: string };
  fee: { amount: string };
  net: { amount: string };
  associatedOrder: { id: string } | null;
  associatedPayout: { id: string | null; status: string };
}
interface Payout {
  id: string;
  legacyResourceId: string;
  status: string;
  transactionType: string;
  net: { amount: string; currencyCode: string };
  summary: Record<string, { amount: string }>;
}

const legacy = (gid: string) => gid.split("/").pop()!;

describe("Shopify Payments payouts and balance transactions in the sandbox store", () => {
  let sandbox: MoneySandbox;
  beforeEach(async () => {
    sandbox = await startMoneySandbox();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  async function paid(amount: string, gateway = "shopify_payments") {
    return createOrder(sandbox, {
      lineItems: [{ title: "Widget", quantity: 1, priceSet: usd(amount) }],
      transactions: [{ kind: "SALE", gateway, amountSet: usd(amount) }],
    });
  }
  async function balance(first: number, after?: string | null, query?: string) {
    const body = await sandbox.gql<{
      shopifyPaymentsAccount: {
        balanceTransactions: { nodes: Balance[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      };
    }>(BALANCE, { first, after: after ?? null, query: query ?? null });
    expect(body.errors).toBeUndefined();
    return body.data!.shopifyPaymentsAccount.balanceTransactions;
  }
  async function payouts(query?: string, reverse = false): Promise<Payout[]> {
    const body = await sandbox.gql<{ shopifyPaymentsAccount: { payouts: { nodes: Payout[] } } }>(PAYOUTS, {
      query: query ?? null,
      reverse,
    });
    expect(body.errors).toBeUndefined();
    return body.data!.shopifyPaymentsAccount.payouts.nodes;
  }

  it("books a charge with its fee per Shopify Payments sale and a refund per refund; pages with id:>=; pays out and marks paid", async () => {
    const first = await paid("100.00");
    await paid("50.00");
    await paid("20.00");
    await paid("999.00", "manual"); // not Shopify Payments: no balance transaction
    const refunded = await sandbox.gql<{ refundCreate: { refund: { id: string } | null } }>(
      `mutation($input: RefundInput!, $key: String!) { refundCreate(input: $input) @idempotent(key: $key) { refund { id } userErrors { message } } }`,
      {
        key: "refund-payouts-0",
        input: {
          orderId: first.id,
          transactions: [
            {
              orderId: first.id,
              parentId: first.transactions[0]!.id,
              amount: "10.00",
              kind: "REFUND",
              gateway: "shopify_payments",
            },
          ],
        },
      },
    );
    const refundId = refunded.data!.refundCreate.refund!.id;

    const page1 = await balance(2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await balance(2, page1.pageInfo.endCursor);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const all = [...page1.nodes, ...page2.nodes];
    expect(all.map((b) => [b.type, b.amount.amount, b.fee.amount, b.net.amount])).toEqual([
      ["CHARGE", "100.0", "3.2", "96.8"],
      ["CHARGE", "50.0", "1.75", "48.25"],
      ["CHARGE", "20.0", "0.88", "19.12"],
      ["REFUND", "-10.0", "0.0", "-10.0"],
    ]);
    expect(all[0]).toMatchObject({
      sourceType: "CHARGE",
      sourceOrderTransactionId: legacy(first.transactions[0]!.id),
      associatedOrder: { id: first.id },
      associatedPayout: { id: null, status: "PENDING" },
    });
    expect(all[3]).toMatchObject({
      sourceType: "REFUND",
      sourceId: legacy(refundId),
      sourceOrderTransactionId: expect.any(String),
    });
    // BC's cursor: everything from a known id on.
    const fromThird = await balance(10, null, `id:>=${legacy(all[2]!.id)}`);
    expect(fromThird.nodes.map((b) => b.id)).toEqual([all[2]!.id, all[3]!.id]);
    // Ids increase.
    const ids = all.map((b) => Number(legacy(b.id)));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);

    const { payout } = await sandbox.control<{ payout: { id: string; status: string; net: { amount: string } } }>(
      "/payouts",
    );
    expect(payout).toMatchObject({ status: "SCHEDULED", net: { amount: "154.17" } });
    const [listed] = await payouts();
    expect(listed).toMatchObject({
      id: payout.id,
      status: "SCHEDULED",
      transactionType: "DEPOSIT",
      net: { amount: "154.17", currencyCode: "USD" },
      summary: {
        chargesGross: { amount: "170.0" },
        chargesFee: { amount: "5.83" },
        refundsFeeGross: { amount: "-10.0" },
        refundsFee: { amount: "0.0" },
        adjustmentsGross: { amount: "0.0" },
        adjustmentsFee: { amount: "0.0" },
      },
    });
    // Gross − fees = net, over the payout.
    expect(170 - 5.83 - 10).toBeCloseTo(154.17, 2);
    expect(
      (await balance(10)).nodes.every(
        (b) => b.associatedPayout.id === payout.id && b.associatedPayout.status === "SCHEDULED",
      ),
    ).toBe(true);

    // Nothing pending: no payout to make.
    const empty = await fetch(`${sandbox.server.url}/sandbox/shops/${SHOP}/payouts`, { method: "POST", body: "{}" });
    expect(empty.status).toBe(409);

    await paid("30.00");
    const second = (await sandbox.control<{ payout: { id: string } }>("/payouts", { status: "IN_TRANSIT" })).payout;
    expect(Number(legacy(second.id))).toBeGreaterThan(Number(legacy(payout.id)));
    expect((await payouts(`id:>=${legacy(second.id)}`)).map((p) => [p.id, p.status])).toEqual([
      [second.id, "IN_TRANSIT"],
    ]);

    const marked = await sandbox.control<{ payout: { status: string } }>(`/payouts/${legacy(payout.id)}/status`, {
      status: "PAID",
    });
    expect(marked.payout.status).toBe("PAID");
    expect((await payouts(undefined, true)).map((p) => p.status)).toEqual(["IN_TRANSIT", "PAID"]);
    const paidOnes = await balance(10, null, "payout_status:paid");
    expect(paidOnes.nodes).toHaveLength(4);
    expect(paidOnes.nodes[0]!.associatedPayout).toEqual({ id: payout.id, status: "PAID" });

    const node = await sandbox.gql<{ node: { id: string; status: string } }>(
      `query($id: ID!) { node(id: $id) { ... on ShopifyPaymentsPayout { id status } } }`,
      { id: payout.id },
    );
    expect(node.data!.node).toEqual({ id: payout.id, status: "PAID" });
    const unknown = await fetch(`${sandbox.server.url}/sandbox/shops/${SHOP}/payouts/999999/status`, {
      method: "POST",
      body: JSON.stringify({ status: "PAID" }),
    });
    expect(unknown.status).toBe(404);
  });
});
