import { and, eq } from "drizzle-orm";
import { z } from "zod";

import { sessions } from "../../../db/schema/sessions.ts";
import { adminOauthTokenUrl } from "../adapters/shopify/endpoint.ts";
import { getConfig } from "../config.ts";
import type { Db, DbOrTx } from "../db.ts";
import { openSessionToken, sealSessionToken } from "./session-tokens.ts";

/** Refresh this long before the access token expires: a call started just before still gets through. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export class ShopNotConnectedError extends Error {
  override name = "ShopNotConnectedError";
}

/** Shopify's answer to a refresh_token grant (expiring offline tokens: an hour, and 90 days). */
const refreshAnswerSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().min(1),
  refresh_token_expires_in: z.number().int().positive(),
  scope: z.string().optional(),
});

const sessionColumns = {
  accessToken: sessions.accessToken,
  expires: sessions.expires,
  refreshToken: sessions.refreshToken,
};
type TokenRow = { accessToken: string; expires: Date | null; refreshToken: string | null };

const offlineId = (shop: string) => `offline_${shop}`;
const offlineSession = (shop: string) => and(eq(sessions.id, offlineId(shop)), eq(sessions.shop, shop));

/**
 * The row's tokens opened (they are sealed at rest: session-tokens.ts). A row still in plain text
 * or sealed with the previous key is sealed again with the current key on the way.
 */
async function openRow(db: DbOrTx, shop: string, row: TokenRow): Promise<TokenRow> {
  const id = offlineId(shop);
  const access = openSessionToken(row.accessToken, id, "access");
  const refresh = row.refreshToken ? openSessionToken(row.refreshToken, id, "refresh") : null;
  if (access.needsReseal || refresh?.needsReseal) {
    await db
      .update(sessions)
      .set({
        accessToken: sealSessionToken(access.token, id, "access"),
        ...(refresh ? { refreshToken: sealSessionToken(refresh.token, id, "refresh") } : {}),
      })
      .where(and(offlineSession(shop), eq(sessions.accessToken, row.accessToken)));
  }
  return { ...row, accessToken: access.token, refreshToken: refresh?.token ?? null };
}

function needsRefresh(row: TokenRow, now: Date): boolean {
  return row.expires !== null && row.refreshToken !== null && row.expires.getTime() - now.getTime() < REFRESH_MARGIN_MS;
}

/**
 * The shop's offline access token for background work, refreshed first when it expires within
 * REFRESH_MARGIN_MS. Without this, a worker would fail every call an hour after the merchant last
 * opened the app (only the web process's library refreshed tokens). Refresh tokens rotate, so
 * refreshes are serialised on the session row: a second process waits, then reads the new token
 * instead of spending the old refresh token again. Tokens never reach a log or an error message.
 */
export async function offlineAccessToken(db: Db, shop: string, now: () => Date = () => new Date()): Promise<string> {
  const [stored] = await db.select(sessionColumns).from(sessions).where(offlineSession(shop));
  if (!stored) throw new ShopNotConnectedError(`${shop} has no offline session (uninstalled?)`);
  const row = await openRow(db, shop, stored);
  if (!needsRefresh(row, now())) return row.accessToken;
  return db.transaction(async (tx) => {
    const [lockedRow] = await tx.select(sessionColumns).from(sessions).where(offlineSession(shop)).for("update");
    if (!lockedRow) throw new ShopNotConnectedError(`${shop} has no offline session (uninstalled?)`);
    const locked = await openRow(tx, shop, lockedRow);
    if (!needsRefresh(locked, now())) return locked.accessToken;
    const config = getConfig();
    const response = await fetch(adminOauthTokenUrl(shop, { sandboxOrigin: config.SHOPIFY_SANDBOX_URL }), {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({
        client_id: config.SHOPIFY_API_KEY,
        client_secret: config.SHOPIFY_API_SECRET,
        grant_type: "refresh_token",
        refresh_token: locked.refreshToken,
      }),
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) {
      const reason = z.object({ error: z.string() }).safeParse(await response.json().catch(() => null));
      const detail = reason.success ? reason.data.error : `HTTP ${response.status}`;
      // invalid_grant: the refresh token expired (90 days unused) or was revoked; the merchant must open the app.
      throw new ShopNotConnectedError(
        `${shop}: refreshing the offline token failed (${detail}); open the app to reconnect`,
      );
    }
    const answer = refreshAnswerSchema.parse(await response.json());
    const at = now().getTime();
    await tx
      .update(sessions)
      .set({
        accessToken: sealSessionToken(answer.access_token, offlineId(shop), "access"),
        expires: new Date(at + answer.expires_in * 1000),
        refreshToken: sealSessionToken(answer.refresh_token, offlineId(shop), "refresh"),
        refreshTokenExpires: new Date(at + answer.refresh_token_expires_in * 1000),
        ...(answer.scope ? { scope: answer.scope } : {}),
      })
      .where(offlineSession(shop));
    return answer.access_token;
  });
}
