import { runOperation, type ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { isWritesDisabledError } from "../../adapters/writes-disabled.ts";
import { type Db, getDb } from "../../db.ts";
import { coerceError } from "../../errors/coerce-error.ts";
import { addOrderEvent } from "../../queries/order-events.ts";
import { recordSkipped } from "../../queries/skipped-records.ts";
import { shopifyAdminForShopId } from "../../shopify/admin-for-shop-id.ts";
import type { ImportedOrder } from "../orders-sync/imported-order.ts";

/** Where the ERP document number lives on the Shopify order (an app-owned namespace would need `$app:`). */
export const DOCUMENT_NUMBER_METAFIELD = { namespace: "erp_connector", key: "document_number" } as const;

export const ORDER_DOCUMENT_NUMBER_SET = `#graphql
  mutation OrderErpDocumentNumberSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields {
        id
        namespace
        key
        value
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

/**
 * Writes the ERP document number onto the Shopify order. A failure here never undoes the ERP
 * document: it is noted on the order's history. The write changes the order's `updatedAt`, so
 * Shopify sends orders/updated; the import compares order content (fingerprint), which a
 * metafield is not part of, so it is not taken for a change.
 */
export async function writeBackDocumentNumber(input: {
  shopId: number;
  orderId: number;
  order: ImportedOrder;
  documentNumber: string;
  /** The run's Admin client (ctx.shopify()); default: the shop's offline token. */
  admin?: () => Promise<ShopifyAdmin>;
  db?: Db;
}): Promise<void> {
  const db = input.db ?? getDb();
  try {
    const admin = await (input.admin ?? (() => shopifyAdminForShopId(input.shopId)))();
    const data = await runOperation(admin, ORDER_DOCUMENT_NUMBER_SET, {
      metafields: [
        {
          ownerId: input.order.shopifyOrderId,
          ...DOCUMENT_NUMBER_METAFIELD,
          type: "single_line_text_field",
          value: input.documentNumber,
        },
      ],
    });
    const problem = data.metafieldsSet?.userErrors[0];
    if (problem) throw new Error(problem.message);
    await addOrderEvent(db, {
      shopId: input.shopId,
      orderId: input.orderId,
      kind: "written_back",
      message: `ERP document number ${input.documentNumber} written to the Shopify order.`,
    });
  } catch (error) {
    if (isWritesDisabledError(error)) {
      // The kill switch went off after the document was made: a skipped record, not an error.
      const key = { shopId: input.shopId, entity: "order-write-back", recordKey: input.order.shopifyOrderId };
      await recordSkipped(db, { ...key, reason: error.message });
      await addOrderEvent(db, {
        shopId: input.shopId,
        orderId: input.orderId,
        kind: "skipped",
        message: error.message,
      });
      return;
    }
    const reason = coerceError(error).message;
    await addOrderEvent(db, {
      shopId: input.shopId,
      orderId: input.orderId,
      kind: "error",
      message: `The ERP document number could not be written back to Shopify: ${reason}`,
    });
  }
}
