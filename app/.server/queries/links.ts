import { and, eq, inArray } from "drizzle-orm";

import { customerLinks, variantLinks } from "../../../db/schema/links.ts";
import type { DbOrTx } from "../db.ts";

/** How a link was made; "exported": the ERP customer was added to Shopify ("Add to Shopify"). */
type LinkSource = "matched" | "created" | "merchant" | "exported";

export async function getCustomerLink(
  db: DbOrTx,
  input: { shopId: number; shopifyCustomerId: string },
): Promise<string | null> {
  const [row] = await db
    .select({ erpCustomerNumber: customerLinks.erpCustomerNumber })
    .from(customerLinks)
    .where(and(eq(customerLinks.shopId, input.shopId), eq(customerLinks.shopifyCustomerId, input.shopifyCustomerId)));
  return row?.erpCustomerNumber ?? null;
}

/** The merchant's choice replaces an earlier match; that is the point of mapping from the list. */
export async function upsertCustomerLink(
  db: DbOrTx,
  input: { shopId: number; shopifyCustomerId: string; erpCustomerNumber: string; source: LinkSource },
): Promise<void> {
  await db
    .insert(customerLinks)
    .values(input)
    .onConflictDoUpdate({
      target: [customerLinks.shopId, customerLinks.shopifyCustomerId],
      set: { erpCustomerNumber: input.erpCustomerNumber, source: input.source, linkedAt: new Date() },
    });
}

export async function deleteCustomerLink(db: DbOrTx, input: { shopId: number; shopifyCustomerId: string }) {
  await db
    .delete(customerLinks)
    .where(and(eq(customerLinks.shopId, input.shopId), eq(customerLinks.shopifyCustomerId, input.shopifyCustomerId)));
}

export async function getVariantLinks(
  db: DbOrTx,
  input: { shopId: number; shopifyVariantIds: readonly string[] },
): Promise<Map<string, { itemNumber: string; variantCode: string }>> {
  const links = new Map<string, { itemNumber: string; variantCode: string }>();
  if (input.shopifyVariantIds.length === 0) return links;
  const rows = await db
    .select({
      shopifyVariantId: variantLinks.shopifyVariantId,
      erpItemNumber: variantLinks.erpItemNumber,
      erpVariantCode: variantLinks.erpVariantCode,
    })
    .from(variantLinks)
    .where(
      and(eq(variantLinks.shopId, input.shopId), inArray(variantLinks.shopifyVariantId, [...input.shopifyVariantIds])),
    );
  for (const r of rows) links.set(r.shopifyVariantId, { itemNumber: r.erpItemNumber, variantCode: r.erpVariantCode });
  return links;
}

export async function upsertVariantLink(
  db: DbOrTx,
  input: {
    shopId: number;
    shopifyVariantId: string;
    erpItemNumber: string;
    erpVariantCode: string;
    source: LinkSource;
  },
): Promise<void> {
  await db
    .insert(variantLinks)
    .values(input)
    .onConflictDoUpdate({
      target: [variantLinks.shopId, variantLinks.shopifyVariantId],
      set: {
        erpItemNumber: input.erpItemNumber,
        erpVariantCode: input.erpVariantCode,
        source: input.source,
        linkedAt: new Date(),
      },
    });
}
