import { randomUUID } from "node:crypto";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import {
  type CreatedOrder,
  createOrder,
  fulfil,
  type MoneySandbox,
  startMoneySandbox,
  usd,
  type UserErrors,
} from "./shopify-money-fixture.ts";

const REFUND_CREATE = `mutation($input: RefundInput!, $key: String!) { refundCreate(input: $input) @idempotent(key: $key) {
  refund {
    id legacyResourceId note createdAt
    totalRefundedSet { shopMoney { amount currencyCode } }
    refundLineItems(first: 5) { nodes {
      quantity restockType restocked location { id } lineItem { id currentQuantity unfulfilledQuantity }
      priceSet { shopMoney { amount } } subtotalSet { shopMoney { amount } } totalTaxSet { shopMoney { amount } } } }
    refundShippingLines(first: 5) { nodes { subtotalAmountSet { shopMoney { amount } } taxAmountSet { shopMoney { amount } } shippingLine { title } } }
    transactions(first: 5) { nodes { kind status gateway amountSet { shopMoney { amount } } parentTransaction { id } } }
  }
  order { id displayFinancialStatus }
  userErrors { field message } } }`;

interface RefundResult {
  refundCreate: {
    refund: {
      id: string;
      totalRefundedSet: { shopMoney: { amount: string } };
      refundLineItems: { nodes: Record<string, unknown>[] };
      refundShippingLines: { nodes: Record<string, unknown>[] };
      transactions: { nodes: Record<string, unknown>[] };
    } | null;
    order: { displayFinancialStatus: string } | null;
    userErrors: UserErrors;
  };
}

const ORDER_MONEY = `query($id: ID!) { order(id: $id) {
  displayFinancialStatus refundable
  totalRefundedSet { shopMoney { amount } }
  totalRefundedShippingSet { shopMoney { amount } }
  netPaymentSet { shopMoney { amount } }
  currentTotalPriceSet { shopMoney { amount } }
  currentSubtotalLineItemsQuantity
  refunds { id note refundLineItems(first: 5) { nodes { restockType quantity } } }
  lineItems(first: 1) { nodes { currentQuantity refundableQuantity unfulfilledQuantity } }
  fulfillmentOrders(first: 5) { nodes { status lineItems(first: 5) { nodes { remainingQuantity } } } }
} }`;

