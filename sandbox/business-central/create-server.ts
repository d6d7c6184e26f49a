import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { flushBeforeAnswer } from "../common/flush-before-answer.ts";
import { isLoopback } from "../common/http-request.ts";
import { flushingAfter } from "../common/journal-file.ts";
import { BcError, noResource } from "./bc-error.ts";
import { handleApi } from "./http/api-route.ts";
import { authenticate } from "./http/auth.ts";
import { controlRoutes, handleControl } from "./http/control-routes.ts";
import { sendBcError } from "./http/http-util.ts";
import { FailureInjector, type Knobs } from "./http/knobs.ts";
import { RequestLog, type RequestLogEntry } from "./http/request-log.ts";
import { Throttle } from "./http/throttle.ts";
import { handleToken, TOKEN_PATH } from "./http/token-route.ts";
import type { BusinessCentralSandbox, BusinessCentralSandboxOptions } from "./sandbox-api.ts";
import { postInventoryAdjustment, reserveStock, setInventory } from "./store/inventory.ts";
import { setItemType } from "./store/item-type.ts";
import { postShipment } from "./store/posting.ts";
import { seedCompany } from "./store/seed.ts";
import { restoreTenants, snapshotTenants } from "./store/snapshot.ts";
import { type BusinessCentralPersistence, openBusinessCentralJournal } from "./store/snapshot-journal.ts";
import { TenantRegistry } from "./store/tenants.ts";

const API_PATH = /^\/v2\.0\/([^/]+)\/([^/]+)\/api\/(v2\.0|shopifyErpConnector\/connector\/v1\.0)(?:\/(.*))?$/;
const CUSTOM_API = "shopifyErpConnector/connector/v1.0";

