/**
 * A real `npm run demo` stopped the way a terminal stops it: the signal goes to its whole process
 * group (npm, the shell, node and, before the fix, embedded Postgres). Here, not in
 * tests/integration, because the demo serves the production build (built on first start when
 * stale, as `npm run test:e2e` expects); two demo runs take about a minute once it is built.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DemoInfo } from "../../scripts/demo/demo-state.ts";

const root = path.resolve(import.meta.dirname, "../..");
const BC_SCOPE = "https://api.businesscentral.dynamics.com/.default";
let dataDir: string;
const running: ChildProcess[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "demo-signals-"));
  // As root, embedded Postgres runs as `postgres`, which must reach its data folder.
  await chmod(dataDir, 0o755);
});

afterAll(async () => {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
  }
  await rm(dataDir, { recursive: true, force: true });
});

interface Demo {
  child: ChildProcess;
  info: DemoInfo;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `npm run demo -- --data-dir <tmp>`, leading its own process group as a terminal's job does. */
async function startDemo(): Promise<Demo> {
  let output = "";
  const child = spawn("npm", ["run", "demo", "--", "--data-dir", dataDir], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const ready = expect.poll(() => output, { timeout: 240_000, interval: 250 }).toMatch(/Scripts: /);
  const died = exited.then(({ code }) => {
    throw new Error(`the demo exited with ${code} before it was ready:\n${output}`);
  });
  await Promise.race([ready, died]);
  const info = JSON.parse(await readFile(path.join(dataDir, "demo.json"), "utf8")) as DemoInfo;
  return { child, info, output: () => output, exited };
}

/** Signal the demo's whole process group; it must exit 0 within 10 s, with no error or stack. */
async function stopDemo(demo: Demo, signal: "SIGINT" | "SIGTERM") {
  const before = demo.output().length;
  const sentAt = Date.now();
  process.kill(-demo.child.pid!, signal);
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([
    demo.exited,
    new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), 10_000))),
  ]);
  clearTimeout(timer);
  const tookMs = Date.now() - sentAt;
  const said = demo.output().slice(before);
  expect(result, said).toEqual({ code: 0, signal: null });
  expect(said).not.toMatch(/error|\n\s+at .+:\d+:\d+/i);
  expect(said).toMatch(/stopped database/);
  return tookMs;
}

async function adminGraphql(info: DemoInfo, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(info.shopify.adminApiUrl, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": info.shopify.accessToken },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown };
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** The BC sales orders whose external document number is the Shopify order's name. */
async function bcSalesOrders(info: DemoInfo, orderName: string): Promise<{ number: string }[]> {
  const bc = info.businessCentral;
  const token = (await (
    await fetch(bc.tokenUrl, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: bc.clientId,
        client_secret: bc.clientSecret,
        scope: BC_SCOPE,
      }),
    })
  ).json()) as { access_token: string };
  const filter = encodeURIComponent(`externalDocumentNumber eq '${orderName.replaceAll("'", "''")}'`);
  const response = await fetch(`${bc.apiBaseUrl}/companies(${bc.companyId})/salesOrders?$filter=${filter}`, {
    headers: { Authorization: `Bearer ${token.access_token}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { value: { number: string }[] }).value;
}

async function appOrder(info: DemoInfo, orderName: string) {
  const sql = postgres(info.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ status: string; erp_document_number: string | null }[]>`
      select o.status, o.erp_document_number from orders o join shops s on s.id = o.shop_id
      where s.domain = ${info.shopify.shop} and o.name = ${orderName}`;
    return row;
  } finally {
    await sql.end();
  }
}

describe("npm run demo, stopped through its process group", () => {
  it("exits 0 within 10 s on SIGINT and on SIGTERM, and the next start has the orders and ERP documents", async () => {
    const first = await startDemo();
    // A seeded customer: the sandbox ERP has its twin, so the order needs no mapping.
    const seeded = await adminGraphql(
      first.info,
      `{ customers(first: 1) { nodes { id } } productVariants(first: 2) { nodes { id } } }`,
    );
    const created = await adminGraphql(
      first.info,
      `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id name } userErrors { message } } }`,
      {
        order: {
          customer: { toAssociate: { id: seeded.customers.nodes[0].id } },
          financialStatus: "PAID",
          lineItems: [{ variantId: seeded.productVariants.nodes[0].id, quantity: 2 }],
        },
      },
    );
    expect(created.orderCreate.userErrors).toEqual([]);
    const name = created.orderCreate.order.name as string;
    // Webhook → import → processing → a BC sales order, all inside the running demo.
    await expect
      .poll(async () => (await appOrder(first.info, name))?.status, { timeout: 60_000, interval: 500 })
      .toBe("processed");
    const documents = await bcSalesOrders(first.info, name);
    expect(documents).toHaveLength(1);

    const sigintMs = await stopDemo(first, "SIGINT");

    const second = await startDemo();
    expect(await appOrder(second.info, name)).toMatchObject({
      status: "processed",
      erp_document_number: documents[0]!.number,
    });
    expect(await bcSalesOrders(second.info, name)).toEqual(documents);
    const sigtermMs = await stopDemo(second, "SIGTERM");
    console.log(`demo stopped in ${sigintMs} ms (SIGINT) and ${sigtermMs} ms (SIGTERM)`);
  }, 600_000);
});
