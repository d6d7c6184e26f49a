import type { IncomingMessage, ServerResponse } from "node:http";

import { z } from "zod";

import { readBody } from "../../common/http-request.ts";
import { BcError } from "../bc-error.ts";
import type { BusinessCentralSandbox } from "../sandbox-api.ts";
import { inventoryAdjustmentInputSchema } from "./body-schemas.ts";
import { failureRuleSchema, knobsPatchSchema } from "./knobs.ts";

const tenantSchema = z.object({
  tenantId: z.string().min(1),
  environment: z.string().min(1),
  clients: z.array(z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1) })).default([]),
  basicAuth: z.object({ user: z.string(), password: z.string() }).optional(),
});
const companySchema = z.object({
  id: z.string().uuid().optional(),
  name: z.string().min(1),
  displayName: z.string().optional(),
});
const seedSchema = z.object({
  seed: z.number().int().optional(),
  products: z.number().int().min(0).optional(),
  variantsPerProduct: z.number().int().min(1).optional(),
  locations: z.number().int().min(1).optional(),
  customers: z.number().int().min(0).optional(),
});
const shipmentSchema = z.object({
  /** The sales order: its SystemId, its number ("S-ORD101001") or its external document no. ("#1001"). */
  orderId: z.string().optional(),
  orderNumber: z.string().optional(),
  externalDocumentNumber: z.string().optional(),
  lines: z.array(z.object({ lineId: z.string(), quantity: z.number().positive() })).optional(),
  packageTrackingNumber: z.string().max(50).optional(),
  shippingAgentCode: z.string().max(10).optional(),
  shippingAgentServiceCode: z.string().max(10).optional(),
});
const inventorySchema = z.object({
  itemNumber: z.string(),
  variantCode: z.string().optional(),
  locationCode: z.string(),
  quantity: z.number(),
});

const reserveSchema = z.object({
  itemNumber: z.string().min(1),
  variantCode: z.string().optional(),
  locationCode: z.string().optional(),
  /** Units reserved from inventory at that item/variant/location (absolute, not a delta). */
  quantity: z.number().min(0),
});
const itemTypeSchema = z.object({
  itemNumber: z.string().min(1),
  type: z.enum(["Inventory", "Service", "Non-Inventory"]),
});

type Handler = (input: { body: unknown; params: string[] }) => unknown;
const COMPANY = /^\/sandbox\/tenants\/([^/]+)\/environments\/([^/]+)\/companies\/([^/]+)/;

/**
 * The sandbox's own control API (`/sandbox/*`, loopback only): JSON in, JSON out, zod at the door.
 * Per company (`/sandbox/tenants/{t}/environments/{e}/companies/{id}/…`): `seed`, `shipments` (the
 * warehouse posts a shipment), `inventory` (set stock to an absolute quantity), `inventory-adjustments`
 * (as the companion page's POST), `reserve` (units reserved from inventory) and `item-type`
 * (validated as BC does). Business Central errors keep their status and `{error:{code,message}}`.
 */
