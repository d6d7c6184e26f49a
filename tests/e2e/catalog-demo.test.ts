import { describe, expect, it } from "vitest";

import { makePng } from "../../sandbox/business-central/store/seed-images.ts";
import { screenshot } from "./browser.ts";
import { useDemoInBrowser } from "./demo-in-browser.ts";

const e2e = useDemoInBrowser("e2e-catalog");

// The catalog as the demo runs it: a Business Central user changes items through BC's API (v2.0
// and the companion pages), and the demo's every-minute schedule brings them into the store.

async function bcToken(): Promise<string> {
  const bc = e2e.demo.info.businessCentral;
  const response = await fetch(bc.tokenUrl, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: bc.clientId,
      client_secret: bc.clientSecret,
      scope: "https://api.businesscentral.dynamics.com/.default",
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** A call to BC as its user would make it: standard API v2.0, or the companion extension's pages. */
async function bc(
  method: string,
  path: string,
  body?: unknown,
  options: { custom?: boolean; raw?: Uint8Array<ArrayBuffer> } = {},
) {
  const info = e2e.demo.info.businessCentral;
  const root = options.custom
    ? `${info.apiBaseUrl.replace(/\/v2\.0$/, "")}/shopifyErpConnector/connector/v1.0`
    : info.apiBaseUrl;
  return fetch(`${root}/companies(${info.companyId})/${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${await bcToken()}`,
      "Content-Type": options.raw ? "application/octet-stream" : "application/json",
      ...(method === "PATCH" || method === "DELETE" ? { "If-Match": "*" } : {}),
    },
    ...(options.raw ? { body: options.raw } : body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function variantsBySkuPrefix(prefix: string) {
  const data = await e2e.adminGraphql(
    `query V($q: String!) { productVariants(first: 20, query: $q) { nodes { sku barcode price product { id title media(first: 10) { nodes { id } } } } } }`,
    { q: `sku:${prefix}*` },
  );
  return ((data.data?.productVariants.nodes ?? []) as any[]).filter((n) => String(n.sku).startsWith(prefix));
}

const NUMBER = "LAMP-100";
let itemId = "";

describe("the demo's catalog, from Business Central to the store", () => {
  it("a new BC item with two variants appears within two minutes with its SKUs, barcodes and prices", async () => {
    const created = await bc("POST", "items", {
      number: NUMBER,
      displayName: "Reading Lamp",
      type: "Inventory",
      unitPrice: 59,
    });
    expect(created.status, await created.clone().text()).toBe(201);
    itemId = ((await created.json()) as { id: string }).id;
    for (const [code, description, barcode] of [
      ["BLK", "Black", "2000000001001"],
      ["WHT", "White", "2000000001018"],
    ] as const) {
      expect((await bc("POST", "itemVariants", { itemId, code, description })).status).toBe(201);
      const reference = await bc(
        "POST",
        "itemReferences",
        { itemNumber: NUMBER, variantCode: code, referenceType: "Bar Code", referenceNumber: barcode },
        { custom: true },
      );
      expect(reference.status, await reference.clone().text()).toBe(201);
    }
    const startedAt = Date.now();
    await expect
      .poll(
        async () => (await variantsBySkuPrefix(`${NUMBER}-`)).map((v) => [v.sku, v.barcode, Number(v.price)]).sort(),
        {
          timeout: 130_000,
          interval: 2_000,
        },
      )
      .toEqual([
        [`${NUMBER}-BLK`, "2000000001001", 59],
        [`${NUMBER}-WHT`, "2000000001018", 59],
      ]);
    expect(Date.now() - startedAt).toBeLessThan(120_000);
    const variants = await variantsBySkuPrefix(`${NUMBER}-`);
    expect(new Set(variants.map((v) => v.product.id)).size).toBe(1);
    expect(variants[0]?.product.title).toBe("Reading Lamp");
  }, 180_000);

  it("a price changed in BC changes the Shopify price", async () => {
    expect((await bc("PATCH", `items(${itemId})`, { unitPrice: 64.5 })).status).toBe(200);
    await expect
      .poll(async () => (await variantsBySkuPrefix(`${NUMBER}-`)).map((v) => Number(v.price)), {
        timeout: 130_000,
        interval: 2_000,
      })
      .toEqual([64.5, 64.5]);
  }, 180_000);

  it("a picture uploaded in BC appears once on the product, and later runs add nothing", async () => {
    const upload = await bc("PATCH", `items(${itemId})/picture/pictureContent`, undefined, {
      raw: makePng(40, [200, 60, 30], [255, 255, 255]),
    });
    expect(upload.status).toBe(204);
    const mediaCount = async () => (await variantsBySkuPrefix(`${NUMBER}-`))[0]?.product.media.nodes.length ?? 0;
    await expect.poll(mediaCount, { timeout: 130_000, interval: 2_000 }).toBe(1);

    // Two more minutes of the demo's schedule: every catalog task runs again, and nothing doubles.
    const since = new Date().toISOString();
    await expect
      .poll(
        async () =>
          (
            await e2e.sql`select distinct task from task_runs where task in ('products__sync', 'prices__sync', 'images__sync')
              and started_at > ${since}::timestamptz and status = 'succeeded'`
          ).length,
        { timeout: 150_000, interval: 3_000 },
      )
      .toBe(3);
    const variants = await variantsBySkuPrefix(`${NUMBER}-`);
    expect(variants).toHaveLength(2);
    expect(new Set(variants.map((v) => v.product.id)).size).toBe(1);
    expect(await mediaCount()).toBe(1);
  }, 300_000);
});

describe("the Products page", () => {
  it("finds the product, and its page shows the variants, the ERP item and the runs that touched it", async () => {
    await e2e.page.goto(e2e.demo.info.adminUrl);
    await e2e.page.getByRole("link", { name: "Products" }).click();
    await expect.poll(() => e2e.app().getByRole("heading", { name: "Products" }).count(), { timeout: 30_000 }).toBe(1);
    await e2e.app().getByLabel("Search products").fill(NUMBER);
    await e2e.app().getByLabel("Search products").press("Enter");
    const link = e2e.app().getByRole("link", { name: "Reading Lamp" });
    await expect.poll(() => link.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await screenshot(e2e.page, "products-list");
    await link.first().click();
    await expect.poll(() => e2e.app().getByText(`${NUMBER}-BLK`).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await e2e.app().getByText(`${NUMBER}-WHT`).count()).toBeGreaterThan(0);
    // The runs that touched it: at least the products run that created it.
    expect(await e2e.app().locator("[data-run-link]").count()).toBeGreaterThan(0);
    await screenshot(e2e.page, "product-page");
  });
});
