import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { isErpError } from "../../../app/.server/adapters/erp/errors.ts";
import { erpAdapterForShop } from "../../../app/.server/erp/connections.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { startShipmentsWorld } from "../shipments/shipments-harness.ts";

// The BC adapter's credit memo over real HTTP to the sandbox: one per refund key, whatever the retries.

let db: TestDatabase;
let world: Awaited<ReturnType<typeof startShipmentsWorld>>;

beforeAll(async () => {
  db = await useTestDatabase();
  world = await startShipmentsWorld(db);
});

afterAll(async () => {
  await world.close();
});

describe("createCreditMemo (Business Central)", () => {
  it("makes one draft credit memo with an item line and an account line, found again by its key", async () => {
    const shop = await world.newShop();
    const adapter = (await erpAdapterForShop(shop.shopId))!;
    const customer = shop.company.customers.all()[0]!;
    const item = shop.company.items.all().find((i) => i.type === "Inventory")!;
    const input = {
      externalDocumentNumber: "#1001-R1",
      customerNumber: customer.number,
      pricesIncludeTax: false,
      creditMemoDate: "2026-12-04",
      lines: [
        { type: "item" as const, number: item.number, quantity: 1, unitPrice: "12.50" },
        { type: "account" as const, number: "6920", quantity: 1, unitPrice: "4.95", description: "Refunded shipping" },
      ],
    };
    const made = await adapter.createCreditMemo(input);
    expect(made.created).toBe(true);
    const again = await adapter.createCreditMemo(input);
    expect(again).toEqual({ ref: made.ref, created: false });
    const memos = shop.company.salesCreditMemos
      .all()
      .filter((m) => m.externalDocumentNumber === input.externalDocumentNumber);
    expect(memos).toHaveLength(1);
    expect(memos[0]).toMatchObject({ customerNumber: customer.number });
  });

  it("refuses an invoice that does not exist, and makes nothing", async () => {
    const shop = await world.newShop();
    const adapter = (await erpAdapterForShop(shop.shopId))!;
    const before = shop.company.salesCreditMemos.all().length;
    const refused = await adapter
      .createCreditMemo({
        externalDocumentNumber: "#1002-R1",
        customerNumber: shop.company.customers.all()[0]!.number,
        pricesIncludeTax: false,
        creditMemoDate: "2026-12-04",
        appliesToInvoiceNumber: "NO-SUCH-INVOICE",
        lines: [{ type: "account", number: "6920", quantity: 1, unitPrice: "1.00" }],
      })
      .catch((error: unknown) => error);
    expect(isErpError(refused) && refused.code).toBe("NOT_FOUND");
    expect(shop.company.salesCreditMemos.all().length).toBe(before);
  });
});
