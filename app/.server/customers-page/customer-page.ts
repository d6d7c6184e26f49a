import { z } from "zod";

import type { CustomerSyncState } from "../../../db/schema/shopify-customers.ts";
import { getDb } from "../db.ts";
import { formatDateTime } from "../format/format.ts";
import { getShopDisplay } from "../queries/shop-display.ts";
import { loadRecordRuns } from "../runs-page/record-runs.ts";
import {
  capitalize,
  customerAbilities,
  customerName,
  customerStateBadges,
  directionLabels,
  shopifyAdminCustomerUrl,
} from "./customer-labels.ts";
import { conflictRows, loadErpCustomer } from "./erp-customer-view.ts";
import { getCustomerLinkById, getCustomerLinkOf, getCustomerRow, getCustomerRowOf } from "./queries.ts";

/** The run records' type for customers ("Sync customers" records `type: "customer", key: <gid>`). */
export const CUSTOMER_RECORD_TYPE = "customer";

/** A customer's page is our row's id, or `link-<id>` for a customer only customer_links knows. */
export type CustomerPageKey = { kind: "row"; id: number } | { kind: "link"; id: number };

const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export function parseCustomerPageKey(param: string | undefined): CustomerPageKey | null {
  const link = /^link-(\d+)$/.exec(param ?? "");
  const parsed = idSchema.safeParse(link ? link[1] : param);
  if (!parsed.success || !/^(link-)?\d+$/.test(param ?? "")) return null;
  return { kind: link ? "link" : "row", id: parsed.data };
}

/**
 * Everything a customer's page shows, formatted for the merchant; null when the shop has no such
 * customer, and a redirect when a link-only customer has got its row (that is its page now).
 */
export async function loadCustomerPage(shopId: number, key: CustomerPageKey) {
  const db = getDb();
  const shop = await getShopDisplay(db, shopId);
  const row = key.kind === "row" ? await getCustomerRow(db, { shopId, id: key.id }) : undefined;
  const link =
    key.kind === "link"
      ? await getCustomerLinkById(db, { shopId, id: key.id })
      : row
        ? await getCustomerLinkOf(db, { shopId, shopifyCustomerId: row.shopifyCustomerId })
        : undefined;
  if (key.kind === "row" && !row) return null;
  if (key.kind === "link") {
    if (!link) return null;
    // The sync may have read the customer since the list was shown: its row is the page then.
    const rowOfLink = await getCustomerRowOf(db, { shopId, shopifyCustomerId: link.shopifyCustomerId });
    if (rowOfLink) return { redirect: `/app/customers/${rowOfLink.id}`, page: null };
  }
  const shopifyCustomerId = row?.shopifyCustomerId ?? link!.shopifyCustomerId;
  // A row still unmapped whose customer was mapped on the unmapped-customers list is mapped.
  const state: CustomerSyncState = !row || (row.state === "unmapped" && link) ? "linked" : row.state;
  const erpNumber = link?.erpCustomerNumber ?? row?.erpCustomerNumber ?? null;
  const [erpCustomer, runs] = await Promise.all([
    loadErpCustomer(shopId, erpNumber, link?.source ?? null, shop.timeZone),
    loadRecordRuns({ shopId, recordType: CUSTOMER_RECORD_TYPE, recordKey: shopifyCustomerId, timeZone: shop.timeZone }),
  ]);
  const reason = state !== row?.state ? "" : row?.reason ? capitalize(row.reason) : "";
  const page = {
    customer: {
      key: row ? String(row.id) : `link-${link!.id}`,
      linkOnly: !row,
      name: customerName(row?.displayName ?? "", row?.email ?? null, shopifyCustomerId),
      state,
      badge: customerStateBadges[state],
      reason: reason || (!row ? "Linked by order processing; Sync customers has not read this customer yet." : ""),
      shopifyCustomerId,
      shopifyAdminUrl: shopifyAdminCustomerUrl(shopifyCustomerId),
      email: row?.email ?? "",
      phone: row?.phone ?? "",
      place: [row?.city, row?.countryCode].filter(Boolean).join(", "),
      lastSynced: formatDateTime(row?.lastSyncedAt ?? null, shop.timeZone),
      lastDirection: row?.lastDirection ? directionLabels[row.lastDirection] : "",
      shopifyUpdated: formatDateTime(row?.shopifyUpdatedAt ?? null, shop.timeZone),
      ...(row ? customerAbilities(state) : { ...customerAbilities("redacted"), canSync: true }),
    },
    erpCustomer,
    conflict:
      state === "conflict" && row?.conflict
        ? { rows: conflictRows(row.conflict), detected: formatDateTime(row.conflict.detectedAt, shop.timeZone) }
        : null,
    /** The last runs that touched this customer, with what each did to it. */
    runs,
    runsHref: `/app/runs?record=${encodeURIComponent(`${CUSTOMER_RECORD_TYPE}:${shopifyCustomerId}`)}`,
  };
  return { redirect: null, page };
}
