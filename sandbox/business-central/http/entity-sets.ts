import { BcError, referencedNotFound } from "../bc-error.ts";
import type { QueryOptions } from "../odata/query-options.ts";
import {
  createItemReference,
  createItemVariant,
  createPriceListLine,
  deleteItem,
  deleteItemVariant,
  patchItemDetails,
  patchItemReference,
  patchItemVariant,
  patchPriceListLine,
} from "../store/catalog-writes.ts";
import type { CompanyData } from "../store/company-data.ts";
import { requireDraftCreditMemo } from "../store/credit-memos.ts";
import { postInventoryAdjustment } from "../store/inventory.ts";
import { createItem, patchItem } from "../store/master-data.ts";
import type { PictureParent } from "../store/pictures.ts";
import { postInvoice, shipAndInvoice } from "../store/posting.ts";
import type {
  BaseRow,
  ItemLedgerEntryRow,
  ItemReferenceRow,
  ItemRow,
  ItemVariantRow,
  PriceListLineRow,
  SalesLineRow,
} from "../store/row-types.ts";
import {
  addLine,
  deleteDocument,
  deleteLine,
  type DocKind,
  headerOf,
  linesTable,
  patchLine,
} from "../store/sales-document-lines.ts";
import { createSalesInvoice, createSalesOrder, patchSalesHeader } from "../store/sales-documents.ts";
import type { Table } from "../store/table.ts";
import { API_PAGES, type ApiPage } from "./api-pages.ts";
import {
  inventoryAdjustmentInputSchema,
  itemDetailsInputSchema,
  itemInputSchema,
  itemReferenceInputSchema,
  itemVariantInputSchema,
  lineInputSchema,
  priceListLineInputSchema,
  salesInvoiceInputSchema,
  salesOrderInputSchema,
} from "./body-schemas.ts";
import { CUSTOM_PAGES } from "./custom-pages.ts";
import { CUSTOMER_CUSTOM_SETS, CUSTOMER_STANDARD_SETS } from "./customer-sets.ts";
import { MONEY_STANDARD_SETS, moneyCustomSets } from "./money-sets.ts";

export interface WriteCtx {
  data: CompanyData;
  now: () => number;
}

export interface EntitySetDef {
  /** Entity type name, as in 'Microsoft.NAV.<entityType>'. */
  entityType: string;
  /** The API page's properties; without one (our companion pages) rows are served as stored. */
  page?: ApiPage;
  table(data: CompanyData): Table<BaseRow>;
  defaultOrder: string[];
  /** Navigation properties to child sets: name → [child set, child field holding this row's id]. */
  navigation?: Record<string, [set: string, field: string]>;
  create?(ctx: WriteCtx, body: unknown, parentId?: string): BaseRow | undefined;
  patch?(ctx: WriteCtx, row: BaseRow, body: unknown): void;
  remove?(ctx: WriteCtx, row: BaseRow): void;
  /** Bound actions (POST …({id})/Microsoft.NAV.<name>), given the request body (`{}` when empty). */
  actions?: Record<string, (ctx: WriteCtx, row: BaseRow, body: unknown) => void>;
  /**
   * Finds the row a bound action or navigation starts from when the page finds more than its
   * table's own rows by key (journals: any Gen. Journal Batch); default: `table(data).get(id)`.
   */
  resolve?(data: CompanyData, id: string): BaseRow | undefined;
  /** The page's key property when it is not `id` (ODataKeyFields other than SystemId). */
  keyField?: string;
  /** Refuses a list read the page cannot answer (e.g. one that needs a filter its OnFindRecord reads). */
  checkList?(options: QueryOptions, parentId: string | undefined): void;
  /** The rows carry a Picture (the `picture` part, APIV2 - Pictures), of this parent type. */
  picture?: PictureParent;
  /** The page shows only these rows of its table (a SourceTableView), for lists and by key. */
  scope?: (row: BaseRow) => boolean;
}

function requireDraftInvoice(data: CompanyData, id: string): void {
  const invoice = data.salesInvoices.get(id);
  if (invoice && invoice.status !== "Draft") {
    // Posted invoices are read-only in BC; the API refuses edits (wording is a guess).
    throw new BcError(
      400,
      "Application_DialogException",
      `The sales invoice ${invoice.number} is posted and cannot be changed.`,
    );
  }
}

