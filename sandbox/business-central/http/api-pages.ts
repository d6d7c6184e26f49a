import type { CompanyData } from "../store/company-data.ts";
import { BLANK_DATE, round2 } from "../store/defaults.ts";
import { netChangeOf } from "../store/gl-posting.ts";
import { dueDateOf } from "../store/payment-terms.ts";
import { type BaseRow, EMPTY_GUID } from "../store/row-types.ts";

type Json = Record<string, unknown>;

/**
 * What one API v2.0 page shows of its table, the way an AL API page does: its `field(...)` controls
 * in page order, each read from the row (the table field) or computed. A table field the page has no
 * control for is not in the answer, so it can be neither `$select`-ed nor filtered or sorted on —
 * as on a real Business Central. The lists follow microsoft/BCApps
 * src/Apps/W1/APIV2/app/src/pages/APIV2<Entity>.Page.al; tests/integration/sandbox-bc/bc-api-v2-properties.ts pins them.
 */
export interface ApiPage {
  fields: readonly string[];
  /** Controls whose value is not a stored field of the same name (BC data the sandbox does not model). */
  computed?: Record<string, (row: Json, data: CompanyData) => unknown>;
}

/** Projects a stored row onto its page: exactly the page's properties, in the page's order. */
export function projectRow(page: ApiPage | undefined, data: CompanyData, row: BaseRow): BaseRow {
  if (!page) return row;
  const stored = row as unknown as Json;
  const out: Json = {};
  for (const field of page.fields) {
    const compute = page.computed?.[field];
    out[field] = compute ? compute(stored, data) : stored[field];
  }
  return out as BaseRow;
}

// Values of references the sandbox does not model (tax areas, payment terms, dimensions, units of
// measure as records…): what BC shows for an empty one.
const emptyGuid = () => EMPTY_GUID;
const emptyText = () => "";
const blankDate = () => BLANK_DATE;

const customerIdOf = (number: unknown, data: CompanyData) =>
  data.customers.find((c) => c.number === number)?.id ?? EMPTY_GUID;

// A code field's record, shown by its SystemId (BC keeps "Payment Terms Id" beside the code).
const idOfCode =
  (list: "paymentTerms" | "shipmentMethods" | "paymentMethods", field: string) => (row: Json, data: CompanyData) => {
    const value = row[field];
    return (value ? data[list].find((r) => r.code === value)?.id : undefined) ?? EMPTY_GUID;
  };
const paymentTermsId = idOfCode("paymentTerms", "paymentTermsCode");
const shipmentMethodId = idOfCode("shipmentMethods", "shipmentMethodCode");

const documentAddresses = [
  "customerId",
  "customerNumber",
  "customerName",
  "billToName",
  "billToCustomerId",
  "billToCustomerNumber",
  "shipToName",
  "shipToContact",
  "sellToAddressLine1",
  "sellToAddressLine2",
  "sellToCity",
  "sellToCountry",
  "sellToState",
  "sellToPostCode",
  "billToAddressLine1",
  "billToAddressLine2",
  "billToCity",
  "billToCountry",
  "billToState",
  "billToPostCode",
  "shipToAddressLine1",
  "shipToAddressLine2",
  "shipToCity",
  "shipToCountry",
  "shipToState",
  "shipToPostCode",
] as const;

const salesLineFields = (extra: readonly string[]) => [
  "id",
  "documentId",
  "sequence",
  "itemId",
  "accountId",
  "lineType",
  "lineObjectNumber",
  "description",
  "description2",
  "unitOfMeasureId",
  "unitOfMeasureCode",
  "quantity",
  "unitPrice",
  "discountAmount",
  "discountPercent",
  "discountAppliedBeforeTax",
  "amountExcludingTax",
  "taxCode",
  "taxPercent",
  "totalTaxAmount",
  "amountIncludingTax",
  "invoiceDiscountAllocation",
  "netAmount",
  "netTaxAmount",
  "netAmountIncludingTax",
  "shipmentDate",
  ...extra,
  "itemVariantId",
  "locationId",
];

const documentTotals = [
  "discountAmount",
  "discountAppliedBeforeTax",
  "totalAmountExcludingTax",
  "totalTaxAmount",
  "totalAmountIncludingTax",
] as const;

