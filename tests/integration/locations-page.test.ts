import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../app/.server/db.ts";
import type { ErpLocationOptions } from "../../app/.server/locations/erp-location-options.ts";
import { locationCards, stockCalculationChoices } from "../../app/.server/locations/locations-page.ts";
import { syncedLocations } from "../../app/.server/queries/shop-locations.ts";
import type * as LocationsRoute from "../../app/routes/app.locations.tsx";
import { createBusinessCentralSandbox } from "../../sandbox/business-central/create-server.ts";
import type { BusinessCentralSandbox } from "../../sandbox/business-central/sandbox-api.ts";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { adminRequest, routeArgs } from "../support/admin-request.ts";
import { connectToNewCompany } from "../support/connect-erp.ts";
import { startOrdersSandbox } from "./orders-import/orders-sandbox.ts";

// The Locations page as Remix calls it: real Requests with session tokens, the sandbox store over
// HTTP (its locations read on every visit), the sandbox Business Central for the ERP's locations
// and stock calculations, real Postgres.
let db: TestDatabase;
let store: Awaited<ReturnType<typeof startOrdersSandbox>>;
let bc: BusinessCentralSandbox;
let route: typeof LocationsRoute;
let shop: Awaited<ReturnType<Awaited<ReturnType<typeof startOrdersSandbox>>["newShop"]>>;
let other: typeof shop;

const SEED = { products: 2, variantsPerProduct: 1, customers: 1, locations: 3 };

beforeAll(async () => {
  db = await useTestDatabase();
  store = await startOrdersSandbox();
  bc = await createBusinessCentralSandbox({ port: 0 });
  process.env.BUSINESS_CENTRAL_SANDBOX_URL = bc.url;
  route = await import("../../app/routes/app.locations.tsx");
  shop = await store.newShop("locations-page");
  other = await store.newShop("locations-other");
  // Three store locations (Main Warehouse, East Store, West Store) and the same three in BC.
  for (const s of [shop, other]) store.engine.seed(s.domain, SEED);
  await connectToNewCompany(bc, shop.shopId, { tenant: "locations-page.onmicrosoft.com", name: "LOC", seed: SEED });
  await connectToNewCompany(bc, other.shopId, { tenant: "locations-other.onmicrosoft.com", name: "OTH", seed: SEED });
  // A 3PL's location, and a location the merchant deactivated in Shopify admin.
  store.engine.createFulfillmentService(shop.domain, { name: "Acme 3PL" });
  storeLocation(shop.domain, "West Store").isActive = false;
});

afterAll(async () => {
  await store?.close();
  await bc?.close();
});

/** A location of the sandbox store's state, as Shopify admin would change it. */
function storeLocation(domain: string, name: string) {
  const state = store.engine.shopState(domain)!;
  const found = [...state.locations.values()].find((l) => l.name === name);
  if (!found) throw new Error(`no store location ${name}`);
  return found;
}

const load = (domain = shop.domain) => route.loader(routeArgs(adminRequest(domain, "/app/locations")));

/** A save as the page posts it: one form value per chosen ERP location. */
function save(fields: [string, string][], domain = shop.domain) {
  const signed = adminRequest(domain, "/app/locations");
  const request = new Request(signed.url, {
    method: "POST",
    headers: signed.headers,
    body: new URLSearchParams(fields),
  });
  return route.action(routeArgs(request));
}

async function locationId(name: string, domain = shop.domain): Promise<string> {
  const page = await load(domain);
  const found = page.locations.find((l) => l.name === name);
  if (!found) throw new Error(`no location ${name} on the page`);
  return found.shopifyLocationId;
}

const rows = (shopId = shop.shopId) =>
  db.sql`select * from shop_locations where shop_id = ${shopId} order by shopify_location_id`;

