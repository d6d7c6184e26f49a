import type { FoundCustomer, FoundItem } from "../../adapters/erp/port.ts";
import { isWritesDisabledError } from "../../adapters/writes-disabled.ts";
import { getDb, type Tx } from "../../db.ts";
import { erpAdapterForShop } from "../../erp/connections.ts";
import { countOf } from "../../format/format.ts";
import { newErpCustomer } from "../../mapping/resolve-customer.ts";
import { skuAsItemNumber } from "../../mapping/resolve-lines.ts";
import { upsertCustomerLink, upsertVariantLink } from "../../queries/links.ts";
import { addOrderEvent } from "../../queries/order-events.ts";
import { markOrdersIgnored, ordersWaitingOnCustomer, ordersWaitingOnVariant } from "../../queries/order-processing.ts";
import { forgetSeenShopifyHash } from "../../queries/product-links.ts";
import { getShopSettings } from "../../queries/shops.ts";
import { getUnmappedRecord, resolveUnmappedRecords } from "../../queries/unmapped-records.ts";
import { importedOrderSchema } from "../orders-sync/imported-order.ts";
import { enqueueOrderProcessing } from "./enqueue.ts";
import { asErpError, describeErpError, NO_ERP_MESSAGE } from "./erp-errors.ts";
import { newItemDetails } from "./new-item-details.ts";
import { createErpCustomerForOrder } from "./resolve-with-erp.ts";

/** What a list action tells the merchant. */
export type MappingResult = { ok: true; message: string; ordersQueued: number } | { ok: false; message: string };

async function requireAdapter(shopId: number) {
  const adapter = await erpAdapterForShop(shopId);
  if (!adapter) throw new MappingFailure(NO_ERP_MESSAGE);
  return adapter;
}

class MappingFailure extends Error {}

/** Runs an action, turning ERP errors and our own refusals into a message for the list. */
async function action(run: () => Promise<MappingResult>): Promise<MappingResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof MappingFailure || isWritesDisabledError(error)) return { ok: false, message: error.message };
    const erpError = asErpError(error);
    if (erpError) return { ok: false, message: describeErpError(erpError) };
    throw error;
  }
}

/**
 * Inside the caller's transaction, after it linked: takes the record off the unmapped list and
 * re-enqueues the orders it held up; returns how many were queued. The Customers page links
 * in its own transactions and calls this so the orders waiting on a customer move on the same way.
 */
export async function settleLinked(
  tx: Tx,
  input: { shopId: number; entity: "customer" | "company" | "product"; shopifyId: string; message: string },
): Promise<number> {
  const { shopId, entity, shopifyId, message } = input;
  await resolveUnmappedRecords(tx, { shopId, entity, shopifyIds: [shopifyId] });
  // A company location is a B2B order's buyer key (customerKey), found by the same query.
  const waiting =
    entity !== "product"
      ? await ordersWaitingOnCustomer(tx, { shopId, shopifyCustomerId: shopifyId })
      : await ordersWaitingOnVariant(tx, { shopId, shopifyVariantId: shopifyId });
  for (const order of waiting) await addOrderEvent(tx, { shopId, orderId: order.id, kind: "resolved", message });
  await enqueueOrderProcessing(tx, { shopId, orderIds: waiting.map((o) => o.id), trigger: "manual" });
  return waiting.length;
}

/** Links, takes the record off the list and re-enqueues the orders it held up, in one transaction. */
async function settle(
  shopId: number,
  entity: "customer" | "company" | "product",
  shopifyId: string,
  link: (tx: Tx) => Promise<void>,
  message: string,
): Promise<MappingResult> {
  return getDb().transaction(async (tx) => {
    await link(tx);
    const ordersQueued = await settleLinked(tx, { shopId, entity, shopifyId, message });
    return { ok: true, message, ordersQueued };
  });
}

/**
 * `alsoInTransaction` runs in the mapping's transaction after the link is stored (the Customers
 * page moves its own row to linked there); what it throws rolls the mapping back and is rethrown.
 */
export function mapCustomer(
  shopId: number,
  shopifyCustomerId: string,
  erpCustomerNumber: string,
  alsoInTransaction?: (tx: Tx, erpCustomerNumber: string) => Promise<void>,
) {
  return action(async () => {
    const found = await (await requireAdapter(shopId)).findCustomer({ number: erpCustomerNumber });
    if (!found) throw new MappingFailure(`Customer ${erpCustomerNumber} does not exist in the ERP.`);
    return settle(
      shopId,
      "customer",
      shopifyCustomerId,
      async (tx) => {
        await upsertCustomerLink(tx, {
          shopId,
          shopifyCustomerId,
          erpCustomerNumber: found.number,
          source: "merchant",
        });
        await alsoInTransaction?.(tx, found.number);
      },
      `Customer mapped to ERP customer ${found.number}.`,
    );
  });
}

/**
 * A B2B order's company location, from the unmapped companies list: its own ERP customer (BC: a
 * location added as its own customer), which "Sync companies" then keeps (ADR 022).
 */
export function mapCompanyLocation(shopId: number, companyLocationId: string, erpCustomerNumber: string) {
  return action(async () => {
    const found = await (await requireAdapter(shopId)).findCustomer({ number: erpCustomerNumber });
    if (!found) throw new MappingFailure(`Customer ${erpCustomerNumber} does not exist in the ERP.`);
    return settle(
      shopId,
      "company",
      companyLocationId,
      (tx) =>
        upsertCustomerLink(tx, {
          shopId,
          shopifyCustomerId: companyLocationId,
          erpCustomerNumber: found.number,
          source: "merchant",
        }),
      `Company location mapped to ERP customer ${found.number}.`,
    );
  });
}

