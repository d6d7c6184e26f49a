import type { IncomingMessage, ServerResponse } from "node:http";

import { z } from "zod";

import { readBody } from "../../common/http-request.ts";
import { registeredAppSchema } from "./app-registry.ts";
import { CORS_HEADERS, sendJson } from "./http-util.ts";
import type { SandboxServerApi } from "./sandbox-api.ts";
import { knobsPatchSchema } from "./webhook-knobs.ts";

const shopSchema = z.object({
  domain: z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "must be <name>.myshopify.com"),
  name: z.string().optional(),
  plan: z.enum(["standard", "advanced", "plus"]).optional(),
  currencyCode: z.string().length(3).optional(),
});
const seedSchema = z.object({
  seed: z.number().int().optional(),
  products: z.number().int().min(0).optional(),
  variantsPerProduct: z.number().int().min(1).optional(),
  locations: z.number().int().min(1).optional(),
  customers: z.number().int().min(0).optional(),
  orders: z.number().int().min(0).optional(),
  companies: z.number().int().min(0).max(1).optional(),
});
const fulfillmentServiceSchema = z.object({ name: z.string().min(1), ownerApiKey: z.string().min(1).optional() });
const dropResponseSchema = z.object({
  operation: z.string().min(1),
  times: z.number().int().min(0),
  shop: z.string().nullish(),
  mode: z.enum(["reset", "502"]).optional(),
});
const payoutStatus = z.enum(["SCHEDULED", "IN_TRANSIT", "PAID", "FAILED", "CANCELED"]);
const payoutCreateSchema = z.object({ status: payoutStatus.optional(), issuedAt: z.iso.datetime().optional() });
const payoutStatusSchema = z.object({ status: payoutStatus });
const clockSchema = z.object({ advanceMs: z.number().int().min(0) });
const existingVariantsSchema = z.object({ count: z.number().int().min(0).max(10_000_000) });
const installSchema = z.object({ shop: z.string(), apiKey: z.string(), accessToken: z.string().optional() });
const tokenQuerySchema = z.object({
  shop: z.string(),
  apiKey: z.string(),
  userId: z.string().optional(),
});

type Handler = (input: { body: unknown; url: URL; params: string[] }) => Promise<unknown> | unknown;

