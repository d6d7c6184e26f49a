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

const RETURN_FIELDS = `id name status totalQuantity closedAt requestApprovedAt
  decline { reason note }
  order { id returnStatus }
  returnLineItems(first: 5) { nodes { ... on ReturnLineItem {
    id quantity processedQuantity processableQuantity refundedQuantity returnReason returnReasonNote
    fulfillmentLineItem { id lineItem { id } } } } }
  refunds(first: 5) { nodes { id totalRefundedSet { shopMoney { amount } } } }`;

interface ReturnView {
  id: string;
  name: string;
  status: string;
  totalQuantity: number;
  closedAt: string | null;
  decline: { reason: string; note: string | null } | null;
  order: { id: string; returnStatus: string };
  returnLineItems: { nodes: { id: string; quantity: number; processedQuantity: number; refundedQuantity: number }[] };
  refunds: { nodes: { id: string; totalRefundedSet: { shopMoney: { amount: string } } }[] };
}
type Payload = { return: ReturnView | null; userErrors: UserErrors };

const CREATE = `mutation($input: ReturnInput!) { returnCreate(returnInput: $input) { return { ${RETURN_FIELDS} } userErrors { field message code } } }`;
const REQUEST = `mutation($input: ReturnRequestInput!) { returnRequest(input: $input) { return { ${RETURN_FIELDS} } userErrors { field message code } } }`;
const APPROVE = `mutation($id: ID!) { returnApproveRequest(input: { id: $id }) { return { ${RETURN_FIELDS} } userErrors { field message code } } }`;
const DECLINE = `mutation($id: ID!) { returnDeclineRequest(input: { id: $id, declineReason: FINAL_SALE, declineNote: "Sale item" }) { return { ${RETURN_FIELDS} } userErrors { field message code } } }`;
const CANCEL = `mutation($id: ID!) { returnCancel(id: $id) { return { ${RETURN_FIELDS} } userErrors { field message code } } }`;
const CLOSE = `mutation($id: ID!) { returnClose(id: $id) { return { ${RETURN_FIELDS} } userErrors { field message code } } }`;
const REOPEN = `mutation($id: ID!) { returnReopen(id: $id) { return { ${RETURN_FIELDS} } userErrors { field message code } } }`;
const PROCESS = `mutation($input: ReturnProcessInput!) { returnProcess(input: $input) { return { ${RETURN_FIELDS} } userErrors { field message code } } }`;

