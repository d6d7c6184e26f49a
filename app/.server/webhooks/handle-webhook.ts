import { getConfig } from "../config.ts";
import { acceptWebhook } from "./accept.ts";
import type { WebhookTopic } from "./topics.ts";
import { verifyWebhook } from "./verify.ts";

/** The whole of a webhook route: verify, record + enqueue, answer. */
export async function handleWebhook(request: Request, topic: WebhookTopic): Promise<Response> {
  const verified = await verifyWebhook(request, getConfig().SHOPIFY_API_SECRET);
  if (!verified.ok) return new Response(verified.reason, { status: verified.status });
  const result = await acceptWebhook(verified.delivery, topic);
  if (result.status === 400) return new Response(result.reason, { status: 400 });
  return new Response(null, { status: 200 });
}
