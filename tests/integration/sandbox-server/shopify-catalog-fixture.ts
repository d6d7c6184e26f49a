import type { PlanName, SeedOptions } from "../../../sandbox/shopify/contracts.ts";
import { createShopifyEngine, type SandboxShopifyEngine } from "../../../sandbox/shopify/engine/create-engine.ts";
import { createShopifySandboxServer } from "../../../sandbox/shopify/server/create-server.ts";
import type { SandboxServerApi } from "../../../sandbox/shopify/server/sandbox-api.ts";
import { graphql } from "./sandbox-fixture.ts";
import { startWebhookReceiver } from "./webhook-receiver.ts";

export const SHOP = "catalog-shop.myshopify.com";
export const APP = { apiKey: "catalog-app", apiSecret: "catalog-secret" };

export interface GqlBody<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface CatalogSandbox {
  engine: SandboxShopifyEngine;
  server: SandboxServerApi;
  receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  token: string;
  /** POSTs a document to the Admin API over HTTP as the installed app. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GqlBody<T>>;
  /** Webhook bodies the app received for `topic`, parsed. */
  webhooks(topic: string): Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * The real engine behind the real HTTP server, one shop (seeded or empty), our app installed with
 * webhook subscriptions pointing at a local receiver.
 */
export async function startCatalogSandbox(
  options: {
    plan?: PlanName;
    seed?: SeedOptions;
    topics?: string[];
    includeFields?: string[];
    engine?: SandboxShopifyEngine;
  } = {},
): Promise<CatalogSandbox> {
  const receiver = await startWebhookReceiver();
  const engine = options.engine ?? createShopifyEngine();
  if (!engine.hasShop(SHOP)) {
    engine.createShop({ domain: SHOP, name: "Catalog Shop", plan: options.plan ?? "standard" });
  }
  if (options.seed) engine.seed(SHOP, options.seed);
  const server = await createShopifySandboxServer({ engine, port: 0, webhookRetrySchedule: [] });
  server.registerApp({
    ...APP,
    appUrl: receiver.url,
    scopes: ["write_products", "write_files"],
    webhooks: [
      {
        topics: options.topics ?? ["bulk_operations/finish", "products/create", "products/update", "products/delete"],
        uri: "/webhooks",
        ...(options.includeFields ? { includeFields: options.includeFields } : {}),
      },
    ],
  });
  const { accessToken: token } = server.installApp(SHOP, APP.apiKey);
  return {
    engine,
    server,
    receiver,
    token,
    async gql<T>(query: string, variables?: Record<string, unknown>, asToken = token) {
      const { status, body } = await graphql(server.url, asToken, { query, variables });
      if (status !== 200) throw new Error(`Admin API answered ${status}: ${JSON.stringify(body)}`);
      return body as GqlBody<T>;
    },
    webhooks: (topic) =>
      receiver.received
        .filter((r) => r.headers["x-shopify-topic"] === topic)
        .map((r) => JSON.parse(r.body) as Record<string, unknown>),
    async close() {
      // Let background work and its webhooks land first: an in-flight delivery holds the receiver open.
      await engine.idle();
      await server.webhooks.waitForIdle();
      await server.close();
      await receiver.close();
    },
  };
}

/** Polls `read` until `done` holds (the sandbox finishes background work a few milliseconds later). */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Uploads bytes to a staged target the way a client would (POST form with the parameters, then the file; or PUT). */
export async function uploadToTarget(
  target: { url: string; parameters: { name: string; value: string }[] },
  bytes: Buffer,
  filename: string,
  mimeType: string,
): Promise<Response> {
  const isPut = target.parameters.some((p) => p.name === "content_type");
  if (isPut) {
    return fetch(target.url, { method: "PUT", headers: { "Content-Type": mimeType }, body: new Uint8Array(bytes) });
  }
  const form = new FormData();
  for (const p of target.parameters) form.append(p.name, p.value);
  form.append("file", new Blob([new Uint8Array(bytes)], { type: mimeType }), filename);
  return fetch(target.url, { method: "POST", body: form });
}

export const STAGED_UPLOADS = `mutation($input: [StagedUploadInput!]!) {
  stagedUploadsCreate(input: $input) {
    stagedTargets { url resourceUrl parameters { name value } }
    userErrors { field message }
  }
}`;

export interface StagedTarget {
  url: string;
  resourceUrl: string | null;
  parameters: { name: string; value: string }[];
}

/** stagedUploadsCreate for one file, then the upload; returns the target. */
export async function stageFile(
  sandbox: CatalogSandbox,
  input: { resource: string; filename: string; mimeType: string; httpMethod?: "POST" | "PUT" },
  bytes: Buffer,
): Promise<StagedTarget> {
  const staged = await sandbox.gql<{ stagedUploadsCreate: { stagedTargets: StagedTarget[] } }>(STAGED_UPLOADS, {
    input: [{ httpMethod: "POST", ...input }],
  });
  const target = staged.data?.stagedUploadsCreate.stagedTargets[0];
  if (!target) throw new Error(`no staged target: ${JSON.stringify(staged)}`);
  const uploaded = await uploadToTarget(target, bytes, input.filename, input.mimeType);
  if (!uploaded.ok) throw new Error(`upload failed: ${uploaded.status} ${await uploaded.text()}`);
  return target;
}

/** A valid PNG of the given size (header and one IDAT chunk; enough for Shopify-style processing). */
export function png(width: number, height: number, seed = 0): Buffer {
  const header = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write("IHDR", 4, "ascii");
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.set([8, 6, 0, 0, 0], 16);
  const body = Buffer.from(`sandbox-image-${seed}`);
  return Buffer.concat([header, ihdr, body]);
}

export const BULK_STATUS = `query($id: ID!) { node(id: $id) { ... on BulkOperation {
  id status errorCode objectCount rootObjectCount fileSize url partialDataUrl type createdAt completedAt } } }`;

export interface BulkView {
  id: string;
  status: string;
  errorCode: string | null;
  objectCount: string;
  rootObjectCount: string;
  fileSize: string | null;
  url: string | null;
  partialDataUrl: string | null;
  type: string;
  createdAt: string;
  completedAt: string | null;
}

/** Polls a bulk operation until it leaves CREATED/RUNNING/CANCELING. */
export async function finished(sandbox: CatalogSandbox, id: string): Promise<BulkView> {
  const view = await until(
    async () => (await sandbox.gql<{ node: BulkView }>(BULK_STATUS, { id })).data?.node,
    (op) => Boolean(op && !["CREATED", "RUNNING", "CANCELING"].includes(op.status)),
  );
  return view!;
}

/** The JSONL at `url`, one parsed object per line. */
export async function jsonl(url: string): Promise<Record<string, unknown>[]> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  const text = await response.text();
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
