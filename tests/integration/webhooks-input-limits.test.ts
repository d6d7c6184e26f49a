import { randomUUID } from "node:crypto";

import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../app/.server/db.ts";
import { shopIdFor } from "../../app/.server/shops/current-shop.ts";
import { recordInstall } from "../../app/.server/shops/install.ts";
import { action as ordersCreate } from "../../app/routes/webhooks.orders.create.tsx";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { testEnv } from "../setup/test-env.ts";
import { orderPayload, webhookRequest } from "../support/webhook-request.ts";

const args = (request: Request) => ({ request, params: {}, context: {} });
let db: TestDatabase;

beforeAll(async () => {
  db = await useTestDatabase();
});

const shopsNamed = (pattern: string) =>
  db.sql<{ domain: string }[]>`select domain from shops where domain ilike ${pattern} order by id`;

/** A body that streams `total` bytes of JSON-ish filler, counting how much of it was pulled. */
function streamingBody(total: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => sent };
}

function unsignedRequest(body: BodyInit, headers: Record<string, string> = {}) {
  return new Request(`${testEnv.SHOPIFY_APP_URL}/webhooks/orders/create`, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Hmac-Sha256": "bm90LWEtc2lnbmF0dXJl",
      "X-Shopify-Topic": "orders/create",
      "X-Shopify-Shop-Domain": "big-body.myshopify.com",
      "X-Shopify-Webhook-Id": randomUUID(),
      ...headers,
    },
    // Node's fetch needs `duplex` for a streamed body.
    duplex: "half",
  });
}

describe("webhook bodies over 1 MiB", () => {
  it("are refused with 413 from Content-Length before any of the body is read", async () => {
    const body = streamingBody(300 * 1024 * 1024);
    const response = await ordersCreate(
      args(unsignedRequest(body.stream, { "Content-Length": String(300 * 1024 * 1024) })),
    );
    expect(response.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(128 * 1024); // at most the stream's first read-ahead
    expect(await shopsNamed("big-body%")).toEqual([]);
  });

  it("are cut off with 413 while streaming when no length is declared, reading barely more than the limit", async () => {
    const body = streamingBody(300 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const response = await ordersCreate(args(unsignedRequest(body.stream)));
    const grownMb = (process.memoryUsage().rss - before) / 1024 / 1024;
    expect(response.status).toBe(413);
    expect(body.pulled()).toBeLessThan(2 * 1024 * 1024);
    expect(grownMb).toBeLessThan(50);
    expect(await shopsNamed("big-body%")).toEqual([]);
  });

  it("still accept a normal signed webhook just under the limit", async () => {
    const shop = "near-limit.myshopify.com";
    const payload = { ...orderPayload(11, "2026-11-01T10:00:00Z"), note: "x".repeat(1024 * 1024 - 400) };
    const raw = JSON.stringify(payload);
    expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(1024 * 1024);
    const response = await ordersCreate(args(webhookRequest({ topic: "orders/create", shop, body: payload })));
    expect(response.status).toBe(200);
    expect(await shopsNamed(shop)).toEqual([{ domain: shop }]);
  });
});

describe("shop domains", () => {
  it("are lower-cased and trimmed, so a signed webhook in capitals reaches the same shop", async () => {
    const lower = "case-shop.myshopify.com";
    for (const [id, spelling] of [
      [21, lower],
      [22, "CASE-SHOP.MYSHOPIFY.COM"],
      [23, "  Case-Shop.MyShopify.com "],
    ] as const) {
      const request = webhookRequest({
        topic: "orders/create",
        shop: spelling,
        body: orderPayload(id, "2026-11-01T10:00:00Z"),
      });
      expect((await ordersCreate(args(request))).status).toBe(200);
    }
    expect(await shopsNamed("case-shop%")).toEqual([{ domain: lower }]);
    expect(await shopIdFor("CASE-SHOP.myshopify.com")).toBe(await shopIdFor(lower));
  });

  it("that are too long or not *.myshopify.com are answered 400 with nothing written", async () => {
    const bad = [
      `${"a".repeat(5000)}.myshopify.com`,
      `${"a".repeat(64)}.myshopify.com`,
      "evil.com",
      "shop.myshopify.com.evil.test",
      "-dash.myshopify.com",
      "under_score.myshopify.com",
    ];
    for (const shop of bad) {
      const response = await ordersCreate(
        args(webhookRequest({ topic: "orders/create", shop, body: orderPayload(31, "2026-11-01T10:00:00Z") })),
      );
      expect(response.status, shop.slice(0, 40)).toBe(400);
    }
    const [counts] = await db.sql<{ shops: number; inbox: number }[]>`
      select (select count(*)::int from shops where length(domain) > 77 or domain not like '%.myshopify.com') as shops,
             (select count(*)::int from webhook_inbox) as inbox`;
    expect(counts?.shops).toBe(0);
    // The longest valid name (63 characters) is accepted.
    const longest = `${"a".repeat(63)}.myshopify.com`;
    const ok = await ordersCreate(
      args(webhookRequest({ topic: "orders/create", shop: longest, body: orderPayload(32, "2026-11-01T10:00:00Z") })),
    );
    expect(ok.status).toBe(200);
  });

  it("are refused by the install and the admin's shop lookup without writing anything", async () => {
    await expect(
      recordInstall(getDb(), { domain: `${"b".repeat(5000)}.myshopify.com`, scopes: null, accessToken: undefined }),
    ).rejects.toThrow(/myshopify/);
    await expect(shopIdFor("not-a-shop.example.com")).rejects.toThrow(/myshopify/);
    const installed = await recordInstall(getDb(), {
      domain: "INSTALL-CASE.myshopify.com",
      scopes: null,
      accessToken: undefined,
    });
    expect(await shopsNamed("%install-case%")).toEqual([{ domain: "install-case.myshopify.com" }]);
    expect(await shopIdFor("install-case.myshopify.com")).toBe(installed);
    expect(await shopsNamed("%bbbb%")).toEqual([]);
  });
});
