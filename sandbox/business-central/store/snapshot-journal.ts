import { z } from "zod";

import {
  JournalWriter,
  type PersistenceFiles,
  readJournal,
  readJsonFile,
  type SandboxJournal,
  writeFileAtomic,
} from "../../common/journal-file.ts";
import { type CompanyData, TABLE_NAMES } from "./company-data.ts";
import type { BaseRow } from "./row-types.ts";
import { SNAPSHOT_VERSION } from "./snapshot.ts";
import type { Table } from "./table.ts";
import type { Tenant, TenantRegistry } from "./tenants.ts";

/**
 * The sandbox Business Central's journal: after every request (and every in-process call) that
 * may change it, the rows written since the last flush (with their row versions, so etags hold),
 * deleted row ids, each touched company's clock and number series, and tenant registrations are
 * appended as one JSON line, before the answer leaves. On start the last snapshot is loaded and
 * the journal applied to it row by row, so document numbers, row versions and stamps come back
 * exactly. Generic over TABLE_NAMES: a table added to a company is journaled without a line here.
 *
 * Each table remembers the ids written since the last flush (Table.trackWrites, switched on by
 * the journal), so a flush reads only those rows: its cost does not grow with the company.
 */

const company = z.object({
  op: z.literal("company"),
  tenantId: z.string(),
  environment: z.string(),
  id: z.string(),
  /** The company is new, or was replaced by a restore: every row follows, the old ones are gone. */
  replace: z.boolean().optional(),
  head: z.object({ info: z.unknown(), clock: z.unknown(), series: z.unknown() }).optional(),
  put: z
    .record(z.string(), z.array(z.object({ row: z.object({ id: z.string() }).loose(), version: z.number() })))
    .optional(),
  del: z.record(z.string(), z.array(z.string())).optional(),
});
const tenant = z.object({
  op: z.literal("tenant"),
  tenantId: z.string(),
  clients: z.array(z.object({ clientId: z.string(), clientSecret: z.string() })),
  basicAuth: z.object({ user: z.string(), password: z.string() }).optional(),
  environments: z.array(z.string()),
});
const dropTenant = z.object({ op: z.literal("dropTenant"), tenantId: z.string() });
const dropCompany = z.object({
  op: z.literal("dropCompany"),
  tenantId: z.string(),
  environment: z.string(),
  id: z.string(),
});
const entrySchema = z.object({ ops: z.array(z.discriminatedUnion("op", [company, tenant, dropTenant, dropCompany])) });
type Op = z.infer<typeof entrySchema>["ops"][number];
type CompanyOp = z.infer<typeof company>;

interface CompanyShadow {
  data: CompanyData;
  version: number;
  head: string;
}
interface TenantShadow {
  head: string;
  /** `${environment}\u0000${companyId}` → shadow. */
  companies: Map<string, CompanyShadow>;
}

/** What the sandbox hands the journal: its registry and its own snapshot/restore. */
export interface JournaledSandbox {
  tenants: TenantRegistry;
  snapshot(): unknown;
  restore(snapshot: unknown): void;
  reset(): void;
}

export interface BusinessCentralPersistence extends SandboxJournal {
  /** True when a snapshot or journal was there and loaded. */
  restored: boolean;
  /** Flushes, writes the snapshot (0600, atomically) and empties the journal. */
  save(): Promise<void>;
  close(): void;
}

/**
 * Loads `snapshotFile` + `journalFile` into `sandbox` (a damaged pair is reported through `log`
 * and the sandbox starts empty), compacts them into a fresh snapshot, and journals from then on.
 */