/** The sandbox's own control API (`/sandbox/*`): JSON in, JSON out, zod at the door. */
export function controlRoutes(api: SandboxServerApi): { method: string; path: RegExp; handle: Handler }[] {
  return [
    {
      method: "GET",
      path: /^\/sandbox\/health$/,
      handle: () => ({ ok: true, shops: api.engine.listShops(), apps: api.registry.apps().map((a) => a.apiKey) }),
    },
    { method: "GET", path: /^\/sandbox\/shops$/, handle: () => ({ shops: api.engine.listShops() }) },
    {
      method: "POST",
      path: /^\/sandbox\/shops$/,
      handle: ({ body }) => {
        const input = shopSchema.parse(body);
        api.engine.createShop(input);
        return { shop: input.domain };
      },
    },
    {
      method: "POST",
      path: /^\/sandbox\/shops\/([^/]+)\/seed$/,
      handle: ({ body, params }) => ({ summary: api.engine.seed(params[0] ?? "", seedSchema.parse(body ?? {})) }),
    },
    {
      // Every fulfillment of the order with what the Admin API does not show (message, notifyCustomer).
      method: "GET",
      path: /^\/sandbox\/shops\/([^/]+)\/orders\/([^/]+)\/fulfillments$/,
      handle: ({ params }) => ({ fulfillments: api.fulfillments(params[0] ?? "", params[1] ?? "") }),
    },
    {
      // A fulfillment service owned by another app (default "sandbox-3pl"): move lines there to test 3PL orders.
      method: "POST",
      path: /^\/sandbox\/shops\/([^/]+)\/fulfillment-services$/,
      handle: ({ body, params }) => {
        const input = fulfillmentServiceSchema.parse(body);
        const created = api.createFulfillmentService(params[0] ?? "", {
          name: input.name,
          ...(input.ownerApiKey ? { ownerApiKey: input.ownerApiKey } : {}),
        });
        return { fulfillmentService: created };
      },
    },
    {
      // {count}: the store holds that many variants besides its records (a store over the variant
      // throttle's 50,000 without making them); productVariantsCount and the throttle count them.
      method: "POST",
      path: /^\/sandbox\/shops\/([^/]+)\/existing-variants$/,
      handle: ({ body, params }) => api.setExistingVariants(params[0] ?? "", existingVariantsSchema.parse(body).count),
    },
    {
      // Shopify's payout schedule on demand: every pending Shopify Payments balance transaction goes
      // into a new payout ({status?: SCHEDULED | IN_TRANSIT, issuedAt?}); 409 when none is pending.
      method: "POST",
      path: /^\/sandbox\/shops\/([^/]+)\/payouts$/,
      handle: ({ body, params }) => {
        const input = payoutCreateSchema.parse(body ?? {});
        return {
          payout: api.createPayout(params[0] ?? "", {
            ...(input.status ? { status: input.status } : {}),
            ...(input.issuedAt ? { issuedAt: input.issuedAt } : {}),
          }),
        };
      },
    },
    {
      // {status: "PAID"}: the bank has the money (or FAILED / CANCELED); `:id` is the payout's number or gid.
      method: "POST",
      path: /^\/sandbox\/shops\/([^/]+)\/payouts\/([^/]+)\/status$/,
      handle: ({ body, params }) => ({
        payout: api.setPayoutStatus(params[0] ?? "", params[1] ?? "", payoutStatusSchema.parse(body).status),
      }),
    },
    {
      // {advanceMs}: the store's clock jumps forward (e.g. a day, past the variant throttle's window).
      method: "POST",
      path: /^\/sandbox\/clock$/,
      handle: ({ body }) => ({ now: new Date(api.advanceClock(clockSchema.parse(body).advanceMs)).toISOString() }),
    },
    // Fault knob: {operation: "fulfillmentCreate", times: 1, shop?, mode?: "reset" | "502"} applies the
    // next matching requests and loses their answers (reset connection by default). times 0 disarms.
    {
      method: "GET",
      path: /^\/sandbox\/knobs\/drop-response$/,
      handle: () => ({ knobs: api.engine.dropResponseKnobs() }),
    },
    {
      method: "POST",
      path: /^\/sandbox\/knobs\/drop-response$/,
      handle: ({ body }) => {
        const input = dropResponseSchema.parse(body);
        return {
          knobs: api.dropResponses({
            operation: input.operation,
            times: input.times,
            shop: input.shop ?? null,
            ...(input.mode ? { mode: input.mode } : {}),
          }),
        };
      },
    },
    {
      method: "GET",
      path: /^\/sandbox\/apps$/,
      handle: () => ({ apps: api.registry.apps().map(({ apiSecret: _s, ...app }) => app) }),
    },
    {
      method: "POST",
      path: /^\/sandbox\/apps$/,
      handle: ({ body }) => {
        const app = api.registerApp(registeredAppSchema.parse(body));
        return { apiKey: app.apiKey };
      },
    },
    { method: "GET", path: /^\/sandbox\/installs$/, handle: () => ({ installs: api.registry.installations() }) },
    {
      method: "POST",
      path: /^\/sandbox\/installs$/,
      handle: ({ body }) => {
        const input = installSchema.parse(body);
        return api.installApp(
          input.shop,
          input.apiKey,
          input.accessToken === undefined ? undefined : { accessToken: input.accessToken },
        );
      },
    },
    {
      method: "POST",
      path: /^\/sandbox\/uninstall$/,
      handle: ({ body }) => {
        const input = installSchema.parse(body);
        api.uninstallApp(input.shop, input.apiKey);
        return { ok: true };
      },
    },
    {
      method: "GET",
      path: /^\/sandbox\/session-token$/,
      handle: ({ url }) => {
        const q = tokenQuerySchema.parse(Object.fromEntries(url.searchParams));
        const token = api.signSessionToken({
          shop: q.shop,
          apiKey: q.apiKey,
          ...(q.userId ? { userId: q.userId } : {}),
        });
        return { token, expiresAt: Date.now() + 60_000 };
      },
    },
    { method: "GET", path: /^\/sandbox\/webhooks\/knobs$/, handle: () => api.webhooks.knobs },
    {
      method: "POST",
      path: /^\/sandbox\/webhooks\/knobs$/,
      handle: ({ body }) => api.webhooks.setKnobs(knobsPatchSchema.parse(body)),
    },
    { method: "POST", path: /^\/sandbox\/webhooks\/pause$/, handle: () => (api.webhooks.pause(), { ok: true }) },
    {
      method: "POST",
      path: /^\/sandbox\/webhooks\/resume$/,
      handle: async () => (await api.webhooks.resume(), { ok: true }),
    },
    {
      method: "POST",
      path: /^\/sandbox\/webhooks\/flush$/,
      handle: async () => (await api.webhooks.flush(), { ok: true }),
    },
    {
      method: "POST",
      path: /^\/sandbox\/webhooks\/wait-idle$/,
      handle: async () => (await api.webhooks.waitForIdle(), { ok: true }),
    },
    { method: "GET", path: /^\/sandbox\/webhooks\/log$/, handle: () => ({ deliveries: api.webhooks.log() }) },
    { method: "DELETE", path: /^\/sandbox\/webhooks\/log$/, handle: () => (api.webhooks.clearLog(), { ok: true }) },
    { method: "POST", path: /^\/sandbox\/reset$/, handle: () => (api.reset(), { ok: true }) },
  ];
}

export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  routes: ReturnType<typeof controlRoutes>,
): Promise<void> {
  const method = req.method ?? "GET";
  for (const route of routes) {
    const match = route.method === method ? url.pathname.match(route.path) : null;
    if (!match) continue;
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw === "" ? undefined : (JSON.parse(raw) as unknown);
    } catch {
      sendJson(res, 400, { error: "sandbox: body is not JSON" }, CORS_HEADERS);
      return;
    }
    try {
      const result = await route.handle({ body, url, params: match.slice(1).map((p) => decodeURIComponent(p)) });
      sendJson(res, 200, result, CORS_HEADERS);
    } catch (error) {
      const status = error instanceof z.ZodError ? 400 : error instanceof SandboxRequestError ? error.status : 500;
      const detail = error instanceof z.ZodError ? z.flattenError(error) : undefined;
      sendJson(res, status, { error: error instanceof Error ? error.message : String(error), detail }, CORS_HEADERS);
    }
    return;
  }
  sendJson(res, 404, { error: `sandbox: no control route ${method} ${url.pathname}` }, CORS_HEADERS);
}

/** A caller mistake on the control API (unknown app, shop, ...), answered with `status`. */
export class SandboxRequestError extends Error {
  readonly status: number;
  constructor(message: string, status = 400) {
    super(message);
    this.status = status;
  }
}
