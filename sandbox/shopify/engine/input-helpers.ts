import { toCents } from "./money.ts";
import { nextId, type ShopState } from "./shop-state.ts";
import type { AddressRec, Cents, MetafieldRec } from "./store-types.ts";

export type Input = Record<string, unknown>;

export function asInput(value: unknown): Input | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Input) : null;
}

export function asList(value: unknown): Input[] {
  return Array.isArray(value) ? value.map(asInput).filter((v): v is Input => v !== null) : [];
}

export function str(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/** `{shopMoney: {amount}}` from a MoneyBagInput, in cents. */
export function bagCents(value: unknown): Cents | null {
  return toCents(asInput(asInput(value)?.shopMoney)?.amount);
}

export interface UserError {
  field: string[] | null;
  message: string;
  code?: string | null;
}

export function addressFromInput(state: ShopState, value: unknown): AddressRec | null {
  const a = asInput(value);
  if (!a) return null;
  return {
    id: nextId(state, "Other"),
    firstName: str(a.firstName),
    lastName: str(a.lastName),
    company: str(a.company),
    address1: str(a.address1),
    address2: str(a.address2),
    city: str(a.city),
    province: str(a.province),
    provinceCode: str(a.provinceCode) ?? str(a.province),
    country: str(a.country) ?? str(a.countryCode),
    countryCode: str(a.countryCode) ?? (str(a.country)?.length === 2 ? str(a.country) : null),
    zip: str(a.zip),
    phone: str(a.phone),
  };
}

/** Upserts MetafieldInput/MetafieldsSetInput entries by (namespace, key); omitted namespace is the app's. */
export function upsertMetafields(state: ShopState, list: MetafieldRec[], inputs: Input[], at: string): MetafieldRec[] {
  const touched: MetafieldRec[] = [];
  for (const m of inputs) {
    const namespace = str(m.namespace) ?? "$app";
    const key = str(m.key);
    if (!key) continue;
    const existing = list.find((x) => x.namespace === namespace && x.key === key);
    if (existing) {
      existing.value = str(m.value) ?? existing.value;
      existing.type = str(m.type) ?? existing.type;
      existing.updatedAt = at;
      touched.push(existing);
    } else {
      const rec: MetafieldRec = {
        id: nextId(state, "Other"),
        namespace,
        key,
        type: str(m.type) ?? "single_line_text_field",
        value: str(m.value) ?? "",
        createdAt: at,
        updatedAt: at,
      };
      list.push(rec);
      touched.push(rec);
    }
  }
  return touched;
}

export function normalizeTags(value: unknown): string[] {
  const raw = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : [];
  const tags = raw
    .flatMap((t) => String(t).split(","))
    .map((t) => t.trim())
    .filter(Boolean);
  return [...new Set(tags)];
}
