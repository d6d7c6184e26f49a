/** Shopify global ids: `gid://shopify/Order/1001`, optionally with a `?query` tail. */
export function gid(type: string, id: number | string): string {
  return `gid://shopify/${type}/${id}`;
}

export interface ParsedGid {
  type: string;
  id: number;
  params: URLSearchParams;
}

export function parseGid(value: unknown): ParsedGid | null {
  if (typeof value !== "string") return null;
  const m = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?(.*))?$/.exec(value);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  return { type: m[1], id: Number(m[2]), params: new URLSearchParams(m[3] ?? "") };
}

/** The numeric id when `value` is a GID of `type`, else null. */
export function idOf(value: unknown, type: string): number | null {
  const parsed = parseGid(value);
  return parsed && parsed.type === type ? parsed.id : null;
}

export function inventoryLevelGid(locationId: number, itemId: number): string {
  return `gid://shopify/InventoryLevel/${locationId}?inventory_item_id=${itemId}`;
}
