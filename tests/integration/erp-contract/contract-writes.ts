import { expect, it } from "vitest";

import type { SalesDocumentInput } from "../../../app/.server/adapters/erp/port.ts";
import type { ErpContractHarness, ErpContractSetup } from "./harness.ts";

let counter = 0;

export function orderInput(
  harness: ErpContractHarness,
  overrides: Partial<SalesDocumentInput> = {},
): SalesDocumentInput {
  counter += 1;
  const { customerNumber, itemNumber, variantCode, locationCode } = harness.fixtures;
  return {
    type: "order",
    externalDocumentNumber: `#${1000 + counter}-${Date.now() % 100_000}`,
    customerNumber,
    pricesIncludeTax: false,
    orderDate: harness.now().slice(0, 10),
    addresses: {
      shipTo: {
        name: "Ada",
        line1: "1 Main St",
        line2: "",
        city: "Springfield",
        state: "IL",
        countryCode: "US",
        postalCode: "62701",
      },
    },
    lines: [
      { type: "item", number: itemNumber, variantCode, locationCode, quantity: 2, unitPrice: "19.5" },
      { type: "comment", number: "", quantity: 0, unitPrice: "0", description: "Shopify order" },
    ],
    ...overrides,
  };
}

export function writeContract(setup: () => Promise<ErpContractSetup>) {
  it("creates a sales order once; the same Shopify key again returns it with created: false", async () => {
    const { adapter, harness } = await setup();
    const input = orderInput(harness, { externalDocumentNumber: "O'Brien #1001" });
    const first = await adapter.createSalesDocument(input);
    expect(first.created).toBe(true);
    expect(first.ref.number).not.toBe("");
    // One reference per line sent, distinct, and the same when the document is found again.
    expect(first.lineRefs).toHaveLength(input.lines.length);
    expect(new Set(first.lineRefs).size).toBe(input.lines.length);
    const again = await adapter.createSalesDocument(input);
    expect(again).toEqual({ ref: first.ref, created: false, lineRefs: first.lineRefs });
    expect(await adapter.findSalesDocument(input.externalDocumentNumber)).toMatchObject({
      ...first.ref,
      source: "salesOrder",
    });
  });

  it("still finds the order after it was shipped and invoiced (it has left the order list)", async () => {
    const { adapter, harness } = await setup();
    const input = orderInput(harness);
    const { ref } = await adapter.createSalesDocument(input);
    if (!(await adapter.capabilities()).posting) return;
    await adapter.postDocument({ type: "order", id: ref.id });
    const again = await adapter.createSalesDocument(input);
    expect(again.created).toBe(false);
    const found = await adapter.findSalesDocument(input.externalDocumentNumber);
    expect(found?.source).toMatch(/salesInvoice|salesShipment/);
  });

  it("finds an order through its posted shipment, with tracking in the shipments pull", async () => {
    const { adapter, harness } = await setup();
    const input = orderInput(harness);
    const { ref, lineRefs } = await adapter.createSalesDocument(input);
    await harness.shipOrder(ref.id, { number: "1Z999AA10123456784", agent: "UPS", service: "GROUND" });
    const shipments = await adapter.pull("postedShipments", { pageSize: 50 });
    const mine = shipments.records.find((r) => r.data.externalDocumentNumber === input.externalDocumentNumber);
    expect(mine?.data.orderNumber).toBe(ref.number);
    // The shipped item line names the document line it ships by the reference the create returned.
    const itemLine = mine?.data.lines.find((l) => l.quantity === 2);
    expect(itemLine?.number).toBe(input.lines[0]!.number);
    expect(itemLine?.orderLineRef).toBe(lineRefs?.[0]);
    if ((await adapter.capabilities()).trackingNumbers) {
      expect(mine?.data.tracking).toEqual({
        trackingNumber: "1Z999AA10123456784",
        shippingAgentCode: "UPS",
        shippingAgentServiceCode: "GROUND",
      });
    }
  });

  it("refuses an external document number over 35 characters instead of cutting it", async () => {
    const { adapter, harness } = await setup();
    const input = orderInput(harness, { externalDocumentNumber: "#".padEnd(36, "9") });
    await expect(adapter.createSalesDocument(input)).rejects.toMatchObject({ code: "VALIDATION", retryable: false });
  });

  it("reports an unknown item as a permanent validation error and creates nothing", async () => {
    const { adapter, harness } = await setup();
    const input = orderInput(harness);
    input.lines = [{ type: "item", number: "NO-SUCH-ITEM", quantity: 1, unitPrice: "1" }];
    await expect(adapter.createSalesDocument(input)).rejects.toMatchObject({ code: "VALIDATION", retryable: false });
    expect(await adapter.findSalesDocument(input.externalDocumentNumber)).toBeNull();
  });

  it("deletes a half-made document, and deleting it again is fine", async () => {
    const { adapter, harness } = await setup();
    const input = orderInput(harness);
    const { ref } = await adapter.createSalesDocument(input);
    await adapter.deleteSalesDocument({ type: "order", id: ref.id });
    await adapter.deleteSalesDocument({ type: "order", id: ref.id });
    expect(await adapter.findSalesDocument(input.externalDocumentNumber)).toBeNull();
  });

  it("reports posting a document that does not exist as NOT_FOUND, not retryable", async () => {
    const { adapter } = await setup();
    await expect(
      adapter.postDocument({ type: "invoice", id: "00000000-0000-0000-0000-0000000000aa" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", retryable: false });
  });

  it("upserts customers and items by their Shopify key", async () => {
    const { adapter } = await setup();
    const email = `ada+${Date.now()}@example.com`;
    const created = await adapter.upsertCustomer({ shopifyKey: { kind: "email", value: email }, displayName: "Ada" });
    expect(created.created).toBe(true);
    const same = await adapter.upsertCustomer({ shopifyKey: { kind: "email", value: email }, displayName: "Ada L." });
    expect(same).toEqual({ ref: created.ref, created: false });
    const byNumber = await adapter.upsertCustomer({
      shopifyKey: { kind: "number", value: created.ref.number },
      displayName: "Ada Lovelace",
    });
    expect(byNumber.ref.id).toBe(created.ref.id);
    const item = await adapter.upsertItem({
      number: `SHOP-${Date.now() % 1e6}`,
      displayName: "Mug",
      unitPrice: "12.5",
    });
    expect(item.created).toBe(true);
    expect((await adapter.upsertItem({ number: item.ref.number, displayName: "Mug" })).created).toBe(false);
  });

  it("re-reads and retries once on a stale ETag, then reports CONFLICT (retryable)", async () => {
    const { adapter, harness } = await setup();
    const email = `etag+${Date.now()}@example.com`;
    await adapter.upsertCustomer({ shopifyKey: { kind: "email", value: email }, displayName: "One" });
    harness.injectFailures({ status: 409, count: 1, method: "PATCH", pathPattern: "customers" });
    const second = await adapter.upsertCustomer({ shopifyKey: { kind: "email", value: email }, displayName: "Two" });
    expect(second.created).toBe(false);
    harness.injectFailures({ status: 409, count: 2, method: "PATCH", pathPattern: "customers" });
    await expect(
      adapter.upsertCustomer({ shopifyKey: { kind: "email", value: email }, displayName: "Three" }),
    ).rejects.toMatchObject({ code: "CONFLICT", retryable: true });
  });

  it("records a payment once per external document number", async () => {
    const { adapter, harness } = await setup();
    const input = {
      externalDocumentNumber: `PAY-${Date.now() % 1e8}`,
      customerNumber: harness.fixtures.customerNumber,
      amount: "39",
      postingDate: harness.now().slice(0, 10),
    };
    const first = await adapter.recordPayment(input);
    expect(first.created).toBe(true);
    expect(await adapter.recordPayment(input)).toEqual({ ref: first.ref, created: false });
  });
}
