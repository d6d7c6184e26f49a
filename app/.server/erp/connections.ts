import { ErpError } from "../adapters/erp/errors.ts";
import type { ErpAdapter, ErpCompany } from "../adapters/erp/port.ts";
import { refuseErpWrites } from "../adapters/erp/write-guard.ts";
import { getDb } from "../db.ts";
import { getErpConnection, saveErpConnection } from "../queries/erp-connections.ts";
import { getShopSettings } from "../queries/shops.ts";
import { erpSecretContext, getErpCipher } from "../secrets/erp-cipher.ts";
import { businessCentralAdapter } from "./bc-adapter-factory.ts";
import {
  type ConnectionForm,
  sameLogin,
  secretFieldName,
  secretOf,
  type StoredConnectionSettings,
  storedConnectionSettingsSchema,
  withoutSecret,
} from "./connection-form.ts";
import { createErpLogSink } from "./erp-log-sink.ts";

/** A failure may name the form field at fault (its input name). */
export type Failure = { ok: false; message: string; fieldErrors?: Record<string, string> };
export type TestResult = { ok: true; companies: ErpCompany[] } | Failure;
export type SaveResult = { ok: true; summary: ConnectionSummary } | Failure;

/** What the UI may show about a connection: never the secret. */
export interface ConnectionSummary {
  kind: "business_central";
  settings: StoredConnectionSettings;
  companyName: string;
  connectedAt: string;
}

export async function getConnectionSummary(shopId: number): Promise<ConnectionSummary | null> {
  const row = await getErpConnection(getDb(), shopId);
  if (!row) return null;
  return {
    kind: row.kind,
    settings: storedConnectionSettingsSchema.parse(row.settings),
    companyName: row.companyName,
    connectedAt: row.connectedAt.toISOString(),
  };
}

/** Try the credentials in the form (or the stored secret, if the field was left empty). */
export async function testConnectionForm(shopId: number, form: ConnectionForm): Promise<TestResult> {
  const secret = await resolveSecret(shopId, form);
  if (!secret.ok) return secret;
  try {
    const { companies } = await businessCentralAdapter(withoutSecret(form), secret.value).testConnection();
    if (companies.length === 0) return { ok: false, message: "Connected, but this login sees no companies." };
    return { ok: true, companies };
  } catch (error) {
    return { ok: false, message: plainWords(error) };
  }
}

/**
 * Connect (or reconnect): the credentials must work and the chosen company must be one of theirs,
 * or nothing changes and the previous connection stays in use.
 */
export async function saveConnectionForm(shopId: number, form: ConnectionForm): Promise<SaveResult> {
  if (!form.companyId) return { ok: false, message: "Test the connection and choose a company first." };
  const tested = await testConnectionForm(shopId, form);
  if (!tested.ok) return tested;
  const company = tested.companies.find((c) => c.id === form.companyId);
  if (!company) {
    return { ok: false, message: "That company is not available to this login; test again and choose one." };
  }
  const secret = await resolveSecret(shopId, form);
  if (!secret.ok) return secret;
  await saveErpConnection(getDb(), {
    shopId,
    settings: withoutSecret(form),
    sealedSecret: getErpCipher().seal(secret.value, erpSecretContext(shopId)),
    companyName: company.displayName || company.name,
  });
  const summary = await getConnectionSummary(shopId);
  if (!summary) throw new Error("connection vanished right after saving");
  return { ok: true, summary };
}

/**
 * Adapters kept per shop for the life of the process, so the token and the number→id lookups an
 * adapter caches serve every job, not just one. Keyed by the sealed secret too: a reconnect
 * (new secret, or new settings sealed again) gets a fresh adapter.
 */
const adapters = new Map<number, { key: string; adapter: ErpAdapter }>();

/**
 * The shop's ERP, ready for the sync tasks; null when none is connected. Its calls go to the shop's
 * API log (errors always, every call when the shop logs everything), beside Shopify's; with outgoing
 * writes off, its writes are refused.
 */
export async function erpAdapterForShop(shopId: number): Promise<ErpAdapter | null> {
  const db = getDb();
  const row = await getErpConnection(db, shopId);
  if (!row) {
    adapters.delete(shopId);
    return null;
  }
  const { logging, allowOutgoingWrites } = await getShopSettings(db, shopId);
  const key = `${row.sealedSecret}|${JSON.stringify(row.settings)}|${logging}|${allowOutgoingWrites}`;
  const cached = adapters.get(shopId);
  if (cached?.key === key) return cached.adapter;
  const settings = storedConnectionSettingsSchema.parse(row.settings);
  const log = createErpLogSink({
    shopId,
    logSuccesses: logging === "all",
    onWriteError: (error) => console.error(`ERP call log write failed for shop ${shopId}:`, error),
  });
  const opened = businessCentralAdapter(settings, getErpCipher().open(row.sealedSecret, erpSecretContext(shopId)), {
    log,
  });
  // The kill switch sits on the port itself, so no task can write around it.
  const adapter = allowOutgoingWrites ? opened : refuseErpWrites(opened);
  adapters.set(shopId, { key, adapter });
  return adapter;
}

async function resolveSecret(shopId: number, form: ConnectionForm): Promise<{ ok: true; value: string } | Failure> {
  const typed = secretOf(form);
  if (typed !== "") return { ok: true, value: typed };
  const row = await getErpConnection(getDb(), shopId);
  const stored = row ? storedConnectionSettingsSchema.safeParse(row.settings) : undefined;
  if (row && stored?.success && sameLogin(stored.data, withoutSecret(form))) {
    return { ok: true, value: getErpCipher().open(row.sealedSecret, erpSecretContext(shopId)) };
  }
  const what = form.mode === "online" ? "client secret" : "password";
  return {
    ok: false,
    message: `Enter the ${what}.`,
    fieldErrors: {
      [secretFieldName(form)]: row
        ? `is required: the stored ${what} belongs to another login`
        : `is required: no ${what} is stored yet`,
    },
  };
}

function plainWords(error: unknown): string {
  if (error instanceof ErpError) return error.userMessage ?? error.message;
  return "The ERP could not be reached. Check the address and try again.";
}
