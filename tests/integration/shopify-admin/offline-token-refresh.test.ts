import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../../app/.server/db.ts";
import { shopifyAdminForShopId } from "../../../app/.server/shopify/admin-for-shop-id.ts";
import { REFRESH_MARGIN_MS } from "../../../app/.server/shopify/offline-token.ts";
import { openSessionToken } from "../../../app/.server/shopify/session-tokens.ts";
import { sessions } from "../../../db/schema/sessions.ts";
import { useTestDatabase } from "../../setup/test-database.ts";
import { testEnv } from "../../setup/test-env.ts";
import { startOrdersSandbox } from "../orders-import/orders-sandbox.ts";

let store: Awaited<ReturnType<typeof startOrdersSandbox>>;

beforeAll(async () => {
  await useTestDatabase();
  store = await startOrdersSandbox();
});

afterAll(async () => {
  await store.close();
});

/** A call to the shop's OAuth token endpoint with our app's credentials. */
function tokenRequest(domain: string, grant: Record<string, string>) {
  return fetch(`${store.server.url}/${domain}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ client_id: testEnv.SHOPIFY_API_KEY, client_secret: testEnv.SHOPIFY_API_SECRET, ...grant }),
  });
}

/** Turns the shop's classic offline token into an expiring pair, as Shopify's migration does. */
async function expiringPair(domain: string, classicToken: string) {
  const response = await tokenRequest(domain, {
    grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
    subject_token: classicToken,
    subject_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { access_token: string; refresh_token: string };
}

/** The offline session row with its tokens opened (they are sealed at rest). */
async function session(domain: string) {
  const id = `offline_${domain}`;
  const [row] = await getDb().select().from(sessions).where(eq(sessions.id, id));
  return {
    ...row!,
    accessToken: openSessionToken(row!.accessToken, id, "access").token,
    refreshToken: row!.refreshToken ? openSessionToken(row!.refreshToken, id, "refresh").token : null,
  };
}

describe("expiring offline tokens in background work", () => {
  it("refreshes a token about to expire before calling, once, even with calls racing", async () => {
    const shop = await store.newShop("refresh-race");
    const pair = await expiringPair(shop.domain, (await session(shop.domain)).accessToken);
    await getDb()
      .update(sessions)
      .set({
        accessToken: pair.access_token,
        refreshToken: pair.refresh_token,
        expires: new Date(Date.now() + REFRESH_MARGIN_MS / 2),
      })
      .where(eq(sessions.id, `offline_${shop.domain}`));

    const admin = await shopifyAdminForShopId(shop.shopId);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => admin.query<{ shop: { name: string } }>(`query ShopName { shop { name } }`, {})),
    );
    expect(answers.map((a) => a.shop.name)).toEqual(Array(4).fill("refresh-race"));

    const after = await session(shop.domain);
    expect(after.accessToken).not.toBe(pair.access_token);
    expect(after.refreshToken).not.toBe(pair.refresh_token);
    expect(after.expires!.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    // Rotated once: the old refresh token is spent, the stored one still works (a second refresh would have failed).
    const reuse = await tokenRequest(shop.domain, { grant_type: "refresh_token", refresh_token: pair.refresh_token });
    expect(reuse.status).toBe(400);
  });

  it("leaves a token with time to spare alone, and names a dead refresh token without leaking it", async () => {
    const shop = await store.newShop("refresh-dead");
    const pair = await expiringPair(shop.domain, (await session(shop.domain)).accessToken);
    await getDb()
      .update(sessions)
      .set({
        accessToken: pair.access_token,
        refreshToken: pair.refresh_token,
        expires: new Date(Date.now() + 3_600_000),
      })
      .where(eq(sessions.id, `offline_${shop.domain}`));
    const admin = await shopifyAdminForShopId(shop.shopId);
    await admin.query(`query ShopName { shop { name } }`, {});
    expect((await session(shop.domain)).accessToken).toBe(pair.access_token);

    await getDb()
      .update(sessions)
      .set({ refreshToken: "revoked-refresh-token", expires: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, `offline_${shop.domain}`));
    const failure = await admin.query(`query ShopName { shop { name } }`, {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).name).toBe("ShopNotConnectedError");
    expect((failure as Error).message).toContain("invalid_grant");
    expect((failure as Error).message).not.toContain("revoked-refresh-token");
  });
});
