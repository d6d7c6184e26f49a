import { createHmac, timingSafeEqual } from "node:crypto";

import { z } from "zod";

import { BodyTooLargeError } from "../http/body-limit.ts";
import { readBodyCapped } from "../http/read-body.ts";
import { type ShopDomain, shopDomainSchema } from "../shops/shop-domain.ts";

export interface VerifiedDelivery {
  /** Trimmed, lower-cased and validated (shops/shop-domain.ts). */
  shop: ShopDomain;
  topic: string;
  webhookId: string;
  eventId: string | null;
  apiVersion: string | null;
  triggeredAt: Date | null;
  rawBody: string;
}

export type VerifyResult =
  { ok: true; delivery: VerifiedDelivery } | { ok: false; status: 400 | 401 | 405 | 413; reason: string };

const headersSchema = z.object({
  hmac: z.string().min(1),
  topic: z.string().min(1),
  shop: shopDomainSchema,
  webhookId: z.string().min(1).max(200),
  eventId: z.string().max(200).nullable(),
  apiVersion: z.string().max(20).nullable(),
  triggeredAt: z.iso.datetime({ offset: true }).nullable(),
});

/**
 * Check a webhook request the way Shopify signs it: base64 HMAC-SHA256 of the raw body with the
 * app secret, compared in constant time. We verify ourselves instead of `authenticate.webhook`
 * because that also loads (and may refresh over the network) the shop's offline session, and a
 * webhook must be answered within milliseconds.
 */
export async function verifyWebhook(request: Request, secret: string): Promise<VerifyResult> {
  if (request.method !== "POST") return { ok: false, status: 405, reason: "only POST is allowed" };
  let rawBody: string;
  try {
    // Capped before the HMAC check: an unsigned body must not cost more than 1 MiB to refuse.
    rawBody = await readBodyCapped(request);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { ok: false, status: 413, reason: error.message };
    throw error;
  }
  const h = request.headers;
  const headers = headersSchema.safeParse({
    hmac: h.get("x-shopify-hmac-sha256"),
    topic: h.get("x-shopify-topic"),
    shop: h.get("x-shopify-shop-domain"),
    webhookId: h.get("x-shopify-webhook-id"),
    eventId: h.get("x-shopify-event-id"),
    apiVersion: h.get("x-shopify-api-version"),
    triggeredAt: h.get("x-shopify-triggered-at"),
  });
  // The signature is checked first so an unsigned request learns nothing about what else was wrong.
  const hmac = h.get("x-shopify-hmac-sha256");
  if (!hmac || !signatureMatches(rawBody, hmac, secret)) return { ok: false, status: 401, reason: "invalid HMAC" };
  if (!headers.success) {
    const fields = headers.error.issues.map((issue) => issue.path.join(".")).join(", ");
    return { ok: false, status: 400, reason: `missing or malformed headers: ${fields}` };
  }
  const { triggeredAt, ...rest } = headers.data;
  return { ok: true, delivery: { ...rest, triggeredAt: triggeredAt ? new Date(triggeredAt) : null, rawBody } };
}

function signatureMatches(rawBody: string, given: string, secret: string): boolean {
  const expected = createHmac("sha256", secret).update(rawBody, "utf8").digest();
  const actual = Buffer.from(given, "base64");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
