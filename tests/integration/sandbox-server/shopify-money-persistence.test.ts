import { mkdtempSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createShopifyEngine, type SandboxShopifyEngine } from "../../../sandbox/shopify/engine/create-engine.ts";
import { openShopifyJournal, type ShopifyPersistence } from "../../../sandbox/shopify/engine/snapshot-journal.ts";
import { SHOP } from "./shopify-catalog-fixture.ts";
import { createOrder, fulfil, type MoneySandbox, startMoneySandbox, usd } from "./shopify-money-fixture.ts";

/** Every money record kind the restart must bring back, read in one document. */
const STATE = `query($sold: ID!, $authorized: ID!, $return: ID!) {
  sold: order(id: $sold) {
    updatedAt displayFinancialStatus
    totalRefundedSet { shopMoney { amount } presentmentMoney { amount currencyCode } }
    lineItems(first: 1) { nodes { currentQuantity } }
    transactions { id kind amountSet { presentmentMoney { amount currencyCode } } fees { amount { amount } rate } paymentDetails { ... on CardPaymentDetails { company number } } parentTransaction { id } }
    refunds { id note createdAt refundLineItems(first: 5) { nodes { quantity restockType restocked location { id } } } transactions(first: 5) { nodes { id } } }
    returns(first: 5) { nodes { id name status returnLineItems(first: 5) { nodes { quantity } } } }
  }
  authorized: order(id: $authorized) { displayFinancialStatus transactions { id kind parentTransaction { id } } }
  return(id: $return) { id status requestApprovedAt closedAt
    reverseFulfillmentOrders(first: 2) { nodes { id lineItems(first: 5) { nodes { id dispositions { id type quantity location { id } } } } } } }
  shopifyPaymentsAccount {
    payouts(first: 5) { nodes { id status issuedAt net { amount } summary { chargesGross { amount } chargesFee { amount } refundsFeeGross { amount } } } }
    balanceTransactions(first: 10) { nodes { id type amount { amount } fee { amount } net { amount } associatedPayout { id status } sourceOrderTransactionId } }
  }
}`;

