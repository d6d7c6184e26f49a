import { sql } from "drizzle-orm";
import { z } from "zod";

import type { ErpAdapter } from "../adapters/erp/port.ts";
import type { ShopifyAdmin } from "../adapters/shopify/admin-port.ts";
import { ShopifyApiError } from "../adapters/shopify/errors.ts";
import { isWritesDisabledError, WRITES_OFF_REASON } from "../adapters/writes-disabled.ts";
import { customerAbilities, unnamedCustomer } from "../customers-page/customer-labels.ts";
import {
  type CustomerRow,
  getCustomerRow,
  insertLinkedCustomerRow,
  lockCustomerRow,
  updateCustomerRow,
} from "../customers-page/queries.ts";
import { getDb, type Tx } from "../db.ts";
import type { ShopSettings } from "../domain/settings-schema.ts";
import { erpAdapterForShop } from "../erp/connections.ts";
import {
  type ComparedCustomerFields,
  comparedHash,
  customerFieldProblem,
  erpCustomerFields,
  shopifyCustomerFields,
  shopifySideHash,
} from "../mapping/customer-fields.ts";
import { templateFor } from "../mapping/resolve-customer.ts";
import { getCustomerLink, upsertCustomerLink } from "../queries/links.ts";
import { saveCustomerOutcome, shopifyCustomersOfErp } from "../queries/shopify-customers.ts";
import { getShopSettings } from "../queries/shops.ts";
import type { TaskDefinition } from "../runs/define-task.ts";
import { enqueueRun } from "../runs/enqueue-run.ts";
import { shopifyAdminForShopId } from "../shopify/admin-for-shop-id.ts";
import { customerLabel } from "../tasks/customers-sync/customer-label.ts";
import { mirroredCustomers } from "../tasks/customers-sync/mirrored-customers.ts";
import { readCustomersById, type ShopifyCustomer } from "../tasks/customers-sync/read-shopify-customers.ts";
import { customersSyncTask } from "../tasks/customers-sync/task.ts";
import { asErpError, describeErpError, NO_ERP_MESSAGE } from "../tasks/orders-process/erp-errors.ts";
import { mapCustomer, settleLinked } from "../tasks/orders-process/mapping-actions.ts";
import { createErpCustomer, updateErpCustomer } from "./erp-customer-writes.ts";
import { createShopifyCustomer, CustomerRefused, updateShopifyCustomer } from "./shopify-customer-writes.ts";

/** What an action tells the merchant; `href` is the page to go to (a customer that got a row). */
export type CustomerActionResult =
  { ok: true; message: string; runLink?: string; href?: string } | { ok: false; message: string };

/** A refusal decided by us (inside a transaction: thrown to roll it back), answered as its message. */
class Refusal extends Error {}

const NO_SUCH_CUSTOMER: CustomerActionResult = { ok: false, message: "No such customer." };

/**
 * Runs an action, answering our refusals, the kill switch and the ERP's or Shopify's refusal in
 * their own words; anything else is a bug and is thrown.
 */
async function refusing(run: () => Promise<CustomerActionResult>): Promise<CustomerActionResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Refusal || isWritesDisabledError(error) || error instanceof CustomerRefused) {
      return { ok: false, message: error.message };
    }
    if (error instanceof ShopifyApiError) return { ok: false, message: `Shopify: ${error.message}` };
    const erpError = asErpError(error);
    if (erpError) return { ok: false, message: describeErpError(erpError) };
    throw error;
  }
}

/**
 * The kill switch, checked before anything is read or sent: the guarded ports would refuse the
 * write anyway, but only after the reads, and a create half done is worse than none.
 */
function requireWrites(settings: ShopSettings, what: string): void {
  if (!settings.allowOutgoingWrites) throw new Refusal(`${WRITES_OFF_REASON}: ${what}; nothing was written.`);
}

async function requireAdapter(shopId: number): Promise<ErpAdapter> {
  const adapter = await erpAdapterForShop(shopId);
  if (!adapter) throw new Refusal(NO_ERP_MESSAGE);
  return adapter;
}

async function readShopifyCustomer(admin: ShopifyAdmin, id: string): Promise<ShopifyCustomer> {
  const [customer] = await readCustomersById(admin, [id]);
  if (!customer) throw new Refusal("Shopify no longer has this customer.");
  return customer;
}

/** The row's fields as Shopify has the customer now (what the list shows and searches). */
function rowFields(customer: ShopifyCustomer) {
  const p = customer.profile;
  return {
    displayName: customerLabel(p),
    email: p.email,
    phone: p.phone,
    city: p.address?.city ?? null,
    countryCode: p.address?.countryCode ?? null,
    shopifyUpdatedAt: new Date(customer.updatedAt),
  };
}

async function mirroredHash(tx: Tx, shopId: number, number: string): Promise<string | null> {
  const erp = (await mirroredCustomers(tx, { shopId, numbers: [number] })).get(number);
  return erp ? comparedHash(erp.fields) : null;
}

