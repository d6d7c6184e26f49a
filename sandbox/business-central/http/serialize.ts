import { badRequest } from "../bc-error.ts";
import { pageCollection } from "../odata/collection.ts";
import type { QueryOptions } from "../odata/query-options.ts";
import type { CompanyData } from "../store/company-data.ts";
import type { BaseRow } from "../store/row-types.ts";
import { projectRow } from "./api-pages.ts";
import type { EntitySetDef } from "./entity-sets.ts";
import { pictureEntity } from "./picture-route.ts";

export type Json = Record<string, unknown>;

/**
 * One answer's children by parent, per navigation (`<set>|<field>`): built once per list answer
 * instead of a scan of the whole child table for every parent row. A page of 500 items expanding
 * their variants scanned 100,000 variants 500 times (seconds of a blocked event loop at that size).
 */
export type ChildIndex = Map<string, Map<unknown, BaseRow[]>>;

function childrenOf(
  data: CompanyData,
  childDef: EntitySetDef,
  nav: readonly [string, string],
  parentId: string,
  index?: ChildIndex,
): BaseRow[] {
  const table = childDef.table(data);
  if (!index) return table.filter((c) => (c as unknown as Json)[nav[1]] === parentId);
  const key = `${nav[0]}|${nav[1]}`;
  let byParent = index.get(key);
  if (!byParent) {
    byParent = new Map();
    for (const c of table.all()) {
      const parent = (c as unknown as Json)[nav[1]];
      const list = byParent.get(parent);
      if (list) list.push(c);
      else byParent.set(parent, [c]);
    }
    index.set(key, byParent);
  }
  return byParent.get(parentId) ?? [];
}

/**
 * One entity as BC writes it: `@odata.etag` first, then the (selected) fields, then expansions.
 * `row` is already projected onto its page (`projectRow`); expanded children are projected here.
 * `companyUrl` (`…/companies({id})`) is where an expanded picture's media links point.
 */
export function serializeRow(
  data: CompanyData,
  sets: Record<string, EntitySetDef>,
  def: EntitySetDef,
  row: BaseRow,
  options: Pick<QueryOptions, "select" | "expand">,
  companyUrl = "",
  index?: ChildIndex,
): Json {
  const fields = row as unknown as Json;
  const out: Json = { "@odata.etag": def.table(data).etag(String(fields[def.keyField ?? "id"])) };
  if (options.select) {
    for (const name of options.select) {
      if (!(name in fields) && !def.navigation?.[name] && !(name === "picture" && def.picture)) {
        throw badRequest(`Could not find a property named '${name}' on type 'Microsoft.NAV.${def.entityType}'.`);
      }
      if (name in fields) out[name] = fields[name];
    }
  } else Object.assign(out, fields);
  for (const spec of options.expand) {
    if (spec.name === "picture" && def.picture) {
      const setName = Object.entries(sets).find(([, d]) => d === def)?.[0] ?? "";
      out.picture = pictureEntity(data, def.picture, row.id, `${companyUrl}/${setName}(${row.id})/picture`);
      continue;
    }
    const nav = def.navigation?.[spec.name];
    const childDef = nav ? sets[nav[0]] : undefined;
    if (!nav || !childDef) {
      throw badRequest(`Could not find a property named '${spec.name}' on type 'Microsoft.NAV.${def.entityType}'.`);
    }
    const children = childrenOf(data, childDef, nav, row.id, index).map((c) => projectRow(childDef.page, data, c));
    const page = pageCollection(children, spec.options, {
      entityType: childDef.entityType,
      defaultOrder: childDef.defaultOrder,
      pageSize: Number.POSITIVE_INFINITY,
      ...(childDef.keyField ? { keyField: childDef.keyField } : {}),
    });
    out[spec.name] = page.rows.map((c) => serializeRow(data, sets, childDef, c, spec.options, companyUrl, index));
  }
  return out;
}

/** BC's table captions, used in "The <record> does not exist" messages. */
const RECORD_NAMES: Record<string, string> = {
  item: "Item",
  itemVariant: "Item Variant",
  customer: "Customer",
  location: "Location",
  salesOrder: "Sales Header",
  salesOrderLine: "Sales Line",
  salesInvoice: "Sales Invoice Entity Aggregate",
  salesInvoiceLine: "Sales Invoice Line Aggregate",
  salesShipment: "Sales Shipment Header",
  salesShipmentLine: "Sales Shipment Line",
  customerPaymentJournal: "Gen. Journal Batch",
  customerPayment: "Gen. Journal Line",
  account: "G/L Account",
  vendor: "Vendor",
  itemDetail: "Item",
  priceListLine: "Price List Line",
  itemLedgerEntry: "Item Ledger Entry",
  inventoryAdjustment: "Item Ledger Entry",
  inventoryByLocation: "Inventory By Location",
  paymentTerm: "Payment Terms",
  paymentMethod: "Payment Method",
  shipmentMethod: "Shipment Method",
  contact: "Contact",
  contactInformation: "Contact Information Buffer",
  customerContact: "Contact",
  customerDetail: "Customer",
  customerTemplate: "Customer Templ.",
  shipToAddress: "Ship-to Address",
  journal: "Gen. Journal Batch",
  journalLine: "Gen. Journal Line",
  generalLedgerEntry: "G/L Entry",
  bankAccount: "Bank Account",
  salesCreditMemo: "Sales Cr. Memo Entity Buffer",
  salesCreditMemoLine: "Sales Invoice Line Aggregate",
  salesReturnOrder: "Sales Header",
  salesReturnOrderLine: "Sales Line",
  returnOrder: "Sales Header",
  returnOrderLine: "Sales Line",
};

export function recordName(entityType: string): string {
  return RECORD_NAMES[entityType] ?? entityType;
}
