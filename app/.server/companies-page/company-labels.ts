import type { CompanySyncState } from "../../../db/schema/shopify-companies.ts";
import type { BadgeTone } from "../runs-page/run-labels.ts";

/** How the Companies pages name a company's sync state and what it allows. Pure. */

export const companyStateBadges: Record<CompanySyncState, { label: string; tone: BadgeTone }> = {
  linked: { label: "Mapped", tone: "success" },
  unmapped: { label: "Unmapped", tone: "attention" },
  conflict: { label: "Conflict", tone: "warning" },
  error: { label: "Error", tone: "critical" },
  skipped: { label: "Skipped", tone: "warning" },
  ignored: { label: "Ignored", tone: undefined },
};

/** The company in Shopify admin (App Bridge opens `shopify://admin/...` in the admin around the app). */
export function shopifyAdminCompanyUrl(shopifyCompanyId: string): string | null {
  const numeric = /^gid:\/\/shopify\/Company\/(\d+)$/.exec(shopifyCompanyId)?.[1];
  return numeric ? `shopify://admin/companies/${numeric}` : null;
}

/** What a company no run has read yet is called ("Shopify company 42"). */
export function companyName(name: string, shopifyCompanyId: string): string {
  const numeric = /(\d+)$/.exec(shopifyCompanyId)?.[1];
  return name.trim() || (numeric ? `Shopify company ${numeric}` : "Shopify company");
}

/**
 * Which buttons a company allows. Pure, so the page and the actions agree. An ignored company is
 * left alone by the sync (Sync now would not read it), so Map is its way back.
 */
export function companyAbilities(state: CompanySyncState, linked: boolean) {
  return {
    canSync: state !== "ignored",
    canMap: true,
    remap: linked,
    canIgnore: state !== "ignored" && !linked,
    canUnlink: linked,
  };
}
