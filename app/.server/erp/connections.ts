import { ErpError } from "../adapters/erp/errors.ts";
import type { ErpAdapter, ErpCompany } from "../adapters/erp/port.ts";
import { refuseErpWrites } from "../adapters/erp/write-guard.ts";
import { getDb } from "../db.ts";
import { getErpConnection, saveErpConnection } from "../queries/erp-connections.ts";
import { getShopSettings } from "../queries/shops.ts";
import { erpSecretContext, getErpCipher } from "../secrets/erp-cipher.ts";
import type { ConnectionValues, ErpKind, ErpKindRegistry } from "./erp-kind.ts";
import { erpKinds } from "./erp-kinds.ts";
import { createErpLogSink } from "./erp-log-sink.ts";

/** A failure may name the form field at fault (its input name). */
export type Failure = { ok: false; message: string; fieldErrors?: Record<string, string> };
export type TestResult = { ok: true; companies: ErpCompany[] } | Failure;
export type SaveResult = { ok: true; summary: ConnectionSummary } | Failure;

/** What the UI may show about a connection: never the secret. */
export interface ConnectionSummary {
  /** The adapter kind's id (`erp_connections.kind`) and its name. */
  kind: string;
  kindName: string;
  settings: Record<string, unknown>;
  companyName: string;
  connectedAt: string;
}

/**
 * Which ERP the form is for, and which kinds there are. Default: the app's registry and its first
 * kind (a form posted without a kind is for that one, as every form was before kinds existed).
 */
export interface KindChoice {
  kind?: string;
  kinds?: ErpKindRegistry;
}

export async function getConnectionSummary(
  shopId: number,
  kinds: ErpKindRegistry = erpKinds,
): Promise<ConnectionSummary | null> {
  const row = await getErpConnection(getDb(), shopId);
  if (!row) return null;
  const kind = storedKind(kinds, row.kind);
  const settings = kind.parseSettings(row.settings);
  if (!settings) throw new Error(`the stored ${kind.displayName} connection settings do not fit its form`);
  return {
    kind: kind.id,
    kindName: kind.displayName,
    settings,
    companyName: row.companyName,
    connectedAt: row.connectedAt.toISOString(),
  };
}

/** Try the credentials in the form (or the stored secret, if the field was left empty). */
export async function testConnectionForm(
  shopId: number,
  values: Record<string, unknown>,
  choice: KindChoice = {},
): Promise<TestResult> {
  const form = parseForm(values, choice);
  if (!form.ok) return form;
  const secret = await resolveSecret(shopId, form);
  if (!secret.ok) return secret;
  try {
    const adapter = form.kind.createAdapter(form.kind.storedSettings(form.values), secret.value);
    const { companies } = await adapter.testConnection();
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
export async function saveConnectionForm(
  shopId: number,
  values: Record<string, unknown>,
  choice: KindChoice = {},
): Promise<SaveResult> {
  const form = parseForm(values, choice);
  if (!form.ok) return form;
  if (!form.values.companyId) return { ok: false, message: "Test the connection and choose a company first." };
  const tested = await testConnectionForm(shopId, values, choice);
  if (!tested.ok) return tested;
  const company = tested.companies.find((c) => c.id === form.values.companyId);
  if (!company) {
    return { ok: false, message: "That company is not available to this login; test again and choose one." };
  }
  const secret = await resolveSecret(shopId, form);
  if (!secret.ok) return secret;
  await saveErpConnection(getDb(), {
    shopId,
    kind: form.kind.id,
    settings: form.kind.storedSettings(form.values),
    sealedSecret: getErpCipher().seal(secret.value, erpSecretContext(shopId)),
    companyName: company.displayName || company.name,
  });
  const summary = await getConnectionSummary(shopId, choice.kinds);
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
export async function erpAdapterForShop(shopId: number, kinds: ErpKindRegistry = erpKinds): Promise<ErpAdapter | null> {
  const db = getDb();
  const row = await getErpConnection(db, shopId);
  if (!row) {
    adapters.delete(shopId);
    return null;
  }
  const { logging, allowOutgoingWrites } = await getShopSettings(db, shopId);
  const key = `${row.kind}|${row.sealedSecret}|${JSON.stringify(row.settings)}|${logging}|${allowOutgoingWrites}`;
  const cached = adapters.get(shopId);
  if (cached?.key === key) return cached.adapter;
  const kind = storedKind(kinds, row.kind);
  const log = createErpLogSink({
    shopId,
    logSuccesses: logging === "all",
    onWriteError: (error) => console.error(`ERP call log write failed for shop ${shopId}:`, error),
  });
  const secret = getErpCipher().open(row.sealedSecret, erpSecretContext(shopId));
  const opened = kind.createAdapter(row.settings, secret, { log });
  // The kill switch sits on the port itself, so no task can write around it.
  const adapter = allowOutgoingWrites ? opened : refuseErpWrites(opened);
  adapters.set(shopId, { key, adapter });
  return adapter;
}

type ParsedConnection = {
  ok: true;
  kind: ErpKind;
  values: ConnectionValues;
  secret: string;
  secretField: { name: string; label: string };
};

function parseForm(values: Record<string, unknown>, choice: KindChoice): ParsedConnection | Failure {
  const kinds = choice.kinds ?? erpKinds;
  const id = choice.kind ?? kinds.kinds[0]!.id;
  const kind = kinds.get(id);
  if (!kind) return { ok: false, message: "Choose an ERP.", fieldErrors: { kind: "is not an ERP the app knows" } };
  const parsed = kind.parseForm(values);
  if (!parsed.ok) return { ok: false, message: "Check the fields marked below.", fieldErrors: parsed.fieldErrors };
  return { ok: true, kind, values: parsed.values, secret: parsed.secret, secretField: parsed.secretField };
}

/** The kind a stored row names; a row of a kind this build does not know is a deployment error. */
function storedKind(kinds: ErpKindRegistry, id: string): ErpKind {
  const kind = kinds.get(id);
  if (!kind) throw new Error(`the shop's ERP connection is of kind "${id}", which this build does not know`);
  return kind;
}

async function resolveSecret(shopId: number, form: ParsedConnection): Promise<{ ok: true; value: string } | Failure> {
  if (form.secret !== "") return { ok: true, value: form.secret };
  const row = await getErpConnection(getDb(), shopId);
  if (row && row.kind === form.kind.id && form.kind.sameLogin(row.settings, form.kind.storedSettings(form.values))) {
    return { ok: true, value: getErpCipher().open(row.sealedSecret, erpSecretContext(shopId)) };
  }
  const what = form.secretField.label;
  return {
    ok: false,
    message: `Enter the ${what}.`,
    fieldErrors: {
      [form.secretField.name]: row
        ? `is required: the stored ${what} belongs to another login`
        : `is required: no ${what} is stored yet`,
    },
  };
}

function plainWords(error: unknown): string {
  if (error instanceof ErpError) return error.userMessage ?? error.message;
  return "The ERP could not be reached. Check the address and try again.";
}
