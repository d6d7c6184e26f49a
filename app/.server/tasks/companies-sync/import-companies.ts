import type { CompanyLocationSummary } from "../../../../db/schema/shopify-companies.ts";
import { isErpError } from "../../adapters/erp/errors.ts";
import type { ErpAdapter } from "../../adapters/erp/port.ts";
import { createErpCompany, updateErpCompany } from "../../customers/erp-company-writes.ts";
import { describeLookup, findErpCustomers } from "../../customers/find-erp-customers.ts";
import type { Tx } from "../../db.ts";
import { coerceError } from "../../errors/coerce-error.ts";
import { type ErpCompanyFields, erpCompanyFields } from "../../mapping/company-fields.ts";
import { type CompanyLocationProfile, type CompanyProfile, mainLocation } from "../../mapping/company-profile.ts";
import { comparedHash, shopifySideHash } from "../../mapping/customer-fields.ts";
import { companyLocationLabel } from "../../mapping/resolve-customer.ts";
import { upsertCustomerLink } from "../../queries/links.ts";
import { companyRowsOf, saveCompanyOutcome, type ShopifyCompanyRow } from "../../queries/shopify-companies.ts";
import { customerLinksOf } from "../../queries/shopify-customers.ts";
import { openUnmappedIds, openUnmappedRecord } from "../../queries/unmapped-records.ts";
import type { RunContext } from "../../runs/define-task.ts";
import { type ImportCounts } from "../customers-sync/import-customers.ts";
import { mirroredCustomers } from "../customers-sync/mirrored-customers.ts";
import type { CustomerImportPlan } from "../customers-sync/plan-customer-import.ts";
import { settleLinked } from "../orders-process/mapping-actions.ts";
import { companyHash, companyLookupsFor, planCompanyImport, planLocationCustomer } from "./plan-company-import.ts";

export interface CompanyImportPass {
  ctx: RunContext;
  adapter: ErpAdapter;
  counts: ImportCounts;
  /** The kill switch held a write back: the cursor stays so the company is read again. */
  held: boolean;
  /** Every ERP customer is in the mirror: lookups are answered there (two hits = ambiguous). */
  mirrorComplete: boolean;
  /** The ERP's request budget ran out: the run stops and continues at this time. */
  rateLimitedUntil: Date | null;
}

interface Prepared {
  company: CompanyProfile;
  fields: ErpCompanyFields;
  /** Every location's fields as its own ERP customer would have them (per-location setting). */
  locationFields: [string, ErpCompanyFields][];
  hash: string;
  row: ShopifyCompanyRow | null;
  linked: string | null;
  links: Map<string, string>;
  orderWaiting: boolean;
}

/**
 * Shopify → ERP for a page of companies: plan each (and each location of its own), then carry
 * the plan out, or record it in a preview. Returns how many were handled: all, unless the ERP's
 * budget ran out first.
 */
export async function importCompanies(p: CompanyImportPass, companies: readonly CompanyProfile[]): Promise<number> {
  if (companies.length === 0 || p.rateLimitedUntil) return 0;
  const { ctx } = p;
  const companyIds = companies.map((c) => c.id);
  const locationIds = companies.flatMap((c) => c.locations.map((l) => l.id));
  const [rows, links, waiting] = await Promise.all([
    companyRowsOf(ctx.db, { shopId: ctx.shopId, shopifyCompanyIds: companyIds }),
    customerLinksOf(ctx.db, { shopId: ctx.shopId, shopifyCustomerIds: [...companyIds, ...locationIds] }),
    openUnmappedIds(ctx.db, { shopId: ctx.shopId, entity: "company", shopifyIds: locationIds }),
  ]);
  let handled = 0;
  for (const company of companies) {
    const fields = fieldsOf(p, company, mainLocation(company), false);
    const locationFields = company.locations.map((l): [string, ErpCompanyFields] => [
      l.id,
      fieldsOf(p, company, l, true),
    ]);
    const c: Prepared = {
      company,
      fields,
      locationFields,
      hash: companyHash(fields, locationFields),
      row: rows.get(company.id) ?? null,
      linked: links.get(company.id) ?? null,
      links,
      orderWaiting: company.locations.some((l) => waiting.has(l.id)),
    };
    try {
      await importOne(p, c);
    } catch (error) {
      if (isErpError(error) && error.code === "RATE_LIMITED") {
        p.rateLimitedUntil = new Date(ctx.clock.now().getTime() + (error.retryAfterMs ?? 60_000));
        return handled;
      }
      // An ERP refusal fails this company alone; anything else is a bug and fails the run.
      if (!isErpError(error)) throw error;
      await fail(p, c, coerceError(error).message);
    }
    p.counts.read++;
    handled++;
  }
  return handled;
}

