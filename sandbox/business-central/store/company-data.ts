import { seedChartOfAccounts } from "./chart-of-accounts.ts";
import type {
  BusinessRelationRow,
  CodeDescriptionRow,
  ContactRow,
  CustomerTemplateRow,
  PaymentTermRow,
  ShipToAddressRow,
} from "./customer-row-types.ts";
import { seedCustomerSetup } from "./customer-setup-seed.ts";
import type {
  BankAccountRow,
  CustomerLedgerEntryRow,
  GeneralLedgerEntryRow,
  JournalLineRow,
  JournalRow,
  SalesCreditMemoRow,
  SalesReturnOrderLineRow,
  SalesReturnOrderRow,
} from "./money-row-types.ts";
import { seedMoneySetup } from "./money-seed.ts";
import type {
  AccountRow,
  CompanyRow,
  CustomerPaymentRow,
  CustomerRow,
  InventoryByLocationRow,
  ItemLedgerEntryRow,
  ItemReferenceRow,
  ItemRow,
  ItemVariantRow,
  LocationRow,
  PaymentJournalRow,
  PictureRow,
  PriceListLineRow,
  SalesInvoiceRow,
  SalesLineRow,
  SalesOrderLineRow,
  SalesOrderRow,
  SalesShipmentLineRow,
  SalesShipmentRow,
  ShipmentTrackingRow,
  VendorRow,
} from "./row-types.ts";
import { type ClockState, CompanyClock, Table } from "./table.ts";

/** Number series as a fresh Cronus-like company has them (prefix + last used number). */
const SERIES = {
  customer: { prefix: "C", next: 10000, width: 5 },
  item: { prefix: "", next: 70000, width: 5 },
  salesOrder: { prefix: "S-ORD", next: 101001, width: 6 },
  salesInvoice: { prefix: "S-INV", next: 102001, width: 6 },
  salesShipment: { prefix: "S-SHPT", next: 102001, width: 6 },
  customerPayment: { prefix: "G", next: 1, width: 5 },
  // Marketing Setup's Contact Nos. (CONT: CT000001…CT100000, manual numbers allowed).
  contact: { prefix: "CT", next: 1, width: 6 },
  // The ITEM journal's DEFAULT batch (a guess at Cronus' numbering; it only has to be unique).
  itemJournal: { prefix: "T", next: 1, width: 5 },
  // GENERAL journal batches' No. Series (a guess at Cronus' GJNL-GEN numbering).
  generalJournal: { prefix: "GJ", next: 1, width: 5 },
  // Cronus' S-CR series; the posted credit memo keeps the draft's number, as invoices do here.
  salesCreditMemo: { prefix: "S-CR", next: 104001, width: 6 },
  // Cronus' S-RETORD and S-RCPT series.
  salesReturnOrder: { prefix: "S-RETORD", next: 1001, width: 4 },
  returnReceipt: { prefix: "S-RCPT", next: 1001, width: 4 },
} as const;
export type SeriesName = keyof typeof SERIES;
export const SERIES_NAMES = Object.keys(SERIES) as SeriesName[];
/** The next number each series hands out; a series never used yet is absent (it starts at its default). */
export type SeriesPositions = Partial<Record<SeriesName, number>>;

export class NumberSeries {
  readonly #next: Map<SeriesName, number>;
  constructor(positions: SeriesPositions = {}) {
    this.#next = new Map(
      SERIES_NAMES.flatMap((name) => {
        const next = positions[name];
        return next === undefined ? [] : [[name, next] as const];
      }),
    );
  }
  positions(): SeriesPositions {
    return Object.fromEntries(this.#next);
  }
  take(name: SeriesName): string {
    const def = SERIES[name];
    const n = this.#next.get(name) ?? def.next;
    this.#next.set(name, n + 1);
    return `${def.prefix}${String(n).padStart(def.width, "0")}`;
  }
  /** The series code a "You may not enter numbers manually" message names. */
  static code(name: SeriesName): string {
    return SERIES[name].prefix;
  }
}