function refuseUnless(allowed: boolean, message: string): void {
  if (!allowed) throw new Refusal(message);
}

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

function withOrders(message: string, ordersQueued: number): string {
  if (ordersQueued === 0) return message;
  return `${message} ${ordersQueued === 1 ? "1 waiting order was" : `${ordersQueued} waiting orders were`} queued.`;
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

/**
 * Keep Shopify's: the Shopify customer as it is now is written to its ERP customer, and both
 * hashes are stored, so neither side's state comes back as a change (nor as the conflict again).
 */
export function keepShopifyVersion(shopId: number, rowId: number): Promise<CustomerActionResult> {
  return refusing(async () => {
    const db = getDb();
    const row = await getCustomerRow(db, { shopId, id: rowId });
    if (!row) return NO_SUCH_CUSTOMER;
    refuseUnless(row.state === "conflict" && row.erpCustomerNumber !== null, "This customer is not in conflict.");
    const number = row.erpCustomerNumber!;
    const settings = await getShopSettings(db, shopId);
    requireWrites(settings, `ERP customer ${number} was not updated`);
    const adapter = await requireAdapter(shopId);
    const customer = await readShopifyCustomer(await shopifyAdminForShopId(shopId), row.shopifyCustomerId);
    const fields = erpCustomerFields(customer.profile, settings.customers, adapter.limits);
    const problem = customerFieldProblem(fields);
    if (problem) throw new Refusal(`Not written: ${problem}.`);
    await refuseIfChangedSinceShown(row, "shopify", fields);
    await updateErpCustomer(adapter, number, fields);
    await resolved(row, {
      ...rowFields(customer),
      shopifyHash: shopifySideHash(fields),
      erpHash: comparedHash(fields),
      lastDirection: "shopify_to_erp",
    });
    return { ok: true, message: `Shopify's version written to ERP customer ${number}` };
  });
}

/**
 * Keep the ERP's: the ERP customer (as the mirror has it now, else as the conflict recorded it) is
 * written to the Shopify customer, which is then read back so the hash stored is what Shopify
 * holds (its own customers/update webhook then changes nothing).
 */
export function keepErpVersion(shopId: number, rowId: number): Promise<CustomerActionResult> {
  return refusing(async () => {
    const db = getDb();
    const row = await getCustomerRow(db, { shopId, id: rowId });
    if (!row) return NO_SUCH_CUSTOMER;
    refuseUnless(row.state === "conflict" && row.erpCustomerNumber !== null, "This customer is not in conflict.");
    const number = row.erpCustomerNumber!;
    const settings = await getShopSettings(db, shopId);
    requireWrites(settings, "the Shopify customer was not updated");
    const erp = (await mirroredCustomers(db, { shopId, numbers: [number] })).get(number)?.fields ?? conflictErp(row);
    if (!erp) throw new Refusal(`The ERP's version of customer ${number} is not known; sync the customer first.`);
    await refuseIfChangedSinceShown(row, "erp", erp);
    const adapter = await requireAdapter(shopId);
    const admin = await shopifyAdminForShopId(shopId);
    const before = await readShopifyCustomer(admin, row.shopifyCustomerId);
    const input = shopifyCustomerFields(erp, settings.customers);
    if (!input.email && !input.phone && !input.firstName && !input.lastName) {
      throw new Refusal(`ERP customer ${number} has no name, e-mail or phone to give the Shopify customer.`);
    }
    await updateShopifyCustomer(admin, { id: before.id, addressId: before.addressId }, input);
    const after = await readShopifyCustomer(admin, row.shopifyCustomerId);
    await resolved(row, {
      ...rowFields(after),
      shopifyHash: shopifySideHash(erpCustomerFields(after.profile, settings.customers, adapter.limits)),
      erpHash: comparedHash(erp),
      lastDirection: "erp_to_shopify",
    });
    return { ok: true, message: `ERP customer ${number}'s version written to Shopify` };
  });
}

// Our own column, but written from the ERP's answer: parsed before it is written to Shopify.
const recordedText = z.string().catch("");
const recordedErpSide = z.object({
  displayName: z.string(),
  email: recordedText,
  phoneNumber: recordedText,
  address: z.object({
    line1: recordedText,
    line2: recordedText,
    city: recordedText,
    state: recordedText,
    postalCode: recordedText,
    countryCode: recordedText,
  }),
});

/** The conflict's ERP side as it was recorded, when it has the compared fields' shape. */
function conflictErp(row: CustomerRow): ComparedCustomerFields | null {
  const parsed = recordedErpSide.safeParse(row.conflict?.erp);
  return parsed.success ? parsed.data : null;
}

const sideNames = { shopify: "in Shopify", erp: "in the ERP" } as const;

/**
 * The merchant chose between the two versions the page showed. When the side to keep has changed
 * again since (a newer edit), writing it would keep a version nobody looked at: the conflict is
 * shown with that side's new version instead, and the merchant chooses again.
 */
async function refuseIfChangedSinceShown(
  row: CustomerRow,
  side: "shopify" | "erp",
  now: ComparedCustomerFields,
): Promise<void> {
  const shown = recordedErpSide.safeParse(row.conflict?.[side]);
  if (!row.conflict || !shown.success || comparedHash(shown.data) === comparedHash(now)) return;
  await updateCustomerRow(getDb(), {
    shopId: row.shopId,
    id: row.id,
    from: ["conflict"],
    set: { conflict: { ...row.conflict, [side]: { ...now } } },
  });
  throw new Refusal(
    `The customer changed ${sideNames[side]} again since this conflict was found; its new version is shown now. Choose again.`,
  );
}

/** The conflict ends: linked, both hashes stored, the write's direction remembered. */
async function resolved(
  row: CustomerRow,
  set: ReturnType<typeof rowFields> & {
    shopifyHash: string;
    erpHash: string;
    lastDirection: "shopify_to_erp" | "erp_to_shopify";
  },
): Promise<void> {
  const moved = await updateCustomerRow(getDb(), {
    shopId: row.shopId,
    id: row.id,
    from: ["conflict"],
    set: { ...set, state: "linked", reason: null, conflict: null, lastSyncedAt: new Date() },
  });
  // The write is made; a row that left the conflict meanwhile (a sync decided) is left as it is.
  if (!moved) console.warn(`customer row ${row.id} left the conflict while it was being resolved`);
}

/**
 * Add to Shopify (BC report 30112): the ERP customer becomes a Shopify customer, or is linked to
 * the one Shopify already has with its e-mail. The ERP must have the number; its fields come from
 * the mirror (else the few the ERP's lookup returns). An ERP customer already linked to a Shopify
 * customer is not added again, and a Shopify customer found by e-mail that is another ERP
 * customer's is not relinked.
 */
export function addErpCustomerToShopify(shopId: number, number: string): Promise<CustomerActionResult> {
  return refusing(async () => {
    const db = getDb();
    const settings = await getShopSettings(db, shopId);
    requireWrites(settings, "no Shopify customer was created");
    const adapter = await requireAdapter(shopId);
    const found = await adapter.findCustomer({ number });
    if (!found) throw new Refusal(`Customer ${number} does not exist in the ERP.`);
    const linked = (await shopifyCustomersOfErp(db, { shopId, erpNumbers: [found.number] })).get(found.number) ?? [];
    if (linked.length > 0) {
      throw new Refusal(`ERP customer ${found.number} is already linked to ${unnamedCustomer(linked[0]!)}.`);
    }
    const erp: ComparedCustomerFields = (await mirroredCustomers(db, { shopId, numbers: [found.number] })).get(
      found.number,
    )?.fields ?? {
      displayName: found.displayName,
      email: found.email,
      phoneNumber: "",
      address: { line1: "", line2: "", city: found.city, state: "", postalCode: "", countryCode: "" },
    };
    const input = shopifyCustomerFields(erp, settings.customers);
    if (!input.email && !input.phone && !input.firstName && !input.lastName) {
      throw new Refusal(`ERP customer ${found.number} has no name, e-mail or phone to give a Shopify customer.`);
    }
    const admin = await shopifyAdminForShopId(shopId);
    const made = await createShopifyCustomer(admin, input);
    const other = await getCustomerLink(db, { shopId, shopifyCustomerId: made.id });
    if (other && other !== found.number) {
      throw new Refusal(
        `Shopify already has a customer with the e-mail ${input.email}, linked to ERP customer ${other}; nothing was changed.`,
      );
    }
    const customer = await readShopifyCustomer(admin, made.id);
    const fields = erpCustomerFields(customer.profile, settings.customers, adapter.limits);
    const verb = made.created ? "created in Shopify" : "linked to the Shopify customer with its e-mail";
    const message = `ERP customer ${found.number} ${verb}.`;
    return db.transaction(async (tx) => {
      await upsertCustomerLink(tx, {
        shopId,
        shopifyCustomerId: made.id,
        erpCustomerNumber: found.number,
        source: "exported",
      });
      const id = await saveCustomerOutcome(tx, {
        shopId,
        shopifyCustomerId: made.id,
        ...rowFields(customer),
        state: "linked",
        erpCustomerNumber: found.number,
        shopifyHash: shopifySideHash(fields),
        erpHash: comparedHash(erp),
        reason: null,
        conflict: null,
        // Only a customer made from the ERP's fields was written; one found by e-mail keeps Shopify's.
        ...(made.created ? { direction: "erp_to_shopify" as const } : {}),
        now: new Date(),
      });
      // A Shopify customer found by e-mail may have been waiting on the unmapped list.
      const queued = await settleLinked(tx, { shopId, entity: "customer", shopifyId: made.id, message });
      return { ok: true, message: withOrders(message, queued), href: `/app/customers/${id}` };
    });
  });
}
