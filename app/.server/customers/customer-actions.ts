import { sql } from "drizzle-orm";

import { customerAbilities, unnamedCustomer } from "../customers-page/customer-labels.ts";
import {
  type CustomerRow,
  getCustomerRow,
  insertLinkedCustomerRow,
  lockCustomerRow,
  updateCustomerRow,
} from "../customers-page/queries.ts";
import { getDb } from "../db.ts";
import { comparedHash, customerFieldProblem, erpCustomerFields, shopifySideHash } from "../mapping/customer-fields.ts";
import { templateFor } from "../mapping/resolve-customer.ts";
import { getCustomerLink, upsertCustomerLink } from "../queries/links.ts";
import { getShopSettings } from "../queries/shops.ts";
import type { TaskDefinition } from "../runs/define-task.ts";
import { enqueueRun } from "../runs/enqueue-run.ts";
import { shopifyAdminForShopId } from "../shopify/admin-for-shop-id.ts";
import { customersSyncTask } from "../tasks/customers-sync/task.ts";
import { mapCustomer, settleLinked } from "../tasks/orders-process/mapping-actions.ts";
import {
  type CustomerActionResult,
  mirroredHash,
  NO_SUCH_CUSTOMER,
  readShopifyCustomer,
  Refusal,
  refuseUnless,
  refusing,
  requireAdapter,
  requireWrites,
  rowFields,
  withOrders,
} from "./customer-action-support.ts";
import { createErpCustomer } from "./erp-customer-writes.ts";

// The Customers page's actions on one customer: map, create in the ERP, ignore, sync now. The
// conflict's two ways out are in conflict-actions.ts, Add to Shopify in add-to-shopify.ts.

/**
 * Map to an ERP customer: the number must exist in the ERP (findCustomer). The link, the row and
 * the unmapped list change in one transaction through order processing's own mapCustomer, which
 * also queues the orders waiting on this customer. The Shopify hash is forgotten so the next sync
 * compares the customer with its new ERP customer; the ERP hash is the mirror's, when it has one,
 * so a later ERP change is seen as one.
 */
export function mapCustomerRow(shopId: number, rowId: number, number: string): Promise<CustomerActionResult> {
  return refusing(async () => {
    const row = await getCustomerRow(getDb(), { shopId, id: rowId });
    if (!row) return NO_SUCH_CUSTOMER;
    refuseUnless(customerAbilities(row.state).canMap, mapRefusal(row));
    const from = (["unmapped", "error", "skipped", "linked"] as const).filter((s) => s === row.state);
    const result = await mapCustomer(shopId, row.shopifyCustomerId, number, async (tx, found) => {
      const moved = await updateCustomerRow(tx, {
        shopId,
        id: row.id,
        from,
        set: {
          state: "linked",
          erpCustomerNumber: found,
          reason: null,
          conflict: null,
          shopifyHash: null,
          erpHash: await mirroredHash(tx, shopId, found),
        },
      });
      if (!moved) throw new Refusal("The customer changed meanwhile; look again and retry.");
    });
    if (!result.ok) return result;
    return { ok: true, message: withOrders(result.message, result.ordersQueued) };
  });
}

function mapRefusal(row: CustomerRow): string {
  if (row.state === "conflict") return "Choose which version to keep first.";
  if (row.state === "ignored") return "This customer is ignored; stop ignoring it to map it.";
  return "A redacted customer cannot be mapped.";
}

/**
 * Create in the ERP from the Shopify customer as Shopify has it now, from the template of its
 * country, as the sync creates one (keyed by e-mail, so a retry finds what the first try made).
 * Under the same advisory lock as the sync and order processing: a customer linked meanwhile is
 * not created twice.
 */
