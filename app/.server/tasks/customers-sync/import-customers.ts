import { sql } from "drizzle-orm";

import { isErpError } from "../../adapters/erp/errors.ts";
import type { ErpAdapter } from "../../adapters/erp/port.ts";
import { ShopifyApiError } from "../../adapters/shopify/errors.ts";
import { createErpCustomer, updateErpCustomer } from "../../customers/erp-customer-writes.ts";
import { describeLookup, findErpCustomers } from "../../customers/find-erp-customers.ts";
import { coerceError } from "../../errors/coerce-error.ts";
import {
  comparedHash,
  type ErpCustomerFields,
  erpCustomerFields,
  shopifySideHash,
} from "../../mapping/customer-fields.ts";
import { lookupsFor } from "../../mapping/resolve-customer.ts";
import { mirrorHasCustomerEmail } from "../../queries/erp-records.ts";
import { upsertCustomerLink } from "../../queries/links.ts";
import {
  customerLinksOf,
  customerRowsOf,
  saveCustomerOutcome,
  type ShopifyCustomerRow,
} from "../../queries/shopify-customers.ts";
import { openUnmappedRecord, resolveUnmappedRecords } from "../../queries/unmapped-records.ts";
import type { RunContext } from "../../runs/define-task.ts";
import { customerLabel } from "./customer-label.ts";
import { mirroredCustomers } from "./mirrored-customers.ts";
import { type CustomerImportPlan, type MirroredErpCustomer, planCustomerImport } from "./plan-customer-import.ts";
import type { ShopifyCustomer } from "./read-shopify-customers.ts";

export interface ImportCounts {
  read: number;
  created: number;
  updated: number;
  linked: number;
  unchanged: number;
  unmapped: number;
  conflicts: number;
  skipped: number;
  failed: number;
  /** Unknown customers left for their first order (import "with order"). */
  left: number;
}

export interface ImportPass {
  ctx: RunContext;
  adapter: ErpAdapter;
  counts: ImportCounts;
  /** The kill switch held a write back: the cursor must stay so the customer is read again. */
  held: boolean;
  /** Every ERP customer has been pulled into the mirror: lookups are answered there. */
  mirrorComplete: boolean;
  /**
   * The ERP's request budget ran out: the run stops where it is (the customers not handled are
   * read again, nothing is marked failed) and continues at this time.
   */
  rateLimitedUntil: Date | null;
}

export function newImportCounts(): ImportCounts {
  return {
    read: 0,
    created: 0,
    updated: 0,
    linked: 0,
    unchanged: 0,
    unmapped: 0,
    conflicts: 0,
    skipped: 0,
    failed: 0,
    left: 0,
  };
}

interface Prepared {
  customer: ShopifyCustomer;
  fields: ErpCustomerFields;
  row: ShopifyCustomerRow | null;
  linked: string | null;
}

/**
 * Shopify → ERP for one page of customers: plan each, then carry the plan out (or record it in a
 * preview). Returns how many were handled: all of them, unless the ERP's budget ran out first.
 */
export async function importCustomers(p: ImportPass, customers: readonly ShopifyCustomer[]): Promise<number> {
  if (customers.length === 0 || p.rateLimitedUntil) return 0;
  const { ctx } = p;
  const ids = customers.map((c) => c.id);
  const [rows, links] = await Promise.all([
    customerRowsOf(ctx.db, { shopId: ctx.shopId, shopifyCustomerIds: ids }),
    customerLinksOf(ctx.db, { shopId: ctx.shopId, shopifyCustomerIds: ids }),
  ]);
  const mirror = await mirroredCustomers(ctx.db, { shopId: ctx.shopId, numbers: [...new Set(links.values())] });
  let handled = 0;
  for (const customer of customers) {
    const prepared: Prepared = {
      customer,
      fields: erpCustomerFields(customer.profile, ctx.settings.customers, p.adapter.limits),
      row: rows.get(customer.id) ?? null,
      linked: links.get(customer.id) ?? null,
    };
    try {
      await importOne(p, prepared, mirror);
    } catch (error) {
      if (isErpError(error) && error.code === "RATE_LIMITED") {
        p.rateLimitedUntil = new Date(p.ctx.clock.now().getTime() + (error.retryAfterMs ?? 60_000));
        return handled;
      }
      // An ERP or Shopify refusal fails this customer alone; anything else is a bug and fails the run.
      if (!isErpError(error) && !(error instanceof ShopifyApiError)) throw error;
      await fail(p, prepared, coerceError(error).message);
    }
    p.counts.read++;
    handled++;
  }
  return handled;
}

