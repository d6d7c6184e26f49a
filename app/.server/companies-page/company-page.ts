import { z } from "zod";

import { capitalize, directionLabels, linkSourceLabels } from "../customers-page/customer-labels.ts";
import { conflictRows, loadErpCustomer } from "../customers-page/erp-customer-view.ts";
import { getDb } from "../db.ts";
import { formatDateTime } from "../format/format.ts";
import { getShopDisplay } from "../queries/shop-display.ts";
import { loadRecordRuns } from "../runs-page/record-runs.ts";
import { companyAbilities, companyName, companyStateBadges, shopifyAdminCompanyUrl } from "./company-labels.ts";
import { getCompanyRow, linksOf } from "./queries.ts";

/** "Sync companies" records `type: "company"`, keyed by the company gid or a location's own customer's location gid. */
export const COMPANY_RECORD_TYPE = "company";

const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A company's page is our row's id; anything else is not a company. */
export function parseCompanyPageId(param: string | undefined): number | null {
  if (!/^\d+$/.test(param ?? "")) return null;
  const parsed = idSchema.safeParse(param);
  return parsed.success ? parsed.data : null;
}

/**
 * Everything a company's page shows, formatted for the merchant; null when the shop has no such
 * company. The links are read fresh: a location mapped on the unmapped-companies list since the
 * last run already orders as its own ERP customer.
 */
export async function loadCompanyPage(shopId: number, id: number) {
  const db = getDb();
  const row = await getCompanyRow(db, { shopId, id });
  if (!row) return null;
  const shop = await getShopDisplay(db, shopId);
  const locationIds = row.locations.map((l) => l.id);
  const links = await linksOf(db, { shopId, shopifyIds: [row.shopifyCompanyId, ...locationIds] });
  const link = links.get(row.shopifyCompanyId);
  const state = row.state === "unmapped" && link ? "linked" : row.state;
  const erpNumber = link?.erpCustomerNumber ?? row.erpCustomerNumber;
  const [erpCustomer, runs] = await Promise.all([
    loadErpCustomer(shopId, erpNumber, link?.source ?? null, shop.timeZone),
    loadRecordRuns({
      shopId,
      recordType: COMPANY_RECORD_TYPE,
      recordKey: [row.shopifyCompanyId, ...locationIds],
      timeZone: shop.timeZone,
    }),
  ]);
  return {
    company: {
      id: row.id,
      name: companyName(row.name, row.shopifyCompanyId),
      state,
      badge: companyStateBadges[state],
      reason: state !== row.state || !row.reason ? "" : capitalize(row.reason),
      shopifyCompanyId: row.shopifyCompanyId,
      shopifyAdminUrl: shopifyAdminCompanyUrl(row.shopifyCompanyId),
      email: row.email ?? "",
      phone: row.phone ?? "",
      taxId: row.taxId ?? "",
      place: [row.city, row.countryCode].filter(Boolean).join(", "),
      lastSynced: formatDateTime(row.lastSyncedAt, shop.timeZone),
      lastDirection: row.lastDirection ? directionLabels[row.lastDirection] : "",
      shopifyUpdated: formatDateTime(row.shopifyUpdatedAt, shop.timeZone),
      ...companyAbilities(state, link !== undefined),
    },
    erpCustomer,
    locations: row.locations.map((location) => {
      const own = links.get(location.id);
      const number = own?.erpCustomerNumber ?? location.erpCustomerNumber;
      return {
        id: location.id,
        name: location.name || "Location",
        place: [location.city, location.countryCode].filter(Boolean).join(", "),
        taxId: location.taxId,
        paymentTerms: location.paymentTerms,
        erpCustomer: number
          ? `Own ERP customer ${number}${own ? ` (${(linkSourceLabels[own.source] ?? own.source).toLowerCase()})` : ""}`
          : erpNumber
            ? `Orders as the company's ERP customer ${erpNumber}`
            : "No ERP customer yet",
        ownErpCustomerNumber: number ?? "",
        reason: !number && location.reason ? capitalize(location.reason) : "",
      };
    }),
    conflict:
      state === "conflict" && row.conflict
        ? {
            rows: conflictRows(row.conflict, [["Tax id", (side) => side.taxId]]),
            detected: formatDateTime(row.conflict.detectedAt, shop.timeZone),
          }
        : null,
    /** The last runs that touched the company or one of its locations, with what each did. */
    runs,
    runsHref: `/app/runs?record=${encodeURIComponent(`${COMPANY_RECORD_TYPE}:${row.shopifyCompanyId}`)}`,
  };
}
