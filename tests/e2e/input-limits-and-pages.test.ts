import { createHmac, randomUUID } from "node:crypto";
import http from "node:http";

import { describe, expect, it } from "vitest";

import { screenshot } from "./browser.ts";
import { useDemoInBrowser } from "./demo-in-browser.ts";

const e2e = useDemoInBrowser("e2e-input-limits");

const MiB = 1024 * 1024;

interface Sent {
  status: number;
  body: string;
  ms: number;
  bytesWritten: number;
}

/**
 * POST `total` bytes of filler to the app over a real socket, generated as it is written (the
 * test holds 64 KiB at a time), with a Content-Length or chunked. Stops writing once answered.
 */
function postLarge(pathname: string, total: number, options: { chunked: boolean; headers?: Record<string, string> }) {
  return new Promise<Sent>((resolve, reject) => {
    const url = new URL(pathname, e2e.demo.info.appUrl);
    const started = performance.now();
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let written = 0;
    let answered = false;
    const request = http.request(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        ...(options.chunked ? { "Transfer-Encoding": "chunked" } : { "Content-Length": String(total) }),
        ...options.headers,
      },
    });
    request.on("response", (response) => {
      answered = true;
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (data: string) => (body += data));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, body, ms: performance.now() - started, bytesWritten: written }),
      );
    });
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && written < total) {
        written += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

function signedHeaders(body: string, topic = "orders/create") {
  return {
    "Content-Type": "application/json",
    "X-Shopify-Hmac-Sha256": createHmac("sha256", e2e.demo.info.shopify.apiSecret).update(body).digest("base64"),
    "X-Shopify-Topic": topic,
    "X-Shopify-Shop-Domain": e2e.demo.info.shopify.shop,
    "X-Shopify-API-Version": "2026-10",
    "X-Shopify-Webhook-Id": randomUUID(),
    "X-Shopify-Triggered-At": new Date().toISOString(),
  };
}

const orderBody = (id: number) =>
  JSON.stringify({
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#${id}`,
    updated_at: new Date().toISOString(),
  });

describe("request bodies over 1 MiB, on the running app", () => {
  it("a 300 MB unsigned webhook with its Content-Length is refused with 413 at once, memory barely moves", async () => {
    global.gc?.();
    const before = process.memoryUsage();
    const sent = await postLarge("/webhooks/orders/create", 300 * MiB, {
      chunked: false,
      headers: { "X-Shopify-Hmac-Sha256": "bm9wZQ==", "X-Shopify-Topic": "orders/create" },
    });
    const after = process.memoryUsage();
    const rssMb = (after.rss - before.rss) / MiB;
    const heapMb = (after.heapUsed - before.heapUsed) / MiB;
    console.info(
      `300 MB with Content-Length: ${sent.status} in ${Math.round(sent.ms)} ms, ` +
        `${(sent.bytesWritten / MiB).toFixed(1)} MiB written, RSS ${rssMb.toFixed(1)} MB, heap ${heapMb.toFixed(1)} MB`,
    );
    expect(sent.status).toBe(413);
    expect(sent.ms).toBeLessThan(5_000);
    expect(sent.bytesWritten).toBeLessThan(100 * MiB);
    expect(rssMb).toBeLessThan(16);
  });

  it("a chunked body with no length is cut off with 413 just past 1 MiB, on webhooks, forms and auth", async () => {
    for (const target of ["/webhooks/orders/create", "/app/settings", "/auth/login"]) {
      global.gc?.();
      const before = process.memoryUsage().rss;
      const sent = await postLarge(target, 300 * MiB, { chunked: true });
      const rssMb = (process.memoryUsage().rss - before) / MiB;
      console.info(
        `300 MB chunked to ${target}: ${sent.status} in ${Math.round(sent.ms)} ms, ` +
          `${(sent.bytesWritten / MiB).toFixed(1)} MiB written, RSS ${rssMb.toFixed(1)} MB`,
      );
      expect(sent.status, target).toBe(413);
      expect(sent.bytesWritten, target).toBeLessThan(100 * MiB);
      expect(rssMb, target).toBeLessThan(16);
    }
  });

  it("a normal signed webhook is accepted, with a Content-Length or chunked", async () => {
    const withLength = orderBody(910001);
    const first = await fetch(`${e2e.demo.info.appUrl}/webhooks/orders/create`, {
      method: "POST",
      body: withLength,
      headers: signedHeaders(withLength),
    });
    expect(first.status).toBe(200);

    const chunked = orderBody(910002);
    const second = await new Promise<number>((resolve, reject) => {
      const request = http.request(new URL("/webhooks/orders/create", e2e.demo.info.appUrl), {
        method: "POST",
        headers: { ...signedHeaders(chunked), "Transfer-Encoding": "chunked" },
      });
      request.on("response", (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on("error", reject);
      request.write(chunked.slice(0, 20));
      request.end(chunked.slice(20));
    });
    expect(second).toBe(200);
    const inbox =
      await e2e.sql`select topic from webhook_inbox where webhook_id is not null and topic = 'orders/create'`;
    expect(inbox.length).toBeGreaterThanOrEqual(2);
  });
});

describe("/auth/login", () => {
  it("answers 200 with a shop-domain form, explains a bad domain, and sends a good one to Shopify", async () => {
    const form = await fetch(`${e2e.demo.info.appUrl}/auth/login`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain("Shop domain");
    expect(html).toContain('name="shop"');

    const bad = await fetch(`${e2e.demo.info.appUrl}/auth/login`, {
      method: "POST",
      body: new URLSearchParams({ shop: "not a shop!" }),
    });
    expect(bad.status).toBe(200);
    expect(await bad.text()).toContain("Enter a valid shop domain");

    const good = await fetch(`${e2e.demo.info.appUrl}/auth/login`, {
      method: "POST",
      body: new URLSearchParams({ shop: "some-shop.myshopify.com" }),
      redirect: "manual",
    });
    expect(good.status).toBe(302);
    expect(good.headers.get("location")).toContain("some-shop/oauth/install?client_id=");
  });
});

describe("an unknown app URL", () => {
  it("shows a not-found page inside the admin frame, with the navigation and no console errors", async () => {
    const errors: string[] = [];
    e2e.page.on("console", (message) => {
      if (message.type() !== "error") return;
      // The browser notes every 404 it loads; the not-found document itself is meant to be one.
      // So does the sandbox admin page (the top-level document) for its missing favicon, which is not the app's.
      const url = new URL(message.location().url);
      const expected404 =
        message.text().includes("status of 404") &&
        (url.pathname === "/app/no-such-page" || url.href === `${new URL(e2e.demo.info.adminUrl).origin}/favicon.ico`);
      if (!expected404) errors.push(`${message.text()} (${message.location().url})`);
    });
    e2e.page.on("pageerror", (error) => errors.push(error.message));
    const document = e2e.page.waitForResponse((response) => new URL(response.url()).pathname === "/app/no-such-page");
    await e2e.page.goto(`${e2e.demo.info.adminUrl}/app/no-such-page`);
    expect((await document).status()).toBe(404);

    await expect
      .poll(() => e2e.app().getByRole("heading", { name: "Page not found" }).count(), { timeout: 30_000 })
      .toBe(1);
    await expect
      .poll(() => e2e.page.locator("#app-nav a").allTextContents(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(["Orders", "Settings"]));
    await screenshot(e2e.page, "not-found");

    await e2e.app().getByTestId("back-to-dashboard").click();
    await expect.poll(() => e2e.app().getByRole("heading", { name: "Activity" }).count(), { timeout: 30_000 }).toBe(1);
    expect(errors).toEqual([]);
  });
});

describe("the demo's Shopify session", () => {
  it("holds no access token in plain text, while the app and the worker still reach the Admin API", async () => {
    const rows = await e2e.sql<{ row: string }[]>`select row_to_json(s)::text as row from sessions s`;
    expect(rows.length).toBeGreaterThan(0);
    for (const { row } of rows) expect(row).not.toContain(e2e.demo.info.shopify.accessToken);

    // The app: the dashboard above loaded through the library's (sealed) session. The worker: an
    // order placed in the store is read back through the Admin API with the sealed offline token.
    const response = await fetch(e2e.demo.info.shopify.adminApiUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": e2e.demo.info.shopify.accessToken },
      body: JSON.stringify({
        query: `query { productVariants(first: 1) { nodes { id } } customers(first: 1) { nodes { email } } }`,
      }),
    });
    const seeded = (await response.json()) as { data: { productVariants: any; customers: any } };
    const created = await fetch(e2e.demo.info.shopify.adminApiUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": e2e.demo.info.shopify.accessToken },
      body: JSON.stringify({
        query: `mutation Create($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { name } } }`,
        variables: {
          order: {
            email: seeded.data.customers.nodes[0].email,
            lineItems: [{ variantId: seeded.data.productVariants.nodes[0].id, quantity: 1 }],
          },
        },
      }),
    });
    const name = ((await created.json()) as { data: { orderCreate: { order: { name: string } } } }).data.orderCreate
      .order.name;
    await expect
      .poll(async () => (await e2e.sql`select count(*)::int as n from orders where name = ${name}`)[0]?.n, {
        timeout: 30_000,
      })
      .toBe(1);
    for (const { row } of await e2e.sql<{ row: string }[]>`select row_to_json(s)::text as row from sessions s`) {
      expect(row).not.toContain(e2e.demo.info.shopify.accessToken);
    }
  });
});
