import type { SeedAddress, SeedCatalogOptions } from "../../shopify/seed/catalog-types.ts";
import { generateSeedCatalog } from "../../shopify/seed/generate-seed-catalog.ts";
import type { CompanyData } from "./company-data.ts";
import { insertContactForCustomer } from "./contact-sync.ts";
import { newCustomerFields } from "./customers.ts";
import { BLANK_DATE, isoDate } from "./defaults.ts";
import { seedShopifyMoneySetup } from "./money-seed.ts";
import { savePicture } from "./pictures.ts";
import { EMPTY_GUID, type PostalAddress } from "./row-types.ts";
import { makeJpeg, makePng, type Rgb } from "./seed-images.ts";

export interface SeedSummary {
  items: number;
  itemVariants: number;
  locations: number;
  customers: number;
  inventoryRows: number;
  /** Opening-balance item ledger entries (one per item/variant/location with stock ≠ 0). */
  itemLedgerEntries: number;
  priceListLines: number;
  itemReferences: number;
  vendors: number;
  /** Item and item variant pictures. */
  pictures: number;
}

/** How many of the first items get a picture (and the first variant of the first item one of its own). */
const PICTURED_ITEMS = 3;
const PALETTE: Rgb[] = [
  [200, 40, 40],
  [30, 120, 200],
  [40, 160, 80],
];

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
  const vendorNumbers = new Map<string, string>();
  for (const name of [...new Set(catalog.products.map((p) => p.vendor))].sort()) {
    const number = `V${String((vendorNumbers.size + 1) * 10).padStart(5, "0")}`;
    data.vendors.insert({
      number,
      displayName: name,
      phoneNumber: "",
      email: "",
      website: "",
      blocked: " ",
      ...postal(
        catalog.locations[0]?.address ?? { address1: "", city: "", zip: "", provinceCode: "", countryCode: "US" },
      ),
    });
    vendorNumbers.set(name, number);
  }
  let variants = 0;
  let pictures = 0;
  const firstEntry = data.itemLedgerEntries.size();
  let entryNumber = firstEntry;
  const openingDate = isoDate(data.clock.now());
  const lineNumbers = new Map<string, number>();
  for (const [index, product] of catalog.products.entries()) {
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
      salesBlocked: false,
      vendorNumber: vendorNumbers.get(product.vendor) ?? "",
      vendorItemNumber: `${product.vendor.slice(0, 3).toUpperCase()}-${product.itemNo}`,
      // Grams-level weights in kilograms, the unit Cronus items carry.
      grossWeight: 0.25 + (index % 8) * 0.125,
      netWeight: 0.2 + (index % 8) * 0.125,
      unitVolume: 0,
      tariffNumber: "",
      countryRegionOfOriginCode: "",
    });
    if (index < PICTURED_ITEMS) {
      const colour = PALETTE[index % PALETTE.length]!;
      savePicture(data, "Item", item.id, index % 2 === 0 ? makePng(32, colour, [250, 250, 250]) : makeJpeg(32, colour));
      pictures += 1;
    }
    for (const [variantIndex, v] of product.variants.entries()) {
      const variantCode = v.variantCode ?? "";
      if (v.variantCode) {
        const variant = data.itemVariants.insert({
          itemId: item.id,
          itemNumber: item.number,
          code: v.variantCode,
          description: `${product.title} ${v.optionValue}`.slice(0, 100),
        });
        variants += 1;
        if (index === 0 && variantIndex === 0) {
          savePicture(data, "Item Variant", variant.id, makePng(32, [240, 180, 20], [30, 30, 30]));
          pictures += 1;
        }
      }
      for (const [code, qty] of Object.entries(v.stock)) {
        data.inventoryByLocation.insert({
          itemId: item.id,
          itemNumber: item.number,
          variantCode,
          locationId: locationIds.get(code) ?? EMPTY_GUID,
          locationCode: code,
          inventory: qty,
          projectedAvailableBalance: qty,
          reservedQuantity: 0,
          nonReservedInventory: qty,
        });
        // The opening balance as one posted adjustment, so inventory = Σ item ledger entries.
        if (qty !== 0) {
          data.itemLedgerEntries.insert({
            entryNumber: (entryNumber += 1),
            itemId: item.id,
            itemNumber: item.number,
            variantCode,
            locationCode: code,
            postingDate: openingDate,
            entryType: qty > 0 ? "Positive Adjmt." : "Negative Adjmt.",
            sourceNumber: "",
            sourceType: "",
            documentNumber: "START",
            documentType: "",
            description: "Opening balance",
            quantity: qty,
            salesAmountActual: 0,
            costAmountActual: Math.round(qty * Number(v.cost) * 100) / 100,
          });
        }
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
        const lineNumber = (lineNumbers.get(code) ?? 0) + 10000;
        lineNumbers.set(code, lineNumber);
        data.priceListLines.insert({
          priceListCode: code,
          lineNumber,
          sourceType: group ? "Customer Price Group" : "All Customers",
          sourceNumber: group,
          itemNumber: item.number,
          variantCode,
          unitOfMeasureCode: "PCS",
          currencyCode: "",
          startingDate: BLANK_DATE,
          endingDate: BLANK_DATE,
          minimumQuantity: 0,
          amountType: "Price",
          unitPrice: Math.round(price * factor * 100) / 100,
          lineDiscountPercent: 0,
          allowLineDiscount: true,
          priceIncludesTax: false,
          status: "Active",
        });
      }
    }
  }
  catalog.customers.forEach((c, i) => {
    const customer = data.customers.insert({
      ...newCustomerFields(seedCustomerNumber(i)),
      displayName: `${c.firstName} ${c.lastName}`,
      type: "Person",
      phoneNumber: c.phone,
      email: c.email,
      // What a CRONUS domestic customer has; no payment terms, so documents are due at once.
      customerPostingGroup: "DOMESTIC",
      genBusPostingGroup: "DOMESTIC",
      vatBusPostingGroup: "DOMESTIC",
      ...postal(c.address),
    });
    insertContactForCustomer(data, customer);
  });
  seedShopifyMoneySetup(data);
  const variantRows = catalog.products.reduce((n, p) => n + p.variants.length, 0);
  return {
    items: catalog.products.length,
    itemVariants: variants,
    locations: catalog.locations.length,
    customers: catalog.customers.length,
    inventoryRows: variantRows * catalog.locations.length,
    itemLedgerEntries: entryNumber - firstEntry,
    priceListLines: variantRows * 2,
    itemReferences: variantRows,
    vendors: vendorNumbers.size,
    pictures,
  };
}