export function createCustomerRowInErp(shopId: number, rowId: number): Promise<CustomerActionResult> {
  return refusing(async () => {
    const db = getDb();
    const row = await getCustomerRow(db, { shopId, id: rowId });
    if (!row) return NO_SUCH_CUSTOMER;
    refuseUnless(
      customerAbilities(row.state).canCreate,
      "Only an unmapped, skipped or failed customer can be created.",
    );
    const settings = await getShopSettings(db, shopId);
    requireWrites(settings, "the ERP customer was not created");
    const adapter = await requireAdapter(shopId);
    const customer = await readShopifyCustomer(await shopifyAdminForShopId(shopId), row.shopifyCustomerId);
    const fields = erpCustomerFields(customer.profile, settings.customers, adapter.limits);
    const problem = customerFieldProblem(fields);
    if (problem) throw new Refusal(`Not created: ${problem}.`);
    if (!fields.email) {
      throw new Refusal("Not created: the customer has no e-mail address, which the ERP customer is found by.");
    }
    const template = templateFor(customer.profile, settings);
    return db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${shopId}, hashtext(${row.shopifyCustomerId}))`);
      const already = await getCustomerLink(tx, { shopId, shopifyCustomerId: row.shopifyCustomerId });
      if (already) throw new Refusal(`This customer is already linked to ERP customer ${already}.`);
      const written = await createErpCustomer(adapter, fields, template);
      const number = written.ref.number;
      await upsertCustomerLink(tx, {
        shopId,
        shopifyCustomerId: row.shopifyCustomerId,
        erpCustomerNumber: number,
        source: "created",
      });
      await updateCustomerRow(tx, {
        shopId,
        id: row.id,
        from: [row.state],
        set: {
          ...rowFields(customer),
          state: "linked",
          erpCustomerNumber: number,
          reason: null,
          conflict: null,
          shopifyHash: shopifySideHash(fields),
          erpHash: comparedHash(fields),
          lastSyncedAt: new Date(),
          lastDirection: "shopify_to_erp",
        },
      });
      const what = written.created ? "created in the ERP" : "found in the ERP (made by an earlier attempt)";
      const message = `Customer ${number} ${what}${template ? ` from template customer ${template}` : ""}.`;
      const queued = await settleLinked(tx, { shopId, entity: "customer", shopifyId: row.shopifyCustomerId, message });
      return { ok: true, message: withOrders(message, queued) };
    });
  });
}

/**
 * Ignore: the customer stays out of the customer sync. Orders waiting on it keep waiting (and its
 * unmapped-list entry stays): whether those orders are processed is decided on the orders' list.
 */
export async function ignoreCustomerRow(shopId: number, rowId: number): Promise<CustomerActionResult> {
  const done = await updateCustomerRow(getDb(), {
    shopId,
    id: rowId,
    from: ["unmapped", "error", "skipped"],
    set: { state: "ignored", reason: "ignored by the merchant" },
  });
  return done
    ? { ok: true, message: "Customer ignored" }
    : { ok: false, message: "Only an unmapped, skipped or failed customer can be ignored." };
}

/** Stop ignoring: unmapped again, with its hash forgotten, so the next sync plans it afresh. */
export async function stopIgnoringCustomerRow(shopId: number, rowId: number): Promise<CustomerActionResult> {
  const done = await updateCustomerRow(getDb(), {
    shopId,
    id: rowId,
    from: ["ignored"],
    set: { state: "unmapped", reason: null, shopifyHash: null },
  });
  return done
    ? { ok: true, message: "Customer no longer ignored; the next sync looks at it again" }
    : { ok: false, message: "This customer is not ignored." };
}

/**
 * Retry / Sync now: the Shopify hash is forgotten, so the next run of "Sync customers" reads the
 * customer again by id, and that run is queued (coalescing with one already waiting), in one
 * transaction: a run that could not be queued leaves the hash as it was. `task` defaults to the
 * registry's customer sync.
 */
export function requestCustomerSync(
  shopId: number,
  rowId: number,
  task: TaskDefinition = customersSyncTask,
): Promise<CustomerActionResult> {
  return refusing(() =>
    getDb().transaction(async (tx) => {
      const row = await lockCustomerRow(tx, { shopId, id: rowId });
      if (!row) return NO_SUCH_CUSTOMER;
      refuseUnless(
        customerAbilities(row.state).canSync,
        row.state === "ignored"
          ? "This customer is ignored; stop ignoring it to sync it."
          : "A redacted customer is never synced again.",
      );
      await updateCustomerRow(tx, { shopId, id: row.id, from: [row.state], set: { shopifyHash: null } });
      const jobId = await enqueueRun(tx, task, { shopId, trigger: "manual" });
      if (jobId === null) throw new Refusal(`${task.title} could not be queued.`);
      return { ok: true, message: "Sync queued", runLink: `/app/runs/job/${jobId}` };
    }),
  );
}

/**
 * Sync now for a customer only customer_links knows (linked by order processing): it gets its row,
 * linked and without a hash, so the queued run reads it by id and compares it with its ERP customer.
 */
export function requestLinkedCustomerSync(
  shopId: number,
  link: { shopifyCustomerId: string; erpCustomerNumber: string },
  task: TaskDefinition = customersSyncTask,
): Promise<CustomerActionResult> {
  return refusing(() =>
    getDb().transaction(async (tx) => {
      const id = await insertLinkedCustomerRow(tx, {
        shopId,
        shopifyCustomerId: link.shopifyCustomerId,
        erpCustomerNumber: link.erpCustomerNumber,
        displayName: unnamedCustomer(link.shopifyCustomerId),
        erpHash: await mirroredHash(tx, shopId, link.erpCustomerNumber),
      });
      const jobId = await enqueueRun(tx, task, { shopId, trigger: "manual" });
      if (jobId === null) throw new Refusal(`${task.title} could not be queued.`);
      return { ok: true, message: "Sync queued", runLink: `/app/runs/job/${jobId}`, href: `/app/customers/${id}` };
    }),
  );
}