function fieldsOf(
  p: CompanyImportPass,
  company: CompanyProfile,
  location: CompanyLocationProfile | null,
  asLocation: boolean,
): ErpCompanyFields {
  const settings = {
    paymentTerms: p.ctx.settings.companies.paymentTerms,
    countySource: p.ctx.settings.customers.countySource,
  };
  return erpCompanyFields(company, location, settings, p.adapter.limits, { asLocation });
}

async function importOne(p: CompanyImportPass, c: Prepared): Promise<void> {
  const { ctx } = p;
  const mirror = c.linked
    ? await mirroredCustomers(ctx.db, { shopId: ctx.shopId, numbers: [c.linked] })
    : new Map<string, never>();
  const facts = {
    row: c.row,
    linkedNumber: c.linked,
    erp: c.linked ? (mirror.get(c.linked) ?? null) : null,
    foundNumber: null,
    orderWaiting: c.orderWaiting,
    hash: c.hash,
  };
  let plan = planCompanyImport(c.fields, ctx.settings, facts);
  if (plan.kind === "create" || plan.kind === "unmapped") {
    for (const lookup of companyLookupsFor(c.fields, ctx.settings)) {
      const found = await findErpCustomers(
        { db: ctx.db, adapter: p.adapter, shopId: ctx.shopId, mirrorComplete: p.mirrorComplete },
        lookup,
      );
      if (found.length > 1) {
        plan = {
          kind: "skip",
          reason: `ambiguous: ERP customers ${found.join(" and ")} both match ${describeLookup(lookup)}; map one by hand`,
        };
        break;
      }
      const number = found[0];
      if (!number) continue;
      const erp = (await mirroredCustomers(ctx.db, { shopId: ctx.shopId, numbers: [number] })).get(number) ?? null;
      plan = planCompanyImport(c.fields, ctx.settings, { ...facts, foundNumber: number, erp });
      break;
    }
  }
  await apply(p, c, plan, facts.erp?.fields ? comparedHash(facts.erp.fields) : null);
}

function label(c: Prepared): string {
  return c.company.name || c.company.id;
}

function record(
  p: CompanyImportPass,
  c: Prepared,
  outcome: "created" | "updated" | "skipped" | "failed" | "planned",
  reason: string,
) {
  p.ctx.record({ type: "company", key: c.company.id, label: label(c), outcome, reason });
}

/** A write the preview or the kill switch holds back: named, not made; the company is read again later. */
function holdBack(p: CompanyImportPass, c: Prepared, what: string): boolean {
  if (p.ctx.dryRun) {
    record(p, c, "planned", what);
    return true;
  }
  if (!p.ctx.writesAllowed) {
    p.held = true;
    p.counts.skipped++;
    record(p, c, "skipped", `outgoing writes are off in Settings: ${what}`);
    return true;
  }
  return false;
}

function base(p: CompanyImportPass, c: Prepared, locations: CompanyLocationSummary[]) {
  const main = mainLocation(c.company);
  const address = main?.billingAddress ?? main?.shippingAddress ?? null;
  return {
    shopId: p.ctx.shopId,
    shopifyCompanyId: c.company.id,
    name: c.company.name,
    email: c.company.mainContact?.email ?? null,
    phone: c.fields.phoneNumber || null,
    mainContactCustomerId: c.company.mainContact?.customerId ?? null,
    taxId: c.fields.taxId || null,
    city: address?.city ?? null,
    countryCode: address?.countryCode ?? null,
    locations,
    shopifyUpdatedAt: new Date(c.company.updatedAt),
    now: p.ctx.clock.now(),
  };
}

/** The locations as they stand before this run decides anything for them. */
function summaries(c: Prepared): CompanyLocationSummary[] {
  const before = new Map((c.row?.locations ?? []).map((l) => [l.id, l]));
  return c.company.locations.map((l) => {
    const a = l.billingAddress ?? l.shippingAddress;
    return {
      id: l.id,
      name: l.name,
      city: a?.city ?? "",
      countryCode: a?.countryCode ?? "",
      taxId: l.taxRegistrationId ?? "",
      paymentTerms: l.paymentTerms ?? "",
      erpCustomerNumber: c.links.get(l.id) ?? null,
      reason: before.get(l.id)?.reason ?? null,
      hash: before.get(l.id)?.hash ?? null,
    };
  });
}

