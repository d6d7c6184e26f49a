import type { FoundItem } from "../adapters/erp/port.ts";
import { isWritesDisabledError } from "../adapters/writes-disabled.ts";
import { getDb } from "../db.ts";
import { erpAdapterForShop } from "../erp/connections.ts";
import type { TaskDefinition } from "../runs/define-task.ts";
import { enqueueRun } from "../runs/enqueue-run.ts";
import { asErpError, describeErpError, NO_ERP_MESSAGE } from "../tasks/orders-process/erp-errors.ts";
import { searchErpItems } from "../tasks/orders-process/mapping-actions.ts";
import { taskRegistry } from "../tasks/registry.ts";
import { canMap, canUnlink } from "./product-labels.ts";
import {
  bumpErpRecordsOfItem,
  deleteVariantsOfProduct,
  erpIdOfItem,
  findProductOfItem,
  forgetShopifyHash,
  lockProductLink,
  updateProductLinkState,
} from "./queries.ts";

/** The registry task "Sync now" queues (the product sync, both directions). */
export const PRODUCTS_SYNC_TASK = "products__sync";

export type ProductActionResult = { ok: true; message: string; runLink?: string } | { ok: false; message: string };

const NO_SUCH_PRODUCT: ProductActionResult = { ok: false, message: "No such product." };

/** A refusal decided inside a transaction: thrown to roll it back, answered as its message. */
class Refusal extends Error {}

/** A unique violation of `constraint` (postgres.js error, possibly wrapped by drizzle as its cause). */
function violates(error: unknown, constraint: string): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const pg = current as Error & { code?: unknown; constraint_name?: unknown };
    if (pg.code === "23505" && pg.constraint_name === constraint) return true;
  }
  return false;
}

async function refusing(run: () => Promise<ProductActionResult>): Promise<ProductActionResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Refusal || isWritesDisabledError(error)) return { ok: false, message: error.message };
    if (violates(error, "product_links_shop_item_uq")) {
      return { ok: false, message: "That ERP item was just mapped to another product." };
    }
    const erpError = asErpError(error);
    if (erpError) return { ok: false, message: describeErpError(erpError) };
    throw error;
  }
}

/**
 * Sync now: the product's ERP item goes to the head of the mirror's change feed and the Shopify
 * hash last read is forgotten, so the next run of the product sync plans this product in either
 * direction although nothing changed; then that run is queued (coalescing with one already
 * waiting). All in one transaction: a run that could not be queued leaves nothing bumped.
 * `registry` is the task list to find the sync in (the app's own by default).
 */
export async function requestProductSync(
  shopId: number,
  productLinkId: number,
  registry: readonly TaskDefinition[] = taskRegistry,
): Promise<ProductActionResult> {
  const task = registry.find((candidate) => candidate.name === PRODUCTS_SYNC_TASK);
  if (!task) return { ok: false, message: "Product sync is not available" };
  return refusing(() =>
    getDb().transaction(async (tx) => {
      const link = await lockProductLink(tx, { shopId, id: productLinkId });
      if (!link) return NO_SUCH_PRODUCT;
      if (link.state === "ignored") throw new Refusal("This product is ignored; stop ignoring it to sync it.");
      if (link.erpItemNumber) await bumpErpRecordsOfItem(tx, { shopId, itemNumber: link.erpItemNumber });
      await forgetShopifyHash(tx, { shopId, id: link.id });
      const jobId = await enqueueRun(tx, task, { shopId, trigger: "manual" });
      if (jobId === null) throw new Refusal(`${task.title} could not be queued.`);
      return { ok: true, message: "Sync queued", runLink: `/app/runs/job/${jobId}` };
    }),
  );
}

/**
 * Unlink: the Shopify product stops being the ERP item's. Its variant links go (orders with its
 * variants map again by SKU or wait on the unmapped list), the link becomes an unmapped Shopify
 * product (its Shopify id kept, its item number cleared, so it can be mapped anew), and the hashes
 * of what was written and read are forgotten: they described the old pairing.
 */
