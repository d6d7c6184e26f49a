import type {
  CompanyRow,
  CustomerPaymentRow,
  CustomerRow,
  InventoryByLocationRow,
  ItemReferenceRow,
  ItemRow,
  ItemVariantRow,
  LocationRow,
  PaymentJournalRow,
  PriceListLineRow,
  SalesInvoiceRow,
  SalesLineRow,
  SalesOrderLineRow,
  SalesOrderRow,
  SalesShipmentLineRow,
  SalesShipmentRow,
  ShipmentTrackingRow,
} from "./row-types.ts";
import { CompanyClock, Table } from "./table.ts";

/** Number series as a fresh Cronus-like company has them (prefix + last used number). */
const SERIES = {
  customer: { prefix: "C", next: 10000, width: 5 },
  item: { prefix: "", next: 70000, width: 5 },
  salesOrder: { prefix: "S-ORD", next: 101001, width: 6 },
  salesInvoice: { prefix: "S-INV", next: 102001, width: 6 },
  salesShipment: { prefix: "S-SHPT", next: 102001, width: 6 },
  customerPayment: { prefix: "G", next: 1, width: 5 },
} as const;
export type SeriesName = keyof typeof SERIES;

export class NumberSeries {
  readonly #next = new Map<SeriesName, number>();
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

export interface CompanyData {
  info: CompanyRow;
  clock: CompanyClock;
  series: NumberSeries;
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
  inventoryByLocation: Table<InventoryByLocationRow>;
  priceListLines: Table<PriceListLineRow>;
  shipmentTrackings: Table<ShipmentTrackingRow>;
  itemReferences: Table<ItemReferenceRow>;
}

export function createCompanyData(info: CompanyRow, now: () => number): CompanyData {
  const clock = new CompanyClock(now);
  const data: CompanyData = {
    info,
    clock,
    series: new NumberSeries(),
    items: new Table(clock),
    itemVariants: new Table(clock),
    customers: new Table(clock),
    locations: new Table(clock),
    salesOrders: new Table(clock),
    salesOrderLines: new Table(clock),
    salesInvoices: new Table(clock),
    salesInvoiceLines: new Table(clock),
    salesShipments: new Table(clock),
    salesShipmentLines: new Table(clock),
    customerPaymentJournals: new Table(clock),
    customerPayments: new Table(clock),
    inventoryByLocation: new Table(clock),
    priceListLines: new Table(clock),
    shipmentTrackings: new Table(clock),
    itemReferences: new Table(clock),
  };
  // Every Cronus company has a cash receipt journal batch; customerPayments need one to live in.
  data.customerPaymentJournals.insert({
    code: "CASHRCPT",
    displayName: "Cash receipts",
    balancingAccountId: "00000000-0000-0000-0000-000000000000",
    balancingAccountNumber: "2910",
  });
  return data;
}
