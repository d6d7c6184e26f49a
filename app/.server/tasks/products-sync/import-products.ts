import { isErpError } from "../../adapters/erp/errors.ts";
import type { ErpAdapter, ErpCapabilities } from "../../adapters/erp/port.ts";
import { ShopifyApiError } from "../../adapters/shopify/errors.ts";
import { coerceError } from "../../errors/coerce-error.ts";
import type { ErpItemRef, ItemLookup } from "../../mapping/resolve-lines.ts";
import {
  productLinksOfItems,
  productLinksOfShopifyProducts,
  productsAwaitingImport,
  saveImportedProduct,
  saveImportedVariantLinks,
  saveImportProblem,
  saveSeenShopifyHash,
  variantLinksOfShopifyVariants,
} from "../../queries/product-links.ts";
import { openUnmappedRecord, resolveUnmappedRecords } from "../../queries/unmapped-records.ts";
import type { RunContext } from "../../runs/define-task.ts";
import { readUpdatedSinceCursor } from "../../shopify/updated-since-cursor.ts";
import { describeImportPlan } from "./describe-import-plan.ts";
import {
  importHash,
  type NewItemLimits,
  type NewItemVariant,
  type ShopifyProductForImport,
  variantLookups,
} from "./map-shopify-product.ts";
import { type ImportPlan, planProductImport, type VariantFacts } from "./plan-product-import.ts";
import { PRODUCTS_STREAM, readChangedProducts, readProductsById } from "./read-shopify-products.ts";

/** Pages of 8 products (each with up to 100 variants: within the query cost limit) per run; a first import of a big catalog spreads over runs. */
const MAX_PAGES = 100;
/** Products read again by id per run (Sync now, Map, failed last time). */
const MAX_REREADS = 200;
/** BC's Item Variant Code is Code[10] and Description Text[100]; the port names only the item number's size. */
const VARIANT_CODE_MAX = 10;
const DISPLAY_NAME_MAX = 100;

export interface ProductImportResult {
  read: number;
  handled: number;
  continued: boolean;
}

type Found = Map<string, ErpItemRef | null>;

const lookupKey = (lookup: ItemLookup) => JSON.stringify(lookup);

/** One lookup through the port, asked once per run however many variants share it. */
async function find(adapter: ErpAdapter, cache: Found, lookup: ItemLookup): Promise<ErpItemRef | null> {
  const key = lookupKey(lookup);
  if (cache.has(key)) return cache.get(key) ?? null;
  const hit = await adapter.findItem(lookup);
  const ref = hit ? { itemNumber: hit.itemNumber, variantCode: hit.variantCode } : null;
  cache.set(key, ref);
  return ref;
}

async function variantFacts(
  ctx: RunContext,
  adapter: ErpAdapter,
  cache: Found,
  product: ShopifyProductForImport,
  linked: ReadonlyMap<string, ErpItemRef>,
): Promise<Map<string, VariantFacts>> {
  const facts = new Map<string, VariantFacts>();
  for (const variant of product.variants) {
    const link = linked.get(variant.id) ?? null;
    if (link) {
      facts.set(variant.id, { linked: link, bySku: [], byBarcode: null });
      continue;
    }
    const lookups = variantLookups(variant, ctx.settings);
    const bySku = new Map<string, ErpItemRef>();
    for (const lookup of lookups.bySku) {
      const hit = await find(adapter, cache, lookup);
      if (hit) bySku.set(`${hit.itemNumber}\u0000${hit.variantCode}`, hit);
    }
    const byBarcode = bySku.size === 0 && lookups.byBarcode ? await find(adapter, cache, lookups.byBarcode) : null;
    facts.set(variant.id, { linked: null, bySku: [...bySku.values()], byBarcode });
  }
  return facts;
}

interface Applied {
  linkId: number;
  outcome: "created" | "updated" | "skipped";
  reason?: string;
}