describe("the Locations page", () => {
  it("lists every store location: inactive and fulfilment-service ones too, with the ERP's choices", async () => {
    const page = await load();
    expect(page.storeWarning).toBeNull();
    expect(
      page.locations.map(({ name, isActive, fulfillmentService, editable, removed }) => ({
        name,
        isActive,
        fulfillmentService,
        editable,
        removed,
      })),
    ).toEqual([
      { name: "Acme 3PL", isActive: true, fulfillmentService: "Acme 3PL", editable: false, removed: null },
      { name: "East Store", isActive: true, fulfillmentService: null, editable: true, removed: null },
      { name: "Main Warehouse", isActive: true, fulfillmentService: null, editable: true, removed: null },
      { name: "West Store", isActive: false, fulfillmentService: null, editable: true, removed: null },
    ]);
    expect(page.locations.every((l) => l.erpLocationCodes.length === 0)).toBe(true);
    // BC's locations as choices, and its three calculations after "the ERP's default".
    expect(page.locations[1]?.codeChoices.map((c) => c.value)).toEqual(["EAST", "MAIN", "WEST"]);
    expect(page.erp).toMatchObject({ status: "ready", warning: null, perLocationStock: true });
    expect(page.erp.stockCalculations.map((c) => c.value)).toEqual(["", "projectedAvailable", "onHand", "nonReserved"]);
    expect(page.erp.stockCalculations[0]?.label).toBe("ERP default (Projected available balance today)");
    // Every one of them is stored for the shop; the other shop's list is its own.
    expect(await rows()).toHaveLength(4);
    expect((await load(other.domain)).locations.map((l) => l.name)).toEqual([
      "East Store",
      "Main Warehouse",
      "West Store",
    ]);
  });

  it("saves one location's ERP locations, calculation and default; the stock sync then writes there", async () => {
    const east = await locationId("East Store");
    const saved = await save([
      ["location", east],
      ["erpLocationCodes", "EAST"],
      ["erpLocationCodes", "MAIN"],
      ["stockCalculation", "onHand"],
      ["defaultForProducts", "true"],
    ]);
    expect(saved).toEqual({ ok: true, shopifyLocationId: east, message: "East Store saved: stock from EAST + MAIN." });
    const card = (await load()).locations.find((l) => l.name === "East Store");
    expect(card).toMatchObject({
      erpLocationCodes: ["EAST", "MAIN"],
      stockCalculation: "onHand",
      defaultForProducts: true,
    });
    expect(await syncedLocations(getDb(), shop.shopId)).toEqual([
      { shopifyLocationId: east, name: "East Store", erpLocationCodes: ["EAST", "MAIN"], stockCalculation: "onHand" },
    ]);
    // None for the other shop.
    expect(await syncedLocations(getDb(), other.shopId)).toEqual([]);

    // Unticking every ERP location stops the sync there ("" calculation = the ERP's default).
    const cleared = await save([
      ["location", east],
      ["stockCalculation", ""],
      ["defaultForProducts", "true"],
    ]);
    expect(cleared).toMatchObject({ ok: true, message: "East Store saved: its stock is not synced." });
    expect(await syncedLocations(getDb(), shop.shopId)).toEqual([]);
    await save([
      ["location", east],
      ["erpLocationCodes", "EAST"],
      ["defaultForProducts", "true"],
    ]);
  });

  it("keeps one default location for new products: choosing another clears the first", async () => {
    const main = await locationId("Main Warehouse");
    expect(
      await save([
        ["location", main],
        ["erpLocationCodes", "MAIN"],
        ["defaultForProducts", "true"],
      ]),
    ).toMatchObject({
      ok: true,
    });
    const defaults = (await load()).locations.filter((l) => l.defaultForProducts).map((l) => l.name);
    expect(defaults).toEqual(["Main Warehouse"]);
    // The other shop's default is untouched by this shop's.
    const otherMain = await locationId("Main Warehouse", other.domain);
    await save(
      [
        ["location", otherMain],
        ["defaultForProducts", "true"],
      ],
      other.domain,
    );
    await save([
      ["location", await locationId("East Store")],
      ["erpLocationCodes", "EAST"],
      ["defaultForProducts", "true"],
    ]);
    expect((await load()).locations.filter((l) => l.defaultForProducts).map((l) => l.name)).toEqual(["East Store"]);
    expect((await load(other.domain)).locations.filter((l) => l.defaultForProducts).map((l) => l.name)).toEqual([
      "Main Warehouse",
    ]);
  });

  it("refuses what the ERP or the store does not allow, naming the field, and changes nothing", async () => {
    const [east, west, acme] = await Promise.all([
      locationId("East Store"),
      locationId("West Store"),
      locationId("Acme 3PL"),
    ]);
    // The sandbox numbers locations per shop (real Shopify ids are global): one only the other shop has.
    const otherOnly = "gid://shopify/Location/424242";
    await db.sql`insert into shop_locations (shop_id, shopify_location_id, name) values (${other.shopId}, ${otherOnly}, 'Far Away')`;
    const before = await rows();
    const refused = async (fields: [string, string][]) => {
      const result = await save(fields);
      if (result.ok) throw new Error(`saved: ${JSON.stringify(fields)}`);
      return result.fieldErrors;
    };
    expect(
      await refused([
        ["location", east],
        ["erpLocationCodes", "EAST"],
        ["erpLocationCodes", "NOPE"],
      ]),
    ).toEqual({
      erpLocationCodes: '"NOPE" is not a location in the ERP',
    });
    expect(
      await refused([
        ["location", east],
        ["stockCalculation", "magic"],
      ]),
    ).toEqual({
      stockCalculation: '"magic" is not a stock calculation of this ERP',
    });
    expect(
      await refused([
        ["location", acme],
        ["erpLocationCodes", "MAIN"],
      ]),
    ).toEqual({
      location: "belongs to the fulfilment service Acme 3PL, which keeps its own stock: it is not synced",
    });
    // An inactive location keeps a mapping (for when it is back) but cannot take new products.
    expect(
      await refused([
        ["location", west],
        ["erpLocationCodes", "WEST"],
        ["defaultForProducts", "true"],
      ]),
    ).toEqual({
      defaultForProducts: "cannot be an inactive location: new products could not be stocked there",
    });
    // Another shop's location is not this shop's, whatever its id.
    expect(
      await refused([
        ["location", otherOnly],
        ["erpLocationCodes", "EAST"],
      ]),
    ).toEqual({
      location: "is not a location of this shop; reload the page",
    });
    expect(await refused([["location", "gid://shopify/Product/1"]])).toEqual({ location: "is not a Shopify location" });
    expect(
      await refused([
        ["location", east],
        ["defaultForProducts", "yes"],
      ]),
    ).toEqual({
      defaultForProducts: 'must be "true" or "false"',
    });
    expect(await rows()).toEqual(before);
    expect(
      (await db.sql`select erp_location_codes from shop_locations where shopify_location_id = ${otherOnly}`)[0],
    ).toEqual({
      erp_location_codes: [],
    });
    await db.sql`delete from shop_locations where shopify_location_id = ${otherOnly}`;

    // The inactive location's mapping itself is fine.
    expect(
      await save([
        ["location", west],
        ["erpLocationCodes", "WEST"],
      ]),
    ).toMatchObject({ ok: true });
    // …and the stock sync leaves it out while it is inactive.
    expect((await syncedLocations(getDb(), shop.shopId)).map((l) => l.name).sort()).toEqual([
      "East Store",
      "Main Warehouse",
    ]);
  });

  it("lists a location deleted in Shopify last, as removed, with its mapping, and refuses to change it", async () => {
    const west = await locationId("West Store");
    const state = store.engine.shopState(shop.domain)!;
    for (const [key, l] of state.locations) if (l.name === "West Store") state.locations.delete(key);

    const page = await load();
    const last = page.locations.at(-1);
    expect(last).toMatchObject({ name: "West Store", editable: false, erpLocationCodes: ["WEST"] });
    expect(last?.removed).toMatch(/^Removed from the store on /);
    expect(page.locations.slice(0, -1).every((l) => l.removed === null)).toBe(true);
    const before = await rows();
    expect(
      await save([
        ["location", west],
        ["erpLocationCodes", "MAIN"],
      ]),
    ).toMatchObject({
      ok: false,
      fieldErrors: { location: "was removed from your store: it is kept for its history and cannot be changed" },
    });
    expect(await rows()).toEqual(before);
  });

  it("shows the list as last read, with a warning, when the store does not answer", async () => {
    // Every attempt of the client (one call and its three retries) gets a 502.
    store.server.dropResponses({ operation: "locations", times: 4, shop: shop.domain, mode: "502" });
    const page = await load();
    store.server.dropResponses({ operation: "locations", times: 0, shop: shop.domain });
    expect(page.storeWarning).toMatch(/^Shopify did not answer, so this is the list as last read/);
    expect(page.locations.map((l) => l.name)).toEqual(["Acme 3PL", "East Store", "Main Warehouse", "West Store"]);
  }, 30_000);
});

