import type { SeedOptions, SeedSummary } from "../contracts.ts";
import { SEED_COMPANIES, type SeedCompany } from "../seed/companies.ts";
import { generateSeedCatalog } from "../seed/generate-seed-catalog.ts";
import { createPrng } from "../seed/prng.ts";
import { addLocation, assignRole, createCompany } from "./company-build.ts";
import { createCustomer } from "./customer-build.ts";
import { gid } from "./gid.ts";
import { createOrder } from "./mutations-order.ts";
import { PAYMENT_TERMS_TEMPLATES } from "./payment-terms.ts";
import { applyProductSet } from "./product-set.ts";
import { clearShopData, nextId, type ShopState, stamp } from "./shop-state.ts";
import type { CustomerRec } from "./store-types.ts";

/**
 * Replaces the shop's data with the seed catalog, through the same code paths as productSet,
 * customerCreate and orderCreate, without announcing webhooks for seed data.
 */
export function loadSeed(state: ShopState, options: SeedOptions): SeedSummary {
  const catalog = generateSeedCatalog(options);
  clearShopData(state);
  state.emitEvents = false;
  try {
    const locationIds = new Map<string, string>();
    for (const loc of catalog.locations) {
      const at = stamp(state);
      const id = nextId(state, "Location");
      state.locations.set(id, {
        id,
        name: loc.name,
        code: loc.code,
        isActive: true,
        fulfillmentService: null,
        address: {
          id: nextId(state, "Other"),
          firstName: null,
          lastName: null,
          company: null,
          address1: loc.address.address1,
          address2: null,
          city: loc.address.city,
          province: loc.address.provinceCode,
          provinceCode: loc.address.provinceCode,
          country: "United States",
          countryCode: loc.address.countryCode,
          zip: loc.address.zip,
          phone: null,
        },
        createdAt: at,
        updatedAt: at,
      });
      locationIds.set(loc.code, gid("Location", id));
    }
    for (const p of catalog.products) {
      const first = p.variants[0];
      applyProductSet(
        state,
        {
          title: p.title,
          vendor: p.vendor,
          productType: p.productType,
          tags: p.tags,
          status: "ACTIVE",
          productOptions: first
            ? [{ name: first.optionName, values: p.variants.map((v) => ({ name: v.optionValue })) }]
            : [],
          variants: p.variants.map((v) => ({
            optionValues: [{ optionName: v.optionName, name: v.optionValue }],
            sku: v.sku,
            barcode: v.barcode,
            price: v.price,
            compareAtPrice: v.compareAtPrice,
            inventoryItem: { cost: v.cost, tracked: true },
            inventoryQuantities: Object.entries(v.stock).map(([code, quantity]) => ({
              locationId: locationIds.get(code),
              name: "available",
              quantity,
            })),
          })),
        },
        null,
        // Seeding builds the store as it already is: no synchronous variant cap, no creation throttle.
        { synchronous: false, throttle: false },
      );
    }
    for (const c of catalog.customers) {
      createCustomer(state, {
        firstName: c.firstName,
        lastName: c.lastName,
        email: c.email,
        phone: c.phone,
        addresses: [
          {
            firstName: c.firstName,
            lastName: c.lastName,
            address1: c.address.address1,
            city: c.address.city,
            zip: c.address.zip,
            provinceCode: c.address.provinceCode,
            countryCode: c.address.countryCode,
          },
        ],
      });
    }
    // Seeded orders go to the catalog's shoppers, as before companies were seeded (same seed, same orders).
    const shoppers = [...state.customers.values()];
    // The demo company comes with the default store (the demo's); a caller who sizes the customers
    // sizes the store and gets companies only when it asks for them.
    const companies = options.companies ?? (options.customers === undefined ? 1 : 0);
    seedCompanies(state, SEED_COMPANIES.slice(0, Math.max(0, companies)));
    const orders = seedOrders(state, shoppers, options.orders ?? 0, options.seed ?? 1);
    return {
      products: state.products.size,
      variants: state.variants.size,
      locations: state.locations.size,
      customers: state.customers.size,
      orders,
      // Only a store with companies reports them, so summaries of stores without any read as before.
      ...(state.companies.size > 0 ? { companies: state.companies.size } : {}),
    };
  } finally {
    state.emitEvents = true;
  }
}

function seedOrders(state: ShopState, customers: CustomerRec[], count: number, seed: number): number {
  const rng = createPrng(seed * 7919 + 17);
  const variants = [...state.variants.values()];
  let made = 0;
  for (let i = 0; i < count && variants.length > 0; i += 1) {
    const lines = Array.from({ length: rng.int(1, 3) }, () => ({
      variantId: gid("ProductVariant", rng.pick(variants).id),
      quantity: rng.int(1, 3),
    }));
    const customer = customers.length > 0 ? rng.pick(customers) : null;
    const address = customer?.addresses[0];
    const { order } = createOrder(
      state,
      {
        lineItems: lines,
        customer: customer ? { toAssociate: { id: gid("Customer", customer.id) } } : undefined,
        email: customer?.email ?? undefined,
        shippingAddress: address ? { ...address, id: undefined } : undefined,
        billingAddress: address ? { ...address, id: undefined } : undefined,
        shippingLines: [
          {
            title: "Standard",
            code: "STANDARD",
            priceSet: { shopMoney: { amount: "5.00", currencyCode: state.info.currencyCode } },
          },
        ],
        financialStatus: "PAID",
      },
      // Like checkout orders, seeded ones hold their units as committed stock.
      { inventoryBehaviour: "DECREMENT_IGNORING_POLICY" },
    );
    if (order) made += 1;
  }
  return made;
}

/** Each company through companyCreate's code path (first location and main contact), then its other locations. */
function seedCompanies(state: ShopState, companies: readonly SeedCompany[]): void {
  const locationInput = (l: SeedCompany["locations"][number]) => {
    const template = PAYMENT_TERMS_TEMPLATES.find((t) => t.name === l.paymentTerms);
    return {
      name: l.name,
      externalId: l.externalId,
      shippingAddress: l.address,
      billingSameAsShipping: true,
      taxRegistrationId: l.taxRegistrationId,
      buyerExperienceConfiguration: template
        ? { paymentTermsTemplateId: gid("PaymentTermsTemplate", template.id) }
        : null,
    };
  };
  for (const c of companies) {
    const [first, ...rest] = c.locations;
    const created = createCompany(state, {
      company: { name: c.name, externalId: c.externalId, note: c.note },
      companyContact: c.mainContact,
      companyLocation: first ? locationInput(first) : null,
    });
    if ("userErrors" in created) throw new Error(`seed company ${c.name}: ${created.userErrors[0]?.message}`);
    const { company } = created;
    const contact = company.mainContactId === null ? undefined : state.companyContacts.get(company.mainContactId);
    const orderingOnly = company.contactRoles.find((r) => r.name === "Ordering only");
    for (const l of rest) {
      const location = addLocation(state, company, locationInput(l), stamp(state), company.name);
      if (contact && orderingOnly) assignRole(state, contact, orderingOnly.id, location.id, stamp(state));
    }
  }
}