const LINE_SETS: Record<DocKind, { entityType: string; page: ApiPage }> = {
  order: { entityType: "salesOrderLine", page: API_PAGES.salesOrderLine },
  invoice: { entityType: "salesInvoiceLine", page: API_PAGES.salesInvoiceLine },
  creditMemo: { entityType: "salesCreditMemoLine", page: API_PAGES.salesCreditMemoLine },
  returnOrder: { entityType: "returnOrderLine", page: CUSTOM_PAGES.returnOrderLine },
};

function lineSet(kind: DocKind): EntitySetDef {
  const requireDraft = (data: CompanyData, id: string) => {
    if (kind === "invoice") requireDraftInvoice(data, id);
    if (kind === "creditMemo") requireDraftCreditMemo(data, id);
  };
  return {
    ...LINE_SETS[kind],
    table: (d) => linesTable(d, kind),
    defaultOrder: ["documentId", "sequence"],
    create(ctx, body, parentId) {
      const input = lineInputSchema.parse(body);
      const documentId = parentId ?? input.documentId;
      if (!documentId || !headerOf(ctx.data, kind, documentId)) {
        throw referencedNotFound("Sales Header", `SystemId='${documentId ?? ""}'`);
      }
      requireDraft(ctx.data, documentId);
      const { documentId: _d, ...line } = input;
      return addLine(ctx, kind, documentId, line);
    },
    patch(ctx, row, body) {
      const line = row as SalesLineRow;
      requireDraft(ctx.data, line.documentId);
      const { documentId: _d, ...input } = lineInputSchema.parse(body);
      patchLine(ctx, kind, line, input);
    },
    remove(ctx, row) {
      requireDraft(ctx.data, (row as SalesLineRow).documentId);
      deleteLine(ctx, kind, row as SalesLineRow);
    },
  };
}

/** The standard API v2.0 entity sets the sandbox serves under companies({id})/. */
export const STANDARD_SETS: Record<string, EntitySetDef> = {
  items: {
    entityType: "item",
    page: API_PAGES.item,
    table: (d) => d.items,
    defaultOrder: ["number"],
    navigation: { itemVariants: ["itemVariants", "itemId"] },
    picture: "Item",
    create: (ctx, body) => createItem(ctx.data, itemInputSchema.parse(body)),
    patch: (ctx, row, body) => patchItem(ctx.data, row.id, itemInputSchema.parse(body)),
    remove: (ctx, row) => deleteItem(ctx.data, row as ItemRow),
  },
  itemVariants: {
    entityType: "itemVariant",
    page: API_PAGES.itemVariant,
    table: (d) => d.itemVariants,
    defaultOrder: ["itemNumber", "code"],
    picture: "Item Variant",
    create: (ctx, body, parentId) => createItemVariant(ctx.data, itemVariantInputSchema.parse(body), parentId),
    patch: (ctx, row, body) => patchItemVariant(ctx.data, row as ItemVariantRow, itemVariantInputSchema.parse(body)),
    remove: (ctx, row) => deleteItemVariant(ctx.data, row as ItemVariantRow),
  },
  vendors: { entityType: "vendor", page: API_PAGES.vendor, table: (d) => d.vendors, defaultOrder: ["number"] },
  ...CUSTOMER_STANDARD_SETS,
  locations: { entityType: "location", page: API_PAGES.location, table: (d) => d.locations, defaultOrder: ["code"] },
  salesOrders: {
    entityType: "salesOrder",
    page: API_PAGES.salesOrder,
    table: (d) => d.salesOrders,
    defaultOrder: ["number"],
    navigation: { salesOrderLines: ["salesOrderLines", "documentId"] },
    create: (ctx, body) => createSalesOrder(ctx, salesOrderInputSchema.parse(body)),
    patch(ctx, row, body) {
      const { salesOrderLines: _l, id: _i, ...input } = salesOrderInputSchema.parse(body);
      patchSalesHeader(ctx, "order", row.id, input);
    },
    remove: (ctx, row) => deleteDocument(ctx.data, "order", row.id),
    actions: { "Microsoft.NAV.shipAndInvoice": (ctx, row) => shipAndInvoice(ctx.data, ctx.now, row.id) },
  },
  salesOrderLines: lineSet("order"),
  salesInvoices: {
    entityType: "salesInvoice",
    page: API_PAGES.salesInvoice,
    table: (d) => d.salesInvoices,
    defaultOrder: ["number"],
    navigation: { salesInvoiceLines: ["salesInvoiceLines", "documentId"] },
    create: (ctx, body) => createSalesInvoice(ctx, salesInvoiceInputSchema.parse(body)),
    patch(ctx, row, body) {
      requireDraftInvoice(ctx.data, row.id);
      const { salesInvoiceLines: _l, id: _i, ...input } = salesInvoiceInputSchema.parse(body);
      patchSalesHeader(ctx, "invoice", row.id, input);
    },
    remove(ctx, row) {
      requireDraftInvoice(ctx.data, row.id);
      deleteDocument(ctx.data, "invoice", row.id);
    },
    actions: { "Microsoft.NAV.post": (ctx, row) => postInvoice(ctx.data, ctx.now, row.id) },
  },
  salesInvoiceLines: lineSet("invoice"),
  salesShipments: {
    entityType: "salesShipment",
    page: API_PAGES.salesShipment,
    table: (d) => d.salesShipments,
    defaultOrder: ["number"],
    navigation: { salesShipmentLines: ["salesShipmentLines", "documentId"] },
  },
  salesShipmentLines: {
    entityType: "salesShipmentLine",
    page: API_PAGES.salesShipmentLine,
    table: (d) => d.salesShipmentLines,
    defaultOrder: ["documentNo", "sequence"],
  },
  accounts: { entityType: "account", page: API_PAGES.account, table: (d) => d.accounts, defaultOrder: ["number"] },
  itemLedgerEntries: {
    entityType: "itemLedgerEntry",
    page: API_PAGES.itemLedgerEntry,
    table: (d) => d.itemLedgerEntries,
    defaultOrder: ["entryNumber"],
  },
  salesCreditMemoLines: lineSet("creditMemo"),
  ...MONEY_STANDARD_SETS,
};