/** Carries out a plan that changes something (not for previews or the kill switch). */
async function apply(
  ctx: RunContext,
  adapter: ErpAdapter,
  capabilities: ErpCapabilities,
  product: ShopifyProductForImport,
  hash: string,
  plan: Exclude<ImportPlan, { kind: "unchanged" }>,
): Promise<Applied> {
  const now = ctx.clock.now();
  const base = { shopId: ctx.shopId, shopifyProductId: product.id, title: product.title, handle: product.handle, now };
  switch (plan.kind) {
    case "skip": {
      const linkId = await saveImportProblem(ctx.db, {
        ...base,
        state: "skipped",
        reason: plan.reason,
        seenHash: hash,
      });
      return { linkId, outcome: "skipped", reason: plan.reason };
    }
    case "unmapped": {
      const linkId = await ctx.db.transaction(async (tx) => {
        const id = await saveImportProblem(tx, { ...base, state: "unmapped", reason: plan.reason, seenHash: hash });
        // The existing unmapped list, per variant: its map / create / ignore work on variants.
        for (const v of plan.variants) {
          await openUnmappedRecord(tx, {
            shopId: ctx.shopId,
            entity: "product",
            shopifyId: v.shopifyVariantId,
            label: v.label,
          });
        }
        return id;
      });
      return { linkId, outcome: "skipped", reason: `unmapped: ${plan.reason}` };
    }
    case "link": {
      const fresh = plan.variants.filter((v) => v.via !== "linked");
      // The port's updateItem needs a version the import never read (findItem returns none);
      // upsertItem reads the item, PATCHes only the fields that differ with its ETag, and
      // re-reads once on a stale one: an unchanged name costs no write.
      const updated = plan.update ? await adapter.upsertItem({ number: plan.itemNumber, ...plan.update }) : null;
      await createVariantsInErp(adapter, capabilities, plan.itemNumber, plan.createVariants);
      const linkId = await ctx.db.transaction(async (tx) => {
        const id = await saveImportedProduct(tx, {
          ...base,
          itemNumber: plan.itemNumber,
          erpItemId: updated?.ref.id ?? null,
          seenHash: hash,
        });
        await saveImportedVariantLinks(tx, {
          shopId: ctx.shopId,
          shopifyProductId: product.id,
          source: "matched",
          variants: fresh.map((v) => ({ shopifyVariantId: v.shopifyVariantId, sku: v.sku, ...v.item })),
          now,
        });
        await saveImportedVariantLinks(tx, {
          shopId: ctx.shopId,
          shopifyProductId: product.id,
          source: "created",
          variants: createdVariantLinks(plan.itemNumber, plan.createVariants),
          now,
        });
        const settled = [...fresh, ...plan.createVariants].map((v) => v.shopifyVariantId);
        await resolveUnmappedRecords(tx, { shopId: ctx.shopId, entity: "product", shopifyIds: settled });
        for (const v of plan.unmatched) {
          await openUnmappedRecord(tx, {
            shopId: ctx.shopId,
            entity: "product",
            shopifyId: v.shopifyVariantId,
            label: v.label,
          });
        }
        return id;
      });
      const byBarcode = fresh.filter((v) => v.via === "barcode").length;
      const notes = [
        fresh.length > 0 ? `linked to item ${plan.itemNumber}` : null,
        plan.createVariants.length > 0
          ? `variant(s) ${plan.createVariants.map((v) => v.variantCode).join(", ")} created in the ERP`
          : null,
        plan.update ? `item ${plan.itemNumber} takes the product's title where it differed` : null,
        byBarcode > 0 ? `${byBarcode} variant(s) found by barcode` : null,
        plan.unmatched.length > 0
          ? `${plan.unmatched.length} variant(s) nothing maps to are on the unmapped list`
          : null,
      ].filter((n) => n !== null);
      return { linkId, outcome: "updated", ...(notes.length > 0 ? { reason: notes.join("; ") } : {}) };
    }
    case "create": {
      const { item } = plan;
      const onlyItem = item.variants.length === 1 && item.variants[0]!.variantCode === "";
      const itemBarcode = onlyItem ? item.variants[0]!.barcode : null;
      // The SKUs found nothing, but the item itself may exist (its variants do not): it is not
      // another product's, and its own fields stay as they are; only the missing variants are made.
      const owner = (await productLinksOfItems(ctx.db, { shopId: ctx.shopId, itemNumbers: [item.itemNumber] })).get(
        item.itemNumber,
      );
      if (owner && owner.shopifyProductId !== product.id) {
        const reason = `item ${item.itemNumber} is already another product's link (${owner.shopifyProductId ?? owner.state})`;
        const linkId = await saveImportProblem(ctx.db, { ...base, state: "skipped", reason, seenHash: hash });
        return { linkId, outcome: "skipped", reason };
      }
      const existing = await adapter.findItem({ number: item.itemNumber });
      const written = existing
        ? null
        : await adapter.upsertItem({
            number: item.itemNumber,
            displayName: item.displayName,
            unitPrice: item.unitPrice,
            ...(plan.templateNumber ? { templateNumber: plan.templateNumber } : {}),
            // Without item references the item's GTIN is the ERP's only barcode.
            ...(itemBarcode && !capabilities.barcodes ? { gtin: itemBarcode } : {}),
          });
      await createVariantsInErp(adapter, capabilities, item.itemNumber, item.variants);
      const linkId = await ctx.db.transaction(async (tx) => {
        const id = await saveImportedProduct(tx, {
          ...base,
          itemNumber: item.itemNumber,
          erpItemId: written?.ref.id ?? null,
          seenHash: hash,
        });
        await saveImportedVariantLinks(tx, {
          shopId: ctx.shopId,
          shopifyProductId: product.id,
          source: "created",
          variants: createdVariantLinks(item.itemNumber, item.variants),
          now,
        });
        await resolveUnmappedRecords(tx, {
          shopId: ctx.shopId,
          entity: "product",
          shopifyIds: item.variants.map((v) => v.shopifyVariantId),
        });
        return id;
      });
      if (existing) {
        const codes = item.variants.flatMap((v) => (v.variantCode ? [v.variantCode] : []));
        const reason = `item ${item.itemNumber} already existed in the ERP and was linked${codes.length > 0 ? `; variant(s) ${codes.join(", ")} created` : ""}`;
        return { linkId, outcome: "updated", reason };
      }
      return { linkId, outcome: "created" };
    }
  }
}

