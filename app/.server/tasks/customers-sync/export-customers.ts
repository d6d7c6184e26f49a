import type { ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { ShopifyApiError } from "../../adapters/shopify/errors.ts";
import { CustomerRefused, updateShopifyCustomer } from "../../customers/shopify-customer-writes.ts";
import { coerceError } from "../../errors/coerce-error.ts";
import {
  type ComparedCustomerFields,
  comparedHash,
  type ErpCustomerFields,
  erpCustomerFields,
  shopifySideHash,
} from "../../mapping/customer-fields.ts";
import { changedItemNumbers } from "../../queries/erp-records.ts";
import { customerRowsOf, saveCustomerOutcome, shopifyCustomersOfErp } from "../../queries/shopify-customers.ts";
import type { RunContext } from "../../runs/define-task.ts";
import { customerLabel } from "./customer-label.ts";
import { mirroredCustomers } from "./mirrored-customers.ts";
import { planCustomerExport } from "./plan-customer-export.ts";
import { readCustomersById, type ShopifyCustomer } from "./read-shopify-customers.ts";

/** The task's own place in the mirror's change feed of ERP customers. */
export const ERP_CUSTOMERS_SEQ_STREAM = "customers:erp-seq";
/** ERP customers looked at per run; the rest continue in the next run. */
const BATCH = 200;

export interface ExportCounts {
  changedInErp: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  skipped: number;
  failed: number;
}

/**
 * "Can update Shopify customers" (ERP → Shopify): the linked customers whose ERP record changed
 * since this task's place in the mirror's change feed. Reads each one's Shopify side first (one
 * `nodes` call a batch) for the conflict check, writes the differences, then reads it back so the
 * hash remembered is what Shopify holds (its own `customers/update` then changes nothing).
 */
export async function exportCustomerChanges(
  ctx: RunContext,
  admin: ShopifyAdmin,
  counts: ExportCounts,
): Promise<{ more: boolean }> {
  const store = ctx.cursor(ERP_CUSTOMERS_SEQ_STREAM);
  const afterSeq = Number((await store.read()) ?? 0);
  const changed = await changedItemNumbers(ctx.db, {
    shopId: ctx.shopId,
    entities: ["customers"],
    afterSeq,
    limit: BATCH,
  });
  if (changed.itemNumbers.length === 0) return { more: false };
  counts.changedInErp += changed.itemNumbers.length;
  const byNumber = await shopifyCustomersOfErp(ctx.db, { shopId: ctx.shopId, erpNumbers: changed.itemNumbers });
  const ids = [...byNumber.values()].flat();
  const [rows, mirror, current] = await Promise.all([
    customerRowsOf(ctx.db, { shopId: ctx.shopId, shopifyCustomerIds: ids }),
    mirroredCustomers(ctx.db, { shopId: ctx.shopId, numbers: [...byNumber.keys()] }),
    ids.length > 0 ? readCustomersById(admin, ids) : Promise.resolve([]),
  ]);
  const currentById = new Map(current.map((c) => [c.id, c]));
  const limits = (await ctx.erp()).limits;
  for (const [number, shopifyIds] of byNumber) {
    const erp = mirror.get(number);
    if (!erp) continue;
    for (const id of shopifyIds) {
      const now = currentById.get(id) ?? null;
      const currentFields = now ? erpCustomerFields(now.profile, ctx.settings.customers, limits) : null;
      const plan = planCustomerExport({ erp, row: rows.get(id) ?? null, current: currentFields }, ctx.settings);
      const label = now ? customerLabel(now.profile) : id;
      const record = (outcome: "updated" | "unchanged" | "skipped" | "failed" | "planned", reason: string) =>
        ctx.record({ type: "customer", key: id, label, outcome, reason });
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
          counts.unchanged++;
          if (!ctx.dryRun && now && currentFields) {
            await saveLinked(ctx, now, number, { shopifyHash: shopifySideHash(currentFields), erpHash, wrote: false });
          }
          continue;
        case "conflict": {
          counts.conflicts++;
          const reason = `changed in the ERP (customer ${number}) and in Shopify since the last sync: choose which to keep`;
          if (ctx.dryRun || !now) {
            record("planned", `conflict: ${reason}`);
            continue;
          }
          await saveConflict(ctx, now, number, plan.shopify, erp.fields, reason);
          record("skipped", `conflict: ${reason}`);
          continue;
        }
        case "write": {
          if (ctx.dryRun) {
            record("planned", `update the Shopify customer from ERP customer ${number}`);
            continue;
          }
          if (!ctx.writesAllowed) {
            counts.skipped++;
            record(
              "skipped",
              `outgoing writes are off in Settings: update the Shopify customer from ERP customer ${number}`,
            );
            // The feed position stays: the change is sent once writes are allowed again.
            return { more: false };
          }
          try {
            await updateShopifyCustomer(admin, { id, addressId: now?.addressId ?? null }, plan.input);
            const [after] = await readCustomersById(admin, [id]);
            if (after) {
              const shopifyHash = shopifySideHash(erpCustomerFields(after.profile, ctx.settings.customers, limits));
              await saveLinked(ctx, after, number, { shopifyHash, erpHash, wrote: true });
            }
            counts.updated++;
            record("updated", `Shopify customer updated from ERP customer ${number}`);
          } catch (error) {
            if (!(error instanceof CustomerRefused) && !(error instanceof ShopifyApiError)) throw error;
            counts.failed++;
            const message = coerceError(error).message;
            if (now) await saveError(ctx, now, number, message);
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

function rowBase(ctx: RunContext, customer: ShopifyCustomer) {
  const p = customer.profile;
  return {
    shopId: ctx.shopId,
    shopifyCustomerId: customer.id,
    displayName: customerLabel(p),
    email: p.email,
    phone: p.phone,
    city: p.address?.city ?? null,
    countryCode: p.address?.countryCode ?? null,
    shopifyUpdatedAt: new Date(customer.updatedAt),
    now: ctx.clock.now(),
  };
}

async function saveLinked(
  ctx: RunContext,
  customer: ShopifyCustomer,
  number: string,
  hashes: { shopifyHash: string; erpHash: string; wrote: boolean },
) {
  await saveCustomerOutcome(ctx.db, {
    ...rowBase(ctx, customer),
    state: "linked",
    erpCustomerNumber: number,
    shopifyHash: hashes.shopifyHash,
    erpHash: hashes.erpHash,
    reason: null,
    conflict: null,
    ...(hashes.wrote ? { direction: "erp_to_shopify" as const } : {}),
  });
}

async function saveConflict(
  ctx: RunContext,
  customer: ShopifyCustomer,
  number: string,
  shopify: ErpCustomerFields,
  erp: ComparedCustomerFields,
  reason: string,
) {
  await saveCustomerOutcome(ctx.db, {
    ...rowBase(ctx, customer),
    state: "conflict",
    erpCustomerNumber: number,
    reason,
    conflict: { shopify: { ...shopify }, erp: { ...erp }, erpVersion: null, detectedAt: ctx.clock.now().toISOString() },
  });
}

async function saveError(ctx: RunContext, customer: ShopifyCustomer, number: string, message: string) {
  await saveCustomerOutcome(ctx.db, {
    ...rowBase(ctx, customer),
    state: "error",
    erpCustomerNumber: number,
    // Forgotten, so the next change (or Retry) writes again.
    erpHash: null,
    reason: message,
    conflict: null,
  });
}
