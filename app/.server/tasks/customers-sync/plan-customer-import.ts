import type { ShopSettings } from "../../domain/settings-schema.ts";
import {
  type ComparedCustomerFields,
  comparedHash,
  customerFieldProblem,
  type ErpCustomerFields,
  shopifySideHash,
} from "../../mapping/customer-fields.ts";
import type { CustomerProfile } from "../../mapping/customer-profile.ts";
import { countryDefaultFor, templateFor } from "../../mapping/resolve-customer.ts";

/** What the app last knew of this customer (the `shopify_customers` row). */
export interface CustomerRowFacts {
  state: "linked" | "unmapped" | "conflict" | "error" | "skipped" | "ignored" | "redacted";
  shopifyHash: string | null;
  erpHash: string | null;
}

/** The ERP customer as the mirror holds it. */
export interface MirroredErpCustomer {
  number: string;
  fields: ComparedCustomerFields;
}

export interface CustomerImportFacts {
  row: CustomerRowFacts | null;
  /** The ERP customer already linked to this Shopify customer. */
  linkedNumber: string | null;
  /** The linked (or found) ERP customer as last pulled; null when the mirror does not have it. */
  erp: MirroredErpCustomer | null;
  /** The mapping strategy's first hit, when it was asked (no link). */
  foundNumber: string | null;
}

export type CustomerImportPlan =
  | { kind: "unchanged" }
  /** Not imported by this task: waits for its first order (import "with order"), or is redacted/invalid. */
  | { kind: "leave"; reason: string }
  | { kind: "skip"; reason: string }
  | { kind: "unmapped"; reason: string }
  | { kind: "create"; templateNumber: string }
  /** Links (when `link`), then writes the fields when `write`; otherwise only remembers both sides. */
  | { kind: "link"; number: string; link: boolean; write: boolean; note: string }
  | { kind: "conflict"; number: string; erp: ComparedCustomerFields };

/**
 * Shopify → ERP for one customer (BC: Shpfy Sync Customers with "All customers"), in BC's order:
 * the link wins; else the mapping strategy's match; else a new ERP customer from the (country's)
 * template when allowed; else the unmapped list. A linked customer is written only when "Shopify
 * can update customers" is on, and not when the ERP customer also changed since the last sync:
 * then it is a conflict with both versions, for the merchant to decide.
 */
export function planCustomerImport(
  profile: CustomerProfile,
  fields: ErpCustomerFields,
  settings: ShopSettings,
  facts: CustomerImportFacts,
): CustomerImportPlan {
  const { row } = facts;
  if (row?.state === "redacted") return { kind: "leave", reason: "redacted at the customer's request" };
  if (row?.state === "ignored") return { kind: "unchanged" };
  const hash = shopifySideHash(fields);
  // A conflict stays until the merchant decides; a Shopify change since then is part of the decision.
  if (
    row &&
    row.shopifyHash === hash &&
    (row.state === "linked" || row.state === "skipped" || row.state === "conflict")
  ) {
    return { kind: "unchanged" };
  }
  const problem = customerFieldProblem(fields);
  if (problem) return { kind: "skip", reason: problem };
  const c = settings.customers;
  if (facts.linkedNumber) {
    const number = facts.linkedNumber;
    if (!c.shopifyCanUpdateErp) {
      return {
        kind: "link",
        number,
        link: false,
        write: false,
        note: "Shopify can update customers is off: the ERP customer is left as it is",
      };
    }
    if (facts.erp && comparedHash(facts.erp.fields) === comparedHash(fields)) {
      return { kind: "link", number, link: false, write: false, note: "the ERP customer already has these values" };
    }
    const erpChanged = facts.erp !== null && row?.erpHash != null && comparedHash(facts.erp.fields) !== row.erpHash;
    if (erpChanged && facts.erp) return { kind: "conflict", number, erp: facts.erp.fields };
    return { kind: "link", number, link: false, write: true, note: `ERP customer ${number} updated` };
  }
  if (c.import !== "all") return { kind: "leave", reason: "imported with its first order" };
  if (c.mapping === "default_customer") {
    return { kind: "skip", reason: `every order goes to the default customer ${c.defaultCustomerNo}` };
  }
  const byCountry = countryDefaultFor(profile.address?.countryCode, settings);
  if (byCountry) {
    return {
      kind: "skip",
      reason: `orders from ${profile.address?.countryCode?.toUpperCase()} go to the country's default customer ${byCountry}`,
    };
  }
  if (facts.foundNumber) {
    const write = c.shopifyCanUpdateErp && !(facts.erp && comparedHash(facts.erp.fields) === comparedHash(fields));
    return {
      kind: "link",
      number: facts.foundNumber,
      link: true,
      write,
      note: `linked to ERP customer ${facts.foundNumber} (${c.mapping === "by_bill_to_address" ? "same bill-to address" : "same e-mail or phone"})${write ? ", updated" : ""}`,
    };
  }
  if (c.createUnknownInErp) {
    if (!fields.email) {
      return { kind: "unmapped", reason: "no e-mail address: the ERP customer would have no key to be found by" };
    }
    return { kind: "create", templateNumber: templateFor(profile, settings) };
  }
  return {
    kind: "unmapped",
    reason: "no ERP customer has this e-mail, phone or address, and creating customers is off",
  };
}
