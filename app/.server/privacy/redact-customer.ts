import { and, eq, inArray, or, sql } from "drizzle-orm";

import { customerLinks } from "../../../db/schema/links.ts";
import { orders } from "../../../db/schema/orders.ts";
import { shopifyCustomers } from "../../../db/schema/shopify-customers.ts";
import { unmappedRecords } from "../../../db/schema/unmapped-records.ts";
import { webhookInbox } from "../../../db/schema/webhook-inbox.ts";
import type { Tx } from "../db.ts";
import { addOrderEvent } from "../queries/order-events.ts";
import { importedOrderSchema } from "../tasks/orders-sync/imported-order.ts";
import { distinctSearchable, personalValuesOf, redactOrderSnapshot } from "./redact-snapshot.ts";
import { scrubShopText } from "./scrub-text.ts";

export const REDACTED_ORDER_REASON =
  "Customer data redacted at the customer's request (customers/redact); no ERP document will be made.";

export interface CustomerRedaction {
  shopId: number;
  /** Shopify's numeric customer id, as in the webhook. */
  customerId: number;
  email: string | null | undefined;
  phone: string | null | undefined;
  /** `orders_to_redact`: numeric order ids. */
  orderIds: readonly number[];
}

export interface RedactionSummary {
  orders: number;
  ended: number;
  scrubbedCells: number;
}

/**
 * customers/redact, in one transaction: every trace of the customer's personal data the app
 * stored, for the orders Shopify names and any other order of that customer we hold.
 * - each order's snapshot loses the personal fields (redact-snapshot.ts); its ERP document
 *   number, lines and amounts stay, so shipments and posting of a processed order still work;
 * - an order not yet in the ERP (waiting on the customer's mapping, or in error) can never be
 *   made now: it ends as ignored with the reason, off the unprocessed and error lists;
 * - the customer's link to an ERP customer and its unmapped-list entries are deleted; its "Sync
 *   customers" row keeps only its id and the state `redacted`, so it is never imported again;
 * - the e-mail, phone, names and street lines are replaced by "[redacted]" in every other text
 *   and JSON column of the shop (events, errors, skipped records, runs, shipments, API log, inbox).
 * The ERP keeps its own copy of the customer and documents: that is the merchant's system of record.
 */
export async function redactCustomer(tx: Tx, input: CustomerRedaction): Promise<RedactionSummary> {
  const { shopId } = input;
  const customerGid = `gid://shopify/Customer/${input.customerId}`;
  const orderGids = input.orderIds.map((id) => `gid://shopify/Order/${id}`);
  const rows = await tx
    .select({ id: orders.id, shopifyOrderId: orders.shopifyOrderId, status: orders.status, snapshot: orders.snapshot })
    .from(orders)
    .where(
      and(
        eq(orders.shopId, shopId),
        or(
          orderGids.length > 0 ? inArray(orders.shopifyOrderId, orderGids) : sql`false`,
          sql`${orders.snapshot} #>> '{customer,shopifyCustomerId}' = ${customerGid}`,
        ),
      ),
    )
    .for("update");

  const values: (string | null | undefined)[] = [input.email, input.phone];
  let ended = 0;
  for (const row of rows) {
    const parsed = importedOrderSchema.safeParse(row.snapshot);
    if (parsed.success) values.push(...personalValuesOf(parsed.data));
    const endsHere = row.status === "unprocessed" || row.status === "error";
    await tx
      .update(orders)
      .set({
        // An unreadable snapshot cannot be redacted field by field: drop it (re-import restores it).
        snapshot: parsed.success ? redactOrderSnapshot(parsed.data) : null,
        ...(endsHere
          ? { status: "ignored", waitingOn: null, errorMessage: null, statusReason: REDACTED_ORDER_REASON }
          : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(orders.shopId, shopId), eq(orders.id, row.id)));
    if (endsHere) {
      ended++;
      await addOrderEvent(tx, { shopId, orderId: row.id, kind: "ignored", message: REDACTED_ORDER_REASON });
    }
  }

  values.push(...(await tombstoneSyncedCustomer(tx, shopId, customerGid)));
  const keys = [customerGid, ...rows.map((r) => r.shopifyOrderId)]; // guests are keyed by their order
  await tx
    .delete(customerLinks)
    .where(and(eq(customerLinks.shopId, shopId), eq(customerLinks.shopifyCustomerId, customerGid)));
  await tx
    .delete(unmappedRecords)
    .where(
      and(
        eq(unmappedRecords.shopId, shopId),
        eq(unmappedRecords.entity, "customer"),
        inArray(unmappedRecords.shopifyId, keys),
      ),
    );
  // Deliveries not yet processed that are about this customer or these orders lose their payload.
  await tx
    .update(webhookInbox)
    .set({ payload: null })
    .where(
      and(
        eq(webhookInbox.shopId, shopId),
        or(
          sql`(${webhookInbox.payload} -> 'customer' ->> 'id') = ${String(input.customerId)}`,
          input.orderIds.length > 0
            ? sql`(${webhookInbox.payload} ->> 'id') in (${sql.join(
                input.orderIds.map((id) => sql`${String(id)}`),
                sql`, `,
              )})`
            : sql`false`,
        ),
      ),
    );

  const scrubbedCells = await scrubShopText(tx, {
    shopId,
    values: distinctSearchable(values),
    except: new Set(["orders.snapshot"]),
  });
  return { orders: rows.length, ended, scrubbedCells };
}

/**
 * "Sync customers" keeps a row per Shopify customer: it loses everything personal and becomes the
 * tombstone that stops the customer from being imported again. Returns what it held, for the scrub.
 */
async function tombstoneSyncedCustomer(tx: Tx, shopId: number, shopifyCustomerId: string): Promise<(string | null)[]> {
  const [held] = await tx
    .select({ displayName: shopifyCustomers.displayName, email: shopifyCustomers.email, phone: shopifyCustomers.phone })
    .from(shopifyCustomers)
    .where(and(eq(shopifyCustomers.shopId, shopId), eq(shopifyCustomers.shopifyCustomerId, shopifyCustomerId)));
  const tombstone = {
    state: "redacted" as const,
    displayName: "[redacted]",
    email: null,
    phone: null,
    city: null,
    countryCode: null,
    erpCustomerNumber: null,
    shopifyHash: null,
    erpHash: null,
    conflict: null,
    reason: "Customer data redacted at the customer's request (customers/redact); never imported again.",
    updatedAt: new Date(),
  };
  await tx
    .insert(shopifyCustomers)
    .values({ shopId, shopifyCustomerId, ...tombstone })
    .onConflictDoUpdate({ target: [shopifyCustomers.shopId, shopifyCustomers.shopifyCustomerId], set: tombstone });
  // The label holds the name, e-mail or phone: each part is scrubbed elsewhere too.
  return held ? [held.email, held.phone, ...held.displayName.split(/\s*[<>]\s*/)] : [];
}
