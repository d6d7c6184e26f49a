import { createShopifyEngine } from "./sandbox/shopify/engine/create-engine.ts";
import { openShopifyJournal } from "./sandbox/shopify/engine/snapshot-journal.ts";
import { mkdtempSync } from "node:fs"; import { tmpdir } from "node:os"; import path from "node:path";
const SHOP = "demo-shop.myshopify.com";
const dir = mkdtempSync(path.join(tmpdir(), "m-"));
const journal = process.argv[2] === "journal";
const p = journal ? await openShopifyJournal(createShopifyEngine(), { snapshotFile: path.join(dir, "s.json"), journalFile: path.join(dir, "j") }) : null;
const engine = p?.engine ?? createShopifyEngine();
engine.createShop({ domain: SHOP, plan: "plus" }); engine.seed(SHOP, { seed: 1 });
const q = `mutation Create($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { name } userErrors { message } } }`;
const variants = [...engine.shopState(SHOP)!.variants.keys()];
for (const n of [2000, 2000]) {
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    const r = await engine.execute({ shop: SHOP, apiKey: `k${i % 50}`, query: q, variables: { order: { email: "a@b.c", lineItems: [{ variantId: `gid://shopify/ProductVariant/${variants[i % variants.length]}`, quantity: 1 }] } } });
    if (!(r.body as any).data?.orderCreate?.order) throw new Error(JSON.stringify(r.body));
  }
  console.log(journal ? "journal" : "memory", "ms/req", ((performance.now() - t) / n).toFixed(3));
}
