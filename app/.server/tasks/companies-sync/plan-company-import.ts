import type { CustomerLookup } from "../../adapters/erp/port.ts";
import type { ShopSettings } from "../../domain/settings-schema.ts";
import { contentHash } from "../../mapping/canonical-hash.ts";
import { companyFieldProblem, type ErpCompanyFields } from "../../mapping/company-fields.ts";
import { comparedHash, shopifySideHash } from "../../mapping/customer-fields.ts";
import type { CustomerImportPlan, MirroredErpCustomer } from "../customers-sync/plan-customer-import.ts";

/** What the app last knew of this company (the `shopify_companies` row). */
export interface CompanyRowFacts {
  state: "linked" | "unmapped" | "conflict" | "error" | "skipped" | "ignored";
  shopifyHash: string | null;
  erpHash: string | null;
}

export interface CompanyImportFacts {
  row: CompanyRowFacts | null;
  /** The ERP customer already linked to this company. */
  linkedNumber: string | null;
  /** The linked (or found) ERP customer as last pulled; null when the mirror does not have it. */
  erp: MirroredErpCustomer | null;
  /** The mapping strategy's first hit, when it was asked (no link). */
  foundNumber: string | null;
  /** An order of one of its locations waits for the company (import "with order"). */
  orderWaiting: boolean;
  /** What the whole company (every location) maps to: `companyHash`. Unchanged ⇒ nothing to do. */
  hash: string;
}

/** The hash of a company as it maps to the ERP: its own fields and every location's. */
export function companyHash(fields: ErpCompanyFields, locationFields: readonly [string, ErpCompanyFields][]): string {
  return contentHash({
    company: shopifySideHash(fields),
    locations: locationFields.map(([id, f]) => [id, shopifySideHash(f)]),
  });
}

/**
 * The ERP questions the company mapping asks, in order (BC: Comp. by Email/Phone, Comp. by Tax
 * Id). Only company customers answer the e-mail and phone: the main contact may well be a
 * consumer customer of the shop too, and a company's orders must never go to that person.
 */
export function companyLookupsFor(fields: ErpCompanyFields, settings: ShopSettings): CustomerLookup[] {
  const c = settings.companies;
  if (c.mapping === "default_company") return [];
  if (c.mapping === "by_tax_id") return fields.taxId ? [{ taxId: fields.taxId, field: c.taxIdField }] : [];
  const lookups: CustomerLookup[] = [];
  if (fields.email) lookups.push({ email: fields.email, companiesOnly: true });
  if (fields.phoneNumber.replace(/\D/g, "").length >= 6) {
    lookups.push({ phone: fields.phoneNumber, companiesOnly: true });
  }
  return lookups;
}

function notFoundReason(fields: ErpCompanyFields, settings: ShopSettings): string {
  const c = settings.companies;
  const creating = "and creating companies is off";
  if (c.mapping === "by_tax_id") {
    return fields.taxId
      ? `no ERP customer has the tax id ${fields.taxId}, ${creating}`
      : `the company's main location has no tax id to match by, ${creating}`;
  }
  return `no ERP company customer has the main contact's e-mail or phone, ${creating}`;
}

/**
 * Shopify → ERP for one company (BC: Shpfy Sync Companies → Company Mapping), in BC's order: the
 * link wins; else the default company, or the mapping strategy's match; else a new ERP customer
 * of type company from the company template when allowed; else the unmapped companies list. A
 * linked company is written only when "Shopify can update ERP companies" is on, never into the
 * default company (it serves many), and not when the ERP customer changed too since the last
 * sync: then it is a conflict with both versions.
 */
export function planCompanyImport(
  fields: ErpCompanyFields,
  settings: ShopSettings,
  facts: CompanyImportFacts,
): CustomerImportPlan {
  const { row } = facts;
  const c = settings.companies;
  if (row?.state === "ignored") return { kind: "unchanged" };
  // A company left for its first order is looked at again once an order of it waits.
  const orderNowWaiting = facts.orderWaiting && !facts.linkedNumber && row?.state === "skipped";
  if (
    row &&
    !orderNowWaiting &&
    row.shopifyHash === facts.hash &&
    (row.state === "linked" || row.state === "skipped" || row.state === "conflict")
  ) {
    return { kind: "unchanged" };
  }
  const problem = companyFieldProblem(fields);
  if (problem) return { kind: "skip", reason: problem };
  if (facts.linkedNumber) {
    const number = facts.linkedNumber;
    if (c.mapping === "default_company" && number === c.defaultCompanyNo) {
      return { kind: "link", number, link: false, write: false, note: `orders go to the default company ${number}` };
    }
    if (!c.shopifyCanUpdateErp) {
      return {
        kind: "link",
        number,
        link: false,
        write: false,
        note: "Shopify can update ERP companies is off: the ERP customer is left as it is",
      };
    }
    if (facts.erp && comparedHash(facts.erp.fields) === comparedHash(fields)) {
      return { kind: "link", number, link: false, write: false, note: "the ERP customer already has these values" };
    }
    const erpChanged = facts.erp !== null && row?.erpHash != null && comparedHash(facts.erp.fields) !== row.erpHash;
    if (erpChanged && facts.erp) return { kind: "conflict", number, erp: facts.erp.fields };
    return { kind: "link", number, link: false, write: true, note: `ERP customer ${number} updated` };
  }
  if (c.import === "none") return { kind: "leave", reason: "company import is None" };
  if (c.import === "with_order" && !facts.orderWaiting) {
    return { kind: "leave", reason: "imported with its first order" };
  }
  if (c.mapping === "default_company") {
    return {
      kind: "link",
      number: c.defaultCompanyNo,
      link: true,
      write: false,
      note: `linked to the default company ${c.defaultCompanyNo}`,
    };
  }
  if (facts.foundNumber) {
    const write = c.shopifyCanUpdateErp && !(facts.erp && comparedHash(facts.erp.fields) === comparedHash(fields));
    const by = c.mapping === "by_tax_id" ? `same tax id ${fields.taxId}` : "same main contact e-mail or phone";
    return {
      kind: "link",
      number: facts.foundNumber,
      link: true,
      write,
      note: `linked to ERP customer ${facts.foundNumber} (${by})${write ? ", updated" : ""}`,
    };
  }
  if (settings.companies.createUnknownInErp) {
    return { kind: "create", templateNumber: settings.companies.templateCustomerNo };
  }
  return { kind: "unmapped", reason: notFoundReason(fields, settings) };
}

/** What happens to a company location beyond the main one ("One ERP customer per location"). */
export type LocationPlan =
  | { kind: "as_company" }
  | { kind: "keep"; number: string }
  | { kind: "update"; number: string }
  | { kind: "create"; templateNumber: string }
  | { kind: "unmapped"; reason: string };

export function planLocationCustomer(
  settings: ShopSettings,
  facts: { isMain: boolean; linkedNumber: string | null; hashChanged: boolean },
): LocationPlan {
  const c = settings.companies;
  if (facts.linkedNumber) {
    return c.shopifyCanUpdateErp && facts.hashChanged
      ? { kind: "update", number: facts.linkedNumber }
      : { kind: "keep", number: facts.linkedNumber };
  }
  if (c.locationCustomers === "company" || facts.isMain) return { kind: "as_company" };
  if (settings.companies.createUnknownInErp) {
    return { kind: "create", templateNumber: settings.companies.templateCustomerNo };
  }
  return {
    kind: "unmapped",
    reason: "each location has its own ERP customer (Settings → Companies), and creating companies is off: map it",
  };
}