/** Pages by entity type (the companion extension's pages are ours and serve their rows as stored). */
export const API_PAGES = {
  // APIV2Items.Page.al
  item: {
    fields: [
      "id",
      "number",
      "displayName",
      "displayName2",
      "type",
      "itemCategoryId",
      "itemCategoryCode",
      "blocked",
      "gtin",
      "inventory",
      "unitPrice",
      "priceIncludesTax",
      "unitCost",
      "taxGroupId",
      "taxGroupCode",
      "baseUnitOfMeasureId",
      "baseUnitOfMeasureCode",
      "generalProductPostingGroupId",
      "generalProductPostingGroupCode",
      "inventoryPostingGroupId",
      "inventoryPostingGroupCode",
      "lastModifiedDateTime",
    ],
    computed: { generalProductPostingGroupId: emptyGuid, inventoryPostingGroupId: emptyGuid },
  },
  // APIV2ItemVariants.Page.al
  itemVariant: { fields: ["id", "itemId", "itemNumber", "code", "description", "lastModifiedDateTime"] },
  // APIV2Customers.Page.al
  customer: {
    fields: [
      "id",
      "number",
      "displayName",
      "type",
      "addressLine1",
      "addressLine2",
      "city",
      "state",
      "country",
      "postalCode",
      "phoneNumber",
      "email",
      "website",
      "salespersonCode",
      "balanceDue",
      "creditLimit",
      "taxLiable",
      "taxAreaId",
      "taxAreaDisplayName",
      "taxRegistrationNumber",
      "currencyId",
      "currencyCode",
      "paymentTermsId",
      "shipmentMethodId",
      "paymentMethodId",
      "blocked",
      "lastModifiedDateTime",
    ],
    computed: {
      // Balance Due: the customer's ledger; no Date Filter, so all. Invoices count by their own
      // remaining amount (invoices posted before the customer ledger was modelled have no entry),
      // payments and credit memos by their entries' remainders.
      balanceDue: (row, data) =>
        round2(
          data.salesInvoices
            .filter((i) => i.customerNumber === row.number && i.status !== "Draft")
            .reduce((sum, i) => sum + i.remainingAmount, 0) +
            data.customerLedgerEntries
              .filter((e) => e.customerNumber === row.number && e.documentType !== "Invoice" && e.open)
              .reduce((sum, e) => sum + e.remainingAmount, 0),
        ),
      taxAreaId: emptyGuid,
      taxAreaDisplayName: emptyText,
      currencyId: emptyGuid,
      paymentTermsId,
      shipmentMethodId,
      paymentMethodId: idOfCode("paymentMethods", "paymentMethodCode"),
    },
  },
  // APIV2Locations.Page.al
  location: {
    fields: [
      "id",
      "code",
      "displayName",
      "contact",
      "addressLine1",
      "addressLine2",
      "city",
      "state",
      "country",
      "postalCode",
      "phoneNumber",
      "email",
      "website",
      "lastModifiedDateTime",
    ],
  },
  // APIV2SalesOrders.Page.al
  salesOrder: {
    fields: [
      "id",
      "number",
      "externalDocumentNumber",
      "orderDate",
      "postingDate",
      ...documentAddresses,
      "shortcutDimension1Code",
      "shortcutDimension2Code",
      "currencyId",
      "currencyCode",
      "pricesIncludeTax",
      "paymentTermsId",
      "shipmentMethodId",
      "salesperson",
      "partialShipping",
      "requestedDeliveryDate",
      ...documentTotals,
      "fullyShipped",
      "status",
      "lastModifiedDateTime",
      "phoneNumber",
      "email",
    ],
    computed: {
      shortcutDimension1Code: emptyText,
      shortcutDimension2Code: emptyText,
      currencyId: emptyGuid,
      paymentTermsId,
      shipmentMethodId,
      salesperson: emptyText,
    },
  },
  // APIV2SalesOrderLines.Page.al: no lastModifiedDateTime
  salesOrderLine: {
    fields: salesLineFields(["shippedQuantity", "invoicedQuantity", "invoiceQuantity", "shipQuantity"]),
    computed: { unitOfMeasureId: emptyGuid },
  },
  // APIV2SalesInvoices.Page.al
  salesInvoice: {
    fields: [
      "id",
      "number",
      "externalDocumentNumber",
      "invoiceDate",
      "postingDate",
      "dueDate",
      "promisedPayDate",
      "customerPurchaseOrderReference",
      ...documentAddresses,
      "currencyId",
      "shortcutDimension1Code",
      "shortcutDimension2Code",
      "currencyCode",
      "orderId",
      "orderNumber",
      "paymentTermsId",
      "shipmentMethodId",
      "salesperson",
      "disputeStatusId",
      "disputeStatus",
      "pricesIncludeTax",
      "remainingAmount",
      ...documentTotals,
      "status",
      "lastModifiedDateTime",
      "phoneNumber",
      "email",
    ],
    computed: {
      promisedPayDate: blankDate,
      customerPurchaseOrderReference: emptyText,
      currencyId: emptyGuid,
      shortcutDimension1Code: emptyText,
      shortcutDimension2Code: emptyText,
      paymentTermsId,
      shipmentMethodId,
      salesperson: emptyText,
      disputeStatusId: emptyGuid,
      disputeStatus: emptyText,
    },
  },
  // APIV2SalesInvoiceLines.Page.al: no lastModifiedDateTime
  salesInvoiceLine: { fields: salesLineFields([]), computed: { unitOfMeasureId: emptyGuid } },
  // APIV2SalesShipments.Page.al: the header's "Document Date" is shown as invoiceDate; no documentDate
  salesShipment: {
    fields: [
      "id",
      "number",
      "externalDocumentNumber",
      "invoiceDate",
      "postingDate",
      "dueDate",
      "customerPurchaseOrderReference",
      "customerId",
      "customerNumber",
      "customerName",
      "billToCustomerId",
      "billToName",
      "billToCustomerNumber",
      ...documentAddresses.slice(documentAddresses.indexOf("shipToName")),
      "currencyCode",
      "orderNumber",
      "paymentTermsCode",
      "shipmentMethodCode",
      "salesperson",
      "pricesIncludeTax",
      "lastModifiedDateTime",
      "phoneNumber",
      "email",
    ],
    computed: {
      invoiceDate: (row) => row.documentDate,
      // The Due Date the order's payment terms gave (document date + Due Date Calculation).
      dueDate: (row, data) => dueDateOf(data, String(row.paymentTermsCode ?? ""), String(row.documentDate)),
      customerPurchaseOrderReference: emptyText,
      customerId: (row, data) => customerIdOf(row.customerNumber, data),
      billToCustomerId: (row, data) => customerIdOf(row.billToCustomerNumber, data),
      salesperson: emptyText,
    },
  },
  // APIV2SalesShipmentLines.Page.al: no lastModifiedDateTime
  salesShipmentLine: {
    fields: [
      "id",
      "documentId",
      "documentNo",
      "sequence",
      "lineType",
      "lineObjectNumber",
      "description",
      "description2",
      "unitOfMeasureCode",
      "unitPrice",
      "quantity",
      "discountPercent",
      "taxPercent",
      "shipmentDate",
    ],
    computed: { description2: emptyText },
  },
  // APIV2CustPaymJournals.Page.al
  customerPaymentJournal: {
    fields: ["id", "code", "displayName", "lastModifiedDateTime", "balancingAccountId", "balancingAccountNumber"],
  },
  // APIV2CustomerPayments.Page.al
  customerPayment: {
    fields: [
      "id",
      "journalId",
      "journalDisplayName",
      "lineNumber",
      "customerId",
      "customerNumber",
      "postingDate",
      "documentNumber",
      "externalDocumentNumber",
      "amount",
      "appliesToInvoiceId",
      "appliesToInvoiceNumber",
      "description",
      "comment",
      "lastModifiedDateTime",
    ],
  },
  // APIV2Vendors.Page.al
  vendor: {
    fields: [
      "id",
      "number",
      "displayName",
      "addressLine1",
      "addressLine2",
      "city",
      "state",
      "country",
      "postalCode",
      "phoneNumber",
      "email",
      "website",
      "taxRegistrationNumber",
      "currencyId",
      "currencyCode",
      "irs1099Code",
      "paymentTermsId",
      "paymentMethodId",
      "taxLiable",
      "blocked",
      "balance",
      "lastModifiedDateTime",
    ],
    computed: {
      taxRegistrationNumber: emptyText,
      currencyId: emptyGuid,
      currencyCode: emptyText,
      irs1099Code: emptyText,
      paymentTermsId: emptyGuid,
      paymentMethodId: emptyGuid,
      taxLiable: () => false,
      balance: () => 0,
    },
  },
  // APIV2Accounts.Page.al
  account: {
    fields: [
      "id",
      "number",
      "displayName",
      "category",
      "subCategory",
      "blocked",
      "accountType",
      "directPosting",
      "netChange",
      "consolidationTranslationMethod",
      "consolidationDebitAccount",
      "consolidationCreditAccount",
      "excludeFromConsolidation",
      "lastModifiedDateTime",
    ],
    // Net Change is a FlowField over the G/L entries (no date filter); totals are not summed here.
    computed: { netChange: (row, data) => (row.accountType === "Posting" ? netChangeOf(data, String(row.number)) : 0) },
  },
  // APIV2ItemLedgerEntries.Page.al (page 30069, read-only): no variant or location on this page.
  itemLedgerEntry: {
    fields: [
      "id",
      "entryNumber",
      "itemNumber",
      "postingDate",
      "entryType",
      "sourceNumber",
      "sourceType",
      "documentNumber",
      "documentType",
      "description",
      "quantity",
      "salesAmountActual",
      "costAmountActual",
      "lastModifiedDateTime",
    ],
  },
  // APIV2Journals.Page.al
  journal: {
    fields: [
      "id",
      "code",
      "displayName",
      "templateDisplayName",
      "lastModifiedDateTime",
      "balancingAccountId",
      "balancingAccountNumber",
    ],
  },
  // APIV2JournalLines.Page.al
  journalLine: {
    fields: [
      "id",
      "journalId",
      "journalDisplayName",
      "lineNumber",
      "accountType",
      "accountId",
      "accountNumber",
      "postingDate",
      "documentNumber",
      "externalDocumentNumber",
      "amount",
      "description",
      "comment",
      "taxCode",
      "balanceAccountType",
      "balancingAccountId",
      "balancingAccountNumber",
      "lastModifiedDateTime",
    ],
  },
  // APIV2GLEntries.Page.al (read-only)
  generalLedgerEntry: {
    fields: [
      "id",
      "entryNumber",
      "postingDate",
      "documentNumber",
      "documentType",
      "accountId",
      "accountNumber",
      "description",
      "debitAmount",
      "creditAmount",
      "additionalCurrencyDebitAmount",
      "additionalCurrencyCreditAmount",
      "lastModifiedDateTime",
    ],
  },
  // APIV2BankAccounts.Page.al
  bankAccount: {
    fields: [
      "id",
      "number",
      "displayName",
      "lastModifiedDateTime",
      "bankAccountNumber",
      "blocked",
      "currencyCode",
      "currencyId",
      "iban",
      "intercompanyEnabled",
    ],
    computed: { currencyId: emptyGuid },
  },
  // APIV2SalesCreditMemos.Page.al (ODataKeyFields = Id): no ship-to fields on this page.
  salesCreditMemo: {
    fields: [
      "id",
      "number",
      "externalDocumentNumber",
      "creditMemoDate",
      "postingDate",
      "dueDate",
      "customerId",
      "customerNumber",
      "customerName",
      "billToName",
      "billToCustomerId",
      "billToCustomerNumber",
      "sellToAddressLine1",
      "sellToAddressLine2",
      "sellToCity",
      "sellToCountry",
      "sellToState",
      "sellToPostCode",
      "billToAddressLine1",
      "billToAddressLine2",
      "billToCity",
      "billToCountry",
      "billToState",
      "billToPostCode",
      "shortcutDimension1Code",
      "shortcutDimension2Code",
      "currencyId",
      "currencyCode",
      "paymentTermsId",
      "shipmentMethodId",
      "salesperson",
      "pricesIncludeTax",
      ...documentTotals,
      "status",
      "lastModifiedDateTime",
      "invoiceId",
      "invoiceNumber",
      "phoneNumber",
      "email",
      "customerReturnReasonId",
    ],
    computed: {
      shortcutDimension1Code: emptyText,
      shortcutDimension2Code: emptyText,
      currencyId: emptyGuid,
      paymentTermsId,
      shipmentMethodId,
      salesperson: emptyText,
      customerReturnReasonId: emptyGuid,
    },
  },
  // APIV2SalesCreditMemLines.Page.al: unitPrice before quantity; no lastModifiedDateTime
  salesCreditMemoLine: {
    fields: [
      "id",
      "documentId",
      "sequence",
      "itemId",
      "accountId",
      "lineType",
      "lineObjectNumber",
      "description",
      "description2",
      "unitOfMeasureId",
      "unitOfMeasureCode",
      "unitPrice",
      "quantity",
      "discountAmount",
      "discountPercent",
      "discountAppliedBeforeTax",
      "amountExcludingTax",
      "taxCode",
      "taxPercent",
      "totalTaxAmount",
      "amountIncludingTax",
      "invoiceDiscountAllocation",
      "netAmount",
      "netTaxAmount",
      "netAmountIncludingTax",
      "shipmentDate",
      "itemVariantId",
      "locationId",
    ],
    computed: { unitOfMeasureId: emptyGuid },
  },
  // APIV2SalesRetOrders.Page.al (page 30251, version 29; Editable = false): Sales Header field names.
  salesReturnOrder: {
    fields: [
      "id",
      "number",
      "externalDocumentNumber",
      "documentDate",
      "postingDate",
      "dueDate",
      "sellToCustomerNumber",
      "sellToCustomerName",
      "billToName",
      "billToCustomerNumber",
      "shipToName",
      "shipToContact",
      "sellToAddress",
      "sellToAddress2",
      "sellToCity",
      "sellToCountryRegionCode",
      "sellToCounty",
      "sellToPostCode",
      "shipToAddress",
      "shipToAddress2",
      "shipToCity",
      "shipToCountryRegionCode",
      "shipToCounty",
      "shipToPostCode",
      "billToAddress",
      "billToAddress2",
      "billToCity",
      "billToCountryRegionCode",
      "billToCounty",
      "billToPostCode",
      "currencyCode",
      "pricesIncludingVAT",
      "paymentTermsCode",
      "shipmentMethodCode",
      "salespersonCode",
      "orderDate",
      "requestedDeliveryDate",
      "yourReference",
      "locationCode",
      "shortcutDimension1Code",
      "shortcutDimension2Code",
      "customerPostingGroup",
      "genBusPostingGroup",
      "vatBusPostingGroup",
      "sellToContact",
      "billToContact",
      "responsibilityCenter",
      "status",
      "lastModifiedDateTime",
    ],
    computed: {
      sellToCustomerNumber: (row) => row.customerNumber,
      sellToCustomerName: (row) => row.customerName,
      ...Object.fromEntries(
        (["sellTo", "shipTo", "billTo"] as const).flatMap((p) => [
          [`${p}Address`, (row: Json) => row[`${p}AddressLine1`]],
          [`${p}Address2`, (row: Json) => row[`${p}AddressLine2`]],
          [`${p}CountryRegionCode`, (row: Json) => row[`${p}Country`]],
          [`${p}County`, (row: Json) => row[`${p}State`]],
        ]),
      ),
      pricesIncludingVAT: (row) => row.pricesIncludeTax,
      salespersonCode: emptyText,
      yourReference: emptyText,
      shortcutDimension1Code: emptyText,
      shortcutDimension2Code: emptyText,
      customerPostingGroup: (row, data) =>
        data.customers.find((c) => c.number === row.customerNumber)?.customerPostingGroup ?? "",
      genBusPostingGroup: (row, data) =>
        data.customers.find((c) => c.number === row.customerNumber)?.genBusPostingGroup ?? "",
      vatBusPostingGroup: (row, data) =>
        data.customers.find((c) => c.number === row.customerNumber)?.vatBusPostingGroup ?? "",
      sellToContact: emptyText,
      billToContact: emptyText,
      responsibilityCenter: emptyText,
    },
  },
  // APIV2SalesRetOrdLines.Page.al (page 30202, read-only): the Sales Line's own Type values.
  salesReturnOrderLine: {
    fields: [
      "id",
      "documentType",
      "documentNumber",
      "sequence",
      "lineType",
      "lineObjectNumber",
      "description",
      "description2",
      "unitOfMeasureCode",
      "quantity",
      "unitPrice",
      "lineDiscountPercent",
      "lineDiscountAmount",
      "lineAmount",
      "taxPercent",
      "amountIncludingTax",
      "returnQtyToReceive",
      "returnQtyReceived",
      "shortcutDimension1Code",
      "shortcutDimension2Code",
      "lastModifiedDateTime",
    ],
    computed: {
      documentType: () => "Return Order",
      documentNumber: (row, data) => data.salesReturnOrders.get(String(row.documentId))?.number ?? "",
      // Sales Line Type: " " (comment), "G/L Account", Item, Resource, "Fixed Asset", "Charge (Item)".
      lineType: (row) => (row.lineType === "Comment" ? " " : row.lineType === "Account" ? "G/L Account" : row.lineType),
      lineDiscountPercent: (row) => row.discountPercent,
      lineDiscountAmount: (row) => row.discountAmount,
      lineAmount: (row) => row.amountExcludingTax,
      shortcutDimension1Code: emptyText,
      shortcutDimension2Code: emptyText,
    },
  },
} satisfies Record<string, ApiPage>;
