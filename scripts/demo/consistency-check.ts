import path from "node:path";

import { eq } from "drizzle-orm";

import type { DbOrTx } from "../../app/.server/db.ts";
import { findShopByDomain } from "../../app/.server/queries/shops.ts";
import { orders } from "../../db/schema/orders.ts";
import { shipments } from "../../db/schema/shipments.ts";
import type { CompanyData } from "../../sandbox/business-central/store/company-data.ts";
import type { SandboxShopifyEngine } from "../../sandbox/shopify/engine/create-engine.ts";
import { idOf } from "../../sandbox/shopify/engine/gid.ts";

/** The demo will not start: its message says why and what to run, with no stack trace. */
export class DemoRefusal extends Error {
  override name = "DemoRefusal";
}

/** What the app's database links to in the sandboxes: Shopify orders, ERP documents and ERP shipments. */
export interface AppLinks {
  orders: { shopifyOrderId: string; name: string; erpDocumentNumber: string | null }[];
  shipments: { erpShipmentNo: string }[];
}

export interface DanglingLinks {
  /** Names of the app's orders whose Shopify order is not in the store. */
  shopifyOrders: string[];
  /** ERP document numbers the app's orders carry that the ERP does not have (open or posted). */
  erpDocuments: string[];
  /** ERP shipment numbers the app recorded that the ERP does not have. */
  erpShipments: string[];
}

export async function readAppLinks(db: DbOrTx, shop: string): Promise<AppLinks> {
  const found = await findShopByDomain(db, shop);
  if (!found) return { orders: [], shipments: [] };
  const [orderRows, shipmentRows] = await Promise.all([
    db
      .select({ shopifyOrderId: orders.shopifyOrderId, name: orders.name, erpDocumentNumber: orders.erpDocumentNumber })
      .from(orders)
      .where(eq(orders.shopId, found.id))
      .orderBy(orders.name),
    db
      .select({ erpShipmentNo: shipments.erpShipmentNo })
      .from(shipments)
      .where(eq(shipments.shopId, found.id))
      .orderBy(shipments.erpShipmentNo),
  ]);
  return { orders: orderRows, shipments: shipmentRows };
}

/** The links whose target is missing. Pure: the sandboxes are passed as what they hold. */
export function findDanglingLinks(
  links: AppLinks,
  store: { hasOrder(shopifyOrderId: string): boolean },
  erp: { documentNumbers: ReadonlySet<string>; shipmentNumbers: ReadonlySet<string> },
): DanglingLinks {
  return {
    shopifyOrders: links.orders.filter((o) => !store.hasOrder(o.shopifyOrderId)).map((o) => o.name),
    erpDocuments: links.orders.flatMap((o) =>
      o.erpDocumentNumber && !erp.documentNumbers.has(o.erpDocumentNumber) ? [o.erpDocumentNumber] : [],
    ),
    erpShipments: links.shipments.filter((s) => !erp.shipmentNumbers.has(s.erpShipmentNo)).map((s) => s.erpShipmentNo),
  };
}

/** What the sandboxes hold, in the shape findDanglingLinks takes. */
export function sandboxContents(engine: SandboxShopifyEngine, shop: string, company: CompanyData) {
  const state = engine.shopState(shop);
  const documentNumbers = new Set<string>();
  for (const order of company.salesOrders.all()) documentNumbers.add(order.number);
  // A posted order is gone from salesOrders; its invoice carries the order's number.
  for (const invoice of company.salesInvoices.all()) {
    documentNumbers.add(invoice.number);
    if (invoice.orderNumber) documentNumbers.add(invoice.orderNumber);
  }
  return {
    store: { hasOrder: (id: string) => state?.orders.has(idOf(id, "Order") ?? -1) ?? false },
    erp: { documentNumbers, shipmentNumbers: new Set(company.salesShipments.all().map((s) => s.number)) },
  };
}

/** The command that starts the demo afresh from this data folder. */
export function freshStartCommand(root: string, dataDir: string): string {
  const relative = path.relative(root, dataDir);
  if (relative === ".data") return "rm -rf .data && npm run demo";
  const quoted = `'${dataDir.replaceAll("'", "'\\''")}'`;
  return `rm -rf ${quoted} && DEMO_DATA_DIR=${quoted} npm run demo`;
}

/** One paragraph for the terminal, or null when every link holds. */
export function danglingLinksMessage(dangling: DanglingLinks, command: string): string | null {
  const parts = [
    describe(dangling.shopifyOrders, "Shopify order", "Shopify orders", "the sandbox store"),
    describe(dangling.erpDocuments, "ERP document", "ERP documents", "the sandbox Business Central"),
    describe(dangling.erpShipments, "ERP shipment", "ERP shipments", "the sandbox Business Central"),
  ].filter((part): part is string => part !== null);
  if (parts.length === 0) return null;
  return [
    `The demo's database refers to records its sandboxes do not have: ${parts.join("; ")}.`,
    "The sandboxes' files were deleted or replaced while the database was kept, or a demo older than",
    "the sandboxes' journal was killed. Running on would reuse those order and document numbers and link",
    "new work to the wrong records, so the demo does not start. To start afresh (a new database, store",
    "and ERP; the demo's data so far is deleted), run:",
    "",
    `  ${command}`,
  ].join("\n");
}

function describe(list: string[], one: string, many: string, where: string): string | null {
  if (list.length === 0) return null;
  const sample = list.slice(0, 5).join(", ") + (list.length > 5 ? `, and ${list.length - 5} more` : "");
  return `${list.length} ${list.length === 1 ? one : many} missing from ${where} (${sample})`;
}

/** Refuses to start (DemoRefusal) when the app's database links to records the sandboxes lack. */
export async function checkDemoLinks(input: {
  db: DbOrTx;
  shop: string;
  engine: SandboxShopifyEngine;
  company: CompanyData;
  root: string;
  dataDir: string;
}): Promise<void> {
  const links = await readAppLinks(input.db, input.shop);
  const { store, erp } = sandboxContents(input.engine, input.shop, input.company);
  const message = danglingLinksMessage(
    findDanglingLinks(links, store, erp),
    freshStartCommand(input.root, input.dataDir),
  );
  if (message) throw new DemoRefusal(message);
}