describe("transactions, refunds, returns and payouts across a restart of the sandbox store", () => {
  let dir: string;
  let running: { raw: SandboxShopifyEngine; persistence: ShopifyPersistence; sandbox: MoneySandbox }[];
  const files = { snapshotFile: "", journalFile: "" };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "shopify-money-"));
    files.snapshotFile = path.join(dir, "store.json");
    files.journalFile = path.join(dir, "store.journal");
    running = [];
  });
  afterEach(async () => {
    for (const r of running) {
      await r.sandbox.close();
      r.persistence.close();
    }
    await rm(dir, { recursive: true, force: true });
  });

  async function start() {
    const raw = createShopifyEngine();
    const persistence = await openShopifyJournal(raw, files);
    const sandbox = await startMoneySandbox({
      engine: persistence.engine,
      ...(persistence.restored ? { seed: null } : {}),
    });
    const entry = { raw, persistence, sandbox };
    running.push(entry);
    return entry;
  }
  /** Stops the store as a kill would: nothing more is written. */
  async function kill(entry: (typeof running)[number]) {
    entry.persistence.close();
    entry.raw.reset();
    await entry.sandbox.server.close();
    await entry.sandbox.receiver.close();
    running = running.filter((r) => r !== entry);
  }

  async function scene(sandbox: MoneySandbox) {
    const catalog = await sandbox.catalog();
    const sold = await createOrder(
      sandbox,
      {
        presentmentCurrency: "EUR",
        lineItems: [
          {
            variantId: catalog.variant,
            quantity: 2,
            priceSet: {
              shopMoney: { amount: "30.00", currencyCode: "USD" },
              presentmentMoney: { amount: "27.00", currencyCode: "EUR" },
            },
          },
        ],
        transactions: [
          {
            kind: "SALE",
            gateway: "shopify_payments",
            amountSet: {
              shopMoney: { amount: "60.00", currencyCode: "USD" },
              presentmentMoney: { amount: "54.00", currencyCode: "EUR" },
            },
            receiptJson: { credit_card_company: "American Express", credit_card_number: "378282246310005" },
          },
        ],
      },
      { inventoryBehaviour: "DECREMENT_OBEYING_POLICY" },
    );
    const fulfillmentLine = await fulfil(sandbox, sold);
    const refund = await sandbox.gql<{ refundCreate: { refund: { id: string } | null; userErrors: unknown[] } }>(
      `mutation($input: RefundInput!, $key: String!) { refundCreate(input: $input) @idempotent(key: $key) { refund { id } userErrors { field message } } }`,
      {
        key: "refund-persistence-0",
        input: {
          orderId: sold.id,
          currency: "EUR",
          note: "kept",
          refundLineItems: [
            {
              lineItemId: sold.lineItems.nodes[0]!.id,
              quantity: 1,
              restockType: "RETURN",
              locationId: catalog.location,
            },
          ],
          transactions: [
            {
              orderId: sold.id,
              parentId: sold.transactions[0]!.id,
              amount: "27.00",
              kind: "REFUND",
              gateway: "shopify_payments",
            },
          ],
        },
      },
    );
    expect(refund.data!.refundCreate.userErrors).toEqual([]);
    const ret = await sandbox.gql<{ returnRequest: { return: { id: string } } }>(
      `mutation($input: ReturnRequestInput!) { returnRequest(input: $input) { return { id } userErrors { message } } }`,
      {
        input: {
          orderId: sold.id,
          returnLineItems: [{ fulfillmentLineItemId: fulfillmentLine, quantity: 1, returnReason: "COLOR" }],
        },
      },
    );
    const returnId = ret.data!.returnRequest.return.id;
    await sandbox.gql(`mutation($id: ID!) { returnApproveRequest(input: { id: $id }) { userErrors { message } } }`, {
      id: returnId,
    });
    const line = await sandbox.gql<{ return: { returnLineItems: { nodes: { id: string }[] } } }>(
      `query($id: ID!) { return(id: $id) { returnLineItems(first: 1) { nodes { id } } } }`,
      { id: returnId },
    );
    const processed = await sandbox.gql<{ returnProcess: { userErrors: unknown[] } }>(
      `mutation($input: ReturnProcessInput!) { returnProcess(input: $input) { userErrors { field message } } }`,
      {
        input: {
          returnId,
          returnLineItems: [
            {
              id: line.data!.return.returnLineItems.nodes[0]!.id,
              quantity: 1,
              dispositions: [
                {
                  reverseFulfillmentOrderLineItemId: "gid://shopify/ReverseFulfillmentOrderLineItem/1",
                  quantity: 1,
                  dispositionType: "NOT_RESTOCKED",
                },
              ],
            },
          ],
        },
      },
    );
    expect(processed.data!.returnProcess.userErrors).toEqual([]);
    const authorized = await createOrder(sandbox, {
      lineItems: [{ title: "Later", quantity: 1, priceSet: usd("15.00") }],
      transactions: [{ kind: "AUTHORIZATION", gateway: "shopify_payments", amountSet: usd("15.00") }],
    });
    const capture = await sandbox.gql<{ orderCapture: { userErrors: unknown[] } }>(
      `mutation($input: OrderCaptureInput!) { orderCapture(input: $input) { userErrors { message } } }`,
      { input: { id: authorized.id, parentTransactionId: authorized.transactions[0]!.id, amount: "15.00" } },
    );
    expect(capture.data!.orderCapture.userErrors).toEqual([]);
    const { payout } = await sandbox.control<{ payout: { id: string } }>("/payouts");
    await sandbox.control(`/payouts/${payout.id.split("/").pop()}/status`, { status: "PAID" });
    const ids = { sold: sold.id, authorized: authorized.id, return: returnId };
    const before = await sandbox.gql<Record<string, unknown>>(STATE, ids);
    expect(before.errors).toBeUndefined();
    return { ids, before: before.data, refundId: refund.data!.refundCreate.refund!.id, payoutId: payout.id, sold };
  }

  it("brings every money record back after a kill (journal) and after a clean stop (snapshot); ids keep increasing", async () => {
    const first = await start();
    const { ids, before, refundId, payoutId, sold } = await scene(first.sandbox);
    expect(before).toMatchObject({
      sold: {
        displayFinancialStatus: "PARTIALLY_REFUNDED",
        totalRefundedSet: { shopMoney: { amount: "30.0" }, presentmentMoney: { amount: "27.0", currencyCode: "EUR" } },
        transactions: [
          { kind: "SALE", paymentDetails: { company: "American Express", number: "•••• •••• •••• 0005" } },
          { kind: "REFUND" },
        ],
        returns: { nodes: [{ status: "CLOSED" }] },
      },
      authorized: { displayFinancialStatus: "PAID" },
      return: {
        reverseFulfillmentOrders: {
          nodes: [
            { lineItems: { nodes: [{ dispositions: [{ type: "NOT_RESTOCKED", quantity: 1, location: null }] }] } },
          ],
        },
      },
      shopifyPaymentsAccount: { payouts: { nodes: [{ status: "PAID" }] } },
    });
    await kill(first);

    const second = await start();
    expect(second.persistence.restored).toBe(true);
    expect((await second.sandbox.gql(STATE, ids)).data).toEqual(before);
    // Counters came back: a new refund and a new payout get higher ids.
    const next = await second.sandbox.gql<{ refundCreate: { refund: { id: string } } }>(
      `mutation($input: RefundInput!, $key: String!) { refundCreate(input: $input) @idempotent(key: $key) { refund { id } userErrors { message } } }`,
      {
        key: "refund-persistence-1",
        input: {
          orderId: sold.id,
          currency: "EUR",
          transactions: [
            {
              orderId: sold.id,
              parentId: sold.transactions[0]!.id,
              amount: "9.00",
              kind: "REFUND",
              gateway: "shopify_payments",
            },
          ],
        },
      },
    );
    const nextRefund = next.data!.refundCreate.refund.id;
    expect(Number(nextRefund.split("/").pop())).toBeGreaterThan(Number(refundId.split("/").pop()));
    const { payout } = await second.sandbox.control<{ payout: { id: string } }>("/payouts");
    expect(Number(payout.id.split("/").pop())).toBeGreaterThan(Number(payoutId.split("/").pop()));
    const afterNext = (await second.sandbox.gql<Record<string, unknown>>(STATE, ids)).data;
    await second.persistence.save();
    await kill(second);

    const third = await start();
    expect((await third.sandbox.gql(STATE, ids)).data).toEqual(afterNext);
  });

  it("loads a snapshot written before money was modelled: transactions without fees or cards, no refunds or payouts", async () => {
    const old = createShopifyEngine();
    old.createShop({ domain: SHOP, name: "Catalog Shop" });
    await old.execute({
      shop: SHOP,
      apiKey: "x",
      query: `mutation { orderCreate(order: { lineItems: [{ title: "Old", quantity: 1, priceSet: { shopMoney: { amount: "5.00", currencyCode: USD } } }],
        transactions: [{ kind: SALE, gateway: "manual", amountSet: { shopMoney: { amount: "5.00", currencyCode: USD } } }] }) { order { id } } }`,
    });
    const snapshot = old.snapshot() as { shops: Record<string, unknown>[] };
    for (const shop of snapshot.shops) {
      for (const key of ["refunds", "returns", "payouts", "balanceTransactions"]) delete shop[key];
      const counters = shop.counters as Record<string, number>;
      for (const kind of ["Refund", "Return", "ShopifyPaymentsPayout", "ShopifyPaymentsBalanceTransaction"]) {
        delete counters[kind];
      }
      for (const [, o] of shop.orders as [number, Record<string, unknown>][]) {
        delete o.presentmentRate;
        for (const t of o.transactions as Record<string, unknown>[]) {
          for (const key of ["presentmentAmount", "parentId", "fees", "card", "errorCode", "giftCardId"]) delete t[key];
        }
      }
    }
    writeFileSync(files.snapshotFile, JSON.stringify(snapshot));

    const started = await start();
    expect(started.persistence.restored).toBe(true);
    const body = await started.sandbox.gql<Record<string, unknown>>(`{ orders(first: 1) { nodes {
      refunds { id } totalReceivedSet { presentmentMoney { amount } }
      transactions { kind amountSet { presentmentMoney { amount } } fees { amount { amount } } paymentDetails { __typename } parentTransaction { id } } } }
      shopifyPaymentsAccount { payouts(first: 1) { nodes { id } } balanceTransactions(first: 1) { nodes { id } } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      orders: {
        nodes: [
          {
            refunds: [],
            totalReceivedSet: { presentmentMoney: { amount: "5.0" } },
            transactions: [
              {
                kind: "SALE",
                amountSet: { presentmentMoney: { amount: "5.0" } },
                fees: [],
                paymentDetails: null,
                parentTransaction: null,
              },
            ],
          },
        ],
      },
      shopifyPaymentsAccount: { payouts: { nodes: [] }, balanceTransactions: { nodes: [] } },
    });
  });
});
