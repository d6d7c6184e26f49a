import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../app/.server/db.ts";
import { handleConnectionAction } from "../../app/.server/erp/connection-actions.ts";
import type { ConnectionForm } from "../../app/.server/erp/connection-form.ts";
import { erpAdapterForShop, saveConnectionForm, testConnectionForm } from "../../app/.server/erp/connections.ts";
import { ensureShop } from "../../app/.server/queries/shops.ts";
import { createBusinessCentralSandbox } from "../../sandbox/business-central/create-server.ts";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";

const TENANT = "contoso.onmicrosoft.com";
const CLIENT = { clientId: "11111111-2222-3333-4444-555555555555", clientSecret: "correct-horse-battery-staple" };
let db: TestDatabase;
let bc: Awaited<ReturnType<typeof createBusinessCentralSandbox>>;
let companyId: string;

beforeAll(async () => {
  db = await useTestDatabase();
  bc = await createBusinessCentralSandbox({ port: 0 });
  bc.addTenant({ tenantId: TENANT, environment: "Production", clients: [CLIENT] });
  companyId = bc.addCompany(TENANT, "Production", { name: "CRONUS", displayName: "CRONUS USA, Inc." }).info.id;
  bc.addCompany(TENANT, "Production", { name: "OTHER", displayName: "Other Ltd." });
  // The app reaches the sandbox through configuration only, as in the demo.
  process.env.BUSINESS_CENTRAL_SANDBOX_URL = bc.url;
});

afterAll(async () => {
  await bc.close();
});

const form = (overrides: Partial<Extract<ConnectionForm, { mode: "online" }>> = {}): ConnectionForm => ({
  mode: "online",
  tenant: TENANT,
  environment: "Production",
  clientId: CLIENT.clientId,
  clientSecret: CLIENT.clientSecret,
  companyId,
  ...overrides,
});

async function connectionRow(shopId: number) {
  const [row] =
    await db.sql`select sealed_secret, company_name, connected_at from erp_connections where shop_id = ${shopId}`;
  return row;
}

describe("connecting Business Central", () => {
  it("lists the login's companies, saves the chosen one, and the adapter works from what was stored", async () => {
    const shopId = await ensureShop(getDb(), "erp-connect.myshopify.com");
    const tested = await testConnectionForm(shopId, form());
    expect(tested).toMatchObject({ ok: true });
    expect(tested.ok && tested.companies.map((c) => c.displayName).sort()).toEqual(["CRONUS USA, Inc.", "Other Ltd."]);

    const saved = await saveConnectionForm(shopId, form());
    expect(saved).toMatchObject({ ok: true, summary: { companyName: "CRONUS USA, Inc." } });
    expect(JSON.stringify(saved)).not.toContain(CLIENT.clientSecret);

    const adapter = await erpAdapterForShop(shopId);
    expect((await adapter!.testConnection()).companies).toHaveLength(2);
  });

  it("keeps no ERP secret in plain text anywhere in the database", async () => {
    const columns = await db.sql<{ table_name: string; column_name: string }[]>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type in ('text', 'jsonb', 'json', 'character varying')`;
    expect(columns.length).toBeGreaterThan(20);
    for (const { table_name, column_name } of columns) {
      const [hit] = await db.sql`select count(*)::int as n from ${db.sql(table_name)}
        where ${db.sql(column_name)}::text like ${"%" + CLIENT.clientSecret + "%"}`;
      expect(hit?.n, `${table_name}.${column_name}`).toBe(0);
    }
    const [row] = await db.sql`select count(*)::int as n from erp_connections`;
    expect(row?.n).toBe(1);
  });

  it("answers a wrong secret in plain words and keeps the working connection", async () => {
    const shopId = await ensureShop(getDb(), "erp-connect.myshopify.com");
    const before = await connectionRow(shopId);
    const result = await saveConnectionForm(shopId, form({ clientSecret: "wrong-secret" }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/secret/i);
    expect(await connectionRow(shopId)).toEqual(before);
    expect(await (await erpAdapterForShop(shopId))!.testConnection()).toBeTruthy();
  });

  it("names an unknown tenant, and reuses the stored secret when the field is left empty", async () => {
    const shopId = await ensureShop(getDb(), "erp-connect.myshopify.com");
    const unknown = await testConnectionForm(shopId, form({ tenant: "nobody.onmicrosoft.com", clientSecret: "x" }));
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.message).toMatch(/tenant/i);
    expect(await testConnectionForm(shopId, form({ clientSecret: "" }))).toMatchObject({ ok: true });
    const other = await ensureShop(getDb(), "erp-other.myshopify.com");
    expect(await testConnectionForm(other, form({ clientSecret: "" }))).toEqual({
      ok: false,
      message: "Enter the client secret.",
      fieldErrors: { clientSecret: "is required: no client secret is stored yet" },
    });
  });
});

/** The page's form as the browser sends it: a secret field never typed in is not sent at all. */
function pageForm(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe("Test connection on the ERP page", () => {
  const untouched = () => ({
    mode: "online",
    tenant: TENANT,
    environment: "Production",
    clientId: CLIENT.clientId,
    companyId,
    intent: "test",
  });

  it("with the secret field left empty, tests with the stored secret", async () => {
    const shopId = await ensureShop(getDb(), "erp-keep-secret.myshopify.com");
    expect(await saveConnectionForm(shopId, form())).toMatchObject({ ok: true });

    const absent = await handleConnectionAction(shopId, pageForm(untouched()));
    expect(absent).toMatchObject({ intent: "test", ok: true });
    expect(absent.ok && absent.intent === "test" && absent.companies.map((c) => c.id)).toContain(companyId);
    const empty = await handleConnectionAction(shopId, pageForm({ ...untouched(), clientSecret: "" }));
    expect(empty).toMatchObject({ intent: "test", ok: true });
  });

  it("with no stored secret, names the secret field", async () => {
    const shopId = await ensureShop(getDb(), "erp-no-secret.myshopify.com");
    expect(await handleConnectionAction(shopId, pageForm(untouched()))).toEqual({
      intent: "test",
      ok: false,
      message: "Enter the client secret.",
      fieldErrors: { clientSecret: "is required: no client secret is stored yet" },
    });
  });
});
