import type { ImportPlan } from "./plan-product-import.ts";

/** What a preview says a Shopify product's run would do. */
export function describeImportPlan(plan: ImportPlan): string {
  switch (plan.kind) {
    case "unchanged":
      return plan.reason;
    case "skip":
      return `would skip: ${plan.reason}`;
    case "link": {
      const fresh = plan.variants.filter((v) => v.via !== "linked").length;
      const parts = [
        fresh > 0 ? `link ${fresh} variant(s) to item ${plan.itemNumber}` : `keep the link to item ${plan.itemNumber}`,
        plan.createVariants.length > 0
          ? `create ${plan.createVariants.length} new variant(s) of item ${plan.itemNumber}`
          : null,
        plan.update ? `update item ${plan.itemNumber}'s name to "${plan.update.displayName}" where it differs` : null,
        plan.unmatched.length > 0 ? `list ${plan.unmatched.length} variant(s) nothing maps to as unmapped` : null,
      ].filter((p) => p !== null);
      return `would ${parts.join(", ")}`;
    }
    case "create": {
      const codes = plan.item.variants.filter((v) => v.variantCode).length;
      const template = plan.templateNumber ? ` from template item ${plan.templateNumber}` : "";
      return `would create item ${plan.item.itemNumber}${template}${codes > 0 ? ` with ${codes} variant(s)` : ""}`;
    }
    case "unmapped":
      return `would list as unmapped: ${plan.reason}`;
  }
}
