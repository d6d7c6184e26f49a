import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../../app/.server/db.ts";
import { retryPaymentOfOrder } from "../../../app/.server/orders/order-actions.ts";
import { loadOrderPage } from "../../../app/.server/orders/order-page.ts";
import { retryPayoutOf } from "../../../app/.server/payouts/payout-actions.ts";
import { loadPayoutListPage, loadPayoutPage } from "../../../app/.server/payouts/payouts-page.ts";
import { countActivity } from "../../../app/.server/queries/activity.ts";
import { countOrdersByFilter, listOrders } from "../../../app/.server/queries/order-list.ts";
import { documentsPostTask } from "../../../app/.server/tasks/documents-post/task.ts";
import { enqueueOrderProcessing } from "../../../app/.server/tasks/orders-process/enqueue.ts";
import { reconcileOrders } from "../../../app/.server/tasks/orders-sync/reconcile-orders.ts";
import { paymentsSyncTask } from "../../../app/.server/tasks/payments-sync/task.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { setSettings } from "../../support/shop-settings.ts";
import { startShipmentsWorld } from "../shipments/shipments-harness.ts";

// "Sync payments" over HTTP to both sandboxes: each Shopify payment becomes one BC customer
// payment journal line, applied to the order's posted invoice.

let db: TestDatabase;
let world: Awaited<ReturnType<typeof startShipmentsWorld>>;

beforeAll(async () => {
  db = await useTestDatabase();
  world = await startShipmentsWorld(db);
});

afterAll(async () => {
  await world.close();
});

type Shop = Awaited<ReturnType<typeof world.newShop>>;

const ORDER_CREATE = `mutation O($order: OrderCreateOrderInput!) { orderCreate(order: $order) {
  order { id name transactions { id } } userErrors { field message } } }`;
const CAPTURE = `mutation C($input: OrderCaptureInput!) { orderCapture(input: $input) {
  transaction { id } userErrors { field message } } }`;
const eur = (amount: string) => ({ shopMoney: { amount, currencyCode: "EUR" } });
const VISA = JSON.stringify({ payment_details: { credit_card_company: "Visa", credit_card_number: "4242" } });

const RECORDING = {
  payments: { process: "record", methods: { shopify_payments: "CARD", manual: "CASH", gift_card: "skip" } },
  posting: { onlyFulfilled: false, olderThanHours: 0 },
};

/** An order of 2 × 25.00 paid as told (a Visa sale through Shopify Payments unless told), imported and processed. */
async function paidOrder(shop: Shop, transactions?: unknown[]) {
  const seeded = await shop.gql(`{ customers(first: 1) { nodes { id } } productVariants(first: 1) { nodes { id } } }`);
  const made = await shop.gql(ORDER_CREATE, {
    order: {
      customer: { toAssociate: { id: seeded.customers.nodes[0].id } },
      currency: "EUR",
      lineItems: [{ variantId: seeded.productVariants.nodes[0].id, quantity: 2, priceSet: eur("25.00") }],
      transactions: transactions ?? [
        { kind: "SALE", status: "SUCCESS", gateway: "shopify_payments", amountSet: eur("50.00"), receiptJson: VISA },
      ],
    },
  });
  expect(made.orderCreate.userErrors).toEqual([]);
  await reconcileOrders(shop.shopId);
  await world.runAllJobs();
  const order = made.orderCreate.order as { id: string; name: string; transactions: Array<{ id: string }> };
  return { ...order, transaction: order.transactions[0]!.id, number: order.transactions[0]!.id.split("/").at(-1)! };
}

async function postDocuments(shop: Shop) {
  const run = await world.runTask(documentsPostTask, shop.shopId);
  expect(run.run?.status, run.run?.error_message ?? "").toBe("succeeded");
}

const linesOf = (shop: Shop, number: string) =>
  shop.company.customerPayments.all().filter((p) => p.externalDocumentNumber === number);
const invoiceOf = (shop: Shop, name: string) =>
  shop.company.salesInvoices.all().find((i) => i.externalDocumentNumber === name && i.status !== "Draft");

