import { z } from "zod";

/**
 * The webhook topics the app subscribes to (shopify.app.toml), each with the payload shape we rely
 * on. A payload that does not match is answered 400 and recorded nowhere.
 */
const orderPayload = z.looseObject({
  id: z.number().int(),
  admin_graphql_api_id: z.string().startsWith("gid://shopify/Order/"),
  name: z.string(),
  updated_at: z.string(),
});

/**
 * `products/update` with the subscription's include_fields (shopify.app.toml): only the product's
 * identity is relied on, since the import reads the product back from the Admin API.
 */
const productPayload = z.looseObject({
  id: z.number().int(),
  admin_graphql_api_id: z.string().startsWith("gid://shopify/Product/"),
  updated_at: z.string(),
});

/**
 * `inventory_levels/update`: a level's available quantity at `updated_at`, with legacy numeric ids.
 * On hand and committed are not in it (ADR 020).
 */
const inventoryLevelPayload = z.looseObject({
  inventory_item_id: z.number().int().positive(),
  location_id: z.number().int().positive(),
  available: z.number().int().nullable(),
  updated_at: z.string().refine((s) => !Number.isNaN(Date.parse(s)), "must be a date-time"),
});

/** `inventory_items/update` (include_fields in shopify.app.toml): only whether the item is tracked. */
const inventoryItemPayload = z.looseObject({
  admin_graphql_api_id: z.string().startsWith("gid://shopify/InventoryItem/"),
  tracked: z.boolean(),
});

/**
 * `customers/create|update|delete` (include_fields in shopify.app.toml): only the customer's
 * identity; "Sync customers" reads the customer back from the Admin API.
 */
const customerPayload = z.looseObject({
  id: z.number().int().positive(),
  updated_at: z.string().nullish(),
});

/** `companies/*` (include_fields): only the company's id; "Sync companies" reads it back. */
const companyPayload = z.looseObject({
  admin_graphql_api_id: z.string().startsWith("gid://shopify/Company/"),
});

/** `company_locations/*`: the location and its company, which "Sync companies" reads again. */
const companyLocationPayload = z.looseObject({
  admin_graphql_api_id: z.string().startsWith("gid://shopify/CompanyLocation/"),
  company: z.looseObject({ admin_graphql_api_id: z.string().startsWith("gid://shopify/Company/") }),
});

/** `refunds/create` (include_fields): the refund and its order; "Process refunds" reads it back. */
const refundPayload = z.looseObject({
  id: z.number().int().positive(),
  order_id: z.number().int().positive(),
});

/** `returns/*`: the return with its status, order, units and decline; kept as the order's return record. */
const returnPayload = z.looseObject({
  admin_graphql_api_id: z.string().startsWith("gid://shopify/Return/"),
  name: z.string().max(100).nullish(),
  status: z.string().min(1).max(40),
  order: z.looseObject({ admin_graphql_api_id: z.string().startsWith("gid://shopify/Order/") }),
  total_return_line_items: z.number().int().min(0).nullish(),
  decline: z.looseObject({ reason: z.string().max(100).nullish() }).nullish(),
});

export const returnTopics = [
  "returns/request",
  "returns/approve",
  "returns/decline",
  "returns/cancel",
  "returns/close",
  "returns/reopen",
  "returns/process",
  "returns/update",
] as const;

export const webhookPayloadSchemas = {
  "orders/create": orderPayload,
  "orders/updated": orderPayload,
  "orders/cancelled": orderPayload,
  "products/update": productPayload,
  "inventory_levels/update": inventoryLevelPayload,
  "inventory_items/update": inventoryItemPayload,
  "customers/create": customerPayload,
  "customers/update": customerPayload,
  "customers/delete": customerPayload,
  "refunds/create": refundPayload,
  ...(Object.fromEntries(returnTopics.map((t) => [t, returnPayload])) as Record<
    (typeof returnTopics)[number],
    typeof returnPayload
  >),
  "companies/create": companyPayload,
  "companies/update": companyPayload,
  "companies/delete": companyPayload,
  "company_locations/create": companyLocationPayload,
  "company_locations/update": companyLocationPayload,
  "company_locations/delete": companyLocationPayload,
  "app/uninstalled": z.looseObject({}),
  "app/scopes_update": z.looseObject({ current: z.array(z.string()) }),
  "bulk_operations/finish": z.looseObject({
    admin_graphql_api_id: z.string(),
    status: z.string(),
  }),
  "customers/data_request": z.looseObject({
    shop_domain: z.string(),
    customer: z.looseObject({ id: z.number().int() }),
    orders_requested: z.array(z.number().int()),
    data_request: z.looseObject({ id: z.number().int() }),
  }),
  "customers/redact": z.looseObject({
    shop_domain: z.string(),
    customer: z.looseObject({ id: z.number().int(), email: z.string().nullish(), phone: z.string().nullish() }),
    orders_to_redact: z.array(z.number().int()),
  }),
  "shop/redact": z.looseObject({ shop_domain: z.string() }),
} as const;

export type WebhookTopic = keyof typeof webhookPayloadSchemas;
export type WebhookPayload<T extends WebhookTopic> = z.infer<(typeof webhookPayloadSchemas)[T]>;

export const webhookTopics = Object.keys(webhookPayloadSchemas) as WebhookTopic[];
