import { z } from "zod";

import { runOperation, type ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { readBulkResults, waitForBulkOperation } from "../../adapters/shopify/bulk-mutation.ts";
import {
  CUSTOMERS_BULK_QUERY,
  CUSTOMERS_BY_ID_QUERY,
  CUSTOMERS_CHANGED_QUERY,
} from "../../adapters/shopify/customer-queries.ts";
import { BULK_QUERY_RUN } from "../../adapters/shopify/inventory-queries.ts";
import { paginate } from "../../adapters/shopify/paginate.ts";
import type { CustomerProfile } from "../../mapping/customer-profile.ts";
import { cursorAfter, type UpdatedSinceCursor, updatedSinceSearch } from "../../shopify/updated-since-cursor.ts";

/** The run's cursor stream of Shopify customers read (Shopify → ERP). */
export const CUSTOMERS_STREAM = "shopify-customers";

// The trust boundary: Shopify's answer, parsed before the pure core sees it.
const nullableText = z
  .string()
  .nullish()
  .transform((v) => v ?? null);
const addressNode = z.object({
  id: z.string(),
  firstName: nullableText,
  lastName: nullableText,
  company: nullableText,
  address1: nullableText,
  address2: nullableText,
  city: nullableText,
  zip: nullableText,
  province: nullableText,
  provinceCode: nullableText,
  countryCodeV2: nullableText,
  phone: nullableText,
});
export const customerNode = z.object({
  id: z.string(),
  firstName: nullableText,
  lastName: nullableText,
  updatedAt: z.string(),
  taxExempt: z.boolean(),
  defaultEmailAddress: z.object({ emailAddress: nullableText, marketingState: z.string() }).nullish(),
  defaultPhoneNumber: z.object({ phoneNumber: z.string(), marketingState: z.string() }).nullish(),
  defaultAddress: addressNode.nullish(),
});
type CustomerNode = z.infer<typeof customerNode>;

/** A Shopify customer as "Sync customers" reads it. */
export interface ShopifyCustomer {
  id: string;
  updatedAt: string;
  /** The default address's id: what "Can update Shopify customers" changes. */
  addressId: string | null;
  profile: CustomerProfile;
}

export function toShopifyCustomer(node: CustomerNode): ShopifyCustomer {
  const a = node.defaultAddress;
  return {
    id: node.id,
    updatedAt: node.updatedAt,
    addressId: a?.id ?? null,
    profile: {
      shopifyCustomerId: node.id,
      firstName: node.firstName,
      lastName: node.lastName,
      email: node.defaultEmailAddress?.emailAddress?.trim() || null,
      phone: node.defaultPhoneNumber?.phoneNumber ?? null,
      address: a
        ? {
            firstName: a.firstName,
            lastName: a.lastName,
            company: a.company,
            address1: a.address1,
            address2: a.address2,
            city: a.city,
            zip: a.zip,
            province: a.province,
            provinceCode: a.provinceCode,
            countryCode: a.countryCodeV2,
            phone: a.phone,
          }
        : null,
      taxExempt: node.taxExempt,
    },
  };
}

const pageSchema = z.object({
  customers: z.object({
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
    nodes: z.array(customerNode),
  }),
});

/** 100 customers of ~4 points each: 400 requested points a page, well under the 1,000 cap. */
const PAGE_SIZE = 100;

export interface CustomersPage {
  customers: ShopifyCustomer[];
  next: UpdatedSinceCursor | null;
  more: boolean;
}

/** Customers changed since the cursor, oldest change first: checkpoint `next` after each page. */
export async function* readChangedCustomers(
  admin: ShopifyAdmin,
  cursor: UpdatedSinceCursor | null,
  options: { maxPages: number },
): AsyncGenerator<CustomersPage, void, undefined> {
  let next = cursor;
  for await (const page of paginate(
    admin,
    CUSTOMERS_CHANGED_QUERY,
    { first: PAGE_SIZE, query: updatedSinceSearch(cursor) },
    {
      operation: "CustomersChanged",
      connection: (data) => pageSchema.parse(data).customers,
      maxPages: options.maxPages,
    },
  )) {
    const customers = z.array(customerNode).parse(page.nodes).map(toShopifyCustomer);
    next = cursorAfter(next, customers.at(-1));
    yield { customers, next, more: page.hasNextPage };
  }
}

const IDS_PER_READ = 100;

/** These customers as Shopify has them now; one it no longer has is left out. */
export async function readCustomersById(admin: ShopifyAdmin, ids: readonly string[]): Promise<ShopifyCustomer[]> {
  const found: ShopifyCustomer[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_READ) {
    const data = await runOperation(admin, CUSTOMERS_BY_ID_QUERY, { ids: ids.slice(i, i + IDS_PER_READ) });
    for (const node of z.array(z.unknown()).parse(data.nodes)) {
      const parsed = customerNode.safeParse(node);
      if (parsed.success) found.push(toShopifyCustomer(parsed.data));
    }
  }
  return found;
}

/** Starts the bulk query of every customer (one per shop runs at a time). */
export async function startCustomersBulkQuery(
  admin: ShopifyAdmin,
): Promise<{ ok: true; id: string } | { ok: false; reason: string }> {
  const { bulkOperationRunQuery } = await runOperation(admin, BULK_QUERY_RUN, { query: CUSTOMERS_BULK_QUERY });
  const refused = bulkOperationRunQuery?.userErrors ?? [];
  if (refused.length > 0 || !bulkOperationRunQuery?.bulkOperation) {
    return { ok: false, reason: refused.map((e) => e.message).join("; ") || "no bulk operation started" };
  }
  return { ok: true, id: bulkOperationRunQuery.bulkOperation.id };
}

export type BulkCustomersResult =
  /** `read` customers handed to `save` this call; `complete` when the file's end was reached. */
  { state: "read"; read: number; complete: boolean } | { state: "running" } | { state: "failed"; reason: string };

/**
 * Waits for the bulk query and streams its JSONL into `save`, `batchSize` customers at a time
 * (the default address is inline on each line, so no line waits for another): flat memory for
 * any number of customers. `skip` customers already handled by earlier runs are passed over, and
 * at most `limit` are read, so a first import of a large base spreads over runs that each end.
 */
export async function readCustomersBulkResult(
  admin: ShopifyAdmin,
  input: {
    operationId: string;
    waitMs: number;
    batchSize: number;
    skip: number;
    limit: number;
    save: (customers: ShopifyCustomer[]) => Promise<void>;
  },
): Promise<BulkCustomersResult> {
  const state = await waitForBulkOperation(admin, input.operationId, { timeoutMs: input.waitMs });
  if (state === null) return { state: "running" };
  if (state.status !== "COMPLETED") {
    return {
      state: "failed",
      reason: `the bulk read of customers ended ${state.status}${state.errorCode ? ` (${state.errorCode})` : ""}`,
    };
  }
  let seen = 0;
  let read = 0;
  let batch: ShopifyCustomer[] = [];
  // An empty store has no result file.
  if (state.url) {
    for await (const line of readBulkResults(state.url)) {
      const parsed = customerNode.safeParse(line);
      if (!parsed.success) continue;
      if (seen++ < input.skip) continue;
      if (read >= input.limit) {
        if (batch.length > 0) await input.save(batch);
        return { state: "read", read, complete: false };
      }
      read++;
      batch.push(toShopifyCustomer(parsed.data));
      if (batch.length >= input.batchSize) {
        await input.save(batch);
        batch = [];
      }
    }
  }
  if (batch.length > 0) await input.save(batch);
  return { state: "read", read, complete: true };
}
