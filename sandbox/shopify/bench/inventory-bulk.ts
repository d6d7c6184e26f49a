/**
 * Measures the sandbox store at inventory-sync scale: seeding N variants × L locations, then the
 * sync's bulk query of every level (BULK_LEVELS_QUERY) to its JSONL, with time and peak RSS.
 *   node sandbox/shopify/bench/inventory-bulk.ts [variants=100000] [locations=2]
 */
import { createShopifyEngine } from "../engine/create-engine.ts";

const variants = Number(process.argv[2] ?? 100_000);
const locations = Number(process.argv[3] ?? 2);
const VARIANTS_PER_PRODUCT = 2;

const BULK_LEVELS_QUERY = `query BulkInventoryLevels { productVariants { edges { node { id inventoryItem { id tracked
  inventoryLevels { edges { node { item { id } location { id } quantities(names: ["available", "on_hand"]) { name quantity } updatedAt } } } } } } } }`;
const RUN = `mutation($query: String!) { bulkOperationRunQuery(query: $query, groupObjects: false) {
  bulkOperation { id status } userErrors { field message code } } }`;
const STATUS = `query($id: ID!) { node(id: $id) { ... on BulkOperation { status objectCount rootObjectCount fileSize url } } }`;

let peak = 0;
const sample = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

const engine = createShopifyEngine();
const shop = "bench-stock.myshopify.com";
engine.createShop({ domain: shop, plan: "plus" });
let t = performance.now();
const seeded = engine.seed(shop, {
  products: Math.ceil(variants / VARIANTS_PER_PRODUCT),
  variantsPerProduct: VARIANTS_PER_PRODUCT,
  locations,
  customers: 0,
});
const state = engine.shopState(shop)!;
let levels = 0;
for (const item of state.inventoryItems.values()) levels += item.levels.size;
console.log(
  `seed: ${seeded.variants} variants, ${levels} levels at ${seeded.locations} locations in ${Math.round(performance.now() - t)} ms, rss ${mb(process.memoryUsage().rss)}`,
);

const gql = async (query: string, variables: Record<string, unknown>) =>
  (await engine.execute({ shop, apiKey: "bench", query, variables })).body as {
    data: Record<string, Record<string, unknown>>;
  };
t = performance.now();
const started = await gql(RUN, { query: BULK_LEVELS_QUERY });
const id = (started.data.bulkOperationRunQuery!.bulkOperation as { id: string }).id;
let op: Record<string, unknown>;
for (;;) {
  op = (await gql(STATUS, { id })).data.node!;
  if (!["CREATED", "RUNNING"].includes(String(op.status))) break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}
const elapsed = Math.round(performance.now() - t);
clearInterval(sample);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(
  `bulk query: ${String(op.status)}, ${String(op.objectCount)} objects (${String(op.rootObjectCount)} variants), ${mb(Number(op.fileSize))} JSONL in ${elapsed} ms; peak rss ${mb(peak)}`,
);
process.exit(0);
