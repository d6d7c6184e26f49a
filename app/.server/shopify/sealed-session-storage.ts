import { Session } from "@shopify/shopify-api";
import type { DrizzleSessionStoragePostgres } from "@shopify/shopify-app-session-storage-drizzle";

import type { SecretCipher } from "../secrets/cipher.ts";
import { getSecretCipher } from "../secrets/secret-cipher.ts";
import { requireShopDomain } from "../shops/shop-domain.ts";
import { openSessionToken, sealSessionToken } from "./session-tokens.ts";

/** The library's session storage interface (structurally; its package is not a direct dependency). */
type SessionStorage = Pick<
  DrizzleSessionStoragePostgres,
  "storeSession" | "loadSession" | "deleteSession" | "deleteSessions" | "findSessionsByShop"
>;

/**
 * The library's session storage with the tokens sealed: `storeSession` seals the access and
 * refresh tokens before the inner storage writes them, `loadSession`/`findSessionsByShop` open
 * them after it reads. A row still in plain text (from before sealing) or sealed with the previous
 * key is opened and stored again sealed with the current key on first load.
 * Shop domains are normalised here too (one rule, shops/shop-domain.ts), so a session can never
 * be filed under a second spelling of the same shop.
 */
export class SealedSessionStorage implements SessionStorage {
  private readonly inner: SessionStorage;
  private readonly cipher: () => SecretCipher;

  constructor(inner: SessionStorage, cipher: () => SecretCipher = getSecretCipher) {
    this.inner = inner;
    this.cipher = cipher;
  }

  async storeSession(session: Session): Promise<boolean> {
    return this.inner.storeSession(this.sealed(session));
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const stored = await this.inner.loadSession(normaliseId(id));
    return stored ? this.opened(stored) : undefined;
  }

  deleteSession(id: string): Promise<boolean> {
    return this.inner.deleteSession(normaliseId(id));
  }

  deleteSessions(ids: string[]): Promise<boolean> {
    return this.inner.deleteSessions(ids.map(normaliseId));
  }

  async findSessionsByShop(shop: string): Promise<Session[]> {
    const stored = await this.inner.findSessionsByShop(requireShopDomain(shop));
    return Promise.all(stored.map((session) => this.opened(session)));
  }

  private sealed(session: Session): Session {
    const shop = requireShopDomain(session.shop);
    const id = normaliseId(session.id);
    const params = session.toObject();
    return new Session({
      ...params,
      id,
      shop,
      ...(params.accessToken ? { accessToken: sealSessionToken(params.accessToken, id, "access", this.cipher()) } : {}),
      ...(params.refreshToken
        ? { refreshToken: sealSessionToken(params.refreshToken, id, "refresh", this.cipher()) }
        : {}),
    });
  }

  private async opened(stored: Session): Promise<Session> {
    const params = stored.toObject();
    const access = params.accessToken ? openSessionToken(params.accessToken, stored.id, "access", this.cipher()) : null;
    const refresh = params.refreshToken
      ? openSessionToken(params.refreshToken, stored.id, "refresh", this.cipher())
      : null;
    const session = new Session({
      ...params,
      ...(access ? { accessToken: access.token } : {}),
      ...(refresh ? { refreshToken: refresh.token } : {}),
    });
    if (access?.needsReseal || refresh?.needsReseal) await this.storeSession(session);
    return session;
  }
}

/** Session ids embed the shop domain (`offline_<shop>`, `<shop>_<user>`): normalised with it. */
function normaliseId(id: string): string {
  return id.trim().toLowerCase();
}
