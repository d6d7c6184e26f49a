import { z } from "zod";

import { type CustomerRow, getCustomerRow, updateCustomerRow } from "../customers-page/queries.ts";
import { getDb } from "../db.ts";
import {
  type ComparedCustomerFields,
  comparedHash,
  customerFieldProblem,
  erpCustomerFields,
  shopifyCustomerFields,
  shopifySideHash,
} from "../mapping/customer-fields.ts";
import { getShopSettings } from "../queries/shops.ts";
import { shopifyAdminForShopId } from "../shopify/admin-for-shop-id.ts";
import { mirroredCustomers } from "../tasks/customers-sync/mirrored-customers.ts";
import {
  type CustomerActionResult,
  NO_SUCH_CUSTOMER,
  readShopifyCustomer,
  Refusal,
  refuseUnless,
  refusing,
  requireAdapter,
  requireWrites,
  rowFields,
} from "./customer-action-support.ts";
import { updateErpCustomer } from "./erp-customer-writes.ts";
import { updateShopifyCustomer } from "./shopify-customer-writes.ts";

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
