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

export const webhookPayloadSchemas = {
  "orders/create": orderPayload,
  "orders/updated": orderPayload,
  "orders/cancelled": orderPayload,
  "products/update": productPayload,
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
