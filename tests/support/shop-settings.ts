import { getDb } from "../../app/.server/db.ts";
import { shopSettingsSchema } from "../../app/.server/domain/settings-schema.ts";
import { getShopSettings, saveShopSettings } from "../../app/.server/queries/shops.ts";

/** Changes a shop's settings as the Settings page saves them: the whole object, parsed by the schema. */
export async function setSettings(shopId: number, patch: (s: Record<string, any>) => void): Promise<void> {
  const settings = structuredClone(await getShopSettings(getDb(), shopId)) as Record<string, any>;
  patch(settings);
  await saveShopSettings(getDb(), shopId, shopSettingsSchema.parse(settings));
}
