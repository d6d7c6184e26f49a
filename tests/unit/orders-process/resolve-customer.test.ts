import { describe, expect, it } from "vitest";

import { customerKey, customerLookups, resolveCustomer } from "../../../app/.server/mapping/resolve-customer.ts";
import { address, importedOrder, settings } from "./imported-order-factory.ts";

const none = { linkedNumber: null, foundNumber: null };

describe("resolveCustomer: BC's order-time precedence", () => {
  const order = importedOrder({ shippingAddress: address({ countryCode: "DE" }) });

  it("the ship-to country's default customer wins over a link and a match", () => {
    const s = settings({ customers: { defaultCustomerByCountry: { DE: "C09000" } } });
    expect(customerLookups(order, s)).toEqual([]);
    expect(resolveCustomer(order, s, { linkedNumber: "C00010", foundNumber: "C00020" })).toEqual({
      kind: "use",
      customerNumber: "C09000",
      source: "country_default",
      storeLink: false,
    });
  });

  it("'always the default customer' asks the ERP nothing", () => {
    const s = settings({ customers: { mapping: "default_customer", defaultCustomerNo: "C00099" } });
    expect(customerLookups(order, s)).toEqual([]);
    expect(resolveCustomer(order, s, none)).toMatchObject({ kind: "use", customerNumber: "C00099", source: "default" });
  });

  it("a stored link is reused without lookups being needed", () => {
    expect(resolveCustomer(order, settings(), { linkedNumber: "C00010", foundNumber: null })).toMatchObject({
      customerNumber: "C00010",
      source: "link",
      storeLink: false,
    });
  });

  it("by e-mail/phone asks for the e-mail, then the phone, and links what it found", () => {
    expect(customerLookups(order, settings())).toEqual([
      { email: "liam.garcia.001@example.com" },
      { phone: "+15558939741" },
    ]);
    expect(resolveCustomer(order, settings(), { linkedNumber: null, foundNumber: "C00010" })).toMatchObject({
      source: "matched",
      storeLink: true,
    });
  });

  it("by bill-to address asks with name and address", () => {
    const s = settings({ customers: { mapping: "by_bill_to_address" } });
    expect(customerLookups(order, s)).toEqual([
      {
        billTo: {
          name: "Liam Garcia",
          line1: "290 Oak Ave",
          line2: "",
          postalCode: "59415",
          city: "Ashland",
          countryCode: "US",
        },
      },
    ]);
  });

  it("an unknown buyer is created when allowed, else the order waits", () => {
    expect(resolveCustomer(order, settings(), none)).toEqual({ kind: "wait", reason: "unmapped_customer" });
    const created = resolveCustomer(order, settings({ customers: { createUnknownInErp: true } }), none);
    expect(created).toMatchObject({
      kind: "create",
      customer: { displayName: "Liam Garcia", email: "liam.garcia.001@example.com", phoneNumber: "+15558939741" },
    });
  });

  it("a guest without e-mail cannot be created (e-mail is the creation key) and waits", () => {
    const guest = importedOrder({ customer: null, email: null });
    expect(customerKey(guest)).toMatchObject({ shopifyCustomerId: guest.shopifyOrderId, guest: true });
    expect(resolveCustomer(guest, settings({ customers: { createUnknownInErp: true } }), none)).toMatchObject({
      kind: "wait",
    });
  });

  it("a matched guest is not linked (there is no Shopify customer to link)", () => {
    const guest = importedOrder({ customer: null });
    expect(resolveCustomer(guest, settings(), { linkedNumber: null, foundNumber: "C00010" })).toMatchObject({
      storeLink: false,
    });
  });
});
