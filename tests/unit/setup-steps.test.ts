import { describe, expect, it } from "vitest";

import type { OrderSettingNeeds } from "../../app/.server/queries/orders-missing-settings.ts";
import { type SetupFacts, setupNotices, setupProgress, setupSteps } from "../../app/.server/setup/setup-steps.ts";
import { settings } from "./orders-process/imported-order-factory.ts";

const twoLocations = [
  { id: "gid://shopify/Location/1", legacyId: "1", name: "Warehouse", erpLocationCodes: [] },
  { id: "gid://shopify/Location/2", legacyId: "2", name: "Shop Berlin", erpLocationCodes: [] },
];

function facts(overrides: Partial<SetupFacts> = {}): SetupFacts {
  return {
    settings: settings(),
    erp: { connected: false, companyName: null },
    locations: twoLocations,
    jobQueue: { ordersOn: true, ordersTitle: "Sync orders" },
    ...overrides,
  };
}

const noNeeds: OrderSettingNeeds = { open: 0, tip: 0, giftCard: 0, shipping: 0, waitingForCustomer: 0 };

describe("the setup guide's steps", () => {
  it("for a new shop: everything but the defaults still to do, each step linking to where it is set", () => {
    const steps = setupSteps(facts());
    expect(steps.map(({ key, done, action }) => [key, done, action.url])).toEqual([
      ["erp", false, "/app/erp"],
      ["shipping-account", false, "/app/settings#orders.shippingChargesAccount"],
      ["tip-account", false, "/app/settings#orders.tipAccount"],
      ["gift-card-account", false, "/app/settings#orders.giftCardAccount"],
      ["customers", false, "/app/settings#customers.mapping"],
      ["locations", false, "/app/locations"],
      ["automation", true, "/app/jobs"],
    ]);
    expect(setupProgress(steps)).toEqual({ done: 1, total: 7 });
    const locations = steps.find((step) => step.key === "locations");
    expect(locations?.description).toContain("Warehouse (id 1), Shop Berlin (id 2)");
  });

  it("is all done once the ERP is connected and every setting an order needs is set", () => {
    const steps = setupSteps(
      facts({
        erp: { connected: true, companyName: "CRONUS USA, Inc." },
        settings: settings({
          orders: {
            shippingChargesAccount: "6100",
            tipAccount: "6200",
            giftCardAccount: "2300",
            // By gid or by numeric id, as the settings accept both.
            locations: { "gid://shopify/Location/1": "MAIN", "2": "EAST" },
          },
          customers: { mapping: "default_customer", defaultCustomerNo: "C00010" },
        }),
      }),
    );
    expect(steps.filter((step) => !step.done)).toEqual([]);
    expect(setupProgress(steps)).toEqual({ done: 7, total: 7 });
    expect(steps[0]?.description).toBe("Connected to CRONUS USA, Inc.");
    expect(steps[1]?.description).toBe("Booked to ERP account 6100. Shipping methods can have accounts of their own.");
  });

  it("names only the locations that are not mapped", () => {
    const steps = setupSteps(facts({ settings: settings({ orders: { locations: { "1": "MAIN" } } }) }));
    const step = steps.find((s) => s.key === "locations");
    expect(step?.done).toBe(false);
    expect(step?.description).toContain("Not mapped: Shop Berlin (id 2).");
  });

  it.each([
    ["one location", [twoLocations[0]!]],
    ["Shopify not answering", null],
  ])("leaves the locations step out with %s", (_name, locations) => {
    const steps = setupSteps(facts({ locations }));
    expect(steps.map((step) => step.key)).not.toContain("locations");
    expect(setupProgress(steps).total).toBe(6);
  });

  it("counts a location mapped on the Locations page, or in the orders' setting, as mapped", () => {
    const step = (overrides: Partial<SetupFacts>) => setupSteps(facts(overrides)).find((s) => s.key === "locations");
    const onPage = [{ ...twoLocations[0]!, erpLocationCodes: ["MAIN"] }, twoLocations[1]!];
    expect(step({ locations: onPage })?.description).toContain("Not mapped: Shop Berlin (id 2).");
    const mixed = step({ locations: onPage, settings: settings({ orders: { locations: { "2": "EAST" } } }) });
    expect(mixed).toMatchObject({ done: true, description: "All 2 locations have an ERP location." });
    expect(mixed?.action).toEqual({ label: "Review locations", url: "/app/locations" });
  });

  it("with stock sync on: asks even a one-location shop, and only the Locations page's mapping counts", () => {
    const stock = (locations: SetupFacts["locations"], orders: Record<string, string> = {}) =>
      setupSteps(
        facts({ locations, settings: settings({ inventory: { enabled: true }, orders: { locations: orders } }) }),
      ).find((s) => s.key === "locations");
    expect(stock([twoLocations[0]!])).toMatchObject({ done: false });
    expect(stock([twoLocations[0]!], { "1": "MAIN" })?.description).toBe(
      "Stock is synced only to locations that have their ERP locations; choose them on the Locations page. Not mapped: Warehouse (id 1).",
    );
    expect(stock([{ ...twoLocations[0]!, erpLocationCodes: ["MAIN"] }])).toMatchObject({
      done: true,
      description: "Your location has an ERP location.",
    });
  });

  it("counts the customer step done when unknown buyers are created, not when they wait", () => {
    const done = (overrides: Parameters<typeof settings>[0]) =>
      setupSteps(facts({ settings: settings(overrides) })).find((step) => step.key === "customers")?.done;
    expect(done({ customers: { mapping: "by_email_or_phone" } })).toBe(false);
    expect(done({ customers: { mapping: "by_bill_to_address" } })).toBe(false);
    expect(done({ customers: { createUnknownInErp: true } })).toBe(true);
    expect(done({ customers: { mapping: "default_customer", defaultCustomerNo: "C1" } })).toBe(true);
  });

  it("says what stops when writes are off or the orders entry is on hold, and links to where it is set", () => {
    const off = setupSteps(
      facts({
        settings: settings({ allowOutgoingWrites: false }),
        jobQueue: { ordersOn: false, ordersTitle: "Sync orders" },
      }),
    );
    const step = off.find((s) => s.key === "automation");
    expect(step).toMatchObject({ done: false, action: { url: "/app/settings#allowOutgoingWrites" } });
    expect(step?.description).toContain("orders are skipped");
    expect(step?.description).toContain('"Sync orders" is on hold in the job queue');

    const held = setupSteps(facts({ jobQueue: { ordersOn: false, ordersTitle: "Sync orders" } }));
    expect(held.find((s) => s.key === "automation")).toMatchObject({
      done: false,
      action: { label: "Turn on", url: "/app/jobs" },
    });
  });

  it("no longer depends on Allow background syncs: it only decides how Run now runs", () => {
    const step = setupSteps(facts({ settings: settings({ allowBackgroundSyncs: false }) })).find(
      (s) => s.key === "automation",
    );
    expect(step).toMatchObject({ done: true, action: { url: "/app/jobs" } });
  });
});

