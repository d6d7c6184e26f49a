import { type ConnectionArgs, mapConnection, paginateList } from "./connection.ts";
import type { Lazy } from "./field-resolver.ts";
import { gid } from "./gid.ts";
import type { ShopState } from "./shop-state.ts";
import type { AddressRec, MetafieldRec } from "./store-types.ts";

export function addressView(rec: AddressRec | null, ownerName?: string): object | null {
  if (!rec) return null;
  const name = [rec.firstName, rec.lastName].filter(Boolean).join(" ") || ownerName || null;
  return {
    __typename: "MailingAddress",
    ...rec,
    id: gid("MailingAddress", `${rec.id}?model_name=CustomerAddress`),
    name,
    countryCodeV2: rec.countryCode,
    formatted: () =>
      [rec.address1, rec.address2, [rec.zip, rec.city].filter(Boolean).join(" "), rec.country].filter(
        (line): line is string => Boolean(line),
      ),
    formattedArea: [rec.city, rec.province, rec.country].filter(Boolean).join(", ") || null,
    coordinatesValidated: false,
  };
}

export function metafieldView(rec: MetafieldRec, ownerType: string): object {
  let jsonValue: unknown = rec.value;
  try {
    jsonValue = rec.type.startsWith("json") || rec.type.startsWith("list.") ? JSON.parse(rec.value) : rec.value;
  } catch {
    jsonValue = rec.value;
  }
  return {
    __typename: "Metafield",
    id: gid("Metafield", rec.id),
    legacyResourceId: String(rec.id),
    namespace: rec.namespace,
    key: rec.key,
    type: rec.type,
    value: rec.value,
    jsonValue,
    ownerType,
    compareDigest: `${rec.id}-${rec.updatedAt}`,
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
  };
}

/** `metafield(namespace, key)` and `metafields(first, namespace, keys)` for any owner. */
export function metafieldFields(
  list: () => MetafieldRec[],
  ownerType: string,
): { metafield: Lazy<unknown>; metafields: Lazy<unknown> } {
  return {
    metafield: (args) => {
      const ns = typeof args.namespace === "string" ? args.namespace : "$app";
      const found = list().find((m) => m.namespace === ns && m.key === args.key);
      return found ? metafieldView(found, ownerType) : null;
    },
    metafields: (args) => {
      const keys = Array.isArray(args.keys) ? (args.keys as string[]) : null;
      const filtered = list().filter(
        (m) =>
          (typeof args.namespace !== "string" || m.namespace === args.namespace) &&
          (!keys || keys.includes(`${m.namespace}.${m.key}`)),
      );
      const page = paginateList(filtered, args as ConnectionArgs, (m) => m.id);
      return mapConnection(page, (m) => metafieldView(m, ownerType));
    },
  };
}

/**
 * An ISO timestamp's span until now, worded like Shopify's `lifetimeDuration` ("about 1 month");
 * the sandbox's approximation of Rails' distance_of_time_in_words, not its exact thresholds.
 */
export function lifetime(state: ShopState, since: string): string {
  const days = Math.max(0, Math.floor((state.now() - Date.parse(since)) / 86_400_000));
  if (days < 1) return "less than a day";
  if (days < 30) return `${days} day${days === 1 ? "" : "s"}`;
  if (days < 365) return `about ${Math.round(days / 30)} month${Math.round(days / 30) === 1 ? "" : "s"}`;
  return `about ${Math.round(days / 365)} year${Math.round(days / 365) === 1 ? "" : "s"}`;
}