/** The item's new variants (the item itself for code "") and their barcodes, made in the ERP. */
async function createVariantsInErp(
  adapter: ErpAdapter,
  capabilities: ErpCapabilities,
  itemNumber: string,
  variants: readonly NewItemVariant[],
): Promise<void> {
  for (const v of variants) {
    if (v.variantCode) {
      await adapter.createItemVariant({ itemNumber, code: v.variantCode, description: v.description });
    }
    if (v.barcode && capabilities.barcodes) {
      await adapter.upsertBarcode({ itemNumber, variantCode: v.variantCode, barcode: v.barcode });
    }
  }
}

function createdVariantLinks(itemNumber: string, variants: readonly NewItemVariant[]) {
  return variants.map((v) => ({
    shopifyVariantId: v.shopifyVariantId,
    itemNumber,
    variantCode: v.variantCode,
    sku: v.sku,
  }));
}

interface ImportState {
  adapter: ErpAdapter;
  capabilities: ErpCapabilities;
  limits: NewItemLimits;
  cache: Found;
  /** A product needed a write the kill switch refused: the cursor must stay. */
  held: boolean;
  handled: number;
  /** Products already handled in this run (read again by id, then listed as changed too). */
  seen: Set<string>;
}

/** Plans and carries out a batch of products (a page of changes, or products asked to be read again). */
async function importProducts(ctx: RunContext, state: ImportState, products: readonly ShopifyProductForImport[]) {
  const [links, variantLinks] = await Promise.all([
    productLinksOfShopifyProducts(ctx.db, { shopId: ctx.shopId, shopifyProductIds: products.map((p) => p.id) }),
    variantLinksOfShopifyVariants(ctx.db, {
      shopId: ctx.shopId,
      shopifyVariantIds: products.flatMap((p) => p.variants.map((v) => v.id)),
    }),
  ]);
  const { adapter, limits } = state;
  for (const product of products) {
    if (state.seen.has(product.id)) continue;
    state.seen.add(product.id);
    state.handled += 1;
    ctx.progress({ done: state.handled });
    const hash = importHash(product, ctx.settings);
    const link = links.get(product.id) ?? null;
    const key = link?.id ?? product.id;
    const label = product.title;
    let plan: ImportPlan | null = null;
    try {
      // Unchanged or ignored products ask the ERP nothing.
      const quick = planProductImport({
        product,
        hash,
        link,
        facts: new Map(),
        itemLinks: new Map(),
        settings: ctx.settings,
        limits,
      });
      plan = quick;
      if (quick.kind !== "unchanged") {
        const facts = await variantFacts(ctx, adapter, state.cache, product, variantLinks);
        const items = [
          ...new Set(
            [...facts.values()].flatMap((f) =>
              [f.linked, ...f.bySku, f.byBarcode].flatMap((r) => (r ? [r.itemNumber] : [])),
            ),
          ),
        ];
        const itemRows = await productLinksOfItems(ctx.db, { shopId: ctx.shopId, itemNumbers: items });
        const itemLinks = new Map(
          [...itemRows].map(([n, row]) => [n, row.shopifyProductId ?? `(none: its link is ${row.state})`]),
        );
        plan = planProductImport({ product, hash, link, facts, itemLinks, settings: ctx.settings, limits });
      }
      if (ctx.dryRun) {
        ctx.record({
          type: "product",
          key,
          label,
          outcome: plan.kind === "unchanged" ? "unchanged" : "planned",
          reason: describeImportPlan(plan),
        });
        continue;
      }
      if (plan.kind === "unchanged") {
        // Read again on request (a forgotten hash) and nothing to do: not read again until it changes.
        if (link && link.lastSeenShopifyHash !== hash && link.state !== "ignored") {
          await saveSeenShopifyHash(ctx.db, { shopId: ctx.shopId, id: link.id, hash });
        }
        ctx.record({ type: "product", key, label, outcome: "unchanged", reason: plan.reason });
        continue;
      }
      if (!ctx.writesAllowed) {
        state.held = true;
        ctx.record({ type: "product", key, label, outcome: "skipped", reason: "outgoing writes are off in Settings" });
        continue;
      }
      const applied = await apply(ctx, adapter, state.capabilities, product, hash, plan);
      // What was looked up before may exist now: a later product with the same SKU must find it.
      if (plan.kind === "create" || (plan.kind === "link" && plan.createVariants.length > 0)) state.cache.clear();
      ctx.record({
        type: "product",
        key: applied.linkId,
        label,
        outcome: applied.outcome,
        ...(applied.reason ? { reason: applied.reason } : {}),
      });
    } catch (error) {
      // The ERP or Shopify down past the clients' retries: the run fails and retries from this page.
      // A stale item (changed in the ERP under our write, twice) is this product's failure, not the run's.
      const conflict = isErpError(error) && error.code === "CONFLICT";
      if (isErpError(error) && error.retryable && !conflict) throw error;
      if (error instanceof ShopifyApiError && error.retryable) throw error;
      const message = coerceError(error).message;
      const item =
        plan?.kind === "link" ? plan.itemNumber : plan?.kind === "create" ? plan.item.itemNumber : link?.erpItemNumber;
      const reason = conflict
        ? `ERP item ${item ?? ""} changed while Shopify's change was written to it (CONFLICT); the next run tries again: ${message}`
        : message;
      const linkId = ctx.dryRun
        ? key
        : await saveImportProblem(ctx.db, {
            shopId: ctx.shopId,
            shopifyProductId: product.id,
            title: product.title,
            handle: product.handle,
            state: "error",
            reason,
            seenHash: null,
            now: ctx.clock.now(),
          });
      ctx.record({ type: "product", key: linkId, label, outcome: "failed", reason });
    }
  }
}

