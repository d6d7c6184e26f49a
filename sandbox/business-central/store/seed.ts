import type { SeedAddress, SeedCatalogOptions } from "../../shopify/seed/catalog-types.ts";
import { generateSeedCatalog } from "../../shopify/seed/generate-seed-catalog.ts";
import type { CompanyData } from "./company-data.ts";
import { BLANK_DATE } from "./defaults.ts";
import { EMPTY_GUID, type PostalAddress } from "./row-types.ts";

export interface SeedSummary {
  items: number;
  itemVariants: number;
  locations: number;
  customers: number;
  inventoryRows: number;
  priceListLines: number;
  itemReferences: number;
}

/** BC stores a US state in County and the ZIP in Post Code; the API calls them state/postalCode. */
function postal(a: SeedAddress): PostalAddress {
  return {
    addressLine1: a.address1,
    addressLine2: "",
    city: a.city,
    state: a.provinceCode,
    country: a.countryCode,
    postalCode: a.zip,
  };
}

/** Customer numbers like a Cronus demo company: C00010, C00020, … */
export function seedCustomerNumber(index: number): string {
  return `C${String((index + 1) * 10).padStart(5, "0")}`;
}

/**
 * Loads the same catalog the Shopify sandbox seeds for the same options, so SKU = item number
 * (single variant) or item number + "-" + variant code matches across the two sandboxes.
 */
export function seedCompany(data: CompanyData, options: SeedCatalogOptions = {}): SeedSummary {
  const catalog = generateSeedCatalog(options);
  const locationIds = new Map<string, string>();
  for (const loc of catalog.locations) {
    const row = data.locations.insert({
      code: loc.code,
      displayName: loc.name,
      contact: "",
      phoneNumber: "",
      email: "",
      website: "",
      ...postal(loc.address),
    });
    locationIds.set(loc.code, row.id);
  }
  let variants = 0;
  for (const product of catalog.products) {
    const first = product.variants[0];
    const total = product.variants.reduce((sum, v) => sum + Object.values(v.stock).reduce((a, b) => a + b, 0), 0);
    const item = data.items.insert({
      number: product.itemNo,
      displayName: product.title,
      displayName2: "",
      type: "Inventory",
      itemCategoryId: EMPTY_GUID,
      itemCategoryCode: product.productType.toUpperCase(),
      blocked: false,
      gtin: product.variants.length === 1 && first ? first.barcode : "",
      inventory: total,
      unitPrice: Number(first?.price ?? 0),
      priceIncludesTax: false,
      unitCost: Number(first?.cost ?? 0),
      taxGroupId: EMPTY_GUID,
      taxGroupCode: "",
      baseUnitOfMeasureId: EMPTY_GUID,
      baseUnitOfMeasureCode: "PCS",
      generalProductPostingGroupCode: "RETAIL",
      inventoryPostingGroupCode: "RESALE",
    });
    for (const v of product.variants) {
      const variantCode = v.variantCode ?? "";
      if (v.variantCode) {
        data.itemVariants.insert({
          itemId: item.id,
          itemNumber: item.number,
          code: v.variantCode,
          description: `${product.title} ${v.optionValue}`.slice(0, 100),
        });
        variants += 1;
      }
      for (const [code, qty] of Object.entries(v.stock)) {
        data.inventoryByLocation.insert({
          itemId: item.id,
          itemNumber: item.number,
          variantCode,
          locationId: locationIds.get(code) ?? EMPTY_GUID,
          locationCode: code,
          inventory: qty,
        });
      }
      data.itemReferences.insert({
        itemNumber: item.number,
        variantCode,
        referenceType: "Bar Code",
        referenceNumber: v.barcode,
        unitOfMeasureCode: "PCS",
      });
      const price = Number(v.price);
      for (const [code, group, factor] of [
        ["DEFAULT", "", 1],
        ["WHOLESALE", "WHOLESALE", 0.8],
      ] as const) {
        data.priceListLines.insert({
          priceListCode: code,
          itemNumber: item.number,
          variantCode,
          unitOfMeasureCode: "PCS",
          minimumQuantity: 0,
          unitPrice: Math.round(price * factor * 100) / 100,
          currencyCode: "",
          customerPriceGroup: group,
          startingDate: BLANK_DATE,
          endingDate: BLANK_DATE,
        });
      }
    }
  }
  catalog.customers.forEach((c, i) => {
    data.customers.insert({
      number: seedCustomerNumber(i),
      displayName: `${c.firstName} ${c.lastName}`,
      type: "Person",
      phoneNumber: c.phone,
      email: c.email,
      website: "",
      salespersonCode: "",
      balanceDue: 0,
      creditLimit: 0,
      taxLiable: false,
      taxRegistrationNumber: "",
      currencyCode: "",
      blocked: " ",
      ...postal(c.address),
    });
  });
  const variantRows = catalog.products.reduce((n, p) => n + p.variants.length, 0);
  return {
    items: catalog.products.length,
    itemVariants: variants,
    locations: catalog.locations.length,
    customers: catalog.customers.length,
    inventoryRows: variantRows * catalog.locations.length,
    priceListLines: variantRows * 2,
    itemReferences: variantRows,
  };
}
