import { randomBytes } from "node:crypto";

import { z } from "zod";

export const registeredAppSchema = z.object({
  apiKey: z.string().min(1),
  apiSecret: z.string().min(1),
  appUrl: z.string().url(),
  scopes: z.array(z.string()).default([]),
  webhooks: z
    .array(
      z.object({
        topics: z.array(z.string()),
        uri: z.string(),
        name: z.string().optional(),
        /**
         * shopify.app.toml's `include_fields`: the payload keeps only these fields (a dotted path
         * such as `variants.price` keeps that field of each nested object).
         */
        includeFields: z.array(z.string().min(1)).optional(),
      }),
    )
    .default([]),
  /** Shown in the admin frame's top bar; defaults to the api key. */
  name: z.string().optional(),
});
export type RegisteredApp = z.infer<typeof registeredAppSchema>;
export type RegisteredAppInput = z.input<typeof registeredAppSchema>;

export interface IssuedToken {
  shop: string;
  apiKey: string;
  online: boolean;
  userId?: string;
  /** Epoch ms; undefined = never expires (classic offline token). */
  expiresAt?: number;
}

interface RefreshGrant {
  shop: string;
  apiKey: string;
  expiresAt: number;
}

const installKey = (shop: string, apiKey: string): string => `${shop}|${apiKey}`;
const newToken = (prefix: string): string => `${prefix}_${randomBytes(16).toString("hex")}`;

/** Apps (like deployed shopify.app.toml files), installations and the tokens Shopify would have issued. */
export class AppRegistry {
  readonly #apps = new Map<string, RegisteredApp>();
  /** shop|apiKey → the stable offline token handed out by installApp. */
  readonly #installs = new Map<string, string>();
  readonly #tokens = new Map<string, IssuedToken>();
  readonly #refreshTokens = new Map<string, RefreshGrant>();

  register(input: RegisteredAppInput): RegisteredApp {
    const app = registeredAppSchema.parse(input);
    this.#apps.set(app.apiKey, app);
    return app;
  }

  app(apiKey: string): RegisteredApp | undefined {
    return this.#apps.get(apiKey);
  }

  apps(): RegisteredApp[] {
    return [...this.#apps.values()];
  }

  isInstalled(shop: string, apiKey: string): boolean {
    return this.#installs.has(installKey(shop, apiKey));
  }

  /** Apps installed on a shop. */
  installedApps(shop: string): RegisteredApp[] {
    return this.apps().filter((app) => this.isInstalled(shop, app.apiKey));
  }

  installations(): { shop: string; apiKey: string }[] {
    return [...this.#installs.keys()].map((key) => {
      const [shop = "", apiKey = ""] = key.split("|");
      return { shop, apiKey };
    });
  }

  install(shop: string, apiKey: string, accessToken?: string): { accessToken: string } {
    const key = installKey(shop, apiKey);
    const existing = this.#installs.get(key);
    const token = accessToken ?? existing ?? newToken("shpat");
    this.#installs.set(key, token);
    this.#tokens.set(token, { shop, apiKey, online: false });
    return { accessToken: token };
  }

  /** Removes the installation and every token issued for it. */
  uninstall(shop: string, apiKey: string): boolean {
    const existed = this.#installs.delete(installKey(shop, apiKey));
    for (const [token, issued] of this.#tokens) {
      if (issued.shop === shop && issued.apiKey === apiKey) this.#tokens.delete(token);
    }
    for (const [token, grant] of this.#refreshTokens) {
      if (grant.shop === shop && grant.apiKey === apiKey) this.#refreshTokens.delete(token);
    }
    return existed;
  }

  /** The token's owner, if it is known and not expired. */
  lookupToken(token: string, now = Date.now()): IssuedToken | undefined {
    const issued = this.#tokens.get(token);
    if (!issued) return undefined;
    if (issued.expiresAt !== undefined && issued.expiresAt <= now) return undefined;
    return issued;
  }

  issueExpiringOffline(
    shop: string,
    apiKey: string,
    ttl: { accessSeconds: number; refreshSeconds: number },
  ): { accessToken: string; refreshToken: string } {
    const now = Date.now();
    const accessToken = newToken("shpat");
    const refreshToken = newToken("shprt");
    this.#tokens.set(accessToken, { shop, apiKey, online: false, expiresAt: now + ttl.accessSeconds * 1000 });
    this.#refreshTokens.set(refreshToken, { shop, apiKey, expiresAt: now + ttl.refreshSeconds * 1000 });
    return { accessToken, refreshToken };
  }

  issueOnline(shop: string, apiKey: string, userId: string, ttlSeconds: number): string {
    const token = newToken("shpua");
    this.#tokens.set(token, { shop, apiKey, online: true, userId, expiresAt: Date.now() + ttlSeconds * 1000 });
    return token;
  }

  /** Refresh tokens rotate: a used one is spent. */
  consumeRefreshToken(token: string, apiKey: string): RefreshGrant | undefined {
    const grant = this.#refreshTokens.get(token);
    if (!grant || grant.apiKey !== apiKey || grant.expiresAt <= Date.now()) return undefined;
    this.#refreshTokens.delete(token);
    return grant;
  }

  reset(): void {
    this.#apps.clear();
    this.#installs.clear();
    this.#tokens.clear();
    this.#refreshTokens.clear();
  }
}