async function payments(shopId: number) {
  return db.sql<
    Array<{ state: string; reason: string | null; erp_document_number: string | null; payment_method: string | null }>
  >`select state, reason, erp_document_number, payment_method from order_payments where shop_id = ${shopId} order by id`;
}

describe("Sync payments", () => {
  it("a paid order's payment is recorded once, applied to its invoice; a replay and a second run add none", async () => {
    const shop = await world.newShop(RECORDING);
    const order = await paidOrder(shop);
    await postDocuments(shop);
    const invoice = invoiceOf(shop, order.name);
    expect(invoice).toBeDefined();

    const run = await world.runTask(paymentsSyncTask, shop.shopId);
    expect(run.run?.status, run.run?.error_message ?? "").toBe("succeeded");
    expect(run.records).toMatchObject([{ type: "payment", outcome: "created" }]);
    const [line, ...more] = linesOf(shop, order.number);
    expect(more).toEqual([]);
    expect(line).toMatchObject({ amount: -50, appliesToInvoiceNumber: invoice!.number });
    expect(line!.description).toContain("Visa");
    expect(await payments(shop.shopId)).toEqual([
      { state: "recorded", reason: null, erp_document_number: line!.documentNumber, payment_method: "CARD" },
    ]);

    // The cursor starts over (as after a restore): the same transaction is seen again and noted once.
    await db.sql`delete from sync_cursors where shop_id = ${shop.shopId} and stream = 'shopify-paid-orders'`;
    const again = await world.runTask(paymentsSyncTask, shop.shopId);
    expect(again.records).toEqual([]);
    expect(linesOf(shop, order.number)).toHaveLength(1);
    expect(await payments(shop.shopId)).toHaveLength(1);
  });

  it("waits for the order's invoice, then records; an order not yet in the ERP waits for it", async () => {
    const shop = await world.newShop({ ...RECORDING, orders: { autoProcess: false } });
    const order = await paidOrder(shop);
    await world.runTask(paymentsSyncTask, shop.shopId);
    expect(await payments(shop.shopId)).toMatchObject([
      { state: "waiting", reason: expect.stringContaining(`order ${order.name} to reach the ERP`) },
    ]);

    const [ours] = await db.sql<Array<{ id: number }>>`select id::int from orders where shop_id = ${shop.shopId}`;
    await enqueueOrderProcessing(getDb(), { shopId: shop.shopId, orderIds: [ours!.id], trigger: "manual" });
    await world.runAllJobs();
    await world.runTask(paymentsSyncTask, shop.shopId);
    expect(await payments(shop.shopId)).toMatchObject([
      { state: "waiting", reason: expect.stringContaining(`the invoice of order ${order.name}`) },
    ]);
    expect(linesOf(shop, order.number)).toEqual([]);

    await postDocuments(shop);
    const run = await world.runTask(paymentsSyncTask, shop.shopId);
    expect(run.records).toMatchObject([{ outcome: "created" }]);
    expect(linesOf(shop, order.number)).toHaveLength(1);
  });

  it("a capture made after the order was processed is recorded; the authorization alone is not", async () => {
    const shop = await world.newShop(RECORDING);
    const order = await paidOrder(shop, [
      {
        kind: "AUTHORIZATION",
        status: "SUCCESS",
        gateway: "shopify_payments",
        amountSet: eur("50.00"),
        receiptJson: VISA,
      },
    ]);
    await postDocuments(shop);
    await world.runTask(paymentsSyncTask, shop.shopId);
    expect(await payments(shop.shopId)).toEqual([]);

    const captured = await shop.gql(CAPTURE, {
      input: { id: order.id, parentTransactionId: order.transaction, amount: "50.00", currency: "EUR" },
    });
    expect(captured.orderCapture.userErrors).toEqual([]);
    const capture = (captured.orderCapture.transaction.id as string).split("/").at(-1)!;
    const waiting = await world.runTask(paymentsSyncTask, shop.shopId);
    expect(waiting.records).toEqual([]);
    expect(await payments(shop.shopId)).toMatchObject([
      { state: "waiting", reason: expect.stringContaining(`the invoice of order ${order.name}`) },
    ]);
    // Paid now: the order sync brings the new financial status, and posting (only paid orders) invoices it.
    await reconcileOrders(shop.shopId);
    await world.runAllJobs();
    await postDocuments(shop);
    expect(invoiceOf(shop, order.name)).toBeDefined();
    const run = await world.runTask(paymentsSyncTask, shop.shopId);
    expect(run.records).toMatchObject([{ outcome: "created" }]);
    expect(linesOf(shop, capture)).toMatchObject([{ amount: -50 }]);
    expect(linesOf(shop, order.number)).toEqual([]);
  });

  it("gift cards are skipped per the mapping; an unmapped gateway is an error until mapped, then Retry records it once", async () => {
    const shop = await world.newShop(RECORDING);
    const order = await paidOrder(shop, [
      { kind: "SALE", status: "SUCCESS", gateway: "gift_card", amountSet: eur("20.00") },
      { kind: "SALE", status: "SUCCESS", gateway: "paypal", amountSet: eur("30.00") },
    ]);
    await postDocuments(shop);
    const run = await world.runTask(paymentsSyncTask, shop.shopId);
    expect(run.run?.status).toBe("succeeded");
    expect((await payments(shop.shopId)).map((p) => [p.state, p.reason])).toEqual([
      ["skipped", expect.stringContaining("gift_card")],
      ["error", expect.stringContaining("no ERP payment method for paypal")],
    ]);
    const tiles = await db.sql<Array<{ n: number }>>`select count(*)::int as n from order_payments
      where shop_id = ${shop.shopId} and state in ('waiting', 'error')`;
    expect(tiles[0]!.n).toBe(1);

    // The orders list's "Refunds and payments" tab shows the order with the payment's reason.
    const listed = await listOrders(getDb(), { shopId: shop.shopId, filter: "money", limit: 10, offset: 0 });
    expect(listed.map((o) => [o.name, o.errorMessage])).toEqual([[order.name, expect.stringContaining("paypal")]]);
    expect((await countOrdersByFilter(getDb(), { shopId: shop.shopId })).money).toBe(1);

    await setSettings(shop.shopId, (s) => (s.payments.methods = { ...s.payments.methods, paypal: "PAYPAL" }));
    const [ours] = await db.sql<Array<{ id: number }>>`select id::int from orders where shop_id = ${shop.shopId}`;
    const [failed] = await db.sql<Array<{ id: number }>>`select id::int from order_payments
      where shop_id = ${shop.shopId} and state = 'error'`;
    expect(await retryPaymentOfOrder(shop.shopId, ours!.id, failed!.id)).toMatchObject({ ok: true });
    await world.runAllJobs();
    expect((await payments(shop.shopId)).map((p) => [p.state, p.payment_method])).toEqual([
      ["skipped", "skip"],
      ["recorded", "PAYPAL"],
    ]);
    expect(shop.company.customerPayments.all()).toMatchObject([
      { amount: -30, description: expect.stringContaining("paypal") },
    ]);
    expect((await countOrdersByFilter(getDb(), { shopId: shop.shopId })).money).toBe(0);
  });

  it("an order paid in the buyer's currency is recorded in the currency of its ERP document (the shop's)", async () => {
    const shop = await world.newShop(RECORDING);
    const seeded = await shop.gql(
      `{ customers(first: 1) { nodes { id } } productVariants(first: 1) { nodes { id } } }`,
    );
    const both = (eurAmount: string, usdAmount: string) => ({
      shopMoney: { amount: eurAmount, currencyCode: "EUR" },
      presentmentMoney: { amount: usdAmount, currencyCode: "USD" },
    });
    const made = await shop.gql(ORDER_CREATE, {
      order: {
        customer: { toAssociate: { id: seeded.customers.nodes[0].id } },
        currency: "EUR",
        presentmentCurrency: "USD",
        lineItems: [{ variantId: seeded.productVariants.nodes[0].id, quantity: 1, priceSet: both("50.00", "54.00") }],
        transactions: [
          {
            kind: "SALE",
            status: "SUCCESS",
            gateway: "shopify_payments",
            amountSet: both("50.00", "54.00"),
            receiptJson: VISA,
          },
        ],
      },
    });
    expect(made.orderCreate.userErrors).toEqual([]);
    await reconcileOrders(shop.shopId);
    await world.runAllJobs();
    await postDocuments(shop);
    await world.runTask(paymentsSyncTask, shop.shopId);
    const number = (made.orderCreate.order.transactions[0].id as string).split("/").at(-1)!;
    expect(linesOf(shop, number)).toMatchObject([{ amount: -50 }]);
    const [ours] = await db.sql<Array<{ id: number }>>`select id::int from orders where shop_id = ${shop.shopId}`;
    const page = await loadOrderPage(shop.shopId, ours!.id);
    expect(page?.payments).toMatchObject([{ state: "Recorded", amount: expect.stringMatching(/50.*\(.*54/) }]);
  });

  it("a payment method Business Central does not have is refused with the reason", async () => {
    const shop = await world.newShop({
      ...RECORDING,
      payments: { ...RECORDING.payments, methods: { shopify_payments: "NOSUCH" } },
    });
    await paidOrder(shop);
    await postDocuments(shop);
    await world.runTask(paymentsSyncTask, shop.shopId);
    expect(await payments(shop.shopId)).toMatchObject([{ state: "error", reason: expect.stringContaining("NOSUCH") }]);
    expect(shop.company.customerPayments.all()).toEqual([]);
  });

  it("a run killed after Business Central took the payment finds it instead of recording another", async () => {
    const shop = await world.newShop(RECORDING);
    const order = await paidOrder(shop);
    await postDocuments(shop);
    await world.runTask(paymentsSyncTask, shop.shopId);
    expect(linesOf(shop, order.number)).toHaveLength(1);
    // What a run killed between BC's answer and our commit leaves behind.
    await db.sql`update order_payments set state = 'recording', erp_document_number = null where shop_id = ${shop.shopId}`;
    const run = await world.runTask(paymentsSyncTask, shop.shopId);
    expect(run.run?.status).toBe("succeeded");
    expect(linesOf(shop, order.number)).toHaveLength(1);
    expect(await payments(shop.shopId)).toMatchObject([
      { state: "recorded", erp_document_number: linesOf(shop, order.number)[0]!.documentNumber },
    ]);

    // Killed before BC had it, or the journal posted since: not sent again on a guess.
    const line = linesOf(shop, order.number)[0]!;
    shop.company.customerPayments.delete(line.id);
    await db.sql`update order_payments set state = 'recording' where shop_id = ${shop.shopId}`;
    await world.runTask(paymentsSyncTask, shop.shopId);
    expect(await payments(shop.shopId)).toMatchObject([
      { state: "error", reason: expect.stringContaining(`external document ${order.number}`) },
    ]);
    expect(linesOf(shop, order.number)).toEqual([]);
  });

  it("Preview plans the payment and writes nothing; the kill switch keeps it for later; import only records none", async () => {
    const shop = await world.newShop(RECORDING);
    const order = await paidOrder(shop);
    await postDocuments(shop);
    const preview = await world.runTask(paymentsSyncTask, shop.shopId, { dryRun: true });
    expect(preview.records).toMatchObject([
      { outcome: "planned", reason: expect.stringContaining("record payment of 50") },
    ]);
    expect(linesOf(shop, order.number)).toEqual([]);

    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = false));
    const held = await world.runTask(paymentsSyncTask, shop.shopId);
    expect(held.records).toMatchObject([
      { outcome: "skipped", reason: expect.stringContaining("outgoing writes are off") },
    ]);
    expect(linesOf(shop, order.number)).toEqual([]);
    expect(await payments(shop.shopId)).toMatchObject([{ state: "pending" }]);

    await setSettings(shop.shopId, (s) => {
      s.allowOutgoingWrites = true;
      s.payments.process = "import_only";
    });
    await world.runTask(paymentsSyncTask, shop.shopId);
    expect(await payments(shop.shopId)).toMatchObject([{ state: "imported" }]);
    expect(linesOf(shop, order.number)).toEqual([]);
  });
});

