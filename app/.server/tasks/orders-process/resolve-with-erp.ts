import { sql } from "drizzle-orm";

import type { ErpAdapter } from "../../adapters/erp/port.ts";
import { createErpCustomer } from "../../customers/erp-customer-writes.ts";
import type { DbOrTx } from "../../db.ts";
import type { ShopSettings } from "../../domain/settings-schema.ts";
import { countOf } from "../../format/format.ts";
import { erpCustomerFields } from "../../mapping/customer-fields.ts";
import {
  customerKey,
  customerLookups,
  type NewErpCustomer,
  resolveCustomer,
  templateFor,
} from "../../mapping/resolve-customer.ts";
import { type ErpItemRef, itemLines, itemLookups, resolveLines, variantKey } from "../../mapping/resolve-lines.ts";
import { getCustomerLink, getVariantLinks, upsertCustomerLink, upsertVariantLink } from "../../queries/links.ts";
import type { ImportedOrder } from "../orders-sync/imported-order.ts";
import type { ResolvedOrder } from "./map-to-sales-document.ts";

export interface UnmappedThing {
  entity: "customer" | "company" | "product";
  shopifyId: string;
  label: string;
}

export type ErpResolution =
  | {
      kind: "resolved";
      resolved: ResolvedOrder;
      customerKey: string;
      variantKeys: string[];
      /** In a plan: what would be created in the ERP first ("customer ann@example.com", "item SKU-1"). */
      wouldCreate: string[];
    }
  | {
      kind: "waiting";
      waitingOn: "unmapped_customer" | "unmapped_product";
      unmapped: UnmappedThing[];
      message: string;
    };

interface ResolveInput {
  shopId: number;
  order: ImportedOrder;
  settings: ShopSettings;
  /**
   * Plan only (a preview): ERP reads and link reads, nothing written anywhere: no link stored, no
   * customer or item created (they are named in `wouldCreate`), no lock taken.
   */
  plan?: boolean;
}

/** Stands for the number of a customer or item a plan would create (the ERP assigns the real one). */
const TO_BE_CREATED = "(new)";

/**
 * The effectful half of mapping: reads links, asks the ERP what the pure decisions need, creates
 * customers/items when allowed and stores every new link. The decisions themselves are in
 * app/.server/mapping/.
 */
export async function resolveWithErp(db: DbOrTx, adapter: ErpAdapter, input: ResolveInput): Promise<ErpResolution> {
  const { order } = input;
  const wouldCreate: string[] = [];
  const customer = await resolveCustomerWithErp(db, adapter, input, wouldCreate);
  const lines = await resolveLinesWithErp(db, adapter, input, wouldCreate);
  const unmapped: UnmappedThing[] = [];
  const key = customerKey(order);
  if (customer === null) {
    unmapped.push({
      entity: order.company ? "company" : "customer",
      shopifyId: key.shopifyCustomerId,
      label: key.label,
    });
  }
  for (const v of lines.unmapped) unmapped.push({ entity: "product", shopifyId: v.shopifyVariantId, label: v.label });
  if (customer === null || lines.items === null) {
    const waitingOn = customer === null ? "unmapped_customer" : "unmapped_product";
    const message =
      waitingOn === "unmapped_customer"
        ? order.company
          ? `Waiting for the company location ${key.label} to be mapped to an ERP customer (a B2B order never goes to a consumer customer).`
          : `Waiting for the customer ${key.label} to be mapped to an ERP customer.`
        : `Waiting for ${countOf(lines.unmapped.length, "product")} to be mapped: ${lines.unmapped.map((u) => u.label).join(", ")}.`;
    return { kind: "waiting", waitingOn, unmapped, message };
  }
  return {
    kind: "resolved",
    resolved: { customerNumber: customer, items: lines.items },
    customerKey: key.shopifyCustomerId,
    variantKeys: [...new Set(itemLines(order).map(variantKey))],
    wouldCreate,
  };
}