export function controlRoutes(api: BusinessCentralSandbox): { method: string; path: RegExp; handle: Handler }[] {
  const sub = (suffix: string) => new RegExp(`${COMPANY.source}/${suffix}$`);
  return [
    { method: "GET", path: /^\/sandbox\/health$/, handle: () => ({ ok: true }) },
    {
      method: "POST",
      path: /^\/sandbox\/tenants$/,
      handle: ({ body }) => (api.addTenant(tenantSchema.parse(body)), { ok: true }),
    },
    {
      method: "POST",
      path: /^\/sandbox\/tenants\/([^/]+)\/environments\/([^/]+)\/companies$/,
      handle: ({ body, params: [t = "", e = ""] }) => api.addCompany(t, e, companySchema.parse(body)).info,
    },
    {
      method: "POST",
      path: sub("seed"),
      handle: ({ body, params: [t = "", e = "", c = ""] }) => api.seed(t, e, c, seedSchema.parse(body ?? {})),
    },
    {
      method: "POST",
      path: sub("shipments"),
      handle: ({ body, params: [t = "", e = "", c = ""] }) => {
        const { orderId, orderNumber, externalDocumentNumber, ...options } = shipmentSchema.parse(body);
        const order = api
          .company(t, e, c)
          .salesOrders.all()
          .find(
            (o) =>
              o.id === orderId ||
              (orderNumber !== undefined && o.number === orderNumber) ||
              (externalDocumentNumber !== undefined && o.externalDocumentNumber === externalDocumentNumber),
          );
        if (!order) {
          throw new BcError(
            404,
            "Internal_RecordNotFound",
            "No open sales order matches orderId, orderNumber or externalDocumentNumber.",
          );
        }
        return api.postShipment(t, e, c, order.id, options);
      },
    },
    {
      method: "POST",
      path: sub("inventory"),
      handle: ({ body, params: [t = "", e = "", c = ""] }) => (
        api.setInventory(t, e, c, inventorySchema.parse(body)),
        { ok: true }
      ),
    },
    {
      method: "POST",
      path: sub("inventory-adjustments"),
      handle: ({ body, params: [t = "", e = "", c = ""] }) =>
        api.postInventoryAdjustment(t, e, c, inventoryAdjustmentInputSchema.parse(body)),
    },
    {
      method: "POST",
      path: sub("reserve"),
      handle: ({ body, params: [t = "", e = "", c = ""] }) => api.reserve(t, e, c, reserveSchema.parse(body)),
    },
    {
      method: "POST",
      path: sub("item-type"),
      handle: ({ body, params: [t = "", e = "", c = ""] }) => {
        const { itemNumber, type } = itemTypeSchema.parse(body);
        return api.setItemType(t, e, c, itemNumber, type);
      },
    },
    { method: "GET", path: /^\/sandbox\/knobs$/, handle: () => api.knobs },
    { method: "POST", path: /^\/sandbox\/knobs$/, handle: ({ body }) => api.setKnobs(knobsPatchSchema.parse(body)) },
    { method: "GET", path: /^\/sandbox\/failures$/, handle: () => ({ failures: api.failures.pending() }) },
    {
      method: "POST",
      path: /^\/sandbox\/failures$/,
      handle: ({ body }) => (api.failNext(failureRuleSchema.parse(body)), { failures: api.failures.pending() }),
    },
    { method: "DELETE", path: /^\/sandbox\/failures$/, handle: () => (api.failures.clear(), { ok: true }) },
    {
      method: "GET",
      path: /^\/sandbox\/requests$/,
      handle: () => ({ requests: api.requestLog.entries(), maxConcurrent: api.requestLog.maxOverlap() }),
    },
    { method: "DELETE", path: /^\/sandbox\/requests$/, handle: () => (api.requestLog.clear(), { ok: true }) },
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
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  };
  for (const route of routes) {
    const match = route.method === method ? url.pathname.match(route.path) : null;
    if (!match) continue;
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw === "" ? undefined : (JSON.parse(raw) as unknown);
    } catch {
      send(400, { error: "sandbox: body is not JSON" });
      return;
    }
    try {
      send(200, await route.handle({ body, params: match.slice(1).map((p) => decodeURIComponent(p)) }));
    } catch (error) {
      // A BC error keeps its status and shape (404 unknown item, 400 refused change), so tests and
      // the demo can tell a refusal from a sandbox bug (500).
      if (error instanceof BcError) {
        send(error.status, error.body());
        return;
      }
      const zod = error instanceof z.ZodError;
      send(zod ? 400 : 500, {
        error: error instanceof Error ? error.message : String(error),
        ...(zod ? { detail: z.flattenError(error) } : {}),
      });
    }
    return;
  }
  send(404, { error: `sandbox: no control route ${method} ${url.pathname}` });
}
