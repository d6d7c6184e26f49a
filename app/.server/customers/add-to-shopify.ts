import { unnamedCustomer } from "../customers-page/customer-labels.ts";
import { getDb } from "../db.ts";
import {
  type ComparedCustomerFields,
  comparedHash,
  erpCustomerFields,
  shopifyCustomerFields,
  shopifySideHash,
} from "../mapping/customer-fields.ts";
import { getCustomerLink, upsertCustomerLink } from "../queries/links.ts";
import { saveCustomerOutcome, shopifyCustomersOfErp } from "../queries/shopify-customers.ts";
import { getShopSettings } from "../queries/shops.ts";
import { shopifyAdminForShopId } from "../shopify/admin-for-shop-id.ts";
import { mirroredCustomers } from "../tasks/customers-sync/mirrored-customers.ts";
import { settleLinked } from "../tasks/orders-process/mapping-actions.ts";
import {
  type CustomerActionResult,
  readShopifyCustomer,
  Refusal,
  refusing,
  requireAdapter,
  requireWrites,
  rowFields,
  withOrders,
} from "./customer-action-support.ts";
import { createShopifyCustomer } from "./shopify-customer-writes.ts";

/**
 * Add to Shopify (BC report 30112): the ERP customer becomes a Shopify customer, or is linked to
 * the one Shopify already has with its e-mail. The ERP must have the number; its fields come from
 * the mirror (else the few the ERP's lookup returns). An ERP customer already linked to a Shopify
 * customer is not added again, and a Shopify customer found by e-mail that is another ERP
 * customer's is not relinked.
 */
export function addErpCustomerToShopify(shopId: number, number: string): Promise<CustomerActionResult> {
  return refusing(async () => {
    const db = getDb();
    const settings = await getShopSettings(db, shopId);
    requireWrites(settings, "no Shopify customer was created");
    const adapter = await requireAdapter(shopId);
    const found = await adapter.findCustomer({ number });
    if (!found) throw new Refusal(`Customer ${number} does not exist in the ERP.`);
    const linked = (await shopifyCustomersOfErp(db, { shopId, erpNumbers: [found.number] })).get(found.number) ?? [];
    if (linked.length > 0) {
      throw new Refusal(`ERP customer ${found.number} is already linked to ${unnamedCustomer(linked[0]!)}.`);
    }
    const erp: ComparedCustomerFields = (await mirroredCustomers(db, { shopId, numbers: [found.number] })).get(
      found.number,
    )?.fields ?? {
      displayName: found.displayName,
      email: found.email,
      phoneNumber: "",
      address: { line1: "", line2: "", city: found.city, state: "", postalCode: "", countryCode: "" },
    };
    const input = shopifyCustomerFields(erp, settings.customers);
    if (!input.email && !input.phone && !input.firstName && !input.lastName) {
      throw new Refusal(`ERP customer ${found.number} has no name, e-mail or phone to give a Shopify customer.`);
    }
    const admin = await shopifyAdminForShopId(shopId);
    const made = await createShopifyCustomer(admin, input);
    const other = await getCustomerLink(db, { shopId, shopifyCustomerId: made.id });
    if (other && other !== found.number) {
      throw new Refusal(
        `Shopify already has a customer with the e-mail ${input.email}, linked to ERP customer ${other}; nothing was changed.`,
      );
    }
    const customer = await readShopifyCustomer(admin, made.id);
    const fields = erpCustomerFields(customer.profile, settings.customers, adapter.limits);
    const verb = made.created ? "created in Shopify" : "linked to the Shopify customer with its e-mail";
    const message = `ERP customer ${found.number} ${verb}.`;
    return db.transaction(async (tx) => {
      await upsertCustomerLink(tx, {
        shopId,
        shopifyCustomerId: made.id,
        erpCustomerNumber: found.number,
        source: "exported",
      });
      const id = await saveCustomerOutcome(tx, {
        shopId,
        shopifyCustomerId: made.id,
        ...rowFields(customer),
        state: "linked",
        erpCustomerNumber: found.number,
        shopifyHash: shopifySideHash(fields),
        erpHash: comparedHash(erp),
        reason: null,
        conflict: null,
        // Only a customer made from the ERP's fields was written; one found by e-mail keeps Shopify's.
        ...(made.created ? { direction: "erp_to_shopify" as const } : {}),
        now: new Date(),
      });
      // A Shopify customer found by e-mail may have been waiting on the unmapped list.
      const queued = await settleLinked(tx, { shopId, entity: "customer", shopifyId: made.id, message });
      return { ok: true, message: withOrders(message, queued), href: `/app/customers/${id}` };
    });
  });
}