async function apply(p: CompanyImportPass, c: Prepared, plan: CustomerImportPlan, linkedErpHash: string | null) {
  const { ctx } = p;
  const hash = c.hash;
  const locations = summaries(c);
  const b = base(p, c, locations);
  switch (plan.kind) {
    case "unchanged":
      p.counts.unchanged++;
      return;
    case "leave":
      p.counts.left++;
      // Remembered (a row read again by a webhook or Sync now), so it is not read again every run.
      if (!ctx.dryRun && c.row) {
        await saveCompanyOutcome(ctx.db, {
          ...b,
          state: "skipped",
          erpCustomerNumber: null,
          shopifyHash: hash,
          reason: plan.reason,
          conflict: null,
        });
      }
      return;
    case "skip":
      p.counts.skipped++;
      if (ctx.dryRun) return record(p, c, "planned", `skip: ${plan.reason}`);
      await saveCompanyOutcome(ctx.db, {
        ...b,
        state: "skipped",
        erpCustomerNumber: c.linked,
        shopifyHash: hash,
        reason: plan.reason,
        conflict: null,
      });
      return record(p, c, "skipped", plan.reason);
    case "unmapped":
      p.counts.unmapped++;
      if (ctx.dryRun) return record(p, c, "planned", `unmapped: ${plan.reason}`);
      // Read again while its orders wait: looked up again, but said once.
      if (c.row?.state === "unmapped" && c.row.shopifyHash === hash) return;
      await ctx.db.transaction(async (tx) => {
        await saveCompanyOutcome(tx, {
          ...b,
          state: "unmapped",
          erpCustomerNumber: null,
          shopifyHash: hash,
          reason: plan.reason,
          conflict: null,
        });
        // Listed by location: an order's buyer is a company location, and Map on the list maps one.
        for (const location of c.company.locations) {
          await openUnmappedRecord(tx, {
            shopId: ctx.shopId,
            entity: "company",
            shopifyId: location.id,
            label: companyLocationLabel(c.company.name, location.name),
          });
        }
      });
      return record(p, c, "skipped", `unmapped: ${plan.reason}`);
    case "conflict": {
      p.counts.conflicts++;
      const reason = `changed in Shopify and in the ERP (customer ${plan.number}) since the last sync: choose which to keep`;
      if (ctx.dryRun) return record(p, c, "planned", `conflict: ${reason}`);
      await saveCompanyOutcome(ctx.db, {
        ...b,
        state: "conflict",
        erpCustomerNumber: plan.number,
        shopifyHash: hash,
        reason,
        conflict: { shopify: { ...c.fields }, erp: { ...plan.erp }, erpVersion: null, detectedAt: b.now.toISOString() },
      });
      return record(p, c, "skipped", `conflict: ${reason}`);
    }
    case "create": {
      const template = plan.templateNumber ? ` from template ${plan.templateNumber}` : "";
      if (holdBack(p, c, `create an ERP company customer${template}`)) return;
      const written = await createErpCompany(p.adapter, c.fields, {
        templateNumber: plan.templateNumber,
        taxIdField: ctx.settings.companies.taxIdField,
        keyByName: false,
      });
      const number = written.ref.number;
      await linked(p, c, { number, source: "created", hash, erpHash: comparedHash(c.fields), wrote: true });
      p.counts.created++;
      return record(
        p,
        c,
        "created",
        `ERP customer ${number}${written.created ? " created" : " found (made by an earlier attempt)"}${template}`,
      );
    }
    case "link": {
      if (plan.write && holdBack(p, c, `update ERP customer ${plan.number}`)) return;
      if (ctx.dryRun) {
        if (plan.link || plan.write) record(p, c, "planned", plan.note);
        return;
      }
      if (plan.write) await updateErpCompany(p.adapter, plan.number, c.fields, ctx.settings.companies.taxIdField);
      const erpHash = plan.write ? comparedHash(c.fields) : plan.link ? null : linkedErpHash;
      await linked(p, c, {
        number: plan.number,
        source: plan.link ? "matched" : null,
        hash,
        erpHash,
        wrote: plan.write,
      });
      if (plan.link) p.counts.linked++;
      if (plan.write) p.counts.updated++;
      if (!plan.link && !plan.write) {
        p.counts.unchanged++;
        return;
      }
      return record(p, c, "updated", plan.note);
    }
  }
}

/**
 * The company is linked: its locations get their own ERP customers where the setting says so,
 * and every location whose buyer is now known comes off the unmapped list, its waiting orders
 * queued again, in the transaction that stores the link.
 */
