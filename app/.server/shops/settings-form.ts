import { getDb } from "../db.ts";
import { getShopSettings, saveShopSettings } from "../queries/shops.ts";
import { type ShopSettings, shopSettingsSchema } from "./settings-schema.ts";

export type SettingsSaveResult =
  { ok: true; settings: ShopSettings } | { ok: false; fieldErrors: Record<string, string> };

/** Boolean fields arrive as "true"/"false" from the form; everything else as text. */
const booleanFields = new Set([
  "allowBackgroundSyncs",
  "allowOutgoingWrites",
  "orders.importEnabled",
  "orders.autoProcess",
  "customers.createUnknownInErp",
  "products.createUnknownInErp",
  "inventory.enabled",
]);

/** Dotted form field names (`orders.importSince`) → the nested object the schema expects. */
export function settingsInputFromForm(form: FormData): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, raw] of form.entries()) {
    if (typeof raw !== "string" || name.startsWith("_")) continue;
    let value: unknown = raw;
    if (booleanFields.has(name)) value = raw === "true" ? true : raw === "false" ? false : raw;
    else if (name === "orders.importSince" && raw === "") value = null;
    const path = name.split(".");
    let node = input;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      node = (typeof next === "object" && next !== null ? next : (node[key] = {})) as Record<string, unknown>;
    }
    node[path[path.length - 1] ?? name] = value;
  }
  return input;
}

export function loadSettings(shopId: number): Promise<ShopSettings> {
  return getShopSettings(getDb(), shopId);
}

/** Validate and save; on any error nothing is saved and every bad field is named. */
export async function saveSettingsForm(shopId: number, form: FormData): Promise<SettingsSaveResult> {
  const parsed = shopSettingsSchema.safeParse(settingsInputFromForm(form));
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".")] ??= issue.message;
    return { ok: false, fieldErrors };
  }
  await saveShopSettings(getDb(), shopId, parsed.data);
  return { ok: true, settings: parsed.data };
}