const PAYOUTS = {
  ...RECORDING,
  payments: {
    ...RECORDING.payments,
    payouts: "record",
    bankAccount: "WWB-OPERATING",
    clearingAccount: "2910",
    feeAccount: "8210",
  },
};

async function payoutRows(shopId: number) {
  return db.sql<
    Array<{
      state: string;
      status: string;
      reason: string | null;
      difference: string | null;
      erp_document_number: string | null;
      gross: string | null;
      fees: string | null;
      transaction_count: number;
    }>
  >`select state, status, reason, difference, erp_document_number, gross, fees, transaction_count::int
    from shopify_payouts where shop_id = ${shopId} order by legacy_id`;
}

const entryOf = (shop: Shop, legacyId: string) =>
  shop.company.journalLines.all().filter((l) => l.externalDocumentNumber === `PAYOUT-${legacyId}`);

describe("Sync payments: Shopify Payments payouts", () => {
  it("a scheduled payout waits; once paid it is recorded with its fees and balances to zero, once", async () => {
    const shop = await world.newShop(PAYOUTS);
    const order = await paidOrder(shop);
    await paidOrder(shop);
    await postDocuments(shop);
    const payout = world.store.engine.createPayout!(shop.domain);
    const legacyId = payout.id.split("/").at(-1)!;
    await world.runTask(paymentsSyncTask, shop.shopId);
    expect(await payoutRows(shop.shopId)).toMatchObject([
      { state: "waiting", status: "SCHEDULED", reason: expect.stringContaining("scheduled") },
    ]);
    expect(entryOf(shop, legacyId)).toEqual([]);

    world.store.engine.setPayoutStatus!(shop.domain, payout.id, "PAID");
    const run = await world.runTask(paymentsSyncTask, shop.shopId);
    expect(run.run?.status, run.run?.error_message ?? "").toBe("succeeded");
    const [row] = await payoutRows(shop.shopId);
    expect(row).toMatchObject({
      state: "recorded",
      status: "PAID",
      difference: "0",
      transaction_count: 2,
      gross: "100",
    });
    const lines = entryOf(shop, legacyId);
    const byAccount = Object.fromEntries(lines.map((l) => [`${l.accountType} ${l.accountNumber}`, l.amount]));
    const fees = Number(row!.fees);
    expect(fees).toBeGreaterThan(0);
    expect(byAccount).toEqual({
      "Bank Account WWB-OPERATING": Number(payout.net.amount),
      "G/L Account 8210": fees,
      "G/L Account 2910": -100,
    });
    expect(lines.reduce((s, l) => s + l.amount, 0)).toBeCloseTo(0, 6);
    expect(new Set(lines.map((l) => l.documentNumber))).toEqual(new Set([row!.erp_document_number]));
    const txs = await db.sql<Array<{ order_name: string | null }>>`select order_name from payout_transactions
      where shop_id = ${shop.shopId} order by id`;
    expect(txs.map((t) => t.order_name)).toContain(order.name);

    const again = await world.runTask(paymentsSyncTask, shop.shopId);
    expect(again.records.filter((r) => r.type === "payout")).toEqual([]);
    expect(entryOf(shop, legacyId)).toHaveLength(3);

    // The Payouts page: reconciled, with its transactions linked to their orders and ERP payments.
    const list = await loadPayoutListPage(shop.shopId, { tab: "reconciled", page: 0 });
    expect(list.counts).toEqual({ open: 0, reconciled: 1, imported: 0 });
    expect(list.rows).toMatchObject([
      { number: legacyId, status: "PAID", reconciliation: `Reconciled: ERP ${row!.erp_document_number}` },
    ]);
    const page = await loadPayoutPage(shop.shopId, list.rows[0]!.id);
    expect(page?.transactions).toHaveLength(2);
    expect(page?.transactions.find((t) => t.order === order.name)).toMatchObject({
      type: "CHARGE",
      orderId: expect.any(Number),
      erpPayment: linesOf(shop, order.number)[0]!.documentNumber,
    });
    expect(await loadPayoutPage(shop.shopId + 1000, list.rows[0]!.id)).toBeNull();
  });

  it("an unbalanced payout is shown with its difference and counted on the dashboard; Retry reads it again and records it", async () => {
    const shop = await world.newShop(PAYOUTS);
    await paidOrder(shop);
    const payout = world.store.engine.createPayout!(shop.domain, { status: "PAID" });
    const legacyId = payout.id.split("/").at(-1)!;
    // Read with writes held back, then left unbalanced as a run leaves one whose transactions do
    // not make its amount (planPayout's cases are in tests/unit/payments/plan-payout.test.ts).
    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = false));
    await world.runTask(paymentsSyncTask, shop.shopId);
    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = true));
    await db.sql`update shopify_payouts set state = 'unbalanced', difference = '1.00',
      reason = 'its transactions add up to 47.25 EUR, not its 48.25: a difference of 1' where shop_id = ${shop.shopId}`;
    expect((await world.runTask(paymentsSyncTask, shop.shopId)).records.filter((r) => r.type === "payout")).toEqual([]);
    expect(entryOf(shop, legacyId)).toEqual([]);
    const list = await loadPayoutListPage(shop.shopId, { tab: "open", page: 0 });
    expect(list.rows).toMatchObject([
      { number: legacyId, reconciliation: expect.stringContaining("Unbalanced by"), canRetry: true },
    ]);
    expect((await countActivity(getDb(), shop.shopId))["payout-problems"]).toBe(1);

    expect(await retryPayoutOf(shop.shopId, list.rows[0]!.id)).toMatchObject({ ok: true });
    await world.runAllJobs();
    expect(await payoutRows(shop.shopId)).toMatchObject([{ state: "recorded", difference: "0" }]);
    expect(entryOf(shop, legacyId)).toHaveLength(3);
    expect((await countActivity(getDb(), shop.shopId))["payout-problems"]).toBe(0);
  });

  it("a run killed half way through the entry completes it instead of doubling it", async () => {
    const shop = await world.newShop(PAYOUTS);
    await paidOrder(shop);
    const payout = world.store.engine.createPayout!(shop.domain, { status: "PAID" });
    const legacyId = payout.id.split("/").at(-1)!;
    await world.runTask(paymentsSyncTask, shop.shopId);
    const lines = entryOf(shop, legacyId);
    expect(lines).toHaveLength(3);
    // Killed after BC took the first line: the other two are not there, our row says recording.
    for (const line of lines.slice(1)) shop.company.journalLines.delete(line.id);
    await db.sql`update shopify_payouts set state = 'recording', erp_document_number = null where shop_id = ${shop.shopId}`;
    await world.runTask(paymentsSyncTask, shop.shopId);
    const after = entryOf(shop, legacyId);
    expect(after).toHaveLength(3);
    expect(after.reduce((s, l) => s + l.amount, 0)).toBeCloseTo(0, 6);
    expect(await payoutRows(shop.shopId)).toMatchObject([{ state: "recorded" }]);
  });

  it("import only keeps payouts on the Payouts page; Preview and the kill switch record nothing", async () => {
    const shop = await world.newShop(PAYOUTS);
    await paidOrder(shop);
    const payout = world.store.engine.createPayout!(shop.domain, { status: "PAID" });
    const legacyId = payout.id.split("/").at(-1)!;
    const preview = await world.runTask(paymentsSyncTask, shop.shopId, { dryRun: true });
    expect(preview.records.filter((r) => r.type === "payout")).toMatchObject([
      { outcome: "planned", reason: expect.stringContaining(`PAYOUT-${legacyId}`) },
    ]);
    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = false));
    await world.runTask(paymentsSyncTask, shop.shopId);
    expect(entryOf(shop, legacyId)).toEqual([]);
    await setSettings(shop.shopId, (s) => {
      s.allowOutgoingWrites = true;
      s.payments.payouts = "import_only";
    });
    await world.runTask(paymentsSyncTask, shop.shopId);
    expect(await payoutRows(shop.shopId)).toMatchObject([{ state: "imported", difference: "0" }]);
    expect(entryOf(shop, legacyId)).toEqual([]);
  });
});
