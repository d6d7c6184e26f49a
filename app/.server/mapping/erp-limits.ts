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
  /** Longest address parts; longer ones are cut (an address is shown, never matched on). BC: Address 100, Address 2 50, City 30, County 30, Post Code 20, Name 100. */
  address: { line1: number; line2: number; city: number; state: number; postalCode: number; name: number };
}