describe("returns in the sandbox store", () => {
  let sandbox: MoneySandbox;
  let order: CreatedOrder;
  let fulfillmentLine: string;
  let sale: string;
  let item: string;
  let location: string;

  beforeEach(async () => {
    sandbox = await startMoneySandbox();
    const catalog = await sandbox.catalog();
    item = catalog.item;
    location = catalog.location;
    order = await createOrder(
      sandbox,
      {
        lineItems: [{ variantId: catalog.variant, quantity: 3, priceSet: usd("20.00") }],
        transactions: [{ kind: "SALE", gateway: "shopify_payments", amountSet: usd("60.00") }],
      },
      { inventoryBehaviour: "DECREMENT_OBEYING_POLICY" },
    );
    sale = order.transactions[0]!.id;
    fulfillmentLine = await fulfil(sandbox, order);
    await sandbox.clearWebhooks();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  async function call(document: string, variables: Record<string, unknown>): Promise<Payload> {
    const body = await sandbox.gql<Record<string, Payload>>(document, variables);
    expect(body.errors).toBeUndefined();
    return Object.values(body.data!)[0]!;
  }

  it("a requested return is approved, processed with a restock and a refund, and closes; each step sends its topic", async () => {
    const requested = await call(REQUEST, {
      input: {
        orderId: order.id,
        returnLineItems: [
          {
            fulfillmentLineItemId: fulfillmentLine,
            quantity: 2,
            returnReason: "SIZE_TOO_SMALL",
            customerNote: "Too tight",
          },
        ],
      },
    });
    expect(requested.userErrors).toEqual([]);
    expect(requested.return).toMatchObject({
      name: `${order.name}-R1`,
      status: "REQUESTED",
      totalQuantity: 2,
      order: { returnStatus: "RETURN_REQUESTED" },
      returnLineItems: { nodes: [{ quantity: 2, processedQuantity: 0, fulfillmentLineItem: { id: fulfillmentLine } }] },
    });
    const id = requested.return!.id;
    // 3 shipped, 2 in the requested return: 1 left to return.
    const returnable = await sandbox.gql<{
      returnableFulfillments: {
        nodes: {
          returnableFulfillmentLineItems: { nodes: { quantity: number; fulfillmentLineItem: { id: string } }[] };
        }[];
      };
    }>(
      `query($id: ID!) { returnableFulfillments(orderId: $id, first: 5) { nodes {
        returnableFulfillmentLineItems(first: 5) { nodes { quantity fulfillmentLineItem { id } } } } } }`,
      { id: order.id },
    );
    expect(returnable.data!.returnableFulfillments.nodes).toEqual([
      { returnableFulfillmentLineItems: { nodes: [{ quantity: 1, fulfillmentLineItem: { id: fulfillmentLine } }] } },
    ]);
    expect((await call(CLOSE, { id })).userErrors[0]!.code).toBe("INVALID_STATE");

    const approved = await call(APPROVE, { id });
    expect(approved.return).toMatchObject({ status: "OPEN", order: { returnStatus: "IN_PROGRESS" } });
    const returnLine = approved.return!.returnLineItems.nodes[0]!.id;
    const before = await sandbox.stock(item, location);
    const outcome = await sandbox.gql<{ return: { suggestedFinancialOutcome: Record<string, unknown> } }>(
      `query($id: ID!, $line: ID!) { return(id: $id) { suggestedFinancialOutcome(returnLineItems: [{ id: $line, quantity: 2 }], exchangeLineItems: []) {
        discountedSubtotal { shopMoney { amount } } maximumRefundable { shopMoney { amount } }
        financialTransfer { __typename ... on RefundReturnOutcome { amount { shopMoney { amount } } suggestedTransactions { gateway parentTransaction { id } } } }
      } } }`,
      { id, line: returnLine },
    );
    expect(outcome.data!.return.suggestedFinancialOutcome).toEqual({
      discountedSubtotal: { shopMoney: { amount: "40.0" } },
      maximumRefundable: { shopMoney: { amount: "60.0" } },
      financialTransfer: {
        __typename: "RefundReturnOutcome",
        amount: { shopMoney: { amount: "40.0" } },
        suggestedTransactions: [{ gateway: "shopify_payments", parentTransaction: { id: sale } }],
      },
    });
    // BC's way to the dispositions: the return's reverse fulfillment orders and their lines.
    const rfos = await sandbox.gql<{
      return: { reverseFulfillmentOrders: { nodes: { id: string; lineItems: { nodes: { id: string }[] } }[] } };
    }>(
      `query($id: ID!) { return(id: $id) { reverseFulfillmentOrders(first: 10) { nodes { id lineItems(first: 10) { nodes { id } } } } } }`,
      { id },
    );
    const rfo = rfos.data!.return.reverseFulfillmentOrders.nodes[0]!;
    const rfoLine = rfo.lineItems.nodes[0]!.id;

    const processed = await call(PROCESS, {
      input: {
        returnId: id,
        returnLineItems: [
          {
            id: returnLine,
            quantity: 2,
            dispositions: [
              {
                reverseFulfillmentOrderLineItemId: "gid://shopify/ReverseFulfillmentOrderLineItem/1",
                quantity: 2,
                dispositionType: "RESTOCKED",
                locationId: location,
              },
            ],
          },
        ],
        financialTransfer: {
          issueRefund: {
            orderTransactions: [{ parentId: sale, transactionAmount: { amount: "40.00", currencyCode: "USD" } }],
          },
        },
      },
    });
    expect(processed.userErrors).toEqual([]);
    expect(processed.return).toMatchObject({
      status: "CLOSED",
      order: { returnStatus: "RETURNED" },
      returnLineItems: { nodes: [{ processedQuantity: 2, refundedQuantity: 2 }] },
      refunds: { nodes: [{ totalRefundedSet: { shopMoney: { amount: "40.0" } } }] },
    });
    expect(processed.return!.closedAt).not.toBeNull();
    expect(await sandbox.stock(item, location)).toEqual({
      ...before,
      available: before.available + 2,
      on_hand: before.on_hand + 2,
    });

    const disposed = await sandbox.gql<{ reverseFulfillmentOrder: Record<string, unknown> }>(
      `query($id: ID!) { reverseFulfillmentOrder(id: $id) { id lineItems(first: 10) { nodes {
        id fulfillmentLineItem { id } dispositions { quantity type location { id } } } } } }`,
      { id: rfo.id },
    );
    expect(disposed.data!.reverseFulfillmentOrder).toEqual({
      id: rfo.id,
      lineItems: {
        nodes: [
          {
            id: rfoLine,
            fulfillmentLineItem: { id: fulfillmentLine },
            dispositions: [{ quantity: 2, type: "RESTOCKED", location: { id: location } }],
          },
        ],
      },
    });
    const refundId = processed.return!.refunds.nodes[0]!.id;
    const refund = await sandbox.gql<{ refund: { return: { id: string } } }>(
      `query($id: ID!) { refund(id: $id) { return { id } } }`,
      {
        id: refundId,
      },
    );
    expect(refund.data!.refund.return.id).toBe(id);

    const reopened = await call(REOPEN, { id });
    expect(reopened.return).toMatchObject({ status: "OPEN", closedAt: null });
    expect((await call(CLOSE, { id })).return!.status).toBe("CLOSED");

    const hooks = async (topic: string) => (await sandbox.delivered(topic)).map((h) => h.admin_graphql_api_id);
    for (const topic of ["returns/request", "returns/approve", "returns/process", "returns/update", "returns/reopen"]) {
      expect(await hooks(topic), topic).toEqual([id]);
    }
    expect(await hooks("returns/close")).toEqual([id]);
    const [processHook] = await sandbox.delivered("returns/process");
    expect(processHook).toMatchObject({
      status: "closed",
      name: `${order.name}-R1`,
      return_line_items: [{ quantity: 2, return_reason: "size_too_small" }],
    });
    expect(await sandbox.delivered("refunds/create")).toEqual([
      expect.objectContaining({ return: { id: Number(id.split("/").pop()), admin_graphql_api_id: id } }),
    ]);
  });

  it("a declined request, a cancelled return, and what cannot be returned", async () => {
    const requested = await call(REQUEST, {
      input: {
        orderId: order.id,
        returnLineItems: [{ fulfillmentLineItemId: fulfillmentLine, quantity: 1, returnReason: "OTHER" }],
      },
    });
    const declined = await call(DECLINE, { id: requested.return!.id });
    expect(declined.return).toMatchObject({ status: "DECLINED", decline: { reason: "FINAL_SALE", note: "Sale item" } });

    const created = await call(CREATE, {
      input: {
        orderId: order.id,
        returnLineItems: [{ fulfillmentLineItemId: fulfillmentLine, quantity: 3, returnReason: "DEFECTIVE" }],
      },
    });
    expect(created.return).toMatchObject({ status: "OPEN", name: `${order.name}-R2` });
    // All 3 shipped units are in the open return: none is left to return.
    const more = await call(CREATE, {
      input: { orderId: order.id, returnLineItems: [{ fulfillmentLineItemId: fulfillmentLine, quantity: 1 }] },
    });
    expect(more.userErrors).toEqual([
      expect.objectContaining({
        field: ["returnInput", "returnLineItems", "0", "quantity"],
        code: "LESS_THAN_OR_EQUAL_TO",
      }),
    ]);
    const cancelled = await call(CANCEL, { id: created.return!.id });
    expect(cancelled.return!.status).toBe("CANCELED");
    expect((await call(CANCEL, { id: created.return!.id })).userErrors[0]!.code).toBe("INVALID_STATE");

    const unknown = await call(CREATE, {
      input: {
        orderId: order.id,
        returnLineItems: [{ fulfillmentLineItemId: "gid://shopify/FulfillmentLineItem/1", quantity: 1 }],
      },
    });
    expect(unknown.userErrors[0]).toMatchObject({ code: "NOT_FOUND" });

    const list = await sandbox.gql<{ order: { returns: { nodes: { status: string }[] }; returnStatus: string } }>(
      `query($id: ID!) { order(id: $id) { returnStatus returns(first: 5) { nodes { status } } } }`,
      { id: order.id },
    );
    expect(list.data!.order).toEqual({
      returnStatus: "NO_RETURN",
      returns: { nodes: [{ status: "DECLINED" }, { status: "CANCELED" }] },
    });
    expect((await sandbox.delivered("returns/decline")).length).toBe(1);
    expect((await sandbox.delivered("returns/approve")).length).toBe(1);
    expect((await sandbox.delivered("returns/cancel")).length).toBe(1);
  });
});
