import type { ErpError } from "../../adapters/erp/errors.ts";
import type { ErpAdapter, WriteResult } from "../../adapters/erp/port.ts";
import type { ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { type Db, getDb, type Tx } from "../../db.ts";
import type { ShopSettings } from "../../domain/settings-schema.ts";
import { erpAdapterForShop } from "../../erp/connections.ts";
import { coerceError } from "../../errors/coerce-error.ts";
import { addOrderEvent } from "../../queries/order-events.ts";
import {
  claimOrder,
  markOrderError,
  markOrderProcessed,
  markOrderWaiting,
  recordSkippedOrder,
  resolveSkippedOrder,
} from "../../queries/order-processing.ts";
import { getShopSettings } from "../../queries/shops.ts";
import { openUnmappedRecord, resolveUnmappedRecords } from "../../queries/unmapped-records.ts";
import { type ImportedOrder, importedOrderSchema } from "../orders-sync/imported-order.ts";
import { asErpError, describeErpError, NO_ERP_MESSAGE } from "./erp-errors.ts";
import { erpDocumentLinesOf, mapToSalesDocument } from "./map-to-sales-document.ts";
import { withStockLocations } from "./order-locations.ts";
import { resolveWithErp } from "./resolve-with-erp.ts";
import { writeBackDocumentNumber } from "./write-back.ts";

export type ProcessOutcome =
  | { kind: "processed"; documentNumber: string; documentType: "order" | "invoice"; created: boolean }
  | { kind: "left_alone"; reason: "busy" | "not_found" | "processed" | "ignored" | "conflict" }
  | { kind: "skipped"; reason: string }
  | { kind: "waiting"; waitingOn: "unmapped_customer" | "unmapped_product" }
  | { kind: "error"; message: string; retryable: boolean };

/**
 * What a run gives processing (its context's pieces); each defaults to the shop's own for a
 * direct caller (tests, a script).
 */
export interface ProcessOrderDeps {
  /** The run's ERP adapter (ctx.erp()); default: the shop's connected ERP. */
  erp?: ErpAdapter;
  /** The run's Admin client for the write-back (ctx.shopify()); default: the shop's offline token. */
  shopify?: () => Promise<ShopifyAdmin>;
  /** The kill switch as the run sees it (ctx.writesAllowed); default: the shop's setting, read under the lock. */
  writesAllowed?: boolean;
  db?: Db;
}

/** Thrown after the error is recorded so graphile-worker retries the job with backoff. */
export class RetryProcessingError extends Error {
  override name = "RetryProcessingError";
  readonly erpError: ErpError;
  constructor(erpError: ErpError) {
    super(erpError.message, { cause: erpError });
    this.erpError = erpError;
  }
}

/**
 * Turns one imported order into its ERP sales document, exactly once:
 * - the order row stays locked (FOR UPDATE SKIP LOCKED) for the whole attempt, so a second worker
 *   leaves it alone, and a dead worker's lock dies with its connection;
 * - the ERP is searched by the Shopify order number before creating, so a crash between the ERP's
 *   create and our commit is healed by the retry (`created: false`, then linked);
 * - a document this attempt created is deleted again when recording it fails.
 * Retryable ERP errors are recorded and then thrown (RetryProcessingError); permanent ones are
 * recorded and returned.
 */
export async function processOrder(
  shopId: number,
  orderId: number,
  deps: ProcessOrderDeps = {},
): Promise<ProcessOutcome> {
  const db = deps.db ?? getDb();
  let createdHere: { adapter: ErpAdapter; type: "order" | "invoice"; id: string } | null = null;
  let outcome: ProcessOutcome;
  let retry: ErpError | null = null;
  let writeBack: { order: ImportedOrder; number: string } | null = null;
  try {
    outcome = await db.transaction(async (tx) => {
      const claimed = await claimOrder(tx, { shopId, orderId });
      if (!claimed) return { kind: "left_alone", reason: "busy" } as const;
      if (claimed.status === "processed") return { kind: "left_alone", reason: "processed" } as const;
      if (claimed.status === "ignored") return { kind: "left_alone", reason: "ignored" } as const;
      if (claimed.hasConflict) return { kind: "left_alone", reason: "conflict" } as const;
      const fail = async (message: string, retryable = false): Promise<ProcessOutcome> => {
        await markOrderError(tx, { shopId, orderId, message });
        await addOrderEvent(tx, { shopId, orderId, kind: "error", message });
        return { kind: "error", message, retryable };
      };
      const parsed = importedOrderSchema.safeParse(claimed.snapshot);
      if (!parsed.success) return fail("The stored order could not be read; import it again from Shopify.");
      const order = parsed.data;
      const settings = await withStockLocations(tx, shopId, await getShopSettings(tx, shopId));
      if (!(deps.writesAllowed ?? settings.allowOutgoingWrites)) {
        const reason = "Outgoing writes are off for this shop; no ERP document was created.";
        await recordSkippedOrder(tx, { shopId, shopifyOrderId: order.shopifyOrderId, reason });
        await addOrderEvent(tx, { shopId, orderId, kind: "skipped", message: reason });
        return { kind: "skipped", reason };
      }
      const adapter = deps.erp ?? (await erpAdapterForShop(shopId));
      if (!adapter) return fail(NO_ERP_MESSAGE);
      try {
        const result = await createDocument(tx, adapter, { shopId, orderId, order, settings }, (write, type) => {
          if (write.created) createdHere = { adapter, type, id: write.ref.id };
        });
        if (result.kind === "processed" && settings.orders.writeBackDocumentNo) {
          writeBack = { order, number: result.documentNumber };
        }
        if (result.kind === "error") return fail(result.message);
        return result;
      } catch (error) {
        const erpError = asErpError(error);
        if (!erpError) throw error;
        if (erpError.retryable) retry = erpError;
        if (erpError.code === "RATE_LIMITED") {
          // Not a failure: the ERP's request budget is spent for now. The order stays unprocessed
          // (off the error list) and its job comes back when the budget frees.
          const message = describeErpError(erpError);
          await addOrderEvent(tx, { shopId, orderId, kind: "waiting", message });
          return { kind: "error", message, retryable: true } as const;
        }
        return fail(describeErpError(erpError), erpError.retryable);
      }
    });
  } catch (error) {
    // Our own step failed after the ERP made the document: take it back so no half-recorded
    // document stays behind, and let the job retry (the order is still unprocessed or in error).
    const made = createdHere as { adapter: ErpAdapter; type: "order" | "invoice"; id: string } | null;
    if (made) await made.adapter.deleteSalesDocument({ type: made.type, id: made.id }).catch(() => {});
    const message = `Processing failed: ${coerceError(error).message}`;
    await markOrderError(db, { shopId, orderId, message }).catch(() => {});
    await addOrderEvent(db, { shopId, orderId, kind: "error", message }).catch(() => {});
    throw error;
  }
  if (retry) throw new RetryProcessingError(retry);
  const back = writeBack as { order: ImportedOrder; number: string } | null;
  if (back) {
    await writeBackDocumentNumber({
      db,
      shopId,
      orderId,
      order: back.order,
      documentNumber: back.number,
      ...(deps.shopify ? { admin: deps.shopify } : {}),
    });
  }
  return outcome;
}

async function createDocument(
  tx: Tx,
  adapter: ErpAdapter,
  input: { shopId: number; orderId: number; order: ImportedOrder; settings: ShopSettings },
  onWrite: (write: WriteResult, type: "order" | "invoice") => void,
): Promise<ProcessOutcome> {
  const { shopId, orderId, order, settings } = input;
  await addOrderEvent(tx, { shopId, orderId, kind: "processing" });
  const resolution = await resolveWithErp(tx, adapter, { shopId, order, settings });
  if (resolution.kind === "waiting") {
    for (const thing of resolution.unmapped) await openUnmappedRecord(tx, { shopId, ...thing });
    await markOrderWaiting(tx, { shopId, orderId, waitingOn: resolution.waitingOn, message: resolution.message });
    await addOrderEvent(tx, { shopId, orderId, kind: "waiting", message: resolution.message });
    return { kind: "waiting", waitingOn: resolution.waitingOn };
  }
  await resolveUnmappedRecords(tx, { shopId, entity: "customer", shopifyIds: [resolution.customerKey] });
  await resolveUnmappedRecords(tx, { shopId, entity: "product", shopifyIds: resolution.variantKeys });
  const mapped = mapToSalesDocument(order, resolution.resolved, settings, adapter.limits);
  if (!mapped.ok) return { kind: "error", message: mapped.error, retryable: false };
  const write = await adapter.createSalesDocument(mapped.document);
  onWrite(write, mapped.document.type);
  const document = {
    type: mapped.document.type,
    id: write.ref.id,
    number: write.ref.number,
    customerNumber: mapped.document.customerNumber,
  };
  await markOrderProcessed(tx, {
    shopId,
    orderId,
    document,
    erpLines: erpDocumentLinesOf(mapped.document, write.lineRefs),
  });
  await resolveSkippedOrder(tx, { shopId, shopifyOrderId: order.shopifyOrderId });
  const how = write.created ? "created" : "found (made by an earlier attempt) and linked";
  await addOrderEvent(tx, {
    shopId,
    orderId,
    kind: "processed",
    message: `ERP sales ${document.type} ${document.number} ${how}.`,
  });
  return { kind: "processed", documentNumber: write.ref.number, documentType: document.type, created: write.created };
}
