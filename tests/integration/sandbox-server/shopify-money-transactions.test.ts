import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createOrder, type MoneySandbox, startMoneySandbox, usd, type UserErrors } from "./shopify-money-fixture.ts";

const TRANSACTIONS = `query($id: ID!) { order(id: $id) {
  displayFinancialStatus
  totalReceivedSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
  totalCapturableSet { shopMoney { amount } }
  netPaymentSet { shopMoney { amount } }
  totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
  capturable
  transactions {
    id kind status gateway formattedGateway manualPaymentGateway test processedAt receiptJson
    amountSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
    paymentDetails { __typename ... on CardPaymentDetails { company number } }
    fees { amount { amount currencyCode } flatFee { amount } rate type taxAmount { amount } }
    parentTransaction { id kind }
  }
} }`;

interface Tx {
  id: string;
  kind: string;
  status: string;
  gateway: string;
  formattedGateway: string;
  manualPaymentGateway: boolean;
  amountSet: { shopMoney: { amount: string }; presentmentMoney: { amount: string; currencyCode: string } };
  paymentDetails: { __typename: string; company: string; number: string } | null;
  fees: { amount: { amount: string; currencyCode: string }; flatFee: { amount: string }; rate: string; type: string }[];
  parentTransaction: { id: string; kind: string } | null;
}
interface OrderMoney {
  displayFinancialStatus: string;
  totalReceivedSet: { shopMoney: { amount: string } };
  totalCapturableSet: { shopMoney: { amount: string } };
  netPaymentSet: { shopMoney: { amount: string } };
  totalPriceSet: { shopMoney: { amount: string }; presentmentMoney: { amount: string; currencyCode: string } };
  capturable: boolean;
  transactions: Tx[];
}

const CAPTURE = `mutation($input: OrderCaptureInput!) { orderCapture(input: $input) {
  transaction { id kind status amountSet { shopMoney { amount } } parentTransaction { id } fees { amount { amount } } }
  userErrors { field message } } }`;
const VOID = `mutation($id: ID!) { transactionVoid(parentTransactionId: $id) {
  transaction { id kind status } userErrors { field message code } } }`;

const line = (amount: string) => ({ title: "Widget", quantity: 1, priceSet: usd(amount) });

