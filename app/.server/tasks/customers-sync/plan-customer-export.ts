import type { ShopSettings } from "../../domain/settings-schema.ts";
import {
  comparedHash,
  type ErpCustomerFields,
  type ShopifyCustomerFields,
  shopifyCustomerFields,
  shopifySideHash,
} from "../../mapping/customer-fields.ts";
import type { CustomerRowFacts, MirroredErpCustomer } from "./plan-customer-import.ts";

export type CustomerExportPlan =
  | { kind: "unchanged" }
  /** Shopify already has what the ERP says: remember both sides, write nothing. */
  | { kind: "adopt" }
  | { kind: "conflict"; shopify: ErpCustomerFields }
  | { kind: "skip"; reason: string }
  | { kind: "write"; input: ShopifyCustomerFields };

/**
 * ERP → Shopify for one linked customer whose ERP record changed (BC: Can Update Shopify
 * Customers). The ERP change is ours coming back when its hash is the one we last wrote or read
 * (echo: nothing to do). A Shopify customer that also changed since the last sync is a conflict.
 */
export function planCustomerExport(
  input: {
    erp: MirroredErpCustomer;
    row: CustomerRowFacts | null;
    /** The Shopify customer now, as ERP fields (the same mapping the import uses); null = gone. */
    current: ErpCustomerFields | null;
  },
  settings: ShopSettings,
): CustomerExportPlan {
  const { erp, row, current } = input;
  // A conflict waits for the merchant's choice; redacted and ignored customers are never written.
  if (row?.state === "redacted" || row?.state === "ignored" || row?.state === "conflict") return { kind: "unchanged" };
  if (!current) return { kind: "skip", reason: "Shopify no longer has this customer" };
  const erpHash = comparedHash(erp.fields);
  if (row?.erpHash === erpHash) return { kind: "unchanged" };
  if (comparedHash(current) === erpHash) return { kind: "adopt" };
  if (row?.shopifyHash && shopifySideHash(current) !== row.shopifyHash) return { kind: "conflict", shopify: current };
  const target = shopifyCustomerFields(erp.fields, settings.customers);
  if (!target.email && !target.phone && !target.lastName && !target.firstName) {
    return {
      kind: "skip",
      reason: `ERP customer ${erp.number} has no name, e-mail or phone to give the Shopify customer`,
    };
  }
  return { kind: "write", input: target };
}
