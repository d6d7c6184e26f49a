import type { ExportPlan } from "./plan-product-export.ts";

/** What a preview says an item's run would do. */
export function describeExportPlan(plan: ExportPlan): string {
  switch (plan.kind) {
    case "skip":
      return `would skip: ${plan.reason}`;
    case "unchanged":
      return plan.reason;
    case "create":
      return plan.resumed
        ? `would finish creating the product (handle ${plan.handle})`
        : `would create the product (handle ${plan.handle})`;
    case "update": {
      const parts = [
        plan.adopt.length > 0 ? `link ${plan.adopt.length} existing variant(s) by SKU` : null,
        plan.productFields ? "update title, description, vendor or type" : null,
        plan.restoreStatus ? "give the unblocked item's product back its status" : null,
        plan.variantUpdates.length > 0 ? `update ${plan.variantUpdates.length} variant(s)` : null,
        plan.variantCreates.length > 0 ? `add ${plan.variantCreates.length} variant(s)` : null,
        plan.variantDeletes.length > 0
          ? `delete variant(s) ${plan.variantDeletes.map((d) => d.variantCode).join(", ")}, gone from the ERP`
          : null,
      ].filter((p) => p !== null);
      return `would ${parts.join(", ")}`;
    }
  }
}