/** Stands for "read, and Shopify no longer has it": not asked for again until the link is asked to sync. */
const GONE_HASH = "gone";

/** Products asked to be read again that Shopify no longer has (deleted): said once, then left alone. */
async function recordGone(ctx: RunContext, asked: readonly string[], found: readonly ShopifyProductForImport[]) {
  const present = new Set(found.map((p) => p.id));
  const gone = asked.filter((id) => !present.has(id));
  if (gone.length === 0) return;
  const links = await productLinksOfShopifyProducts(ctx.db, { shopId: ctx.shopId, shopifyProductIds: gone });
  for (const [shopifyProductId, link] of links) {
    if (!ctx.dryRun) await saveSeenShopifyHash(ctx.db, { shopId: ctx.shopId, id: link.id, hash: GONE_HASH });
    ctx.record({
      type: "product",
      key: link.id,
      label: shopifyProductId,
      outcome: "skipped",
      reason: "Shopify no longer has this product",
    });
  }
}

/**
 * "Sync products", Shopify → ERP (BC report 30108, From Shopify): the products changed in Shopify
 * since the cursor (with its overlap; `products/update` webhooks queue a run), and those the
 * Products page asked to read again, each mapped to an ERP item by the SKU mapping with the
 * barcode fallback, through the port's findItem. A product that hashes as last read sends
 * nothing. Kill switch: every product that would change something is recorded as skipped and the
 * cursor stays, so it is read again once writes are allowed.
 */
export async function syncProductsFromShopify(ctx: RunContext): Promise<ProductImportResult> {
  const adapter = await ctx.erp();
  const state: ImportState = {
    adapter,
    capabilities: await adapter.capabilities(),
    limits: {
      itemNumberMaxLength: adapter.limits.itemNumberMaxLength,
      variantCodeMaxLength: VARIANT_CODE_MAX,
      displayNameMaxLength: DISPLAY_NAME_MAX,
    },
    cache: new Map(),
    held: false,
    handled: 0,
    seen: new Set(),
  };
  const admin = await ctx.shopify();

  const awaiting = await productsAwaitingImport(ctx.db, { shopId: ctx.shopId, limit: MAX_REREADS });
  const reread = awaiting.length > 0 ? await readProductsById(admin, awaiting) : [];
  await importProducts(ctx, state, reread);
  await recordGone(ctx, awaiting, reread);

  const store = ctx.cursor(PRODUCTS_STREAM);
  let read = reread.length;
  let more = false;
  for await (const page of readChangedProducts(admin, await readUpdatedSinceCursor(store), { maxPages: MAX_PAGES })) {
    read += page.products.length;
    more = page.more;
    await importProducts(ctx, state, page.products);
    if (!state.held && !ctx.dryRun && page.next) await store.checkpoint(JSON.stringify(page.next));
  }
  const moreRereads = awaiting.length >= MAX_REREADS;
  return { read, handled: state.handled, continued: !ctx.dryRun && !state.held && (more || moreRereads) };
}