/** Wall clock for the request log: real time even when the sandbox clock (`now`) is frozen. */
const wallClock = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function createBusinessCentralSandbox(
  options: BusinessCentralSandboxOptions = {},
): Promise<BusinessCentralSandbox> {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const tenants = new TenantRegistry(now);
  const defaults = (): Knobs => ({
    latencyMs: 0,
    delayAnswers: null,
    maxConcurrent: options.maxConcurrent ?? 5,
    rateLimitPerWindow: 6000,
    throttleRetryAfter: true,
    customApiEnabled: true,
  });
  const knobs = defaults();
  const failures = new FailureInjector();
  const requestLog = new RequestLog();
  // The rate window runs on the sandbox clock, so a test can advance `now` past it.
  const throttle = new Throttle(knobs, now);

  const requireCompany = (t: string, e: string, c: string) => {
    const data = tenants.company(t, e, c);
    if (!data) throw new Error(`no company ${c} in ${t}/${e}`);
    return data;
  };

  // Set once the journal is open (below, before the server listens); none without `persistence`.
  let journal: BusinessCentralPersistence | undefined;
  const flush = () => journal?.flush();
  /** In-process changes (the demo's setup, tests' postShipment) are journaled before they return too. */
  const flushing = flushingAfter(flush);

  const server = createServer((req, res) => {
    if (journal) flushBeforeAnswer(res, flush);
    route(req, res).catch((error: unknown) => {
      log(`bc sandbox: ${req.method} ${req.url} failed: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) sendBcError(res, new BcError(500, "Internal_ServerError", "An unexpected error occurred."));
      else res.end();
    });
  });

  const api: BusinessCentralSandbox = {
    url: "",
    port: 0,
    restored: false,
    tenants,
    knobs,
    failures,
    requestLog,
    setKnobs: (patch) =>
      Object.assign(knobs, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))),
    failNext: (rule) => failures.add(rule),
    addTenant: flushing((input) => tenants.addTenant(input)),
    addCompany: flushing((t, e, input) => tenants.addCompany(t, e, input)),
    company: requireCompany,
    seed: flushing((t, e, c, seedOptions) => seedCompany(requireCompany(t, e, c), seedOptions)),
    postShipment: flushing((t, e, c, orderId, shipment) =>
      postShipment(requireCompany(t, e, c), now, orderId, shipment),
    ),
    setInventory: flushing((t, e, c, { quantity, ...target }) => {
      setInventory(requireCompany(t, e, c), target, quantity);
    }),
    postInventoryAdjustment: flushing((t, e, c, input) => postInventoryAdjustment(requireCompany(t, e, c), input)),
    reserve: flushing((t, e, c, target) => reserveStock(requireCompany(t, e, c), target)),
    setItemType: flushing((t, e, c, itemNumber, type) => setItemType(requireCompany(t, e, c), itemNumber, type)),
    apiBaseUrl: (t, e) => `${api.url}/v2.0/${t}/${e}/api/v2.0`,
    customApiBaseUrl: (t, e) => `${api.url}/v2.0/${t}/${e}/api/${CUSTOM_API}`,
    tokenUrl: (t) => `${api.url}/${t}/oauth2/v2.0/token`,
    snapshot: () => snapshotTenants(tenants),
    // Parsed and built in full before the swap, so a bad value throws with the old tenants intact.
    restore: flushing((snapshot) => tenants.replaceAll(restoreTenants(snapshot, now))),
    async save() {
      await journal?.save();
    },
    reset() {
      tenants.reset();
      failures.clear();
      requestLog.clear();
      throttle.reset();
      Object.assign(knobs, defaults());
      flush();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      journal?.close();
    },
  };
  const routes = controlRoutes(api);
  if (options.persistence) {
    journal = await openBusinessCentralJournal(api, options.persistence, options.persistence.log ?? log);
    api.restored = journal.restored;
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // nextLinks and @odata.context are absolute URLs on the host the client used; behind a proxy
    // (the app's sandbox redirect of Microsoft's hosts), the one it forwarded for.
    const url = new URL(req.url ?? "/", publicOrigin(req) ?? api.url);
    if (url.pathname.startsWith("/sandbox/")) {
      if (!isLoopback(req)) {
        res.writeHead(403, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ error: "sandbox: the control API answers loopback clients only" }));
        return;
      }
      return handleControl(req, res, url, routes);
    }
    const method = req.method ?? "GET";
    const entry: RequestLogEntry = {
      method,
      path: `${url.pathname}${url.search}`,
      status: 0,
      startedAt: wallClock(),
      endedAt: 0,
      concurrent: 0,
    };
    let release: (() => void) | undefined;
    try {
      const token = TOKEN_PATH.exec(url.pathname);
      if (token) {
        const injected = failures.take(method, url.pathname);
        if (injected) throw injected;
        await handleToken(req, res, decodeURIComponent(token[1] ?? ""), tenants);
        return;
      }
      const match = API_PATH.exec(url.pathname);
      if (!match) throw noResource(url.href);
      const [, tenantId = "", environment = "", apiRoute = "", rest = ""] = match;
      const principal = authenticate(req, tenantId, tenants);
      entry.principal = principal;
      const companies = tenants.environment(tenantId, environment);
      // Guess at BC's answer for an environment that does not exist in the tenant.
      if (!companies) throw new BcError(404, "NoEnvironment", `Environment '${environment}' does not exist.`);
      if (apiRoute === CUSTOM_API && !knobs.customApiEnabled) throw noResource(url.href);
      const slot = throttle.acquire(`${tenantId.toLowerCase()}|${principal}`);
      release = slot.release;
      entry.concurrent = slot.concurrent;
      if (knobs.latencyMs > 0) await sleep(knobs.latencyMs);
      const injected = failures.take(method, url.pathname);
      if (injected) throw injected;
      const hold = knobs.delayAnswers;
      if (hold && hold.method === method && new RegExp(hold.path).test(url.pathname)) holdAnswer(res, hold.ms);
      await handleApi(req, res, {
        root: `${url.origin}/v2.0/${tenantId}/${environment}/api/${apiRoute}`,
        companies,
        custom: apiRoute === CUSTOM_API,
        rest,
        url,
        now,
      });
    } catch (error) {
      if (!(error instanceof BcError)) throw error;
      entry.errorCode = error.code;
      sendBcError(res, error);
    } finally {
      release?.();
      entry.status = res.statusCode;
      entry.endedAt = wallClock();
      requestLog.add(entry);
    }
  }

  /** The response is written when the work is done, but only sent `ms` later. */
  function holdAnswer(res: ServerResponse, ms: number) {
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      setTimeout(() => end(...args), ms);
      return res;
    }) as typeof res.end;
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === "IPv6" ? `[${address.address}]` : address.address;
  api.url = `http://${hostForUrl}:${address.port}`;
  api.port = address.port;
  log(`business central sandbox listening on ${api.url}`);
  return api;
}

function publicOrigin(req: IncomingMessage): string | null {
  const header = (name: string) => {
    const value = req.headers[name];
    return (Array.isArray(value) ? value[0] : value)?.split(",")[0]?.trim() || null;
  };
  const forwarded = header("x-forwarded-host");
  if (forwarded) return `${header("x-forwarded-proto") === "http" ? "http" : "https"}://${forwarded}`;
  return req.headers.host ? `http://${req.headers.host}` : null;
}
