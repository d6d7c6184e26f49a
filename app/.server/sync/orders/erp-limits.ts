/**
 * The ERP's field sizes, as the adapter states them (`ErpAdapter.limits`); repeated here because the
 * pure core may not import the adapters. Every function that checks a size takes them as a parameter,
 * so no ERP's rule is written into the core.
 */
export interface ErpLimits {
  /** Longest item number the ERP keeps. */
  itemNumberMaxLength: number;
  /** Longest external document number (the Shopify order name the document is found by). */
  externalDocumentNumberMaxLength: number;
}