/** The entity sets a company holds, in the order a snapshot lists them. */
export const TABLE_NAMES = [
  "items",
  "itemVariants",
  "customers",
  "locations",
  "salesOrders",
  "salesOrderLines",
  "salesInvoices",
  "salesInvoiceLines",
  "salesShipments",
  "salesShipmentLines",
  "customerPaymentJournals",
  "customerPayments",
  "accounts",
  "inventoryByLocation",
  "priceListLines",
  "shipmentTrackings",
  "itemReferences",
  "vendors",
  "pictures",
  "itemLedgerEntries",
  "paymentTerms",
  "paymentMethods",
  "shipmentMethods",
  "contacts",
  "contactBusinessRelations",
  "customerTemplates",
  "shipToAddresses",
  "journals",
  "journalLines",
  "generalLedgerEntries",
  "customerLedgerEntries",
  "bankAccounts",
  "salesCreditMemos",
  "salesCreditMemoLines",
  "salesReturnOrders",
  "salesReturnOrderLines",
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

interface CompanyTables {
  items: Table<ItemRow>;
  itemVariants: Table<ItemVariantRow>;
  customers: Table<CustomerRow>;
  locations: Table<LocationRow>;
  salesOrders: Table<SalesOrderRow>;
  salesOrderLines: Table<SalesOrderLineRow>;
  salesInvoices: Table<SalesInvoiceRow>;
  salesInvoiceLines: Table<SalesLineRow>;
  salesShipments: Table<SalesShipmentRow>;
  salesShipmentLines: Table<SalesShipmentLineRow>;
  customerPaymentJournals: Table<PaymentJournalRow>;
  customerPayments: Table<CustomerPaymentRow>;
  accounts: Table<AccountRow>;
  inventoryByLocation: Table<InventoryByLocationRow>;
  priceListLines: Table<PriceListLineRow>;
  shipmentTrackings: Table<ShipmentTrackingRow>;
  itemReferences: Table<ItemReferenceRow>;
  vendors: Table<VendorRow>;
  pictures: Table<PictureRow>;
  itemLedgerEntries: Table<ItemLedgerEntryRow>;
  paymentTerms: Table<PaymentTermRow>;
  paymentMethods: Table<CodeDescriptionRow>;
  shipmentMethods: Table<CodeDescriptionRow>;
  contacts: Table<ContactRow>;
  contactBusinessRelations: Table<BusinessRelationRow>;
  customerTemplates: Table<CustomerTemplateRow>;
  shipToAddresses: Table<ShipToAddressRow>;
  journals: Table<JournalRow>;
  journalLines: Table<JournalLineRow>;
  generalLedgerEntries: Table<GeneralLedgerEntryRow>;
  customerLedgerEntries: Table<CustomerLedgerEntryRow>;
  bankAccounts: Table<BankAccountRow>;
  salesCreditMemos: Table<SalesCreditMemoRow>;
  salesCreditMemoLines: Table<SalesLineRow>;
  salesReturnOrders: Table<SalesReturnOrderRow>;
  salesReturnOrderLines: Table<SalesReturnOrderLineRow>;
}
/** The row type of one entity set. */
export type RowOf<K extends TableName> = CompanyTables[K] extends Table<infer T> ? T : never;

export interface CompanyData extends CompanyTables {
  info: CompanyRow;
  clock: CompanyClock;
  series: NumberSeries;
}

// A table added to CompanyTables but not to TABLE_NAMES would be left out of snapshots; fail the type check.
type Missing = Exclude<keyof CompanyTables, TableName>;
const _allTablesListed: [Missing] extends [never] ? true : Missing = true;

/** Empty tables around a clock and number series, fresh or continued from a snapshot. */
export function emptyCompanyData(
  info: CompanyRow,
  now: () => number,
  state: { clock?: ClockState; series?: SeriesPositions } = {},
): CompanyData {
  const clock = new CompanyClock(now, state.clock);
  const tables = Object.fromEntries(TABLE_NAMES.map((name) => [name, new Table(clock)])) as unknown as CompanyTables;
  return { info, clock, series: new NumberSeries(state.series), ...tables };
}

export function createCompanyData(info: CompanyRow, now: () => number): CompanyData {
  const data = emptyCompanyData(info, now);
  seedChartOfAccounts(data.accounts);
  // Every Cronus company has a cash receipt journal batch; customerPayments need one to live in.
  data.customerPaymentJournals.insert({
    code: "CASHRCPT",
    displayName: "Cash receipts",
    balancingAccountId: data.accounts.find((a) => a.number === "2910")?.id ?? "00000000-0000-0000-0000-000000000000",
    balancingAccountNumber: "2910",
  });
  seedCustomerSetup(data);
  seedMoneySetup(data);
  return data;
}