export async function openBusinessCentralJournal(
  sandbox: JournaledSandbox,
  files: PersistenceFiles,
  log: (line: string) => void = () => {},
): Promise<BusinessCentralPersistence> {
  let restored = false;
  try {
    const base = await readJsonFile(files.snapshotFile);
    const { entries, torn } = await readJournal(files.journalFile);
    if (torn) {
      log(`sandbox Business Central: ignored the last line of ${files.journalFile}, cut off by a kill mid-write`);
    }
    if (base !== undefined || entries.length > 0) {
      sandbox.restore(applyEntries(base ?? { version: SNAPSHOT_VERSION, tenants: [] }, entries));
      restored = true;
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log(
      `warning: could not restore the sandbox Business Central from ${files.snapshotFile} (${reason}); starting empty`,
    );
    sandbox.reset();
  }
  const writer = new JournalWriter(files.journalFile);
  const shadows = new Map<string, TenantShadow>();
  const flush = () => {
    const entry = scan(sandbox.tenants, shadows);
    if (entry) writer.append(entry);
  };
  const save = async () => {
    flush();
    await writeFileAtomic(files.snapshotFile, JSON.stringify(sandbox.snapshot()));
    writer.truncate();
  };
  scan(sandbox.tenants, shadows);
  await save();
  return { restored, flush, save, close: () => writer.close() };
}

/** Every change since the last scan as one journal entry (null: nothing changed); updates `shadows`. */
export function scan(registry: TenantRegistry, shadows: Map<string, TenantShadow>): { ops: Op[] } | null {
  const ops: Op[] = [];
  const tenants = new Map(registry.list().map((t) => [t.tenantId.toLowerCase(), t]));
  for (const key of [...shadows.keys()]) {
    if (tenants.has(key)) continue;
    shadows.delete(key);
    ops.push({ op: "dropTenant", tenantId: key });
  }
  for (const [key, t] of tenants) {
    const head = tenantHead(t);
    const headJson = JSON.stringify(head);
    let shadow = shadows.get(key);
    if (!shadow || shadow.head !== headJson) ops.push(head);
    shadow ??= { head: headJson, companies: new Map() };
    shadow.head = headJson;
    shadows.set(key, shadow);
    const seen = new Set<string>();
    for (const [environment, companies] of t.environments) {
      for (const [id, data] of companies) {
        const where = `${environment}\u0000${id}`;
        seen.add(where);
        const op = scanCompany(data, shadow.companies.get(where), (next) => shadow.companies.set(where, next));
        if (op) ops.push({ op: "company", tenantId: t.tenantId, environment, id, ...op });
      }
    }
    for (const where of [...shadow.companies.keys()]) {
      if (seen.has(where)) continue;
      shadow.companies.delete(where);
      const [environment = "", id = ""] = where.split("\u0000");
      ops.push({ op: "dropCompany", tenantId: t.tenantId, environment, id });
    }
  }
  return ops.length > 0 ? { ops } : null;
}

function tenantHead(t: Tenant): Extract<Op, { op: "tenant" }> {
  return {
    op: "tenant",
    tenantId: t.tenantId,
    clients: [...t.clients].map(([clientId, clientSecret]) => ({ clientId, clientSecret })),
    ...(t.basicAuth ? { basicAuth: t.basicAuth } : {}),
    environments: [...t.environments.keys()],
  };
}

type CompanyChanges = Omit<CompanyOp, "op" | "tenantId" | "environment" | "id">;

function scanCompany(
  data: CompanyData,
  shadow: CompanyShadow | undefined,
  remember: (shadow: CompanyShadow) => void,
): CompanyChanges | null {
  const fresh = !shadow || shadow.data !== data;
  const head = { info: data.info, clock: data.clock.state(), series: data.series.positions() };
  const headJson = JSON.stringify(head);
  const tables = TABLE_NAMES.map((name) => [name, data[name] as Table<BaseRow>] as const);
  // Every write bumps the version counter, except a delete; a write-free request costs this line.
  if (
    !fresh &&
    head.clock.version === shadow.version &&
    headJson === shadow.head &&
    !tables.some(([, t]) => t.hasWritten())
  ) {
    return null;
  }
  const put: NonNullable<CompanyChanges["put"]> = {};
  const del: NonNullable<CompanyChanges["del"]> = {};
  for (const [name, table] of tables) {
    table.trackWrites();
    const { written, deleted } = table.takeWritten();
    // A new company (or one a restore put in) is written whole; after that only what was written.
    const rows = fresh ? table.entries() : written;
    if (rows.length > 0) put[name] = rows;
    if (deleted.length > 0 && !fresh) del[name] = deleted;
  }
  remember({ data, version: head.clock.version, head: headJson });
  const changes: CompanyChanges = {};
  if (fresh) changes.replace = true;
  if (fresh || headJson !== shadow.head) changes.head = head;
  if (Object.keys(put).length > 0) changes.put = put;
  if (Object.keys(del).length > 0) changes.del = del;
  return Object.keys(changes).length > 0 ? changes : null;
}

interface JsonCompany {
  head: { info: unknown; clock: unknown; series: unknown };
  tables: Map<string, Map<string, unknown>>;
  /**
   * Written whole by this code (a new or replaced company): every table is there, empty or not.
   * A company from the base snapshot lists only the tables it had or the journal wrote, so a
   * table the snapshot predates stays absent and restore can tell it from one emptied by a client.
   */
  complete?: boolean;
}
interface JsonTenant {
  head: Record<string, unknown>;
  environments: Map<string, Map<string, JsonCompany>>;
}

/** A snapshot (JSON form) with journal entries applied in order; the sandbox's restore checks the result. */
export function applyEntries(snapshot: unknown, entries: unknown[]): unknown {
  const base = snapshot as { version: number; tenants: Record<string, unknown>[] };
  const tenants = new Map<string, JsonTenant>();
  for (const t of base.tenants) {
    const { environments, ...head } = t as Record<string, unknown> & {
      environments: { name: string; companies: Record<string, unknown>[] }[];
    };
    tenants.set(String(head.tenantId).toLowerCase(), {
      head,
      environments: new Map(
        environments.map((e) => [e.name, new Map(e.companies.map((c) => [companyKey(c), jsonCompany(c)]))]),
      ),
    });
  }
  entries.forEach((raw, index) => {
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) throw new Error(`journal line ${index + 1}: ${z.prettifyError(parsed.error)}`);
    for (const op of parsed.data.ops) applyOp(tenants, op);
  });
  return {
    version: base.version,
    tenants: [...tenants.values()].map((t) => ({
      ...t.head,
      environments: [...t.environments].map(([name, companies]) => ({
        name,
        companies: [...companies.values()].map((c) => ({
          ...c.head,
          tables: Object.fromEntries(
            TABLE_NAMES.filter((n) => c.complete || c.tables.has(n)).map((n) => [
              n,
              [...(c.tables.get(n)?.values() ?? [])],
            ]),
          ),
        })),
      })),
    })),
  };
}

