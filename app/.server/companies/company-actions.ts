import { and, eq } from "drizzle-orm";

import { shopifyCompanies } from "../../../db/schema/shopify-companies.ts";
import {
  type CustomerActionResult,
  Refusal,
  refusing,
  requireAdapter,
  requireWrites,
  withOrders,
} from "../customers/customer-action-support.ts";
import { createShopifyCompany } from "../customers/shopify-company-writes.ts";
import { getDb } from "../db.ts";
import { shopifyCompanyFields } from "../mapping/company-fields.ts";
import { comparedHash } from "../mapping/customer-fields.ts";
import { deleteCustomerLink, getCustomerLink, upsertCustomerLink } from "../queries/links.ts";
import {
  companyRowsOf,
  markCompaniesForRead,
  saveCompanyOutcome,
  shopifyCompaniesOfErp,
} from "../queries/shopify-companies.ts";
import { getShopSettings } from "../queries/shops.ts";
import { resolveUnmappedRecords } from "../queries/unmapped-records.ts";
import { enqueueRun } from "../runs/enqueue-run.ts";
import { shopifyAdminForShopId } from "../shopify/admin-for-shop-id.ts";
import { companiesSyncTask } from "../tasks/companies-sync/task.ts";
import { mirroredCustomers } from "../tasks/customers-sync/mirrored-customers.ts";
import { settleLinked } from "../tasks/orders-process/mapping-actions.ts";

// The Companies page's actions. Each answers in the merchant's words; the sync itself stays in
// "Sync companies", so a company changed here is read again by its next run.

async function requireRow(shopId: number, shopifyCompanyId: string) {
  const row = (await companyRowsOf(getDb(), { shopId, shopifyCompanyIds: [shopifyCompanyId] })).get(shopifyCompanyId);
  if (!row) throw new Refusal("No such company.");
  return row;
}

/** Read again and sync now: the company's hash is forgotten and a run is queued. */
export function syncCompanyNow(shopId: number, shopifyCompanyId: string): Promise<CustomerActionResult> {
  return refusing(async () => {
    const db = getDb();
    const row = await requireRow(shopId, shopifyCompanyId);
    // The sync leaves an ignored company alone, so a queued run would not read it: say so instead.
    if (row.state === "ignored") {
      throw new Refusal(`Company ${row.name} is ignored; map it to an ERP customer to sync it again.`);
    }
    // An unlinked company is imported only as the shop's Company import says: say so, or the
    // merchant waits for a change that will not come.
    const { companies } = await getShopSettings(db, shopId);
    const linked = (await getCustomerLink(db, { shopId, shopifyCustomerId: shopifyCompanyId })) !== null;
    const note =
      linked || companies.import === "all"
        ? ""
        : companies.import === "none"
          ? " Company import is None in Settings, so it is not imported."
          : " Companies are imported with their first order (Settings), so it stays as it is until an order of it waits.";
    return db.transaction(async (tx) => {
      await markCompaniesForRead(tx, { shopId, shopifyCompanyIds: [shopifyCompanyId], now: new Date() });
      const jobId = await enqueueRun(tx, companiesSyncTask, { shopId, trigger: "manual" });
      return {
        ok: true,
        message: `Sync queued: the company is read again.${note}`,
        ...(jobId ? { runLink: `/app/runs/job/${jobId}` } : {}),
      };
    });
  });
}

/**
 * Map: the company (every location without its own customer) orders as this ERP customer, taken
 * off the unmapped list, its waiting orders queued; the next run updates the row.
 */
export function mapCompany(shopId: number, shopifyCompanyId: string, erpNumber: string): Promise<CustomerActionResult> {
  return refusing(async () => {
    const row = await requireRow(shopId, shopifyCompanyId);
    const found = await (await requireAdapter(shopId)).findCustomer({ number: erpNumber.trim() });
    if (!found) throw new Refusal(`Customer ${erpNumber} does not exist in the ERP.`);
    const message = `Company ${row.name} mapped to ERP customer ${found.number}.`;
    return getDb().transaction(async (tx) => {
      await upsertCustomerLink(tx, {
        shopId,
        shopifyCustomerId: shopifyCompanyId,
        erpCustomerNumber: found.number,
        source: "merchant",
      });
      let queued = 0;
      for (const location of row.locations.filter((l) => l.erpCustomerNumber === null)) {
        queued += await settleLinked(tx, { shopId, entity: "company", shopifyId: location.id, message });
      }
      await saveCompanyOutcome(tx, {
        ...rowValues(row),
        state: "linked",
        erpCustomerNumber: found.number,
        // Read again: the next run compares both sides from here.
        shopifyHash: null,
        erpHash: null,
        reason: null,
        conflict: null,
        now: new Date(),
      });
      return { ok: true, message: withOrders(message, queued) };
    });
  });
}

/** Ignore: the company is never imported; its locations leave the unmapped list (their orders keep waiting). */
export function ignoreCompany(shopId: number, shopifyCompanyId: string): Promise<CustomerActionResult> {
  return refusing(async () => {
    const row = await requireRow(shopId, shopifyCompanyId);
    return getDb().transaction(async (tx) => {
      await resolveUnmappedRecords(tx, { shopId, entity: "company", shopifyIds: row.locations.map((l) => l.id) });
      await saveCompanyOutcome(tx, {
        ...rowValues(row),
        state: "ignored",
        erpCustomerNumber: row.erpCustomerNumber,
        reason: "ignored by the merchant",
        conflict: null,
        now: new Date(),
      });
      return { ok: true, message: `Company ${row.name} is ignored.` };
    });
  });
}

