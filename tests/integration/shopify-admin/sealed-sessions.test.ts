import { randomBytes } from "node:crypto";

import { Session } from "@shopify/shopify-api";
import { DrizzleSessionStoragePostgres } from "@shopify/shopify-app-session-storage-drizzle";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../../app/.server/db.ts";
import { createSecretCipher, SecretCipherError } from "../../../app/.server/secrets/cipher.ts";
import { shopifyAdminForShopId } from "../../../app/.server/shopify/admin-for-shop-id.ts";
import { SealedSessionStorage } from "../../../app/.server/shopify/sealed-session-storage.ts";
import { sealSessionToken } from "../../../app/.server/shopify/session-tokens.ts";
import { sessions } from "../../../db/schema/sessions.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { testEnv } from "../../setup/test-env.ts";
import { startOrdersSandbox } from "../orders-import/orders-sandbox.ts";

// Rotation in progress for this whole file: a new current key, the test suite's key as the previous one.
const previousKey = Buffer.from(testEnv.ERP_ENCRYPTION_KEY, "base64");
const currentKey = randomBytes(32);
process.env.ERP_ENCRYPTION_KEY = currentKey.toString("base64");
process.env.ERP_ENCRYPTION_KEY_PREVIOUS = testEnv.ERP_ENCRYPTION_KEY;

let db: TestDatabase;
let store: Awaited<ReturnType<typeof startOrdersSandbox>>;

beforeAll(async () => {
  db = await useTestDatabase();
  store = await startOrdersSandbox();
});

afterAll(async () => {
  await store.close();
});

const storage = () => new SealedSessionStorage(new DrizzleSessionStoragePostgres(getDb(), sessions));

/** Every column of the shop's session rows as text: where a leaked token would show. */
async function sessionRowsText(shop: string): Promise<string> {
  const rows = await db.sql<{ row: string }[]>`select row_to_json(s)::text as row from sessions s where shop = ${shop}`;
  return rows.map((r) => r.row).join("\n");
}

function offlineSession(shop: string, accessToken: string, refreshToken?: string) {
  return new Session({
    id: `offline_${shop}`,
    shop,
    state: "",
    isOnline: false,
    scope: "read_orders",
    accessToken,
    ...(refreshToken ? { refreshToken, refreshTokenExpires: new Date(Date.now() + 86_400_000) } : {}),
  });
}

describe("Shopify sessions at rest", () => {
  it("hold no access or refresh token in plain text, and load with both", async () => {
    const shop = "sealed-store.myshopify.com";
    await storage().storeSession(offlineSession(shop, "shpat_sealed_access_1", "shprt_sealed_refresh_1"));
    const text = await sessionRowsText(shop);
    expect(text).toContain(shop);
    expect(text).not.toContain("shpat_sealed_access_1");
    expect(text).not.toContain("shprt_sealed_refresh_1");
    const loaded = await storage().loadSession(`offline_${shop}`);
    expect(loaded?.accessToken).toBe("shpat_sealed_access_1");
    expect(loaded?.refreshToken).toBe("shprt_sealed_refresh_1");
    expect((await storage().findSessionsByShop(shop)).map((s) => s.accessToken)).toEqual(["shpat_sealed_access_1"]);
  });

  it("files sessions under the normalised shop domain and refuses an invalid one", async () => {
    await storage().storeSession(offlineSession("Mixed-Case.MyShopify.com", "shpat_mixed"));
    expect(await db.sql`select id, shop from sessions where shop ilike 'mixed-case%'`).toEqual([
      { id: "offline_mixed-case.myshopify.com", shop: "mixed-case.myshopify.com" },
    ]);
    expect((await storage().loadSession("offline_MIXED-CASE.myshopify.com"))?.accessToken).toBe("shpat_mixed");
    await expect(storage().storeSession(offlineSession(`${"x".repeat(300)}.myshopify.com`, "t"))).rejects.toThrow(
      /myshopify/,
    );
  });

  it("open a row still in plain text once and seal it on that first load", async () => {
    const shop = "legacy-plain.myshopify.com";
    await db.sql`insert into sessions (id, shop, state, "isOnline", "accessToken", "refreshToken")
      values (${`offline_${shop}`}, ${shop}, '', false, 'shpat_legacy_plain', 'shprt_legacy_plain')`;
    const loaded = await storage().loadSession(`offline_${shop}`);
    expect(loaded?.accessToken).toBe("shpat_legacy_plain");
    expect(await sessionRowsText(shop)).not.toContain("legacy_plain");
    expect((await storage().loadSession(`offline_${shop}`))?.refreshToken).toBe("shprt_legacy_plain");
  });

  it("open tokens sealed with the previous key and re-seal them with the current one", async () => {
    const shop = "rotated.myshopify.com";
    const id = `offline_${shop}`;
    const old = createSecretCipher([previousKey]);
    await db.sql`insert into sessions (id, shop, state, "isOnline", "accessToken")
      values (${id}, ${shop}, '', false, ${sealSessionToken("shpat_rotated", id, "access", old)})`;
    expect((await storage().loadSession(id))?.accessToken).toBe("shpat_rotated");
    // Now sealed with the current key alone: the previous key can be dropped.
    const [row] = await db.sql<{ accessToken: string }[]>`select "accessToken" from sessions where id = ${id}`;
    expect(createSecretCipher([currentKey]).open(row!.accessToken, `shopify-session:${id}:access`)).toBe(
      "shpat_rotated",
    );
    expect(() => old.open(row!.accessToken, `shopify-session:${id}:access`)).toThrow(SecretCipherError);
  });

  it("a sealed token copied into another shop's row does not open there", async () => {
    const [from] = await db.sql<{ accessToken: string }[]>`
      select "accessToken" from sessions where id = 'offline_sealed-store.myshopify.com'`;
    const shop = "copy-target.myshopify.com";
    await db.sql`insert into sessions (id, shop, state, "isOnline", "accessToken")
      values (${`offline_${shop}`}, ${shop}, '', false, ${from!.accessToken})`;
    await expect(storage().loadSession(`offline_${shop}`)).rejects.toThrow(SecretCipherError);
  });

  it("the worker calls the Admin API with a sealed token, and seals a plain-text one it finds", async () => {
    const shop = await store.newShop("worker-sealed"); // stores the offline token in plain text, as before sealing
    const [plain] = await db.sql<{ accessToken: string }[]>`
      select "accessToken" from sessions where id = ${`offline_${shop.domain}`}`;
    const admin = await shopifyAdminForShopId(shop.shopId);
    expect((await admin.query<{ shop: { name: string } }>(`query ShopName { shop { name } }`, {})).shop.name).toBe(
      "worker-sealed",
    );
    expect(await sessionRowsText(shop.domain)).not.toContain(plain!.accessToken);
    // And again from the sealed row.
    const again = await shopifyAdminForShopId(shop.shopId);
    expect((await again.query<{ shop: { name: string } }>(`query ShopName { shop { name } }`, {})).shop.name).toBe(
      "worker-sealed",
    );
  });
});
