import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

import { z } from "zod";

/** Clock skew allowed on `exp`/`nbf`, like shopify-api's JWT_PERMITTED_CLOCK_TOLERANCE. */
const LEEWAY_SECONDS = 10;

export interface SessionTokenInput {
  shop: string;
  apiKey: string;
  apiSecret: string;
  /** Staff user id (`sub`); Shopify always sends one for admin users. Default 1. */
  userId?: number | string;
  /** Shopify issues one-minute tokens. Default 60. */
  ttlSeconds?: number;
  /** Seconds since the epoch; tests pass it to mint expired tokens. */
  now?: number;
}

const sessionTokenPayload = z.object({
  iss: z.string(),
  dest: z.string().url(),
  aud: z.string(),
  sub: z.string().optional(),
  exp: z.number(),
  nbf: z.number(),
  iat: z.number(),
  jti: z.string().optional(),
  sid: z.string().optional(),
});
export type SessionTokenPayload = z.infer<typeof sessionTokenPayload>;

const base64url = (input: Buffer | string): string => Buffer.from(input).toString("base64url");

const sign = (data: string, secret: string): string => createHmac("sha256", secret).update(data).digest("base64url");

/** An App Bridge session token (HS256 JWT signed with the app secret), shaped like Shopify's. */
export function signSessionToken(input: SessionTokenInput): string {
  const now = input.now ?? Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload: SessionTokenPayload = {
    iss: `https://${input.shop}/admin`,
    dest: `https://${input.shop}`,
    aud: input.apiKey,
    sub: String(input.userId ?? 1),
    exp: now + (input.ttlSeconds ?? 60),
    nbf: now,
    iat: now,
    jti: randomUUID(),
    sid: randomUUID(),
  };
  const body = base64url(JSON.stringify(payload));
  return `${header}.${body}.${sign(`${header}.${body}`, input.apiSecret)}`;
}

export type VerifyResult = { ok: true; payload: SessionTokenPayload; shop: string } | { ok: false; reason: string };

/** Checks signature, audience, time window and `dest`; the shop comes from `dest`. */
export function verifySessionToken(
  token: string,
  expected: { apiKey: string; apiSecret: string; now?: number },
): VerifyResult {
  const parts = token.split(".");
  const [header, body, signature] = parts;
  if (parts.length !== 3 || !header || !body || !signature) return { ok: false, reason: "malformed JWT" };
  const expectedSig = Buffer.from(sign(`${header}.${body}`, expected.apiSecret));
  const givenSig = Buffer.from(signature);
  if (expectedSig.length !== givenSig.length || !timingSafeEqual(expectedSig, givenSig)) {
    return { ok: false, reason: "signature verification failed" };
  }
  let decoded: unknown;
  try {
    const headerJson: unknown = JSON.parse(Buffer.from(header, "base64url").toString("utf8"));
    if (z.object({ alg: z.literal("HS256") }).safeParse(headerJson).success === false) {
      return { ok: false, reason: "unsupported alg" };
    }
    decoded = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed JWT" };
  }
  const parsed = sessionTokenPayload.safeParse(decoded);
  if (!parsed.success) return { ok: false, reason: "invalid claims" };
  const payload = parsed.data;
  const now = expected.now ?? Math.floor(Date.now() / 1000);
  if (payload.aud !== expected.apiKey) return { ok: false, reason: "aud does not match client_id" };
  if (payload.exp + LEEWAY_SECONDS < now) return { ok: false, reason: "token expired" };
  if (payload.nbf - LEEWAY_SECONDS > now) return { ok: false, reason: "token not yet valid" };
  const dest = new URL(payload.dest);
  if (dest.protocol !== "https:" || !dest.hostname.endsWith(".myshopify.com")) {
    return { ok: false, reason: "dest is not https://<shop>.myshopify.com" };
  }
  return { ok: true, payload, shop: dest.hostname };
}

/** Reads claims without verifying, to find which app a token claims to be for. */
export function peekAudience(token: string): string | undefined {
  const body = token.split(".")[1];
  if (!body) return undefined;
  try {
    const parsed = z.object({ aud: z.string() }).safeParse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
    return parsed.success ? parsed.data.aud : undefined;
  } catch {
    return undefined;
  }
}
