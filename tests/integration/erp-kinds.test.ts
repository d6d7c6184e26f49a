import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../app/.server/db.ts";
import { businessCentralKind } from "../../app/.server/erp/business-central-kind.ts";
import {
  erpAdapterForShop,
  getConnectionSummary,
  saveConnectionForm,
  testConnectionForm,
} from "../../app/.server/erp/connections.ts";
import { erpKindRegistry } from "../../app/.server/erp/erp-kind.ts";
import { erpKinds } from "../../app/.server/erp/erp-kinds.ts";
import { ensureShop } from "../../app/.server/queries/shops.ts";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { MEMORY_ERP_KEY, memoryErpKind } from "../support/memory-erp.ts";

let db: TestDatabase;
// The app's registry plus one more line: the whole of adding an ERP, as far as the core is concerned.
const kinds = erpKindRegistry([...erpKinds.kinds, memoryErpKind]);

beforeAll(async () => {
  db = await useTestDatabase();
});

describe("the registry of ERP adapter kinds", () => {
  it("holds Business Central, with the form the connection page renders and its limits", () => {
    const bc = erpKinds.get("business_central");
    expect(bc?.displayName).toBe("Business Central");
    expect(bc?.fields.filter((f) => f.secret).map((f) => f.name)).toEqual(["clientSecret", "password"]);
    expect(bc?.limits).toMatchObject({ itemNumberMaxLength: 20, externalDocumentNumberMaxLength: 35 });
    const parsed = businessCentralKind.parseForm({
      mode: "onprem",
      apiBaseUrl: "https://bc.example.com:7048/bc/api/v2.0",
      username: "ada",
      password: "secret",
    });
    expect(parsed).toMatchObject({ ok: true, secret: "secret", secretField: { name: "password" } });
    expect(parsed.ok && businessCentralKind.storedSettings(parsed.values)).toEqual({
      mode: "onprem",
      apiBaseUrl: "https://bc.example.com:7048/bc/api/v2.0",
      username: "ada",
    });
    expect(businessCentralKind.parseForm({ mode: "online" })).toMatchObject({
      ok: false,
      fieldErrors: { tenant: expect.any(String), clientId: expect.any(String) },
    });
  });

  it("refuses two kinds with one id", () => {
    expect(() => erpKindRegistry([memoryErpKind, memoryErpKind])).toThrow(/distinct ids/);
  });

  it("takes a second ERP without a change to the core: its form is parsed, tested, saved and opened as its adapter", async () => {
    const shopId = await ensureShop(getDb(), "second-erp.myshopify.com");
    const form = { workspace: "acme", apiKey: MEMORY_ERP_KEY, companyId: "acme-1" };
    expect(await testConnectionForm(shopId, { ...form, apiKey: "nope" }, { kind: "memory", kinds })).toEqual({
      ok: false,
      message: "The API key is not valid.",
    });
    expect(await testConnectionForm(shopId, { workspace: " ", apiKey: "x" }, { kind: "memory", kinds })).toMatchObject({
      ok: false,
      fieldErrors: { workspace: "is required" },
    });
    const saved = await saveConnectionForm(shopId, form, { kind: "memory", kinds });
    expect(saved).toMatchObject({
      ok: true,
      summary: { kind: "memory", kindName: "Memory ERP", companyName: "acme Ltd.", settings: { workspace: "acme" } },
    });
    const [row] = await db.sql`select kind, settings from erp_connections where shop_id = ${shopId}`;
    expect(row).toEqual({ kind: "memory", settings: { workspace: "acme", companyId: "acme-1" } });
    // The stored key serves an empty key field for the same login, as Business Central's secret does.
    expect(await testConnectionForm(shopId, { ...form, apiKey: "" }, { kind: "memory", kinds })).toMatchObject({
      ok: true,
    });
    const adapter = await erpAdapterForShop(shopId, kinds);
    expect(adapter?.kind).toBe("memory");
    expect(adapter?.limits.externalDocumentNumberMaxLength).toBe(80);
    // A build whose registry lacks the kind refuses the row instead of treating it as Business Central.
    await expect(getConnectionSummary(shopId)).rejects.toThrow(/kind "memory", which this build does not know/);
  });

  it("refuses a kind the registry does not hold, naming the field", async () => {
    const shopId = await ensureShop(getDb(), "no-such-erp.myshopify.com");
    expect(await saveConnectionForm(shopId, { workspace: "x" }, { kind: "sap", kinds })).toMatchObject({
      ok: false,
      fieldErrors: { kind: "is not an ERP the app knows" },
    });
  });
});
