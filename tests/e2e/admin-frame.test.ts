import { describe, expect, it } from "vitest";

import { screenshot } from "./browser.ts";
import { useDemoInBrowser } from "./demo-in-browser.ts";

const e2e = useDemoInBrowser("e2e");

async function businessCentralGet(path: string) {
  const bc = e2e.demo.info.businessCentral;
  const token = (await (
    await fetch(bc.tokenUrl, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: bc.clientId,
        client_secret: bc.clientSecret,
        scope: "https://api.businesscentral.dynamics.com/.default",
      }),
    })
  ).json()) as { access_token: string };
  const response = await fetch(`${bc.apiBaseUrl}/companies(${bc.companyId})/${path}`, {
    headers: { Authorization: `Bearer ${token.access_token}` },
  });
  return (await response.json()) as { value: any[] };
}

describe("the app inside the sandbox admin", () => {
  it("loads the Activity dashboard with all seventeen tiles", async () => {
    await e2e.page.goto(e2e.demo.info.adminUrl);
    await expect.poll(() => e2e.app().getByRole("heading", { name: "Activity" }).count(), { timeout: 30_000 }).toBe(1);
    const tiles = e2e.app().locator("[data-tile]");
    expect(await tiles.count()).toBe(17);
    expect(await e2e.app().getByTestId("count-unprocessed-orders").textContent()).toBe("0");
    await screenshot(e2e.page, "dashboard");
  });

  it("turns an order placed in the store into a sales order in Business Central within seconds", async () => {
    const seeded = await e2e.adminGraphql(
      `query { productVariants(first: 1) { nodes { id sku } } customers(first: 1) { nodes { email } } }`,
    );
    const variant = seeded.data?.productVariants.nodes[0] as { id: string; sku: string };
    // A customer the sandbox ERP knows too (both sandboxes share one seed), matched by e-mail.
    const email = seeded.data?.customers.nodes[0].email as string;
    const placedAt = Date.now();
    const created = await e2e.adminGraphql(
      `mutation Create($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id name } userErrors { field message } } }`,
      {
        order: {
          email,
          lineItems: [{ variantId: variant.id, quantity: 2 }],
          financialStatus: "PAID",
        },
      },
    );
    expect(created.data?.orderCreate.userErrors).toEqual([]);
    const name = created.data?.orderCreate.order.name as string;

    await expect
      .poll(async () => (await e2e.sql`select status, waiting_on, error_message from orders where name = ${name}`)[0], {
        timeout: 30_000,
      })
      .toMatchObject({ status: "processed" });
    const seconds = (Date.now() - placedAt) / 1000;
    expect(seconds).toBeLessThan(30);
    const [order] = await e2e.sql`select erp_document_number from orders where name = ${name}`;
    const bc = await businessCentralGet(
      `salesOrders?$filter=${encodeURIComponent(`externalDocumentNumber eq '${name}'`)}&$expand=salesOrderLines`,
    );
    expect(bc.value).toHaveLength(1);
    expect(bc.value[0].number).toBe(order?.erp_document_number);
    expect(bc.value[0].salesOrderLines.map((line: { quantity: number }) => line.quantity)).toContain(2);

    await e2e.page.goto(e2e.demo.info.adminUrl);
    await expect
      .poll(() => e2e.app().getByTestId("count-unprocessed-orders").textContent(), { timeout: 20_000 })
      .toBe("0");
    await e2e.page.goto(`${e2e.demo.info.adminUrl}/app/orders?status=processed`);
    const link = e2e.app().locator(`a[data-order="${name}"]`);
    await expect.poll(() => link.count(), { timeout: 20_000 }).toBe(1);
    await screenshot(e2e.page, "processed-orders");
    await link.click();
    await expect
      .poll(() => e2e.app().getByText(`Sales order ${order?.erp_document_number}`, { exact: true }).count(), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    await screenshot(e2e.page, "order-page");
  });

  it("shows field errors for invalid settings and saves nothing", async () => {
    const [before] = await e2e.sql`select settings from shops where domain = ${e2e.demo.info.shopify.shop}`;
    await e2e.page.goto(e2e.demo.info.adminUrl);
    await e2e.page.getByRole("link", { name: "Settings" }).click();
    await expect.poll(() => e2e.app().getByRole("heading", { name: "Settings" }).count(), { timeout: 30_000 }).toBe(1);

    await e2e.app().getByLabel("Customer mapping").selectOption("default_customer");
    await e2e.app().getByLabel("Default customer no.").fill("");
    await e2e.app().getByRole("button", { name: "Save" }).first().click();
    await expect
      .poll(() => e2e.app().getByText("is required when every order goes to the default customer").count(), {
        timeout: 20_000,
      })
      .toBe(1);
    await screenshot(e2e.page, "settings-invalid");
    const [row] = await e2e.sql`select settings from shops where domain = ${e2e.demo.info.shopify.shop}`;
    expect(row?.settings).toEqual(before?.settings);
  });

  it("saves valid settings and confirms with a toast", async () => {
    await e2e.app().getByLabel("Default customer no.").fill("C00010");
    await e2e.app().getByLabel("Allow background syncs").uncheck();
    await e2e.app().getByRole("button", { name: "Save" }).first().click();
    await expect.poll(() => e2e.page.getByText("Settings saved").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await screenshot(e2e.page, "settings-saved");
    const [row] = await e2e.sql`select settings from shops where domain = ${e2e.demo.info.shopify.shop}`;
    expect(row?.settings).toMatchObject({
      allowBackgroundSyncs: false,
      customers: { mapping: "default_customer", defaultCustomerNo: "C00010" },
    });
  });
});

describe("an order with a SKU the ERP does not know", () => {
  it("waits under unmapped products; mapping it from the list processes the order", async () => {
    const product = await e2e.adminGraphql(
      `mutation Set($input: ProductSetInput!) { productSet(input: $input, synchronous: true) { product { variants(first: 1) { nodes { id } } } userErrors { message } } }`,
      {
        input: {
          title: "Gift Box",
          productOptions: [{ name: "Title", values: [{ name: "Default Title" }] }],
          variants: [
            { optionValues: [{ optionName: "Title", name: "Default Title" }], sku: "GIFTBOX-1", price: "15.00" },
          ],
        },
      },
    );
    expect(product.data?.productSet.userErrors).toEqual([]);
    const variantId = product.data?.productSet.product.variants.nodes[0].id as string;
    const customers = await e2e.adminGraphql(`query { customers(first: 1) { nodes { email } } }`);
    const created = await e2e.adminGraphql(
      `mutation Create($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { name } userErrors { message } } }`,
      {
        order: {
          email: customers.data?.customers.nodes[0].email,
          lineItems: [{ variantId, quantity: 1 }],
          financialStatus: "PAID",
        },
      },
    );
    const name = created.data?.orderCreate.order.name as string;
    await expect
      .poll(async () => (await e2e.sql`select waiting_on from orders where name = ${name}`)[0]?.waiting_on, {
        timeout: 30_000,
      })
      .toBe("unmapped_product");

    await e2e.page.goto(e2e.demo.info.adminUrl);
    await expect
      .poll(() => e2e.app().getByTestId("count-unmapped-products").textContent(), { timeout: 20_000 })
      .toBe("1");
    await e2e.app().locator('[data-tile="unmapped-products"]').click();
    await expect
      .poll(() => e2e.app().getByText("GIFTBOX-1", { exact: false }).count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await e2e.app().getByRole("button", { name: "Map…" }).click();
    await e2e.app().getByLabel("Search ERP items by number or name").fill("10002");
    await e2e.app().getByRole("button", { name: "Search" }).click();
    await e2e.app().getByRole("button", { name: "Use" }).first().click();
    await screenshot(e2e.page, "unmapped-product-mapped");

    await expect
      .poll(async () => (await e2e.sql`select status from orders where name = ${name}`)[0]?.status, { timeout: 30_000 })
      .toBe("processed");
    const [link] = await e2e.sql`select erp_item_number from variant_links where shopify_variant_id = ${variantId}`;
    expect(link?.erp_item_number).toBe("10002");
  });
});

describe("the ERP connection page", () => {
  it("shows the demo's Business Central connection, and a wrong secret changes nothing", async () => {
    const [before] = await e2e.sql`select sealed_secret, connected_at from erp_connections`;
    await e2e.page.goto(e2e.demo.info.adminUrl);
    await e2e.page.getByRole("link", { name: "ERP connection" }).click();
    await expect
      .poll(() => e2e.app().getByText("Connected to Business Central: CRONUS USA, Inc.").count(), { timeout: 30_000 })
      .toBe(1);

    await e2e.app().getByLabel("Client secret").fill("not-the-secret");
    await e2e.app().getByRole("button", { name: "Save connection" }).click();
    await expect
      .poll(() => e2e.app().getByText("The previous connection is still in use.").count(), { timeout: 20_000 })
      .toBe(1);
    expect(
      await e2e
        .app()
        .getByText(/secret/i)
        .count(),
    ).toBeGreaterThan(1);
    await screenshot(e2e.page, "erp-wrong-secret");
    const [after] = await e2e.sql`select sealed_secret, connected_at from erp_connections`;
    expect(after).toEqual(before);
  });
});

describe("a shipment posted in Business Central", () => {
  it("fulfills the order in the store with its tracking number within two minutes, and shows on the Shipments page", async () => {
    const seeded = await e2e.adminGraphql(
      `query { productVariants(first: 1) { nodes { id } } customers(first: 1) { nodes { email } } }`,
    );
    const created = await e2e.adminGraphql(
      `mutation Create($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id name } userErrors { message } } }`,
      {
        order: {
          email: seeded.data?.customers.nodes[0].email,
          lineItems: [{ variantId: seeded.data?.productVariants.nodes[0].id, quantity: 1 }],
          financialStatus: "PAID",
        },
      },
    );
    const { id, name } = created.data?.orderCreate.order as { id: string; name: string };
    // The settings test above switched background syncs off; the demo runs with them on.
    await e2e.sql`update shops set settings = jsonb_set(settings, '{allowBackgroundSyncs}', 'true') where domain = ${e2e.demo.info.shopify.shop}`;
    await expect
      .poll(async () => (await e2e.sql`select status from orders where name = ${name}`)[0]?.status, { timeout: 30_000 })
      .toBe("processed");

    // What the README tells a demo user to run: the sandbox BC's control API, as the warehouse.
    const bc = e2e.demo.info.businessCentral;
    const control = `${new URL(bc.apiBaseUrl).origin}/sandbox/tenants/demo-tenant/environments/production/companies/${bc.companyId}/shipments`;
    const shippedAt = Date.now();
    const posted = await fetch(control, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        externalDocumentNumber: name,
        packageTrackingNumber: "1Z999AA10123456784",
        shippingAgentCode: "UPS",
      }),
    });
    expect(posted.status).toBe(200);

    // No button pressed: the demo's schedule runs the shipments task every minute.
    const fulfilled = async () =>
      (
        await e2e.adminGraphql(
          `query O($id: ID!) { order(id: $id) { displayFulfillmentStatus fulfillments(first: 5) { trackingInfo(first: 1) { number company } } } }`,
          { id },
        )
      ).data?.order;
    await expect.poll(fulfilled, { timeout: 130_000, interval: 2_000 }).toMatchObject({
      displayFulfillmentStatus: "FULFILLED",
      fulfillments: [{ trackingInfo: [{ number: "1Z999AA10123456784", company: "UPS" }] }],
    });
    expect(Date.now() - shippedAt).toBeLessThan(120_000);

    await e2e.page.goto(e2e.demo.info.adminUrl);
    await e2e.page.getByRole("link", { name: "Shipments" }).click();
    await e2e
      .app()
      .getByRole("tab", { name: /Synced/ })
      .click();
    await expect.poll(() => e2e.app().getByRole("link", { name }).count(), { timeout: 20_000 }).toBe(1);
    await screenshot(e2e.page, "shipments-synced");
  }, 180_000);
});