export function createCustomerInErp(shopId: number, shopifyCustomerId: string) {
  return action(async () => {
    const [waiting] = await ordersWaitingOnCustomer(getDb(), { shopId, shopifyCustomerId });
    const order = waiting ? importedOrderSchema.safeParse(waiting.snapshot) : null;
    if (!order?.success) throw new MappingFailure("No waiting order holds this customer's details.");
    const settings = await getShopSettings(getDb(), shopId);
    const customer = newErpCustomer(order.data, settings);
    if (!customer) {
      throw new MappingFailure("The customer has no e-mail address; map an existing ERP customer instead.");
    }
    const number = await createErpCustomerForOrder(await requireAdapter(shopId), customer, settings);
    return settle(
      shopId,
      "customer",
      shopifyCustomerId,
      (tx) => upsertCustomerLink(tx, { shopId, shopifyCustomerId, erpCustomerNumber: number, source: "created" }),
      `Customer ${number} created in the ERP.`,
    );
  });
}

export function mapVariant(shopId: number, shopifyVariantId: string, erpItemNumber: string, erpVariantCode = "") {
  return action(async () => {
    const lookup = erpVariantCode ? { number: erpItemNumber, variantCode: erpVariantCode } : { number: erpItemNumber };
    const found = await (await requireAdapter(shopId)).findItem(lookup);
    const what = erpVariantCode ? `Item ${erpItemNumber} variant ${erpVariantCode}` : `Item ${erpItemNumber}`;
    if (!found) throw new MappingFailure(`${what} does not exist in the ERP.`);
    return settle(
      shopId,
      "product",
      shopifyVariantId,
      (tx) =>
        upsertVariantLink(tx, {
          shopId,
          shopifyVariantId,
          erpItemNumber: found.itemNumber,
          erpVariantCode: found.variantCode,
          source: "merchant",
        }),
      `Product mapped to ERP ${what.toLowerCase()}.`,
    );
  });
}

/**
 * Creates an item whose number is the SKU (a SKU naming item + variant needs the variant made in
 * the ERP), from the shop's item template when it has one, as the products import creates items.
 */
export function createItemInErp(shopId: number, shopifyVariantId: string) {
  return action(async () => {
    const details = await newItemDetails(shopId, shopifyVariantId);
    if (!details) {
      throw new MappingFailure(
        "Neither a waiting order nor Shopify holds this product any more (deleted in Shopify?).",
      );
    }
    const settings = await getShopSettings(getDb(), shopId);
    const adapter = await requireAdapter(shopId);
    const sku = skuAsItemNumber(details.sku, settings, adapter.limits);
    if (sku === null) {
      throw new MappingFailure(
        "The SKU does not name a whole ERP item number; create the item (and variant) in the ERP and map it.",
      );
    }
    const template = settings.products.itemTemplateNo.trim();
    const created = await adapter.upsertItem({
      number: sku,
      displayName: details.name.slice(0, 100),
      unitPrice: details.unitPrice,
      ...(details.barcode ? { gtin: details.barcode } : {}),
      ...(template ? { templateNumber: template } : {}),
    });
    const number = created.ref.number || sku;
    return settle(
      shopId,
      "product",
      shopifyVariantId,
      async (tx) => {
        await upsertVariantLink(tx, {
          shopId,
          shopifyVariantId,
          erpItemNumber: number,
          erpVariantCode: "",
          source: "created",
        });
        // The products import listed it: read its product again so it is linked to the new item.
        if (details.shopifyProductId) {
          await forgetSeenShopifyHash(tx, { shopId, shopifyProductId: details.shopifyProductId });
        }
      },
      `Item ${number} created in the ERP.`,
    );
  });
}

/** Takes the record off its list; the orders that need it will not be processed (marked ignored). */
export async function ignoreUnmapped(shopId: number, unmappedRecordId: number): Promise<MappingResult> {
  const db = getDb();
  return db.transaction(async (tx) => {
    const record = await getUnmappedRecord(tx, { shopId, id: unmappedRecordId });
    if (!record) return { ok: false, message: "That record is not on the list." };
    await resolveUnmappedRecords(tx, { shopId, entity: record.entity, shopifyIds: [record.shopifyId] });
    const waiting =
      record.entity !== "product"
        ? await ordersWaitingOnCustomer(tx, { shopId, shopifyCustomerId: record.shopifyId })
        : await ordersWaitingOnVariant(tx, { shopId, shopifyVariantId: record.shopifyId });
    const reason = `The merchant ignored the unmapped ${record.entity} ${record.label}.`;
    await markOrdersIgnored(tx, { shopId, orderIds: waiting.map((o) => o.id), reason });
    for (const order of waiting) {
      await addOrderEvent(tx, { shopId, orderId: order.id, kind: "ignored", message: reason });
    }
    return {
      ok: true,
      message: `Ignored; ${countOf(waiting.length, "waiting order")} will not be processed.`,
      ordersQueued: 0,
    };
  });
}

export async function searchErpCustomers(shopId: number, text: string): Promise<FoundCustomer[]> {
  const adapter = await erpAdapterForShop(shopId);
  return adapter ? adapter.searchCustomers(text, { limit: 20 }) : [];
}

export async function searchErpItems(shopId: number, text: string): Promise<FoundItem[]> {
  const adapter = await erpAdapterForShop(shopId);
  return adapter ? adapter.searchItems(text, { limit: 20 }) : [];
}
