import { z } from "zod";

import { type CompanyData, emptyCompanyData, TABLE_NAMES, type TableName } from "./company-data.ts";
import { completeCustomerSetup } from "./customer-setup-restore.ts";
import { seedMoneySetup } from "./money-seed.ts";
import type { BaseRow } from "./row-types.ts";
import { type companySnapshotSchema, tenantSnapshotSchema } from "./snapshot-schema.ts";
import type { Stored, Table } from "./table.ts";
import type { Tenant, TenantRegistry } from "./tenants.ts";

/** Bump when the stored shape changes; an older file is then refused with a clear message, not misread. */
export const SNAPSHOT_VERSION = 1;

const sandboxSnapshotSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  tenants: z.array(tenantSnapshotSchema),
});

/** The JSON form: Maps become arrays, stamps stay ISO strings, the clock watermark stays ms. */
export type BusinessCentralSnapshot = z.input<typeof sandboxSnapshotSchema>;
type TenantSnapshot = z.output<typeof tenantSnapshotSchema>;
type CompanySnapshot = z.output<typeof companySnapshotSchema>;
type CompanySnapshotInput = z.input<typeof companySnapshotSchema>;

export class SnapshotError extends Error {
  override name = "SnapshotError";
}

/**
 * Every tenant with its clients and Basic auth, environments and companies: each table's rows with
 * their row versions (so etags survive), the clock watermark and version counter, number series.
 * Issued tokens are not kept; nor are knobs, failure rules or the request log (the server has those).
 */
export function snapshotTenants(registry: TenantRegistry): BusinessCentralSnapshot {
  const snapshot: BusinessCentralSnapshot = {
    version: SNAPSHOT_VERSION,
    tenants: registry.list().map((tenant) => ({
      tenantId: tenant.tenantId,
      clients: [...tenant.clients].map(([clientId, clientSecret]) => ({ clientId, clientSecret })),
      ...(tenant.basicAuth ? { basicAuth: tenant.basicAuth } : {}),
      environments: [...tenant.environments].map(([name, companies]) => ({
        name,
        companies: [...companies.values()].map(companySnapshot),
      })),
    })),
  };
  // A detached copy: the caller may hold it while the sandbox keeps writing.
  return structuredClone(snapshot);
}

function companySnapshot(data: CompanyData): CompanySnapshotInput {
  const tables = {} as Record<TableName, Stored<BaseRow>[]>;
  for (const name of TABLE_NAMES) tables[name] = data[name].entries();
  return { info: data.info, clock: data.clock.state(), series: data.series.positions(), tables };
}

/**
 * Parses a snapshot into fresh tenants, apart from the registry. Throws SnapshotError on a bad or
 * old value before the caller swaps anything in, so its registry stays as it was.
 */
export function restoreTenants(value: unknown, now: () => number): Tenant[] {
  const version = isRecord(value) ? value.version : undefined;
  if (typeof version !== "number") {
    throw new SnapshotError("not a sandbox Business Central snapshot: no numeric `version` field");
  }
  if (version !== SNAPSHOT_VERSION) {
    throw new SnapshotError(
      `sandbox Business Central snapshot version ${version} is not supported (expected ${SNAPSHOT_VERSION})`,
    );
  }
  const parsed = sandboxSnapshotSchema.safeParse(value);
  if (!parsed.success) {
    throw new SnapshotError(`invalid sandbox Business Central snapshot:\n${z.prettifyError(parsed.error)}`);
  }
  const tenants = new Map<string, Tenant>();
  const raw = (value as { tenants: RawTenant[] }).tenants;
  parsed.data.tenants.forEach((input, i) => {
    const key = input.tenantId.toLowerCase();
    if (tenants.has(key)) throw new SnapshotError(`snapshot repeats tenant ${input.tenantId}`);
    tenants.set(key, restoreTenant(input, now, raw[i]));
  });
  return [...tenants.values()];
}

/** The snapshot's JSON as read, before defaults fill in tables it did not have. */
type RawTenant = { environments?: { companies?: { tables?: unknown }[] }[] } | undefined;

function restoreTenant(input: TenantSnapshot, now: () => number, raw: RawTenant): Tenant {
  const tenant: Tenant = {
    tenantId: input.tenantId,
    clients: new Map(input.clients.map((c) => [c.clientId.toLowerCase(), c.clientSecret])),
    environments: new Map(),
    ...(input.basicAuth ? { basicAuth: input.basicAuth } : {}),
  };
  input.environments.forEach((environment, e) => {
    if (tenant.environments.has(environment.name)) {
      throw new SnapshotError(`snapshot repeats environment ${input.tenantId}/${environment.name}`);
    }
    const companies = new Map<string, CompanyData>();
    environment.companies.forEach((company, c) => {
      const where = `${input.tenantId}/${environment.name}/${company.info.id}`;
      const id = company.info.id.toLowerCase();
      if (companies.has(id)) throw new SnapshotError(`snapshot repeats company ${where}`);
      const data = restoreCompany(company, now, where);
      const rawTables: unknown = raw?.environments?.[e]?.companies?.[c]?.tables;
      completeCustomerSetup(data, rawTables);
      // A snapshot from before journals and bank accounts: the company gets Cronus' defaults.
      if (typeof rawTables === "object" && rawTables !== null && !("journals" in rawTables)) seedMoneySetup(data);
      companies.set(id, data);
    });
    tenant.environments.set(environment.name, companies);
  });
  return tenant;
}

function restoreCompany(input: CompanySnapshot, now: () => number, where: string): CompanyData {
  const data = emptyCompanyData({ ...input.info, id: input.info.id.toLowerCase() }, now, {
    clock: input.clock,
    series: input.series,
  });
  for (const name of TABLE_NAMES) {
    const entries: Stored<BaseRow>[] = input.tables[name];
    const ids = new Set<string>();
    for (const { row, version } of entries) {
      // The clock must be ahead of every row, or the next write would reuse a row version (an etag
      // a client already holds) or stamp a time that a `lastModifiedDateTime gt` poll has passed.
      if (version > input.clock.version) {
        throw new SnapshotError(`${where} ${name}(${row.id}): row version ${version} is ahead of the clock's`);
      }
      if (Date.parse(row.lastModifiedDateTime) > input.clock.lastStamp) {
        throw new SnapshotError(`${where} ${name}(${row.id}): lastModifiedDateTime is ahead of the clock's watermark`);
      }
      const id = row.id.toLowerCase();
      if (ids.has(id)) throw new SnapshotError(`${where} ${name}: row ${row.id} appears twice`);
      ids.add(id);
    }
    // Each table's entries were checked against that table's row schema, so the widening is safe.
    (data[name] as Table<BaseRow>).load(entries);
  }
  return data;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
