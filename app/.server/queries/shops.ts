import { and, eq, isNull, sql } from "drizzle-orm";

import { sessions } from "../../../db/schema/sessions.ts";
import { shops } from "../../../db/schema/shops.ts";
import type { DbOrTx } from "../db.ts";
import { readShopSettings, type ShopSettings } from "../domain/settings-schema.ts";

export interface ShopRow {
  id: number;
  domain: string;
  installedAt: Date | null;
  uninstalledAt: Date | null;
}

/**
 * The shop's id, creating its row on first sight (a webhook may arrive before any session).
 * Reads first: an upsert on every request would lock the shop's row and serialise all of its
 * concurrent webhooks behind one another.
 */
export async function ensureShop(db: DbOrTx, domain: string): Promise<number> {
  const existing = await findShopByDomain(db, domain);
  if (existing) return existing.id;
  const [inserted] = await db
    .insert(shops)
    .values({ domain })
    .onConflictDoNothing({ target: shops.domain })
    .returning({ id: shops.id });
  const id = inserted?.id ?? (await findShopByDomain(db, domain))?.id;
  if (id === undefined) throw new Error(`could not record shop ${domain}`);
  return id;
}

export async function findShopByDomain(db: DbOrTx, domain: string): Promise<ShopRow | undefined> {
  const [row] = await db
    .select({ id: shops.id, domain: shops.domain, installedAt: shops.installedAt, uninstalledAt: shops.uninstalledAt })
    .from(shops)
    .where(eq(shops.domain, domain));
  return row;
}

export async function getShopSettings(db: DbOrTx, shopId: number): Promise<ShopSettings> {
  const [row] = await db.select({ settings: shops.settings }).from(shops).where(eq(shops.id, shopId));
  return readShopSettings(row?.settings);
}

export async function saveShopSettings(db: DbOrTx, shopId: number, settings: ShopSettings): Promise<void> {
  await db.update(shops).set({ settings, updatedAt: new Date() }).where(eq(shops.id, shopId));
}

export async function saveShopDetails(
  db: DbOrTx,
  shopId: number,
  details: { name: string; currencyCode: string; ianaTimezone: string; planName: string },
): Promise<void> {
  await db
    .update(shops)
    .set({ ...details, updatedAt: new Date() })
    .where(eq(shops.id, shopId));
}

export async function getShopName(db: DbOrTx, shopId: number): Promise<string | null> {
  const [row] = await db.select({ name: shops.name }).from(shops).where(eq(shops.id, shopId));
  return row?.name ?? null;
}

/** Install (or reinstall): clears a previous uninstall. */
export async function markShopInstalled(
  db: DbOrTx,
  input: { domain: string; scopes: string | null; at: Date },
): Promise<number> {
  const [row] = await db
    .insert(shops)
    .values({ domain: input.domain, scopes: input.scopes, installedAt: input.at })
    .onConflictDoUpdate({
      target: shops.domain,
      set: { scopes: input.scopes, installedAt: input.at, uninstalledAt: null, updatedAt: input.at },
    })
    .returning({ id: shops.id });
  if (!row) throw new Error(`could not record install of ${input.domain}`);
  return row.id;
}

/**
 * Uninstall: forget the shop's sessions and mark it uninstalled. An uninstall that happened before
 * the latest install (a late or replayed webhook after a reinstall) changes nothing.
 */
export async function markShopUninstalled(db: DbOrTx, input: { shopId: number; domain: string; at: Date }) {
  const updated = await db
    .update(shops)
    .set({ uninstalledAt: input.at, updatedAt: new Date() })
    .where(
      and(
        eq(shops.id, input.shopId),
        isNull(shops.uninstalledAt),
        sql`(${shops.installedAt} is null or ${shops.installedAt} <= ${input.at.toISOString()}::timestamptz)`,
      ),
    )
    .returning({ id: shops.id });
  if (updated.length > 0) await db.delete(sessions).where(eq(sessions.shop, input.domain));
  return { changed: updated.length > 0 };
}

export async function updateShopScopes(db: DbOrTx, input: { shopId: number; domain: string; scopes: string }) {
  await db.update(shops).set({ scopes: input.scopes, updatedAt: new Date() }).where(eq(shops.id, input.shopId));
  await db.update(sessions).set({ scope: input.scopes }).where(eq(sessions.shop, input.domain));
}

/** shop/redact: remove everything we hold for the shop (child rows cascade). */
export async function deleteShopData(db: DbOrTx, input: { shopId: number; domain: string }): Promise<void> {
  await db.delete(sessions).where(eq(sessions.shop, input.domain));
  await db.delete(shops).where(eq(shops.id, input.shopId));
}