export function unlinkProduct(shopId: number, productLinkId: number): Promise<ProductActionResult> {
  return refusing(() =>
    getDb().transaction(async (tx) => {
      const link = await lockProductLink(tx, { shopId, id: productLinkId });
      if (!link) return NO_SUCH_PRODUCT;
      if (!canUnlink(link) || !link.shopifyProductId) {
        throw new Refusal("Only a product that is mapped to an ERP item in Shopify can be unlinked.");
      }
      const variants = await deleteVariantsOfProduct(tx, { shopId, shopifyProductId: link.shopifyProductId });
      await updateProductLinkState(tx, {
        shopId,
        id: link.id,
        from: [link.state],
        set: {
          state: "unmapped",
          reason: "unlinked by the merchant",
          erpItemNumber: null,
          erpItemId: null,
          lastWrittenHash: null,
          lastSeenShopifyHash: null,
        },
      });
      const what = link.erpItemNumber ? ` from item ${link.erpItemNumber}` : "";
      return {
        ok: true,
        message: `Product unlinked${what}${variants > 0 ? ` (${variants} variant links removed)` : ""}`,
      };
    }),
  );
}

/**
 * Map: an unmapped Shopify product becomes this ERP item's. The item must exist in the ERP and be
 * no other product's; the product's variants are matched to the item's variants by the next
 * product sync (the Shopify hash is forgotten so it reads the product again).
 */
export function mapProduct(shopId: number, productLinkId: number, itemNumber: string): Promise<ProductActionResult> {
  return refusing(async () => {
    const adapter = await erpAdapterForShop(shopId);
    if (!adapter) throw new Refusal(NO_ERP_MESSAGE);
    const found = await adapter.findItem({ number: itemNumber });
    if (!found) throw new Refusal(`Item ${itemNumber} does not exist in the ERP.`);
    return getDb().transaction(async (tx) => {
      const link = await lockProductLink(tx, { shopId, id: productLinkId });
      if (!link) return NO_SUCH_PRODUCT;
      if (!canMap(link)) throw new Refusal("Only an unmapped product can be mapped.");
      const taken = await findProductOfItem(tx, { shopId, itemNumber: found.itemNumber, exceptId: link.id });
      if (taken) {
        throw new Refusal(`Item ${found.itemNumber} is already the product “${taken.title || "Untitled product"}”.`);
      }
      await updateProductLinkState(tx, {
        shopId,
        id: link.id,
        from: ["unmapped"],
        set: {
          state: "linked",
          reason: null,
          erpItemNumber: found.itemNumber,
          erpItemId: await erpIdOfItem(tx, { shopId, itemNumber: found.itemNumber }),
          lastSeenShopifyHash: null,
        },
      });
      return { ok: true, message: `Product mapped to item ${found.itemNumber}` };
    });
  });
}

/** Ignore: an unmapped product stays out of the product sync and off the Unmapped tab. */
export async function ignoreProduct(shopId: number, productLinkId: number): Promise<ProductActionResult> {
  const done = await updateProductLinkState(getDb(), {
    shopId,
    id: productLinkId,
    from: ["unmapped"],
    set: { state: "ignored", reason: "ignored by the merchant" },
  });
  return done
    ? { ok: true, message: "Product ignored" }
    : { ok: false, message: "Only an unmapped product can be ignored." };
}

/** Stop ignoring: the product is unmapped again, for mapping or the next product sync. */
export async function stopIgnoringProduct(shopId: number, productLinkId: number): Promise<ProductActionResult> {
  const done = await updateProductLinkState(getDb(), {
    shopId,
    id: productLinkId,
    from: ["ignored"],
    set: { state: "unmapped", reason: null, lastSeenShopifyHash: null },
  });
  return done
    ? { ok: true, message: "Product no longer ignored" }
    : { ok: false, message: "This product is not ignored." };
}

export interface ItemChoice {
  number: string;
  name: string;
}

/**
 * The Map picker's search: the ERP's items by number prefix or name, through the same adapter
 * search as the unmapped-products list. A product maps to a whole item, so a hit on a variant
 * offers its item.
 */
export async function searchItemsForProduct(
  shopId: number,
  text: string,
): Promise<{ ok: true; results: ItemChoice[] } | { ok: false; message: string }> {
  if (!(await erpAdapterForShop(shopId))) return { ok: false, message: NO_ERP_MESSAGE };
  let found: FoundItem[];
  try {
    found = await searchErpItems(shopId, text);
  } catch (error) {
    const erpError = asErpError(error);
    if (erpError) return { ok: false, message: describeErpError(erpError) };
    throw error;
  }
  // The adapter sorts by item number, the item itself before its variants.
  const byNumber = new Map<string, ItemChoice>();
  for (const hit of found) {
    if (hit.variantCode === "") byNumber.set(hit.itemNumber, { number: hit.itemNumber, name: hit.displayName });
    else if (!byNumber.has(hit.itemNumber)) {
      byNumber.set(hit.itemNumber, { number: hit.itemNumber, name: `Variant ${hit.variantCode}: ${hit.displayName}` });
    }
  }
  return { ok: true, results: [...byNumber.values()] };
}