/** Unlink: the company is no longer an ERP customer's; the next run maps it again. */
export function unlinkCompany(shopId: number, shopifyCompanyId: string): Promise<CustomerActionResult> {
  return refusing(async () => {
    const row = await requireRow(shopId, shopifyCompanyId);
    if (!(await getCustomerLink(getDb(), { shopId, shopifyCustomerId: shopifyCompanyId }))) {
      throw new Refusal(`Company ${row.name} is not linked to an ERP customer.`);
    }
    return getDb().transaction(async (tx) => {
      await deleteCustomerLink(tx, { shopId, shopifyCustomerId: shopifyCompanyId });
      // Not mapped any more until the next run maps it: the row must not go on saying "Mapped to X".
      if (row.state !== "ignored") {
        await tx
          .update(shopifyCompanies)
          .set({
            state: "skipped",
            erpCustomerNumber: null,
            erpHash: null,
            reason: "unlinked by the merchant; the next run maps it again",
            conflict: null,
            updatedAt: new Date(),
          })
          .where(and(eq(shopifyCompanies.shopId, shopId), eq(shopifyCompanies.id, row.id)));
      }
      await markCompaniesForRead(tx, { shopId, shopifyCompanyIds: [shopifyCompanyId], now: new Date() });
      return { ok: true, message: `Company ${row.name} is no longer linked; the next run maps it again.` };
    });
  });
}

/**
 * Add to Shopify (BC report 30113): the ERP customer becomes a Shopify company with one location
 * (its address) and its contact as main contact with the shop's default permission; or is linked
 * to the company Shopify already has with its number as external id. An ERP customer already
 * linked to a company is not added again.
 */
export function addErpCustomerAsCompany(shopId: number, number: string): Promise<CustomerActionResult> {
  return refusing(async () => {
    const db = getDb();
    const settings = await getShopSettings(db, shopId);
    requireWrites(settings, "no Shopify company was created");
    const adapter = await requireAdapter(shopId);
    const found = await adapter.findCustomer({ number: number.trim() });
    if (!found) throw new Refusal(`Customer ${number} does not exist in the ERP.`);
    const linked = (await shopifyCompaniesOfErp(db, { shopId, erpNumbers: [found.number] })).get(found.number) ?? [];
    if (linked.length > 0) throw new Refusal(`ERP customer ${found.number} is already linked to a Shopify company.`);
    const erp = (await mirroredCustomers(db, { shopId, numbers: [found.number] })).get(found.number)?.fields ?? {
      displayName: found.displayName,
      email: found.email,
      phoneNumber: "",
      address: { line1: "", line2: "", city: found.city, state: "", postalCode: "", countryCode: "" },
    };
    const fields = shopifyCompanyFields(erp, settings.customers);
    if (!fields.name) throw new Refusal(`ERP customer ${found.number} has no name to give a Shopify company.`);
    const email = erp.email.split(/[;,]/)[0]?.trim() ?? "";
    const admin = await shopifyAdminForShopId(shopId);
    const made = await createShopifyCompany(admin, {
      externalId: found.number,
      fields,
      contact:
        email || erp.phoneNumber ? { email, firstName: "", lastName: fields.name, phone: erp.phoneNumber } : null,
      permission: settings.companies.defaultContactPermission,
    });
    const other = await getCustomerLink(db, { shopId, shopifyCustomerId: made.id });
    if (other && other !== found.number) {
      throw new Refusal(`That Shopify company is linked to ERP customer ${other}; nothing was changed.`);
    }
    const verb = made.created ? "added to Shopify as a company" : "linked to the Shopify company with its number";
    return db.transaction(async (tx) => {
      await upsertCustomerLink(tx, {
        shopId,
        shopifyCustomerId: made.id,
        erpCustomerNumber: found.number,
        source: "exported",
      });
      await saveCompanyOutcome(tx, {
        shopId,
        shopifyCompanyId: made.id,
        name: fields.name,
        email: email || null,
        phone: erp.phoneNumber || null,
        taxId: null,
        city: erp.address.city || null,
        countryCode: erp.address.countryCode || null,
        locations: [],
        shopifyUpdatedAt: null,
        state: "linked",
        erpCustomerNumber: found.number,
        // Read by the next run (its locations and contact as Shopify made them); the ERP side as written.
        shopifyHash: null,
        erpHash: comparedHash(erp),
        reason: null,
        conflict: null,
        ...(made.created ? { direction: "erp_to_shopify" as const } : {}),
        now: new Date(),
      });
      await markCompaniesForRead(tx, { shopId, shopifyCompanyIds: [made.id], now: new Date() });
      const row = (await companyRowsOf(tx, { shopId, shopifyCompanyIds: [made.id] })).get(made.id);
      return {
        ok: true,
        message: `ERP customer ${found.number} ${verb}.`,
        ...(row ? { href: `/app/companies/${row.id}` } : {}),
      };
    });
  });
}

function rowValues(row: Awaited<ReturnType<typeof requireRow>>) {
  return {
    shopId: row.shopId,
    shopifyCompanyId: row.shopifyCompanyId,
    name: row.name,
    email: row.email,
    phone: row.phone,
    taxId: row.taxId,
    city: row.city,
    countryCode: row.countryCode,
    locations: row.locations,
    shopifyUpdatedAt: row.shopifyUpdatedAt,
  };
}
