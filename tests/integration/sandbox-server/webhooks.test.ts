import { createHmac } from "node:crypto";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { APP, SHOP, startSandbox } from "./sandbox-fixture.ts";
import { startWebhookReceiver } from "./webhook-receiver.ts";

describe("sandbox webhook delivery", () => {
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await startSandbox({ appUrl: receiver.url });
    sandbox.server.installApp(SHOP, APP.apiKey);
  });
  afterEach(async () => {
    await sandbox.server.close();
    await receiver.close();
  });

  const webhookIds = () => receiver.received.map((r) => r.headers["x-shopify-webhook-id"]);
  const orderIds = () => receiver.received.map((r) => (JSON.parse(r.body) as { id: number }).id);

  it("delivers a signed webhook with Shopify's headers", async () => {
    const event = sandbox.emit(SHOP, "orders/create", { id: 1001, admin_graphql_api_id: "gid://shopify/Order/1001" });
    await sandbox.server.webhooks.waitForIdle();
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(delivery?.path).toBe("/webhooks");
    expect(delivery?.headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": "Shopify-Captain-Hook",
      "x-shopify-topic": "orders/create",
      "x-shopify-shop-domain": SHOP,
      "x-shopify-api-version": "2026-10",
      "x-shopify-event-id": event.eventId,
      "x-shopify-triggered-at": event.triggeredAt,
      "x-shopify-hmac-sha256": createHmac("sha256", APP.apiSecret)
        .update(delivery?.body ?? "")
        .digest("base64"),
    });
    expect(delivery?.headers["x-shopify-webhook-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(sandbox.server.webhooks.log()).toMatchObject([
      { topic: "orders/create", shop: SHOP, state: "delivered", attempts: [{ status: 200 }] },
    ]);
  });

  it("ignores topics the app did not subscribe to and shops it is not installed on", async () => {
    sandbox.emit(SHOP, "products/update", { id: 1 });
    sandbox.emit("other-shop.myshopify.com", "orders/create", { id: 2 });
    await sandbox.server.webhooks.waitForIdle();
    expect(receiver.received).toHaveLength(0);
  });

  it("retries a failed delivery with the same webhook id until it succeeds", async () => {
    receiver.respondWith(500, 503);
    sandbox.emit(SHOP, "orders/create", { id: 1 });
    await sandbox.server.webhooks.waitForIdle();
    expect(receiver.received).toHaveLength(3);
    expect(new Set(webhookIds()).size).toBe(1);
    expect(sandbox.server.webhooks.log()[0]).toMatchObject({
      state: "delivered",
      attempts: [{ status: 500 }, { status: 503 }, { status: 200 }],
    });
  });

  it("gives up after the retry schedule and records the failure", async () => {
    receiver.respondWith(500, 500, 500, 500);
    sandbox.emit(SHOP, "orders/create", { id: 1 });
    await sandbox.server.webhooks.waitForIdle();
    expect(receiver.received).toHaveLength(4);
    expect(sandbox.server.webhooks.log()[0]?.state).toBe("failed");
  });

  it("retries after a connection error", async () => {
    sandbox.server.registerApp({
      ...APP,
      appUrl: "http://127.0.0.1:1",
      webhooks: [{ topics: ["orders/create"], uri: "/webhooks" }],
    });
    sandbox.emit(SHOP, "orders/create", { id: 1 });
    await sandbox.server.webhooks.waitForIdle();
    const [entry] = sandbox.server.webhooks.log();
    expect(entry?.attempts).toHaveLength(4);
    expect(entry?.attempts[0]?.error).toBeTruthy();
  });

  it("duplicates deliveries with one webhook id", async () => {
    sandbox.server.webhooks.setKnobs({ duplicate: 3 });
    sandbox.emit(SHOP, "orders/create", { id: 1 });
    await sandbox.server.webhooks.waitForIdle();
    expect(receiver.received).toHaveLength(3);
    expect(new Set(webhookIds()).size).toBe(1);
  });

  it("reorders held deliveries on flush", async () => {
    sandbox.server.webhooks.setKnobs({ reorder: "reverse" });
    for (const id of [1, 2, 3]) sandbox.emit(SHOP, "orders/create", { id });
    await sandbox.server.webhooks.waitForIdle();
    expect(receiver.received).toHaveLength(0);
    await sandbox.server.webhooks.flush();
    await sandbox.server.webhooks.waitForIdle();
    expect(orderIds()).toEqual([3, 2, 1]);
  });

  it("holds deliveries while paused and sends them on resume", async () => {
    sandbox.server.webhooks.pause();
    sandbox.emit(SHOP, "orders/create", { id: 1 });
    await sandbox.server.webhooks.waitForIdle();
    expect(receiver.received).toHaveLength(0);
    await sandbox.server.webhooks.resume();
    expect(orderIds()).toEqual([1]);
  });

  it("drops deliveries, for every topic or only some", async () => {
    sandbox.server.webhooks.setKnobs({ drop: { fraction: 1, topics: ["orders/create"] } });
    sandbox.emit(SHOP, "orders/create", { id: 1 });
    sandbox.server.uninstallApp(SHOP, APP.apiKey);
    await sandbox.server.webhooks.waitForIdle();
    expect(receiver.received.map((r) => r.headers["x-shopify-topic"])).toEqual(["app/uninstalled"]);
    expect(sandbox.server.webhooks.log().map((e) => e.state)).toEqual(["dropped", "delivered"]);
  });

  it("sets knobs and reads the log over the control API", async () => {
    const knobs = await fetch(`${sandbox.server.url}/sandbox/webhooks/knobs`, {
      method: "POST",
      body: JSON.stringify({ duplicate: 2, delayMs: 5 }),
    });
    expect(await knobs.json()).toMatchObject({ duplicate: 2, delayMs: 5 });
    const bad = await fetch(`${sandbox.server.url}/sandbox/webhooks/knobs`, {
      method: "POST",
      body: JSON.stringify({ duplicate: 0 }),
    });
    expect(bad.status).toBe(400);
    sandbox.emit(SHOP, "orders/create", { id: 1 });
    await fetch(`${sandbox.server.url}/sandbox/webhooks/wait-idle`, { method: "POST" });
    const log = (await (await fetch(`${sandbox.server.url}/sandbox/webhooks/log`)).json()) as { deliveries: unknown[] };
    expect(log.deliveries).toHaveLength(2);
  });
});