describe("the banner about orders held up by a missing setting", () => {
  it("names how many orders need each missing setting, and links to it", () => {
    const notices = setupNotices(facts({ erp: { connected: true, companyName: "C" } }), {
      ...noNeeds,
      open: 5,
      shipping: 2,
      tip: 1,
      waitingForCustomer: 3,
    });
    expect(notices.map(({ key, count, message, action }) => ({ key, count, message, url: action.url }))).toEqual([
      {
        key: "shipping-account",
        count: 2,
        message: "2 orders with a shipping charge cannot reach the ERP until the shipping charges account is set.",
        url: "/app/settings#orders.shippingChargesAccount",
      },
      {
        key: "tip-account",
        count: 1,
        message: "1 order with a tip cannot reach the ERP until the tip account is set.",
        url: "/app/settings#orders.tipAccount",
      },
      {
        key: "customers",
        count: 3,
        message: "3 orders wait for an ERP customer: map the customers, or change the customer settings.",
        url: "/app/unmapped/customers",
      },
    ]);
  });

  it("says nothing about a setting that is set, or that no open order needs", () => {
    const set = settings({
      orders: { shippingChargesAccount: "6100" },
      customers: { createUnknownInErp: true },
    });
    const connected = { connected: true, companyName: "C" };
    expect(
      setupNotices(facts({ erp: connected, settings: set }), {
        ...noNeeds,
        open: 4,
        shipping: 4,
        waitingForCustomer: 1,
      }),
    ).toEqual([]);
    expect(setupNotices(facts({ erp: connected }), noNeeds)).toEqual([]);
  });

  it("puts every open order under a missing ERP connection", () => {
    const notices = setupNotices(facts(), { ...noNeeds, open: 1 });
    expect(notices).toEqual([
      expect.objectContaining({ key: "erp", count: 1, message: "1 order waits for an ERP connection." }),
    ]);
  });
});