async function importOne(p: ImportPass, c: Prepared, mirror: Map<string, MirroredErpCustomer>): Promise<void> {
  const { ctx } = p;
  const facts = {
    row: c.row,
    linkedNumber: c.linked,
    erp: c.linked ? (mirror.get(c.linked) ?? null) : null,
    foundNumber: null,
  };
  let plan = planCustomerImport(c.customer.profile, c.fields, ctx.settings, facts);
  if (plan.kind === "create" || plan.kind === "unmapped") {
    // Only an unknown customer is looked up: the strategy's questions in order, first hit wins.
    for (const lookup of lookupsFor(c.customer.profile, ctx.settings)) {
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
      plan = planCustomerImport(c.customer.profile, c.fields, ctx.settings, { ...facts, foundNumber: number, erp });
      break;
    }
  }
  await apply(p, c, plan, facts.erp);
}

function base(p: ImportPass, c: Prepared) {
  const profile = c.customer.profile;
  return {
    shopId: p.ctx.shopId,
    shopifyCustomerId: c.customer.id,
    displayName: customerLabel(profile),
    email: profile.email,
    phone: profile.phone,
    city: profile.address?.city ?? null,
    countryCode: profile.address?.countryCode ?? null,
    shopifyUpdatedAt: new Date(c.customer.updatedAt),
    now: p.ctx.clock.now(),
  };
}

function record(
  p: ImportPass,
  c: Prepared,
  outcome: "created" | "updated" | "unchanged" | "skipped" | "failed" | "planned",
  reason?: string,
) {
  p.ctx.record({
    type: "customer",
    key: c.customer.id,
    label: customerLabel(c.customer.profile),
    outcome,
    ...(reason ? { reason } : {}),
  });
}

