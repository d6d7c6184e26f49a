/** Plain seed data, independent of any sandbox, so an ERP sandbox can mirror the same catalog. */
export interface SeedAddress {
  address1: string;
  city: string;
  zip: string;
  provinceCode: string;
  countryCode: string;
}

export interface SeedLocation {
  /** "MAIN", "EAST", "WEST", … */
  code: string;
  /** "Main Warehouse", "East Store", "West Store", … */
  name: string;
  address: SeedAddress;
}

export interface SeedVariant {
  /** "V01", "V02", …; null when the product has a single variant. */
  variantCode: string | null;
  /** Item number alone for single-variant products, else `${itemNo}-${variantCode}`. */
  sku: string;
  /** EAN-13 with a valid check digit. */
  barcode: string;
  optionName: string;
  optionValue: string;
  /** Decimal string in the shop currency, e.g. "24.90". */
  price: string;
  compareAtPrice: string | null;
  cost: string;
  /** Units available per location code. */
  stock: Record<string, number>;
}

export interface SeedProduct {
  /** "1" + 4-digit product index from 0001: "10001", "10002", … */
  itemNo: string;
  title: string;
  vendor: string;
  productType: string;
  tags: string[];
  variants: SeedVariant[];
}

export interface SeedCustomer {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  address: SeedAddress;
}

export interface SeedCatalog {
  locations: SeedLocation[];
  products: SeedProduct[];
  customers: SeedCustomer[];
}

export interface SeedCatalogOptions {
  /** Default 1. */
  seed?: number;
  /** Default 10. */
  products?: number;
  /** Default 3. */
  variantsPerProduct?: number;
  /** Default 2. */
  locations?: number;
  /** Default 10. */
  customers?: number;
}
