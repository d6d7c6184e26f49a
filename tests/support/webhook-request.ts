import { createHmac, randomUUID } from "node:crypto";

import { testEnv } from "../setup/test-env.ts";

/** A webhook request signed the way Shopify signs it (or with another secret, to test rejection). */
export function webhookRequest(input: {
  topic: string;
  shop: string;
  body: unknown;
  webhookId?: string;
  triggeredAt?: Date;
  secret?: string;
  rawBody?: string;
}): Request {
  const raw = input.rawBody ?? JSON.stringify(input.body);
  const hmac = createHmac("sha256", input.secret ?? testEnv.SHOPIFY_API_SECRET)
    .update(raw)
    .digest("base64");
  return new Request(`${testEnv.SHOPIFY_APP_URL}/webhooks/${input.topic}`, {
    method: "POST",
    body: raw,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Hmac-Sha256": hmac,
      "X-Shopify-Topic": input.topic,
      "X-Shopify-Shop-Domain": input.shop,
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Webhook-Id": input.webhookId ?? randomUUID(),
      "X-Shopify-Event-Id": randomUUID(),
      "X-Shopify-Triggered-At": (input.triggeredAt ?? new Date()).toISOString(),
    },
  });
}

export function orderPayload(id: number, updatedAt: string, name = `#${id}`) {
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name,
    updated_at: updatedAt,
    email: "buyer@example.com",
    customer: { id: 77, email: "buyer@example.com" },
  };
}
