import { createHmac } from "node:crypto";

import { describe, expect, it } from "vitest";

import { verifyWebhook } from "../../app/.server/webhooks/verify.ts";

const secret = "s3cret";
const body = JSON.stringify({ id: 1 });
const sign = (raw: string, key = secret) => createHmac("sha256", key).update(raw).digest("base64");

function request(headers: Record<string, string>, raw = body, method = "POST") {
  return new Request("http://app/webhooks/orders/create", {
    method,
    body: method === "POST" ? raw : undefined,
    headers,
  });
}

const goodHeaders = {
  "X-Shopify-Hmac-Sha256": sign(body),
  "X-Shopify-Topic": "orders/create",
  "X-Shopify-Shop-Domain": "a-shop.myshopify.com",
  "X-Shopify-Webhook-Id": "wh-1",
  "X-Shopify-Triggered-At": "2026-11-27T10:00:00.000Z",
};

describe("webhook verification", () => {
  it("accepts Shopify's signature and reads the delivery headers", async () => {
    const result = await verifyWebhook(request(goodHeaders), secret);
    expect(result).toMatchObject({
      ok: true,
      delivery: { shop: "a-shop.myshopify.com", topic: "orders/create", webhookId: "wh-1", rawBody: body },
    });
  });

  it.each([
    ["a signature made with another secret", { "X-Shopify-Hmac-Sha256": sign(body, "other") }],
    ["no signature", { "X-Shopify-Hmac-Sha256": "" }],
    ["a truncated signature", { "X-Shopify-Hmac-Sha256": sign(body).slice(0, 10) }],
  ])("rejects %s with 401", async (_name, override) => {
    expect(await verifyWebhook(request({ ...goodHeaders, ...override }), secret)).toMatchObject({
      ok: false,
      status: 401,
    });
  });

  it("rejects a tampered body with 401", async () => {
    expect(await verifyWebhook(request(goodHeaders, JSON.stringify({ id: 2 })), secret)).toMatchObject({
      ok: false,
      status: 401,
    });
  });

  it("rejects a signed request without the webhook id or with a foreign shop domain with 400", async () => {
    const { "X-Shopify-Webhook-Id": _omit, ...noId } = goodHeaders;
    expect(await verifyWebhook(request(noId), secret)).toMatchObject({ ok: false, status: 400 });
    const foreign = { ...goodHeaders, "X-Shopify-Shop-Domain": "evil.example.com" };
    expect(await verifyWebhook(request(foreign), secret)).toMatchObject({ ok: false, status: 400 });
  });

  it("answers anything but POST with 405", async () => {
    expect(await verifyWebhook(request(goodHeaders, body, "GET"), secret)).toMatchObject({ ok: false, status: 405 });
  });
});