/** The ERP customer number, or null when the order must wait for a mapping. */
async function resolveCustomerWithErp(
  db: DbOrTx,
  adapter: ErpAdapter,
  { shopId, order, settings, plan }: ResolveInput,
  wouldCreate: string[],
): Promise<string | null> {
  const key = customerKey(order);
  if (settings.customers.createUnknownInErp && !plan) {
    // Two orders of one new buyer in parallel would both miss in the ERP and both create; the
    // second waits here until the first commits its link.
    await db.execute(sql`select pg_advisory_xact_lock(${shopId}, hashtext(${key.shopifyCustomerId}))`);
  }
  const linkedNumber =
    (await getCustomerLink(db, { shopId, shopifyCustomerId: key.shopifyCustomerId })) ??
    // A B2B location without its own ERP customer buys as its company.
    (order.company ? await getCustomerLink(db, { shopId, shopifyCustomerId: order.company.companyId }) : null);
  let foundNumber: string | null = null;
  if (!linkedNumber) {
    for (const lookup of customerLookups(order, settings)) {
      foundNumber = (await adapter.findCustomer(lookup))?.number ?? null;
      if (foundNumber) break;
    }
  }
  const decision = resolveCustomer(order, settings, { linkedNumber, foundNumber });
  if (decision.kind === "wait") return null;
  if (decision.kind === "use") {
    if (decision.storeLink && !plan) {
      await upsertCustomerLink(db, {
        shopId,
        shopifyCustomerId: key.shopifyCustomerId,
        erpCustomerNumber: decision.customerNumber,
        source: "matched",
      });
    }
    return decision.customerNumber;
  }
  if (plan) {
    const template = templateFor(decision.customer.profile, settings);
    wouldCreate.push(`customer ${decision.customer.email}${template ? ` (from template ${template})` : ""}`);
    return TO_BE_CREATED;
  }
  const number = await createErpCustomerForOrder(adapter, decision.customer, settings);
  await upsertCustomerLink(db, {
    shopId,
    shopifyCustomerId: key.shopifyCustomerId,
    erpCustomerNumber: number,
    source: "created",
  });
  return number;
}

/** Keyed by e-mail: a retry after a crash finds the customer the first attempt created. */
export async function createErpCustomerForOrder(
  adapter: ErpAdapter,
  customer: NewErpCustomer,
  settings: ShopSettings,
): Promise<string> {
  const fields = erpCustomerFields(customer.profile, settings.customers, adapter.limits);
  const result = await createErpCustomer(
    adapter,
    { ...fields, email: customer.email },
    templateFor(customer.profile, settings),
  );
  return result.ref.number;
}

async function resolveLinesWithErp(
  db: DbOrTx,
  adapter: ErpAdapter,
  { shopId, order, settings, plan }: ResolveInput,
  wouldCreate: string[],
): Promise<{ items: Map<string, ErpItemRef> | null; unmapped: Array<{ shopifyVariantId: string; label: string }> }> {
  const lines = itemLines(order);
  const links = await getVariantLinks(db, { shopId, shopifyVariantIds: [...new Set(lines.map(variantKey))] });
  const found = new Map<string, ErpItemRef | null>();
  const byVariant = new Map<string, ErpItemRef | null>();
  for (const line of lines) {
    const key = variantKey(line);
    if (links.has(key)) continue;
    if (!byVariant.has(key)) {
      let hit: ErpItemRef | null = null;
      for (const lookup of itemLookups(line, settings)) {
        const item = await adapter.findItem(lookup);
        if (item) {
          hit = { itemNumber: item.itemNumber, variantCode: item.variantCode };
          break;
        }
      }
      byVariant.set(key, hit);
    }
    found.set(line.shopifyLineId, byVariant.get(key) ?? null);
  }
  const decision = resolveLines(order, settings, { links, found }, adapter.limits);
  if (decision.unmapped.length > 0) return { items: null, unmapped: decision.unmapped };
  const items = new Map<string, ErpItemRef>();
  const stored = new Set<string>();
  for (const { line, shopifyVariantId, resolution } of decision.lines) {
    if (resolution.kind === "unmapped") continue;
    let item = resolution.item;
    if (plan) {
      if (resolution.kind === "create" && !stored.has(shopifyVariantId)) wouldCreate.push(`item ${item.itemNumber}`);
      stored.add(shopifyVariantId);
    } else if (!stored.has(shopifyVariantId) && resolution.kind !== "linked") {
      if (resolution.kind === "create") {
        const created = await adapter.upsertItem({
          number: resolution.item.itemNumber,
          displayName: resolution.displayName,
          unitPrice: resolution.unitPrice,
          ...(resolution.barcode ? { gtin: resolution.barcode } : {}),
        });
        item = { itemNumber: created.ref.number || resolution.item.itemNumber, variantCode: "" };
      }
      // Custom lines (no variant) are keyed by the line and never come back: no link for them.
      if (line.variantId) {
        await upsertVariantLink(db, {
          shopId,
          shopifyVariantId,
          erpItemNumber: item.itemNumber,
          erpVariantCode: item.variantCode,
          source: resolution.kind === "create" ? "created" : "matched",
        });
      }
      stored.add(shopifyVariantId);
    }
    items.set(line.shopifyLineId, item);
  }
  return { items, unmapped: [] };
}
