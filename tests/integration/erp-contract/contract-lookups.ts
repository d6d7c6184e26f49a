import { expect, it } from "vitest";

import type { ErpContractSetup } from "./harness.ts";

export function lookupContract(setup: () => Promise<ErpContractSetup>) {
  it("finds a customer by number, by e-mail in any case, by phone digits and by bill-to address", async () => {
    const { adapter, harness } = await setup();
    const c = harness.lookupFixtures.customer;
    const expected = { number: c.number, displayName: c.displayName, email: c.email };
    expect(await adapter.findCustomer({ number: c.number })).toMatchObject(expected);
    expect(await adapter.findCustomer({ email: c.email.toUpperCase() })).toMatchObject(expected);
    const digits = c.phone.replace(/\D/g, "");
    const formatted = `(${digits.slice(-10, -7)}) ${digits.slice(-7, -4)}-${digits.slice(-4)}`;
    expect(await adapter.findCustomer({ phone: formatted })).toMatchObject(expected);
    const billTo = {
      name: c.displayName.toLowerCase(),
      line1: c.line1,
      line2: "",
      postalCode: c.postalCode,
      city: c.city,
      countryCode: c.countryCode,
    };
    expect(await adapter.findCustomer({ billTo })).toMatchObject(expected);
    expect(await adapter.findCustomer({ billTo: { ...billTo, name: "Somebody Else" } })).toBeNull();
    expect(await adapter.findCustomer({ email: "nobody@example.invalid" })).toBeNull();
    expect(await adapter.findCustomer({ phone: "+1 000 000 0000" })).toBeNull();
  });

  it("finds an item by number, number + variant, variant code alone and barcode; null when absent", async () => {
    const { adapter, harness } = await setup();
    const { itemNumber, variantCode } = harness.fixtures;
    expect(await adapter.findItem({ number: itemNumber })).toMatchObject({ itemNumber, variantCode: "" });
    expect(await adapter.findItem({ number: itemNumber, variantCode })).toMatchObject({ itemNumber, variantCode });
    expect(await adapter.findItem({ variantCode })).toMatchObject({ variantCode });
    expect(await adapter.findItem({ barcode: harness.lookupFixtures.variantBarcode })).toMatchObject({
      itemNumber,
      variantCode,
    });
    expect(await adapter.findItem({ number: "NO-SUCH-ITEM" })).toBeNull();
    expect(await adapter.findItem({ number: itemNumber, variantCode: "NOPE" })).toBeNull();
    expect(await adapter.findItem({ barcode: "0000000000000" })).toBeNull();
  });

  it("searches customers and items for a picker, bounded by the limit", async () => {
    const { adapter, harness } = await setup();
    const c = harness.lookupFixtures.customer;
    const byName = await adapter.searchCustomers(c.displayName.split(" ")[0]!.toLowerCase(), { limit: 5 });
    expect(byName.map((x) => x.number)).toContain(c.number);
    expect((await adapter.searchCustomers("", { limit: 2 })).length).toBeLessThanOrEqual(2);
    const items = await adapter.searchItems(harness.fixtures.itemNumber, { limit: 10 });
    expect(items).toContainEqual(expect.objectContaining({ itemNumber: harness.fixtures.itemNumber, variantCode: "" }));
    expect(items).toContainEqual(
      expect.objectContaining({ itemNumber: harness.fixtures.itemNumber, variantCode: harness.fixtures.variantCode }),
    );
  });

  it("lists the accounts a sales line may be charged to, for a picker", async () => {
    const { adapter, harness } = await setup();
    const { chargeable, refused } = harness.lookupFixtures.accounts;
    const accounts = await adapter.listSalesLineAccounts();
    expect(accounts).toContainEqual(expect.objectContaining(chargeable));
    const numbers = accounts.map((a) => a.number);
    for (const number of refused) expect(numbers).not.toContain(number);
    expect(numbers).toEqual([...numbers].sort());
  });
}