describe("order transactions in the sandbox store", () => {
  let sandbox: MoneySandbox;
  beforeEach(async () => {
    sandbox = await startMoneySandbox();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  async function money(id: string): Promise<OrderMoney> {
    const body = await sandbox.gql<{ order: OrderMoney }>(TRANSACTIONS, { id });
    expect(body.errors).toBeUndefined();
    return body.data!.order;
  }

  it("a Shopify Payments sale carries its card brand and the plan's processing fee; gift card and manual ones none", async () => {
    const order = await createOrder(sandbox, {
      lineItems: [line("150.00")],
      transactions: [
        {
          kind: "SALE",
          gateway: "shopify_payments",
          amountSet: usd("100.00"),
          receiptJson: JSON.stringify({
            payment_details: { credit_card_company: "Mastercard", credit_card_number: "5555555555554444" },
          }),
        },
        { kind: "SALE", gateway: "gift_card", amountSet: usd("30.00") },
        { kind: "SALE", gateway: "Cash on Delivery (COD)", amountSet: usd("20.00") },
      ],
    });
    const read = await money(order.id);
    expect(read.displayFinancialStatus).toBe("PAID");
    expect(read.totalReceivedSet.shopMoney.amount).toBe("150.0");
    const [card, gift, cod] = read.transactions;
    expect(card).toMatchObject({
      kind: "SALE",
      status: "SUCCESS",
      gateway: "shopify_payments",
      formattedGateway: "Shopify Payments",
      manualPaymentGateway: false,
      paymentDetails: { __typename: "CardPaymentDetails", company: "Mastercard", number: "•••• •••• •••• 4444" },
      // Standard plan: 2.9 % + 30¢ of 100.00.
      fees: [
        { amount: { amount: "3.2", currencyCode: "USD" }, flatFee: { amount: "0.3" }, rate: "2.9", type: "payment" },
      ],
    });
    expect(JSON.parse((card as unknown as { receiptJson: string }).receiptJson)).toMatchObject({
      payment_details: { credit_card_company: "Mastercard" },
    });
    expect(gift).toMatchObject({
      gateway: "gift_card",
      formattedGateway: "Gift card",
      manualPaymentGateway: false,
      fees: [],
      paymentDetails: null,
    });
    expect(cod).toMatchObject({
      gateway: "Cash on Delivery (COD)",
      manualPaymentGateway: true,
      fees: [],
      paymentDetails: null,
    });
  });

  it("an authorization is captured once, leaves nothing capturable, marks the order paid and announces the capture", async () => {
    const order = await createOrder(sandbox, {
      lineItems: [line("50.00")],
      transactions: [{ kind: "AUTHORIZATION", gateway: "shopify_payments", amountSet: usd("50.00") }],
    });
    const before = await money(order.id);
    expect(before).toMatchObject({
      displayFinancialStatus: "AUTHORIZED",
      capturable: true,
      totalCapturableSet: { shopMoney: { amount: "50.0" } },
    });
    expect(before.transactions[0]!.fees).toEqual([]);
    const auth = before.transactions[0]!.id;
    await sandbox.clearWebhooks();

    const tooMuch = await sandbox.gql<{ orderCapture: { userErrors: UserErrors } }>(CAPTURE, {
      input: { id: order.id, parentTransactionId: auth, amount: "60.00" },
    });
    expect(tooMuch.data!.orderCapture.userErrors[0]!.field).toEqual(["input", "amount"]);

    const captured = await sandbox.gql<{
      orderCapture: { transaction: Record<string, unknown>; userErrors: UserErrors };
    }>(CAPTURE, {
      input: { id: order.id, parentTransactionId: auth, amount: "50.00" },
    });
    expect(captured.data!.orderCapture.userErrors).toEqual([]);
    expect(captured.data!.orderCapture.transaction).toMatchObject({
      kind: "CAPTURE",
      status: "SUCCESS",
      amountSet: { shopMoney: { amount: "50.0" } },
      parentTransaction: { id: auth },
      fees: [{ amount: { amount: "1.75" } }],
    });
    const after = await money(order.id);
    expect(after).toMatchObject({
      displayFinancialStatus: "PAID",
      capturable: false,
      totalCapturableSet: { shopMoney: { amount: "0.0" } },
      totalReceivedSet: { shopMoney: { amount: "50.0" } },
      netPaymentSet: { shopMoney: { amount: "50.0" } },
    });
    // A second capture of the same authorization needs Shopify Plus's multi-capture.
    const again = await sandbox.gql<{ orderCapture: { userErrors: UserErrors } }>(CAPTURE, {
      input: { id: order.id, parentTransactionId: auth, amount: "1.00" },
    });
    expect(again.data!.orderCapture.userErrors).toHaveLength(1);

    const hooks = await sandbox.delivered("order_transactions/create");
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({
      kind: "capture",
      status: "success",
      amount: "50.00",
      parent_id: Number(auth.split("/").pop()),
    });
    expect(await sandbox.delivered("orders/paid")).toHaveLength(1);
  });

  it("transactionVoid voids an open authorization once; the order is VOIDED", async () => {
    const order = await createOrder(sandbox, {
      lineItems: [line("40.00")],
      transactions: [{ kind: "AUTHORIZATION", gateway: "shopify_payments", amountSet: usd("40.00") }],
    });
    const auth = (await money(order.id)).transactions[0]!.id;
    const voided = await sandbox.gql<{
      transactionVoid: { transaction: { kind: string; status: string }; userErrors: UserErrors };
    }>(VOID, { id: auth });
    expect(voided.data!.transactionVoid).toMatchObject({
      transaction: { kind: "VOID", status: "SUCCESS" },
      userErrors: [],
    });
    expect(await money(order.id)).toMatchObject({ displayFinancialStatus: "VOIDED", capturable: false });
    const twice = await sandbox.gql<{ transactionVoid: { userErrors: UserErrors } }>(VOID, { id: auth });
    expect(twice.data!.transactionVoid.userErrors).toEqual([
      expect.objectContaining({ field: ["parentTransactionId"], code: "AUTH_NOT_VOIDABLE" }),
    ]);
    const missing = await sandbox.gql<{ transactionVoid: { userErrors: UserErrors } }>(VOID, {
      id: "gid://shopify/OrderTransaction/999999",
    });
    expect(missing.data!.transactionVoid.userErrors[0]!.code).toBe("TRANSACTION_NOT_FOUND");
  });

  it("a multi-currency order shows shop and presentment amounts; capturing it needs the presentment currency", async () => {
    const order = await createOrder(sandbox, {
      currency: "USD",
      presentmentCurrency: "EUR",
      lineItems: [
        {
          title: "Widget",
          quantity: 2,
          priceSet: {
            shopMoney: { amount: "50.00", currencyCode: "USD" },
            presentmentMoney: { amount: "46.00", currencyCode: "EUR" },
          },
        },
      ],
      transactions: [
        {
          kind: "AUTHORIZATION",
          gateway: "shopify_payments",
          amountSet: {
            shopMoney: { amount: "100.00", currencyCode: "USD" },
            presentmentMoney: { amount: "92.00", currencyCode: "EUR" },
          },
        },
      ],
    });
    const read = await money(order.id);
    expect(read.totalPriceSet).toEqual({
      shopMoney: { amount: "100.0", currencyCode: "USD" },
      presentmentMoney: { amount: "92.0", currencyCode: "EUR" },
    });
    expect(read.transactions[0]!.amountSet).toEqual({
      shopMoney: { amount: "100.0", currencyCode: "USD" },
      presentmentMoney: { amount: "92.0", currencyCode: "EUR" },
    });
    const auth = read.transactions[0]!.id;
    const noCurrency = await sandbox.gql<{ orderCapture: { userErrors: UserErrors } }>(CAPTURE, {
      input: { id: order.id, parentTransactionId: auth, amount: "92.00" },
    });
    expect(noCurrency.data!.orderCapture.userErrors[0]!.field).toEqual(["input", "currency"]);
    const captured = await sandbox.gql<{
      orderCapture: { transaction: { amountSet: { shopMoney: { amount: string } } } };
    }>(CAPTURE, {
      input: { id: order.id, parentTransactionId: auth, amount: "92.00", currency: "EUR" },
    });
    // 92 EUR at the order's rate is 100 USD; the fee is charged on the shop amount.
    expect(captured.data!.orderCapture.transaction.amountSet.shopMoney.amount).toBe("100.0");
    const after = await money(order.id);
    expect(after.displayFinancialStatus).toBe("PAID");
    expect(after.transactions[1]).toMatchObject({
      amountSet: { presentmentMoney: { amount: "92.0", currencyCode: "EUR" } },
      fees: [{ amount: { amount: "3.2", currencyCode: "USD" } }],
    });
  });

  it("orderMarkAsPaid records a manual payment of what is owed, once", async () => {
    const order = await createOrder(sandbox, { lineItems: [line("30.00")] });
    const before = await sandbox.gql<{ order: { canMarkAsPaid: boolean; displayFinancialStatus: string } }>(
      `query($id: ID!) { order(id: $id) { canMarkAsPaid displayFinancialStatus } }`,
      { id: order.id },
    );
    expect(before.data!.order).toEqual({ canMarkAsPaid: true, displayFinancialStatus: "PENDING" });
    const MARK = `mutation($id: ID!) { orderMarkAsPaid(input: { id: $id }) { order { displayFinancialStatus canMarkAsPaid } userErrors { field message } } }`;
    const marked = await sandbox.gql<{ orderMarkAsPaid: { order: Record<string, unknown>; userErrors: UserErrors } }>(
      MARK,
      {
        id: order.id,
      },
    );
    expect(marked.data!.orderMarkAsPaid).toEqual({
      order: { displayFinancialStatus: "PAID", canMarkAsPaid: false },
      userErrors: [],
    });
    expect((await money(order.id)).transactions).toEqual([
      expect.objectContaining({
        kind: "SALE",
        gateway: "manual",
        manualPaymentGateway: true,
        fees: [],
        amountSet: expect.objectContaining({ shopMoney: { amount: "30.0", currencyCode: "USD" } }),
      }),
    ]);
    const twice = await sandbox.gql<{ orderMarkAsPaid: { userErrors: UserErrors } }>(MARK, { id: order.id });
    expect(twice.data!.orderMarkAsPaid.userErrors).toHaveLength(1);
  });
});