async function linked(
  p: CompanyImportPass,
  c: Prepared,
  input: {
    number: string;
    source: "created" | "matched" | null;
    hash: string;
    erpHash: string | null;
    wrote: boolean;
  },
) {
  const { ctx } = p;
  const locations = summaries(c);
  const { made: own, held } = await locationCustomers(p, c, locations);
  await ctx.db.transaction(async (tx) => {
    if (input.source) {
      await upsertCustomerLink(tx, {
        shopId: ctx.shopId,
        shopifyCustomerId: c.company.id,
        erpCustomerNumber: input.number,
        source: input.source,
      });
    }
    for (const [id, number] of own) {
      await upsertCustomerLink(tx, {
        shopId: ctx.shopId,
        shopifyCustomerId: id,
        erpCustomerNumber: number,
        source: "created",
      });
    }
    await saveCompanyOutcome(tx, {
      ...base(p, c, locations),
      state: "linked",
      erpCustomerNumber: input.number,
      // A location held back by the kill switch: the company is read again once writes are on.
      shopifyHash: held ? null : input.hash,
      erpHash: input.erpHash,
      reason: null,
      conflict: null,
      ...(input.wrote ? { direction: "shopify_to_erp" as const } : {}),
    });
    await settleLocations(tx, p, c, input.number, locations);
  });
}

/**
 * "One ERP customer per location": the locations beyond the main one each get theirs (created
 * when allowed, else listed to be mapped). Returns the customers made this run, by location, and
 * whether the kill switch held a write back. Mutates `locations` with each one's outcome.
 */
async function locationCustomers(
  p: CompanyImportPass,
  c: Prepared,
  locations: CompanyLocationSummary[],
): Promise<{ made: Map<string, string>; held: boolean }> {
  const { ctx } = p;
  const made = new Map<string, string>();
  let held = false;
  for (const [index, location] of c.company.locations.entries()) {
    const summary = locations[index]!;
    const fields = c.locationFields[index]![1];
    const hash = shopifySideHash(fields);
    const plan = planLocationCustomer(ctx.settings, {
      isMain: index === 0,
      linkedNumber: summary.erpCustomerNumber,
      hashChanged: summary.hash !== hash,
    });
    switch (plan.kind) {
      case "as_company":
      case "keep":
        summary.reason = null;
        break;
      case "update":
        if (!ctx.writesAllowed) {
          p.held = held = true;
          break;
        }
        await updateErpCompany(p.adapter, plan.number, fields, ctx.settings.companies.taxIdField);
        summary.hash = hash;
        break;
      case "create": {
        if (!ctx.writesAllowed) {
          // Its orders wait on the unmapped list until writes are on and the next run creates it.
          p.held = held = true;
          summary.reason = "outgoing writes are off in Settings: its ERP customer is created once they are on";
          break;
        }
        const written = await createErpCompany(p.adapter, fields, {
          templateNumber: plan.templateNumber,
          taxIdField: ctx.settings.companies.taxIdField,
          keyByName: true,
        });
        made.set(location.id, written.ref.number);
        summary.erpCustomerNumber = written.ref.number;
        summary.hash = hash;
        summary.reason = null;
        p.ctx.record({
          type: "company",
          key: location.id,
          label: fields.displayName,
          outcome: "created",
          reason: `ERP customer ${written.ref.number} for the location`,
        });
        break;
      }
      case "unmapped":
        summary.reason = plan.reason;
        break;
    }
  }
  return { made, held };
}

async function settleLocations(
  tx: Tx,
  p: CompanyImportPass,
  c: Prepared,
  companyNumber: string,
  locations: CompanyLocationSummary[],
) {
  const { ctx } = p;
  for (const location of locations) {
    const label = companyLocationLabel(c.company.name, location.name);
    if (location.reason !== null && location.erpCustomerNumber === null) {
      await openUnmappedRecord(tx, { shopId: ctx.shopId, entity: "company", shopifyId: location.id, label });
      continue;
    }
    const number = location.erpCustomerNumber ?? companyNumber;
    await settleLinked(tx, {
      shopId: ctx.shopId,
      entity: "company",
      shopifyId: location.id,
      message: `Company location ${label} orders as ERP customer ${number}.`,
    });
  }
}

/** A refused write: an error with the reason, read again by the next run (its hash is forgotten). */
async function fail(p: CompanyImportPass, c: Prepared, message: string) {
  p.counts.failed++;
  if (!p.ctx.dryRun) {
    await saveCompanyOutcome(p.ctx.db, {
      ...base(p, c, summaries(c)),
      state: "error",
      erpCustomerNumber: c.linked,
      shopifyHash: null,
      reason: message,
      conflict: null,
    });
  }
  record(p, c, "failed", message);
}