describe("the Locations page without an ERP", () => {
  it("lists the store's locations, says why no ERP location can be chosen, and still saves the default", async () => {
    const bare = await store.newShop("locations-no-erp");
    const page = await load(bare.domain);
    expect(page.locations.map((l) => l.name)).toEqual(["East Store", "Main Warehouse"]);
    expect(page.erp).toMatchObject({ status: "not-connected", perLocationStock: false, stockCalculations: [] });
    expect(page.erp.warning).toMatch(/^No ERP is connected/);
    const east = page.locations[0]!.shopifyLocationId;
    expect(
      await save(
        [
          ["location", east],
          ["erpLocationCodes", "EAST"],
        ],
        bare.domain,
      ),
    ).toMatchObject({
      ok: false,
      fieldErrors: { erpLocationCodes: "cannot be checked: connect your ERP first" },
    });
    expect(
      await save(
        [
          ["location", east],
          ["defaultForProducts", "true"],
        ],
        bare.domain,
      ),
    ).toMatchObject({ ok: true });
    expect((await load(bare.domain)).locations[0]).toMatchObject({ defaultForProducts: true, erpLocationCodes: [] });
  });
});

describe("the Locations page's cards, by what the ERP offers", () => {
  const row = {
    id: 1,
    shopId: 1,
    shopifyLocationId: "gid://shopify/Location/7",
    name: "Depot",
    isActive: true,
    fulfillmentService: null,
    erpLocationCodes: ["OLD"],
    stockCalculation: null,
    defaultForProducts: false,
    removedAt: null,
    createdAt: new Date(),
    updatedAt: new Date(),
  };

  it("offers no stock calculation when the ERP has no stock per location", () => {
    const erp: ErpLocationOptions = {
      status: "ready",
      locations: [{ code: "MAIN", displayName: "Main" }],
      perLocationStock: false,
      stockCalculations: [],
    };
    expect(stockCalculationChoices(erp)).toEqual([]);
    // A stored code the ERP no longer has stays visible, so it can be unticked.
    expect(locationCards([row], erp)[0]?.codeChoices).toEqual([
      { value: "MAIN", label: "MAIN · Main" },
      { value: "OLD", label: "OLD (not in the ERP any more)" },
    ]);
  });
});