/** Pages of the companion extension (api/shopifyErpConnector/connector/v1.0); read-only unless they say. */
export const CUSTOM_SETS: Record<string, EntitySetDef> = {
  // InsertAllowed = false, DeleteAllowed = false: items are made and removed through API v2.0.
  itemDetails: {
    entityType: "itemDetail",
    page: CUSTOM_PAGES.itemDetails,
    table: (d) => d.items,
    defaultOrder: ["number"],
    patch: (ctx, row, body) => patchItemDetails(ctx.data, row as ItemRow, itemDetailsInputSchema.parse(body)),
  },
  inventoryByLocation: {
    entityType: "inventoryByLocation",
    table: (d) => d.inventoryByLocation,
    defaultOrder: ["itemNumber", "variantCode", "locationCode"],
  },
  // InsertAllowed only: POST posts the adjustment at once; posted entries are never changed.
  inventoryAdjustments: {
    entityType: "inventoryAdjustment",
    page: CUSTOM_PAGES.inventoryAdjustment,
    table: (d) => d.itemLedgerEntries,
    defaultOrder: ["entryNumber"],
    scope: (row) => {
      const type = (row as ItemLedgerEntryRow).entryType;
      return type === "Positive Adjmt." || type === "Negative Adjmt.";
    },
    create: (ctx, body) => postInventoryAdjustment(ctx.data, inventoryAdjustmentInputSchema.parse(body)),
  },
  priceListLines: {
    entityType: "priceListLine",
    page: CUSTOM_PAGES.priceListLine,
    table: (d) => d.priceListLines,
    defaultOrder: ["priceListCode", "lineNumber"],
    create: (ctx, body) => createPriceListLine(ctx.data, priceListLineInputSchema.parse(body)),
    patch: (ctx, row, body) =>
      patchPriceListLine(ctx.data, row as PriceListLineRow, priceListLineInputSchema.parse(body)),
    remove: (ctx, row) => void ctx.data.priceListLines.delete(row.id),
  },
  shipmentTrackings: {
    entityType: "shipmentTracking",
    table: (d) => d.shipmentTrackings,
    defaultOrder: ["shipmentNumber"],
  },
  itemReferences: {
    entityType: "itemReference",
    table: (d) => d.itemReferences,
    defaultOrder: ["itemNumber", "variantCode", "referenceNumber"],
    create: (ctx, body) => createItemReference(ctx.data, itemReferenceInputSchema.parse(body)),
    patch: (ctx, row, body) =>
      patchItemReference(ctx.data, row as ItemReferenceRow, itemReferenceInputSchema.parse(body)),
    remove: (ctx, row) => void ctx.data.itemReferences.delete(row.id),
  },
  ...CUSTOMER_CUSTOM_SETS,
  ...moneyCustomSets(lineSet("returnOrder")),
};