function applyOp(tenants: Map<string, JsonTenant>, op: Op): void {
  const key = op.tenantId.toLowerCase();
  if (op.op === "dropTenant") {
    tenants.delete(key);
    return;
  }
  if (op.op === "tenant") {
    const { op: _op, environments, ...head } = op;
    const existing = tenants.get(key) ?? { head, environments: new Map<string, Map<string, JsonCompany>>() };
    existing.head = head;
    for (const name of environments) if (!existing.environments.has(name)) existing.environments.set(name, new Map());
    tenants.set(key, existing);
    return;
  }
  const companies = tenants.get(key)?.environments.get(op.environment);
  if (!companies) {
    throw new Error(`journal names company ${op.id} in ${op.tenantId}/${op.environment}, not registered before`);
  }
  const id = op.id.toLowerCase();
  if (op.op === "dropCompany") {
    companies.delete(id);
    return;
  }
  if (op.replace || !companies.has(id)) {
    if (!op.head) throw new Error(`journal adds company ${op.id} without its info`);
    companies.set(id, { head: op.head, tables: new Map(), complete: true });
  }
  const target = companies.get(id)!;
  if (op.head) target.head = op.head;
  for (const [name, rows] of Object.entries(op.put ?? {})) {
    const table = target.tables.get(name) ?? new Map<string, unknown>();
    for (const stored of rows) table.set(stored.row.id.toLowerCase(), stored);
    target.tables.set(name, table);
  }
  for (const [name, ids] of Object.entries(op.del ?? {})) {
    for (const rowId of ids) target.tables.get(name)?.delete(rowId);
  }
}

function companyKey(c: Record<string, unknown>): string {
  return String((c.info as { id?: unknown } | undefined)?.id ?? "").toLowerCase();
}

function jsonCompany(c: Record<string, unknown>): JsonCompany {
  const tables = (c.tables ?? {}) as Record<string, { row: { id: string } }[]>;
  return {
    head: { info: c.info, clock: c.clock, series: c.series },
    tables: new Map(
      Object.entries(tables).map(([name, rows]) => [name, new Map(rows.map((s) => [s.row.id.toLowerCase(), s]))]),
    ),
  };
}