describe("refunds in the sandbox store", () => {
  let sandbox: MoneySandbox;
  let order: CreatedOrder;
  let sale: string;
  let line: string;
  let item: string;
  let location: string;
  let start: { available: number; committed: number; on_hand: number };

  beforeEach(async () => {
    sandbox = await startMoneySandbox();
    const catalog = await sandbox.catalog();
    item = catalog.item;
    location = catalog.location;
    start = await sandbox.stock(item, location);
    // 4 × 25.00 + 10 % tax + 10.00 shipping = 120.00, paid through Shopify Payments; 2 units shipped.
    order = await createOrder(
      sandbox,
      {
        lineItems: [
          {
            variantId: catalog.variant,
            quantity: 4,
            priceSet: usd("25.00"),
            taxLines: [{ title: "VAT", rate: 0.1, priceSet: usd("10.00") }],
          },
        ],
        shippingLines: [{ title: "Standard", priceSet: usd("10.00") }],
        transactions: [{ kind: "SALE", gateway: "shopify_payments", amountSet: usd("120.00") }],
      },
      { inventoryBehaviour: "DECREMENT_OBEYING_POLICY" },
    );
    sale = order.transactions[0]!.id;
    line = order.lineItems.nodes[0]!.id;
    await fulfil(sandbox, order, 2);
    await sandbox.clearWebhooks();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  const refund = (input: Record<string, unknown>) =>
    sandbox.gql<RefundResult>(REFUND_CREATE, { key: randomUUID(), input: { orderId: order.id, ...input } });
  const pay = (amount: string) => [
    { orderId: order.id, parentId: sale, amount, kind: "REFUND", gateway: "shopify_payments" },
  ];

  it("RETURN restocks shipped units, CANCEL gives held units back, NO_RESTOCK drops them; shipping is refunded; then an over-refund is refused", async () => {
    const returned = await refund({
      note: "Damaged in transit",
      refundLineItems: [{ lineItemId: line, quantity: 1, restockType: "RETURN", locationId: location }],
      transactions: pay("27.50"),
    });
    expect(returned.data!.refundCreate.userErrors).toEqual([]);
    expect(returned.data!.refundCreate.refund).toMatchObject({
      totalRefundedSet: { shopMoney: { amount: "27.5" } },
      refundLineItems: {
        nodes: [
          {
            quantity: 1,
            restockType: "RETURN",
            restocked: true,
            location: { id: location },
            // The returned unit had shipped: the 2 unshipped ones are still to ship.
            lineItem: { id: line, currentQuantity: 3, unfulfilledQuantity: 2 },
            priceSet: { shopMoney: { amount: "25.0" } },
            subtotalSet: { shopMoney: { amount: "25.0" } },
            totalTaxSet: { shopMoney: { amount: "2.5" } },
          },
        ],
      },
      transactions: {
        nodes: [{ kind: "REFUND", status: "SUCCESS", gateway: "shopify_payments", parentTransaction: { id: sale } }],
      },
    });
    expect(returned.data!.refundCreate.order!.displayFinancialStatus).toBe("PARTIALLY_REFUNDED");
    // 4 held, 2 shipped: committed 2; the returned unit is available again.
    expect(await sandbox.stock(item, location)).toEqual({
      available: start.available - 4 + 1,
      committed: 2,
      on_hand: start.on_hand - 2 + 1,
    });

    const cancelled = await refund({
      refundLineItems: [{ lineItemId: line, quantity: 1, restockType: "CANCEL" }],
      transactions: pay("27.50"),
    });
    expect(cancelled.data!.refundCreate.userErrors).toEqual([]);
    expect(cancelled.data!.refundCreate.refund!.refundLineItems.nodes[0]).toMatchObject({
      restockType: "CANCEL",
      restocked: true,
      location: { id: location },
    });
    expect(await sandbox.stock(item, location)).toEqual({
      available: start.available - 2,
      committed: 1,
      on_hand: start.on_hand - 1,
    });

    const dropped = await refund({
      refundLineItems: [{ lineItemId: line, quantity: 1, restockType: "NO_RESTOCK" }],
      transactions: pay("27.50"),
    });
    expect(dropped.data!.refundCreate.refund!.refundLineItems.nodes[0]).toMatchObject({
      restockType: "NO_RESTOCK",
      restocked: false,
    });
    // The unit the order held leaves on_hand; available does not change.
    expect(await sandbox.stock(item, location)).toEqual({
      available: start.available - 2,
      committed: 0,
      on_hand: start.on_hand - 2,
    });

    const shipping = await refund({ shipping: { fullRefund: true }, transactions: pay("10.00") });
    expect(shipping.data!.refundCreate.refund!.refundShippingLines.nodes).toEqual([
      {
        subtotalAmountSet: { shopMoney: { amount: "10.0" } },
        taxAmountSet: { shopMoney: { amount: "0.0" } },
        shippingLine: { title: "Standard" },
      },
    ]);

    const over = await refund({ transactions: pay("30.00") });
    expect(over.data!.refundCreate.refund).toBeNull();
    expect(over.data!.refundCreate.userErrors).toHaveLength(1);
    const overAll = await refund({
      transactions: [{ orderId: order.id, amount: "27.51", kind: "REFUND", gateway: "shopify_payments" }],
    });
    expect(overAll.data!.refundCreate.userErrors.map((e) => e.message).join()).toMatch(/greater than/);

    const read = await sandbox.gql<{ order: Record<string, unknown> }>(ORDER_MONEY, { id: order.id });
    expect(read.data!.order).toMatchObject({
      displayFinancialStatus: "PARTIALLY_REFUNDED",
      refundable: true,
      totalRefundedSet: { shopMoney: { amount: "92.5" } },
      totalRefundedShippingSet: { shopMoney: { amount: "10.0" } },
      netPaymentSet: { shopMoney: { amount: "27.5" } },
      currentTotalPriceSet: { shopMoney: { amount: "27.5" } },
      currentSubtotalLineItemsQuantity: 1,
      lineItems: { nodes: [{ currentQuantity: 1, refundableQuantity: 1, unfulfilledQuantity: 0 }] },
      fulfillmentOrders: { nodes: [{ status: "CLOSED", lineItems: { nodes: [{ remainingQuantity: 0 }] } }] },
    });
    expect((read.data!.order.refunds as unknown[]).length).toBe(4);

    // One refunds/create per refund, REST-shaped.
    const hooks = await sandbox.delivered("refunds/create");
    expect(hooks).toHaveLength(4);
    expect(new Set(hooks.map((h) => h.id)).size).toBe(4);
    expect(hooks[0]).toMatchObject({
      order_id: Number(order.id.split("/").pop()),
      note: "Damaged in transit",
      admin_graphql_api_id: returned.data!.refundCreate.refund!.id,
      refund_line_items: [
        {
          quantity: 1,
          line_item_id: Number(line.split("/").pop()),
          restock_type: "return",
          location_id: Number(location.split("/").pop()),
          subtotal: 25,
          total_tax: 2.5,
          line_item: { id: Number(line.split("/").pop()), price: "25.00" },
        },
      ],
      transactions: [{ kind: "refund", status: "success", amount: "27.50", gateway: "shopify_payments" }],
      order_adjustments: [],
    });
    expect(hooks[3]).toMatchObject({
      refund_line_items: [],
      refund_shipping_lines: [{ subtotal_amount_set: { shop_money: { amount: "10.00" } } }],
    });
    expect((await sandbox.delivered("orders/updated")).length).toBeGreaterThanOrEqual(4);
  });

  it("refuses what the order does not have: more units than bought, cancelling shipped units, returning unshipped ones, too much shipping", async () => {
    const tooMany = await refund({ refundLineItems: [{ lineItemId: line, quantity: 5, restockType: "NO_RESTOCK" }] });
    expect(tooMany.data!.refundCreate.userErrors).toEqual([
      { field: ["refundLineItems", "0", "quantity"], message: "Quantity cannot refund more items than were purchased" },
    ]);
    const cancelShipped = await refund({ refundLineItems: [{ lineItemId: line, quantity: 3, restockType: "CANCEL" }] });
    expect(cancelShipped.data!.refundCreate.userErrors[0]!.field).toEqual(["refundLineItems", "0", "restockType"]);
    const returnUnshipped = await refund({
      refundLineItems: [{ lineItemId: line, quantity: 3, restockType: "RETURN" }],
    });
    expect(returnUnshipped.data!.refundCreate.userErrors[0]!.field).toEqual(["refundLineItems", "0", "restockType"]);
    const shipping = await refund({ shipping: { amount: "10.01" } });
    expect(shipping.data!.refundCreate.userErrors[0]!.field).toEqual(["shipping", "amount"]);
    // Nothing changed: no refund, no webhook, stock as it was.
    expect(await sandbox.delivered("refunds/create")).toEqual([]);
    expect(await sandbox.stock(item, location)).toEqual({
      available: start.available - 4,
      committed: 2,
      on_hand: start.on_hand - 2,
    });
  });

  it("suggestedRefund prices lines and shipping, and a Refund reads back by id", async () => {
    const suggested = await sandbox.gql<{ order: { suggestedRefund: Record<string, unknown> } }>(
      `query($id: ID!, $line: ID!) { order(id: $id) { suggestedRefund(refundLineItems: [{ lineItemId: $line, quantity: 2 }], refundShipping: true) {
        amountSet { shopMoney { amount } } subtotalSet { shopMoney { amount } } totalTaxSet { shopMoney { amount } }
        maximumRefundableSet { shopMoney { amount } }
        shipping { amountSet { shopMoney { amount } } maximumRefundableSet { shopMoney { amount } } }
        refundLineItems { quantity restockType subtotalSet { shopMoney { amount } } }
        suggestedTransactions { kind gateway amountSet { shopMoney { amount } } parentTransaction { id } }
      } } }`,
      { id: order.id, line },
    );
    expect(suggested.errors).toBeUndefined();
    expect(suggested.data!.order.suggestedRefund).toEqual({
      amountSet: { shopMoney: { amount: "65.0" } },
      subtotalSet: { shopMoney: { amount: "50.0" } },
      totalTaxSet: { shopMoney: { amount: "5.0" } },
      maximumRefundableSet: { shopMoney: { amount: "120.0" } },
      shipping: {
        amountSet: { shopMoney: { amount: "10.0" } },
        maximumRefundableSet: { shopMoney: { amount: "10.0" } },
      },
      refundLineItems: [{ quantity: 2, restockType: "CANCEL", subtotalSet: { shopMoney: { amount: "50.0" } } }],
      suggestedTransactions: [
        {
          kind: "SUGGESTED_REFUND",
          gateway: "shopify_payments",
          amountSet: { shopMoney: { amount: "65.0" } },
          parentTransaction: { id: sale },
        },
      ],
    });
    const made = await refund({
      note: "by id",
      refundLineItems: [{ lineItemId: line, quantity: 1, restockType: "CANCEL" }],
    });
    const id = made.data!.refundCreate.refund!.id;
    const byId = await sandbox.gql<{ refund: Record<string, unknown>; node: Record<string, unknown> }>(
      `query($id: ID!) { refund(id: $id) { id note order { id refundDiscrepancySet { shopMoney { amount } } } return { id }
        orderAdjustments(first: 2) { nodes { reason amountSet { shopMoney { amount } } } } } node(id: $id) { ... on Refund { id } } }`,
      { id },
    );
    // Goods worth 27.50 refunded without money: a refund discrepancy in the merchant's favour.
    expect(byId.data).toEqual({
      refund: {
        id,
        note: "by id",
        order: { id: order.id, refundDiscrepancySet: { shopMoney: { amount: "27.5" } } },
        return: null,
        orderAdjustments: { nodes: [{ reason: "REFUND_DISCREPANCY", amountSet: { shopMoney: { amount: "-27.5" } } }] },
      },
      node: { id },
    });
  });

  it("orderCancel with refund: true gives every payment back; order webhooks carry the refunds and current totals", async () => {
    const cancelled = await sandbox.gql<{ orderCancel: { orderCancelUserErrors: UserErrors } }>(
      `mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, restock: true, refund: true) { orderCancelUserErrors { message } } }`,
      { id: order.id },
    );
    expect(cancelled.data!.orderCancel.orderCancelUserErrors).toEqual([]);
    const read = await sandbox.gql<{ order: Record<string, unknown> }>(ORDER_MONEY, { id: order.id });
    expect(read.data!.order).toMatchObject({
      displayFinancialStatus: "REFUNDED",
      refundable: false,
      totalRefundedSet: { shopMoney: { amount: "120.0" } },
      netPaymentSet: { shopMoney: { amount: "0.0" } },
    });
    const [hook] = await sandbox.delivered("refunds/create");
    expect(hook).toMatchObject({
      refund_line_items: [],
      transactions: [{ kind: "refund", amount: "120.00", parent_id: Number(sale.split("/").pop()) }],
    });
    const updated = (await sandbox.delivered("orders/updated")).at(-1)!;
    expect(updated).toMatchObject({
      financial_status: "refunded",
      payment_gateway_names: ["shopify_payments"],
      refunds: [{ id: hook!.id, transactions: [{ amount: "120.00" }] }],
    });
  });

  it("refundCreate needs @idempotent; a resend with its key answers the same refund and refunds nothing twice", async () => {
    const input = { orderId: order.id, transactions: pay("5.00") };
    const unkeyed = await sandbox.gql(
      `mutation($input: RefundInput!) { refundCreate(input: $input) { refund { id } userErrors { message } } }`,
      { input },
    );
    expect(unkeyed.errors?.[0]?.message).toBe("The @idempotent directive is required for this mutation.");
    const first = await sandbox.gql<RefundResult>(REFUND_CREATE, { key: "once", input });
    const again = await sandbox.gql<RefundResult>(REFUND_CREATE, { key: "once", input });
    expect(again.data!.refundCreate.refund!.id).toBe(first.data!.refundCreate.refund!.id);
    const other = await sandbox.gql<RefundResult>(REFUND_CREATE, {
      key: "once",
      input: { orderId: order.id, transactions: pay("6.00") },
    });
    expect(other.data!.refundCreate.userErrors).toEqual([
      { field: null, message: "The same idempotency key cannot be used with different operation parameters." },
    ]);
    expect(await sandbox.delivered("refunds/create")).toHaveLength(1);
    const read = await sandbox.gql<{ order: { totalRefundedSet: { shopMoney: { amount: string } } } }>(ORDER_MONEY, {
      id: order.id,
    });
    expect(read.data!.order.totalRefundedSet.shopMoney.amount).toBe("5.0");
  });
});