/** A write the preview or the kill switch holds back: named, not made; the customer is read again later. */
function holdBack(p: ImportPass, c: Prepared, what: string): boolean {
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

async function apply(p: ImportPass, c: Prepared, plan: CustomerImportPlan, linkedErp: MirroredErpCustomer | null) {
  const { ctx } = p;
  const hash = shopifySideHash(c.fields);
  const b = base(p, c);
  switch (plan.kind) {
    case "unchanged":
      p.counts.unchanged++;
      return;
    case "leave":
      p.counts.left++;
      return;
    case "skip":
      p.counts.skipped++;
      if (ctx.dryRun) return record(p, c, "planned", `skip: ${plan.reason}`);
      await saveCustomerOutcome(ctx.db, {
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
      await ctx.db.transaction(async (tx) => {
        await saveCustomerOutcome(tx, {
          ...b,
          state: "unmapped",
          erpCustomerNumber: null,
          shopifyHash: hash,
          reason: plan.reason,
          conflict: null,
        });
        await openUnmappedRecord(tx, {
          shopId: ctx.shopId,
          entity: "customer",
          shopifyId: c.customer.id,
          label: b.displayName,
        });
      });
      return record(p, c, "skipped", `unmapped: ${plan.reason}`);
    case "conflict": {
      p.counts.conflicts++;
      const reason = `changed in Shopify and in the ERP (customer ${plan.number}) since the last sync: choose which to keep`;
      if (ctx.dryRun) return record(p, c, "planned", `conflict: ${reason}`);
      await saveCustomerOutcome(ctx.db, {
        ...b,
        state: "conflict",
        erpCustomerNumber: plan.number,
        shopifyHash: hash,
        reason,
        conflict: {
          shopify: { ...c.fields },
          erp: { ...plan.erp },
          erpVersion: null,
          detectedAt: b.now.toISOString(),
        },
      });
      return record(p, c, "skipped", `conflict: ${reason}`);
    }
    case "create": {
      const template = plan.templateNumber ? ` from template ${plan.templateNumber}` : "";
      if (holdBack(p, c, `create an ERP customer${template}`)) return;
      const knownNew = await markFirstCreateAttempt(p, c);
      const number = await ctx.db.transaction(async (tx) => {
        // Order processing may create the same buyer at the same moment: the same lock as there.
        await tx.execute(sql`select pg_advisory_xact_lock(${ctx.shopId}, hashtext(${c.customer.id}))`);
        const already = (await customerLinksOf(tx, { shopId: ctx.shopId, shopifyCustomerIds: [c.customer.id] })).get(
          c.customer.id,
        );
        if (already) return { number: already, created: false };
        const written = await createErpCustomer(p.adapter, c.fields, plan.templateNumber, { knownNew });
        await upsertCustomerLink(tx, {
          shopId: ctx.shopId,
          shopifyCustomerId: c.customer.id,
          erpCustomerNumber: written.ref.number,
          source: "created",
        });
        await linkedState(tx, p, c, written.ref.number, hash, comparedHash(c.fields), "shopify_to_erp");
        return { number: written.ref.number, created: written.created };
      });
      p.counts.created++;
      return record(
        p,
        c,
        "created",
        `ERP customer ${number.number}${number.created ? " created" : " found (made by an earlier attempt or order)"}${template}`,
      );
    }
    case "link": {
      if (plan.write && holdBack(p, c, `update ERP customer ${plan.number}`)) return;
      if (ctx.dryRun) {
        if (plan.link || plan.write) record(p, c, "planned", plan.note);
        return;
      }
      if (plan.write) await updateErpCustomer(p.adapter, plan.number, c.fields);
      const erpHash = plan.write
        ? comparedHash(c.fields)
        : linkedErp && !plan.link
          ? comparedHash(linkedErp.fields)
          : null;
      await ctx.db.transaction(async (tx) => {
        if (plan.link) {
          await upsertCustomerLink(tx, {
            shopId: ctx.shopId,
            shopifyCustomerId: c.customer.id,
            erpCustomerNumber: plan.number,
            source: "matched",
          });
        }
        await linkedState(tx, p, c, plan.number, hash, erpHash, plan.write ? "shopify_to_erp" : undefined);
      });
      if (plan.link) p.counts.linked++;
      if (plan.write) p.counts.updated++;
      // Only remembered (the ERP already agrees, or may not be updated): no record, as for unchanged.
      if (!plan.link && !plan.write) {
        p.counts.unchanged++;
        return;
      }
      return record(p, c, "updated", plan.note);
    }
  }
}

/**
 * Whether this create may skip the ERP's look by e-mail: the mirror holds every ERP customer and
 * none with this e-mail, and no earlier attempt was made. The attempt is committed first (as an
 * error the next run reads again, replaced by the link moments later), so a run that dies after
 * the ERP took the POST leaves the next attempt to look, and find what this one made.
 */
async function markFirstCreateAttempt(p: ImportPass, c: Prepared): Promise<boolean> {
  const { ctx } = p;
  const email = c.fields.email;
  if (!p.mirrorComplete || !email || c.row?.erpCreateAttemptedAt) return false;
  if (await mirrorHasCustomerEmail(ctx.db, { shopId: ctx.shopId, email })) return false;
  await saveCustomerOutcome(ctx.db, {
    ...base(p, c),
    state: "error",
    erpCustomerNumber: null,
    shopifyHash: null,
    reason: "stopped while its ERP customer was being created: the next run looks in the ERP first",
    conflict: null,
    erpCreateAttemptedAt: ctx.clock.now(),
  });
  return true;
}

async function linkedState(
  tx: Parameters<Parameters<RunContext["db"]["transaction"]>[0]>[0],
  p: ImportPass,
  c: Prepared,
  number: string,
  shopifyHash: string,
  erpHash: string | null,
  direction: "shopify_to_erp" | undefined,
) {
  await saveCustomerOutcome(tx, {
    ...base(p, c),
    state: "linked",
    erpCustomerNumber: number,
    shopifyHash,
    erpHash,
    reason: null,
    conflict: null,
    ...(direction ? { direction } : {}),
  });
  await resolveUnmappedRecords(tx, { shopId: p.ctx.shopId, entity: "customer", shopifyIds: [c.customer.id] });
}

/** A refused write: an error with the reason, read again by the next run (its hash is forgotten). */
async function fail(p: ImportPass, c: Prepared, message: string) {
  p.counts.failed++;
  if (!p.ctx.dryRun) {
    await saveCustomerOutcome(p.ctx.db, {
      ...base(p, c),
      state: "error",
      erpCustomerNumber: c.linked,
      shopifyHash: null,
      reason: message,
      conflict: null,
    });
  }
  record(p, c, "failed", message);
}
