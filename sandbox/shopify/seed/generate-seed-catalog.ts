import type {
  SeedAddress,
  SeedCatalog,
  SeedCatalogOptions,
  SeedCustomer,
  SeedLocation,
  SeedProduct,
  SeedVariant,
} from "./catalog-types.ts";
import { toEan13 } from "./ean13.ts";
import { createPrng, type Prng } from "./prng.ts";

export const SEED_DEFAULTS = { seed: 1, products: 10, variantsPerProduct: 3, locations: 2, customers: 10 } as const;

const LOCATIONS: readonly [code: string, name: string][] = [
  ["MAIN", "Main Warehouse"],
  ["EAST", "East Store"],
  ["WEST", "West Store"],
  ["NORTH", "North Store"],
  ["SOUTH", "South Store"],
  ["CENTRAL", "Central Store"],
];
const CITIES = [
  "Springfield",
  "Riverton",
  "Lakeside",
  "Fairview",
  "Georgetown",
  "Ashland",
  "Milton",
  "Clinton",
] as const;
const STREETS = ["Main St", "Oak Ave", "Maple Rd", "Cedar Ln", "Pine St", "Elm St", "Harbor Way", "Hill Rd"] as const;
const ADJECTIVES = [
  "Classic",
  "Urban",
  "Alpine",
  "Coastal",
  "Vintage",
  "Modern",
  "Rugged",
  "Everyday",
  "Premium",
  "Organic",
] as const;
const NOUNS = [
  "T-Shirt",
  "Hoodie",
  "Backpack",
  "Water Bottle",
  "Beanie",
  "Jacket",
  "Socks",
  "Cap",
  "Tote Bag",
  "Scarf",
] as const;
const TYPES: Record<string, string> = {
  "T-Shirt": "Apparel",
  Hoodie: "Apparel",
  Jacket: "Apparel",
  Socks: "Apparel",
  Scarf: "Apparel",
  Beanie: "Accessories",
  Cap: "Accessories",
  Backpack: "Bags",
  "Tote Bag": "Bags",
  "Water Bottle": "Drinkware",
};
const VENDORS = ["Northwind Goods", "Acme Outfitters", "Blue Fern Co"] as const;
const SIZES = ["S", "M", "L", "XL", "XXL", "3XL"] as const;
const FIRST = [
  "Ava",
  "Liam",
  "Mia",
  "Noah",
  "Emma",
  "Lucas",
  "Sofia",
  "Ethan",
  "Olivia",
  "Mason",
  "Chloe",
  "Leo",
] as const;
const LAST = [
  "Smith",
  "Johnson",
  "Brown",
  "Garcia",
  "Miller",
  "Davis",
  "Martinez",
  "Wilson",
  "Anderson",
  "Taylor",
] as const;

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function address(rng: Prng): SeedAddress {
  return {
    address1: `${rng.int(1, 999)} ${rng.pick(STREETS)}`,
    city: rng.pick(CITIES),
    zip: pad(rng.int(10000, 99999), 5),
    provinceCode: rng.pick(["NY", "CA", "TX", "WA", "IL"] as const),
    countryCode: "US",
  };
}

/** "MAIN"/"Main Warehouse", "EAST"/"East Store", …, then "LOC07"/"Store 7". */
export function seedLocation(index: number, rng: Prng): SeedLocation {
  const known = LOCATIONS[index];
  const [code, name] = known ?? [`LOC${pad(index + 1, 2)}`, `Store ${index + 1}`];
  return { code, name, address: address(rng) };
}

/** Item number for product index (0-based): "10001", "10002", …, "19999", then "110000", … (one digit wider). */
export function itemNumber(index: number): string {
  return `1${pad(index + 1, 4)}`;
}

function money(cents: number): string {
  return (cents / 100).toFixed(2);
}

function product(index: number, variantCount: number, locations: SeedLocation[], rng: Prng): SeedProduct {
  const itemNo = itemNumber(index);
  const noun = NOUNS[index % NOUNS.length]!;
  const title = `${rng.pick(ADJECTIVES)} ${noun} ${itemNo}`;
  const basePrice = rng.int(8, 120) * 100 - 10;
  const variants: SeedVariant[] = [];
  for (let v = 0; v < variantCount; v += 1) {
    const variantCode = variantCount > 1 ? `V${pad(v + 1, 2)}` : null;
    // EAN "20" prefix is the in-store range; item number and variant index keep barcodes unique.
    // Random digits fill the rest of the 12: three for the first 9,999 items, fewer for longer numbers.
    const fill = 12 - 2 - itemNo.length - 2;
    const barcode = toEan13(`20${itemNo}${pad(v + 1, 2)}${pad(rng.int(0, 10 ** fill - 1), fill)}`);
    const stock: Record<string, number> = {};
    for (const loc of locations) stock[loc.code] = rng.int(0, 50);
    const price = basePrice + v * 200;
    variants.push({
      variantCode,
      sku: variantCode ? `${itemNo}-${variantCode}` : itemNo,
      barcode,
      optionName: variantCount > 1 ? "Size" : "Title",
      optionValue: variantCount > 1 ? (SIZES[v] ?? `Size ${v + 1}`) : "Default Title",
      price: money(price),
      compareAtPrice: rng.next() < 0.2 ? money(price + 1000) : null,
      cost: money(Math.round(price * 0.45)),
      stock,
    });
  }
  return {
    itemNo,
    title,
    vendor: rng.pick(VENDORS),
    productType: TYPES[noun] ?? "Misc",
    tags: [noun.toLowerCase(), "seed"],
    variants,
  };
}

function customer(index: number, rng: Prng): SeedCustomer {
  const firstName = rng.pick(FIRST);
  const lastName = rng.pick(LAST);
  return {
    firstName,
    lastName,
    email: `${firstName}.${lastName}.${pad(index + 1, 3)}@example.com`.toLowerCase(),
    phone: `+1555${pad(rng.int(0, 9999999), 7)}`,
    address: address(rng),
  };
}

/** A deterministic catalog: same options ⇒ same data, byte for byte. */
export function generateSeedCatalog(options: SeedCatalogOptions = {}): SeedCatalog {
  const o = { ...SEED_DEFAULTS, ...stripUndefined(options) };
  const rng = createPrng(o.seed);
  const locations = Array.from({ length: o.locations }, (_, i) => seedLocation(i, rng));
  const products = Array.from({ length: o.products }, (_, i) =>
    product(i, Math.max(1, o.variantsPerProduct), locations, rng),
  );
  const customers = Array.from({ length: o.customers }, (_, i) => customer(i, rng));
  return { locations, products, customers };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
