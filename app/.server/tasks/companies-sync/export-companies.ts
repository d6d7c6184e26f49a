import type { ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { ShopifyApiError } from "../../adapters/shopify/errors.ts";
import { updateShopifyCompany } from "../../customers/shopify-company-writes.ts";
import { CustomerRefused } from "../../customers/shopify-customer-writes.ts";
import { coerceError } from "../../errors/coerce-error.ts";
import { erpCompanyFields, shopifyCompanyFields } from "../../mapping/company-fields.ts";
import { type CompanyProfile, mainLocation } from "../../mapping/company-profile.ts";
import { comparedHash } from "../../mapping/customer-fields.ts";
import { changedItemNumbers } from "../../queries/erp-records.ts";
import {
  companyRowsOf,
  saveCompanyOutcome,
  shopifyCompaniesOfErp,
  type ShopifyCompanyRow,
} from "../../queries/shopify-companies.ts";
import type { RunContext } from "../../runs/define-task.ts";
import type { ExportCounts } from "../customers-sync/export-customers.ts";
import { mirroredCustomers } from "../customers-sync/mirrored-customers.ts";
import type { MirroredErpCustomer } from "../customers-sync/plan-customer-import.ts";
import { companyHash } from "./plan-company-import.ts";
import { readCompaniesById } from "./read-shopify-companies.ts";

/** The task's own place in the mirror's change feed of ERP customers. */
export const ERP_COMPANIES_SEQ_STREAM = "companies:erp-seq";
const BATCH = 200;

type ExportPlan =
  | { kind: "unchanged" }
  | { kind: "adopt" }
  | { kind: "conflict" }
  | { kind: "skip"; reason: string }
  | { kind: "write" };

/**
 * ERP → Shopify for one linked company whose ERP customer changed (BC: Can Update Shopify
 * Companies). Our own write coming back hashes as what we remember; a Shopify company that also
 * changed since the last sync is a conflict; the default company (it serves many) is never written.
 */
function planCompanyExport(
  input: {
    erp: MirroredErpCustomer;
    row: ShopifyCompanyRow | null;
    current: CompanyProfile | null;
    /** The company now: its whole hash (conflict check) and its compared fields' hash. */
    currentHash: string | null;
    currentCompared: string | null;
  },
  ctx: RunContext,
): ExportPlan {
  const { erp, row, current } = input;
  if (row?.state === "ignored" || row?.state === "conflict") return { kind: "unchanged" };
  const c = ctx.settings.companies;
  if (c.mapping === "default_company" && erp.number === c.defaultCompanyNo) return { kind: "unchanged" };
  if (!current) return { kind: "skip", reason: "Shopify no longer has this company" };
  const erpHash = comparedHash(erp.fields);
  if (row?.erpHash === erpHash) return { kind: "unchanged" };
  if (input.currentCompared === erpHash) return { kind: "adopt" };
  if (row?.shopifyHash && input.currentHash !== row.shopifyHash) return { kind: "conflict" };
  if (!erp.fields.displayName.trim()) return { kind: "skip", reason: `ERP customer ${erp.number} has no name` };
  return { kind: "write" };
}

/**
 * "Can update Shopify companies": the linked companies whose ERP customer changed since this
 * task's place in the mirror's change feed. Reads each company first (conflict check), writes the
 * name and the main location's billing address, then reads it back so the hash remembered is
 * what Shopify holds (its own companies/update then changes nothing).
 */
export async function exportCompanyChanges(
  ctx: RunContext,
  admin: ShopifyAdmin,
  counts: ExportCounts,
): Promise<{ more: boolean }> {
  const store = ctx.cursor(ERP_COMPANIES_SEQ_STREAM);
  const afterSeq = Number((await store.read()) ?? 0);
  const changed = await changedItemNumbers(ctx.db, {
    shopId: ctx.shopId,
    entities: ["customers"],
    afterSeq,
    limit: BATCH,
  });
  if (changed.itemNumbers.length === 0) return { more: false };
  const byNumber = await shopifyCompaniesOfErp(ctx.db, { shopId: ctx.shopId, erpNumbers: changed.itemNumbers });
  const ids = [...byNumber.values()].flat();
  counts.changedInErp += byNumber.size;
  const [rows, mirror, current] = await Promise.all([
    companyRowsOf(ctx.db, { shopId: ctx.shopId, shopifyCompanyIds: ids }),
    mirroredCustomers(ctx.db, { shopId: ctx.shopId, numbers: [...byNumber.keys()] }),
    ids.length > 0 ? readCompaniesById(admin, ids) : Promise.resolve([]),
  ]);
  const currentById = new Map(current.map((c) => [c.id, c]));
  const adapter = await ctx.erp();
  const settings = {
    paymentTerms: ctx.settings.companies.paymentTerms,
    countySource: ctx.settings.customers.countySource,
  };
  const fieldsOf = (company: CompanyProfile) =>
    erpCompanyFields(company, mainLocation(company), settings, adapter.limits, { asLocation: false });
  const hashOf = (company: CompanyProfile) =>
    companyHash(
      fieldsOf(company),
      company.locations.map((l) => [
        l.id,
        erpCompanyFields(company, l, settings, adapter.limits, { asLocation: true }),
      ]),
    );
  for (const [number, companyIds] of byNumber) {
    const erp = mirror.get(number);
    if (!erp) continue;
    for (const id of companyIds) {
      const now = currentById.get(id) ?? null;
      const row = rows.get(id) ?? null;
      const plan = planCompanyExport(
        {
          erp,
          row,
          current: now,
          currentHash: now ? hashOf(now) : null,
          currentCompared: now ? comparedHash(fieldsOf(now)) : null,
        },
        ctx,
      );
      const record = (outcome: "updated" | "skipped" | "failed" | "planned", reason: string) =>
        ctx.record({ type: "company", key: id, label: now?.name ?? row?.name ?? id, outcome, reason });
      const erpHash = comparedHash(erp.fields);
      switch (plan.kind) {
        case "unchanged":
          counts.unchanged++;
          continue;
        case "skip":
          counts.skipped++;
          record(ctx.dryRun ? "planned" : "skipped", plan.reason);
          continue;
        case "adopt":
          // Shopify already has what the ERP says: remember both sides, write nothing.
          counts.unchanged++;
          if (!ctx.dryRun && now && row) {
            await saveCompanyOutcome(ctx.db, {
              ...rowValues(ctx, row, now),
              state: row.state,
              shopifyHash: hashOf(now),
              erpHash,
              reason: row.reason,
              conflict: null,
            });
          }
          continue;
        case "conflict": {
          counts.conflicts++;
          const reason = `changed in the ERP (customer ${number}) and in Shopify since the last sync: choose which to keep`;
          if (ctx.dryRun || !now || !row) {
            record("planned", `conflict: ${reason}`);
            continue;
          }
          await saveCompanyOutcome(ctx.db, {
            ...rowValues(ctx, row, now),
            state: "conflict",
            reason,
            conflict: {
              shopify: { name: now.name },
              erp: { ...erp.fields },
              erpVersion: null,
              detectedAt: ctx.clock.now().toISOString(),
            },
          });
          record("skipped", `conflict: ${reason}`);
          continue;
        }
        case "write": {
          const what = `update the Shopify company from ERP customer ${number}`;
          if (ctx.dryRun) {
            record("planned", what);
            continue;
          }
          if (!ctx.writesAllowed) {
            counts.skipped++;
            record("skipped", `outgoing writes are off in Settings: ${what}`);
            // The feed position stays: the change is sent once writes are allowed again.
            return { more: false };
          }
          if (!now) continue;
          try {
            await updateShopifyCompany(
              admin,
              { companyId: id, mainLocationId: mainLocation(now)?.id ?? null },
              shopifyCompanyFields(erp.fields, ctx.settings.customers),
            );
            const [after] = await readCompaniesById(admin, [id]);
            if (after && row) {
              await saveCompanyOutcome(ctx.db, {
                ...rowValues(ctx, row, after),
                state: "linked",
                shopifyHash: hashOf(after),
                erpHash,
                reason: null,
                conflict: null,
                direction: "erp_to_shopify",
              });
            }
            counts.updated++;
            record("updated", `Shopify company updated from ERP customer ${number}`);
          } catch (error) {
            if (!(error instanceof CustomerRefused) && !(error instanceof ShopifyApiError)) throw error;
            counts.failed++;
            const message = coerceError(error).message;
            if (row) {
              await saveCompanyOutcome(ctx.db, {
                ...rowValues(ctx, row, now),
                state: "error",
                erpHash: null,
                reason: message,
                conflict: null,
              });
            }
            record("failed", message);
          }
          continue;
        }
      }
    }
  }
  if (!ctx.dryRun) await store.checkpoint(String(changed.lastSeq));
  return { more: changed.more };
}

function rowValues(ctx: RunContext, row: ShopifyCompanyRow, company: CompanyProfile) {
  return {
    shopId: ctx.shopId,
    shopifyCompanyId: row.shopifyCompanyId,
    name: company.name,
    email: row.email,
    phone: row.phone,
    taxId: row.taxId,
    city: row.city,
    countryCode: row.countryCode,
    locations: row.locations,
    erpCustomerNumber: row.erpCustomerNumber,
    shopifyUpdatedAt: new Date(company.updatedAt),
    now: ctx.clock.now(),
  };
}
