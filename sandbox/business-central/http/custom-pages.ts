import type { ApiPage } from "./api-pages.ts";

/**
 * Pages of the companion extension (api/shopifyErpConnector/connector/v1.0) that are projections
 * of a table with more fields than they show, like their AL pages would be. The other companion
 * pages serve their rows as stored.
 */
export const CUSTOM_PAGES = {
  /**
   * Over the Item table (ODataKeyFields = SystemId), for the Item fields API v2.0's items page
   * lacks: Sales Blocked, Vendor No. (and the vendor's name, a lookup), Vendor Item No., weights,
   * tariff and origin. Same record as `items`, so the same etag and lastModifiedDateTime.
   */
  itemDetails: {
    fields: [
      "id",
      "number",
      "salesBlocked",
      "vendorNumber",
      "vendorName",
      "vendorItemNumber",
      "grossWeight",
      "netWeight",
      "unitVolume",
      "tariffNumber",
      "countryRegionOfOriginCode",
      "lastModifiedDateTime",
    ],
    computed: {
      vendorName: (row, data) =>
        row.vendorNumber ? (data.vendors.find((v) => v.number === row.vendorNumber)?.displayName ?? "") : "",
    },
  },
  /** Price List Line (table 7001), item assets; `customerPriceGroup` is the source when it is one. */
  priceListLine: {
    fields: [
      "id",
      "priceListCode",
      "lineNumber",
      "sourceType",
      "sourceNumber",
      "customerPriceGroup",
      "itemNumber",
      "variantCode",
      "unitOfMeasureCode",
      "currencyCode",
      "startingDate",
      "endingDate",
      "minimumQuantity",
      "amountType",
      "unitPrice",
      "lineDiscountPercent",
      "allowLineDiscount",
      "priceIncludesTax",
      "status",
      "lastModifiedDateTime",
    ],
    computed: {
      customerPriceGroup: (row) => (row.sourceType === "Customer Price Group" ? row.sourceNumber : ""),
    },
  },
  /**
   * An Item Journal line posted on insert (the companion page's OnInsertRecord posts it and shows
   * the resulting Item Ledger Entry): what a user's positive or negative adjustment leaves behind.
   */
  inventoryAdjustment: {
    fields: [
      "id",
      "entryNumber",
      "itemNumber",
      "variantCode",
      "locationCode",
      "postingDate",
      "entryType",
      "documentNumber",
      "description",
      "quantity",
      "lastModifiedDateTime",
    ],
  },
  /**
   * Companion page over Sales Header (Document Type Return Order): API v2.0's salesReturnOrders is
   * read-only, so creating and posting one takes this page. Named as API v2.0's credit memo page
   * names the same things (customerId/Number, invoiceId/Number for the Applies-to invoice).
   */
  returnOrder: {
    fields: [
      "id",
      "number",
      "externalDocumentNumber",
      "documentDate",
      "postingDate",
      "customerId",
      "customerNumber",
      "customerName",
      "invoiceId",
      "invoiceNumber",
      "locationCode",
      "currencyCode",
      "pricesIncludeTax",
      "totalAmountExcludingTax",
      "totalTaxAmount",
      "totalAmountIncludingTax",
      "status",
      "lastModifiedDateTime",
    ],
  },
  /** Its lines: API v2.0's sales document line fields plus what is still to receive and what was. */
  returnOrderLine: {
    fields: [
      "id",
      "documentId",
      "sequence",
      "itemId",
      "accountId",
      "lineType",
      "lineObjectNumber",
      "description",
      "unitOfMeasureCode",
      "unitPrice",
      "quantity",
      "discountAmount",
      "discountPercent",
      "amountExcludingTax",
      "amountIncludingTax",
      "netAmount",
      "itemVariantId",
      "locationId",
      "returnQtyToReceive",
      "returnQtyReceived",
    ],
  },
} satisfies Record<string, ApiPage>;
