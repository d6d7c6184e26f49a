import { chmodSync, mkdtempSync, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import type { DemoInfo } from "../../scripts/demo/demo-state.ts";
import { demoFiles } from "../../scripts/demo/sandbox-snapshot.ts";
import { type DemoProcess, killGroup, spawnDemo, startDemoProcess } from "../support/demo-process.ts";

/**
 * A real `npm run demo` (its own process group, a temp data folder) SIGKILLed as a whole at
 * several moments, including while orders are being placed: every order the store acknowledged
 * and every ERP document that existed is there after the restart, with the same numbers, and new
 * orders and documents get new numbers.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), "demo-durability-"));
// mkdtemp makes it 0700; as root the embedded Postgres runs as `postgres` and must reach its folder
// inside (the demo's own files in it are 0600 either way).
chmodSync(dataDir, 0o755);
const running: DemoProcess[] = [];

afterAll(async () => {
  for (const demo of running) await killGroup(demo);
  await rm(dataDir, { recursive: true, force: true });
});

async function start(): Promise<{ demo: DemoProcess; info: DemoInfo; session: Session }> {
  const started = await startDemoProcess(dataDir);
  running.push(started.demo);
  return { ...started, session: await checkoutSession(started.info) };
}

/**
 * A token of another app ("checkout"): orders are placed outside the app's own rate-limit bucket,
 * as checkouts are, so the app's read-backs are not starved. Registered anew each session (the
 * sandbox's app registry is set up by whoever starts it, not kept).
 */
async function checkoutSession(info: DemoInfo): Promise<Session> {
  const origin = new URL(info.shopify.adminApiUrl).origin;
  const post = async (route: string, body: unknown) => {
    const res = await fetch(`${origin}/sandbox/${route}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox ${route}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  await post("apps", { apiKey: "checkout", apiSecret: "checkout-secret", appUrl: "http://127.0.0.1:9" });
  const installed = await post("installs", { shop: info.shopify.shop, apiKey: "checkout" });
  return { info, token: String(installed.accessToken) };
}

interface Session {
  info: DemoInfo;
  token: string;
}

async function admin<T>(session: Session, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  for (;;) {
    const res = await fetch(session.info.shopify.adminApiUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": session.token },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: { extensions?: { code?: string } }[] };
    if (body.errors?.[0]?.extensions?.code === "THROTTLED") {
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    if (!body.data) throw new Error(`Admin API: ${JSON.stringify(body)}`);
    return body.data;
  }
}

type Catalog = { productVariants: { nodes: { id: string }[] }; customers: { nodes: { id: string }[] } };
const CATALOG = `{ productVariants(first: 10) { nodes { id } } customers(first: 5) { nodes { id } } }`;
const ORDER_CREATE = `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { name } userErrors { message } } }`;

/** Places an order as a checkout would; resolves with its name once the store acknowledged it. */
async function placeOrder(session: Session, catalog: Catalog, n: number): Promise<string> {
  const data = await admin<{ orderCreate: { order: { name: string } | null; userErrors: unknown[] } }>(
    session,
    ORDER_CREATE,
    {
      order: {
        customer: { toAssociate: { id: catalog.customers.nodes[n % catalog.customers.nodes.length]!.id } },
        financialStatus: "PAID",
        lineItems: [
          { variantId: catalog.productVariants.nodes[n % catalog.productVariants.nodes.length]!.id, quantity: 1 },
        ],
      },
    },
  );
  if (!data.orderCreate.order) throw new Error(`orderCreate: ${JSON.stringify(data.orderCreate.userErrors)}`);
  return data.orderCreate.order.name;
}

async function storeOrderNames(session: Session): Promise<Set<string>> {
  const data = await admin<{ orders: { nodes: { name: string }[] } }>(
    session,
    `{ orders(first: 250) { nodes { name } } }`,
  );
  return new Set(data.orders.nodes.map((o) => o.name));
}

/** The ERP's documents (open and posted) by the Shopify order name they carry, read over BC's API. */
async function erpDocuments(info: DemoInfo): Promise<Map<string, string>> {
  const bc = info.businessCentral;
  const tokenRes = await fetch(bc.tokenUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: bc.clientId,
      client_secret: bc.clientSecret,
      scope: "https://api.businesscentral.dynamics.com/.default",
    }),
  });
  const { access_token: token } = (await tokenRes.json()) as { access_token: string };
  const documents = new Map<string, string>();
  for (const set of ["salesOrders", "salesInvoices"]) {
    let next: string | undefined = `${bc.apiBaseUrl}/companies(${bc.companyId})/${set}`;
    while (next) {
      const res = await fetch(next, { headers: { Authorization: `Bearer ${token}` } });
      const body = (await res.json()) as {
        value: { number: string; externalDocumentNumber: string }[];
        "@odata.nextLink"?: string;
      };
      for (const doc of body.value) documents.set(doc.externalDocumentNumber, doc.number);
      next = body["@odata.nextLink"];
    }
  }
  return documents;
}

async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, ms = 120_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value, replacer)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
const replacer = (_key: string, value: unknown) => (value instanceof Map ? [...value] : value);

/** After a restart: every acknowledged order and every document seen before, with the same numbers. */
async function expectEverythingKept(session: Session, acknowledged: Set<string>, documents: Map<string, string>) {
  const names = await storeOrderNames(session);
  expect([...acknowledged].filter((name) => !names.has(name))).toEqual([]);
  const after = await erpDocuments(session.info);
  expect([...documents].filter(([ext, number]) => after.get(ext) !== number)).toEqual([]);
}

describe("the demo after a SIGKILL of its whole process group", () => {
  it(
    "keeps every acknowledged order and ERP document, and hands out no number twice",
    { timeout: 900_000 },
    async () => {
      // First session: orders placed and turned into ERP documents, then the whole group killed.
      let { demo, info, session } = await start();
      const catalog = await admin<Catalog>(session, CATALOG);
      const acknowledged = new Set<string>();
      for (let n = 0; n < 3; n++) acknowledged.add(await placeOrder(session, catalog, n));
      let documents = await waitFor(
        "the first orders' ERP documents",
        () => erpDocuments(info),
        (docs) => [...acknowledged].every((name) => docs.has(name)),
      );
      await killGroup(demo);
      // A file an older demo left world-readable is made owner-only on the next start.
      chmodSync(path.join(dataDir, "sandbox-business-central.json"), 0o644);

      // Second session: everything is back; then killed while orders are still being placed.
      ({ demo, info, session } = await start());
      await expectEverythingKept(session, acknowledged, documents);
      for (const file of demoFiles(dataDir)) expect(statSync(file).mode & 0o777, file).toBe(0o600);
      let placing = true;
      let n = 3;
      const flowing = session;
      const callers = Array.from({ length: 3 }, async () => {
        // Paced as checkouts are: the kill lands while orders flow, without leaving a backlog that a
        // loaded machine takes minutes to clear in the next session.
        while (placing) {
          try {
            acknowledged.add(await placeOrder(flowing, catalog, n++));
            await new Promise((resolve) => setTimeout(resolve, 200));
          } catch {
            return; // the kill: this order was never acknowledged
          }
        }
      });
      documents = await waitFor(
        "ERP documents made during the flow",
        () => erpDocuments(info),
        (docs) => docs.size >= 6 && acknowledged.size >= 12,
      );
      await killGroup(demo);
      placing = false;
      await Promise.all(callers);

      // Third session: nothing acknowledged is missing, and numbers continue past every one handed out.
      ({ demo, info, session } = await start());
      await expectEverythingKept(session, acknowledged, documents);
      const next = await placeOrder(session, catalog, n++);
      expect(acknowledged.has(next)).toBe(false);
      const highest = Math.max(...[...acknowledged].map((name) => Number(name.slice(1))));
      expect(Number(next.slice(1))).toBeGreaterThan(highest);
      // The new session first finishes the orders the kill interrupted (their jobs are released
      // once the dead worker has been silent for a minute), so this may take a while.
      const withNext = await waitFor(
        "the new order's ERP document",
        () => erpDocuments(info),
        (docs) => docs.has(next),
        300_000,
      );
      expect([...documents.values()]).not.toContain(withNext.get(next));

      // Killed right after the start too: the start's own writes (setup, compaction) lose nothing.
      const seen = await erpDocuments(info);
      await killGroup(demo);
      acknowledged.add(next);
      ({ demo, info, session } = await start());
      await expectEverythingKept(session, acknowledged, seen);
      await killGroup(demo);

      // Sandboxes gone but the database kept: the demo refuses, names what is missing and how to start afresh.
      await rm(path.join(dataDir, "sandbox-shopify.json"));
      await rm(path.join(dataDir, "sandbox-shopify.journal"));
      const refused = spawnDemo(dataDir);
      running.push(refused);
      expect(await refused.exited).toBe(1);
      expect(refused.output()).toMatch(/\d+ Shopify orders missing from the sandbox store \(#1001, #1002, #1003/);
      expect(refused.output()).toContain(`rm -rf '${dataDir}' && DEMO_DATA_DIR='${dataDir}' npm run demo`);
      expect(refused.output()).not.toMatch(/\n\s+at /);
    },
  );
});
