import { z } from "zod";

import { CARRIER_SETTING_PATTERN } from "./carrier-setting.ts";

/**
 * Per-shop sync settings (the "Shopify Shop Card" of Business Central's connector). Stored as
 * JSON on the shop row; every field has a default so a new shop is valid and an older row gains
 * new settings without a data migration.
 */
export const syncDirections = ["off", "shopify_to_erp", "erp_to_shopify"] as const;
export const customerMappings = ["by_email_or_phone", "by_bill_to_address", "default_customer"] as const;
/** Which Shopify customers become ERP customers (BC: Customer Import from Shopify). */
export const customerImports = ["none", "with_order", "all"] as const;
/** How an ERP name field is built from Shopify's names (BC: Name Source, Name 2 Source, Contact Source). */
export const nameSources = ["company_name", "first_and_last_name", "last_and_first_name", "none"] as const;
export type NameSource = (typeof nameSources)[number];
/** How a Shopify company finds its ERP customer (BC: Company Mapping Type). */
export const companyMappings = ["by_email_or_phone", "by_tax_id", "default_company"] as const;
/** Which ERP field a company location's tax id is matched to (BC: Company Tax Id Mapping). */
export const companyTaxIdFields = ["vat_registration_number", "registration_number"] as const;
/**
 * Which ERP customer a company location's orders go to: the company's own (one ERP customer per
 * company), or each location its own (BC: a company location with its own Sell-to/Bill-to
 * Customer No.; the main location stays the company's).
 */
export const companyLocationCustomers = ["company", "per_location"] as const;
/** The role contacts of companies created in Shopify get (BC: Default Contact Permission). */
export const contactPermissions = ["none", "ordering_only", "location_admin"] as const;
/** Whether the ERP county holds the province code or its name (BC: County Source). */
export const countySources = ["code", "name"] as const;
export const productMappings = ["item_no", "variant_code", "item_no_and_variant_code", "barcode"] as const;
export const orderDocumentTypes = ["sales_order", "invoice_when_fulfilled"] as const;
export const loggingLevels = ["errors", "all"] as const;
/** Status of products the app creates in Shopify (BC: Status for Created Products). */
export const createdProductStatuses = ["active", "draft", "unlisted"] as const;
/** What happens to the product of a blocked or sales-blocked item (BC: Action for Removed Products and Blocked Items). */
export const blockedItemActions = ["nothing", "draft", "archived"] as const;
export const inventoryPolicies = ["deny", "continue"] as const;
/**
 * What becomes of Shopify refunds (BC: Return and Refund Process): nothing, kept only, or an ERP
 * credit memo each, or a return order each (received and credited in the ERP, as a warehouse that
 * checks returned goods in works).
 */
export const refundProcesses = ["off", "import_only", "credit_memo", "return_order"] as const;
/** What becomes of Shopify payments: nothing, kept only, or an ERP customer payment each (applied to the invoice). */
export const paymentProcesses = ["off", "import_only", "record"] as const;
/** Where returned units go (BC: Return Location Priority). */
export const returnLocationPriorities = ["default", "original"] as const;

const erpCode = z
  .string()
  .trim()
  .max(20, "must be at most 20 characters")
  .regex(/^[A-Za-z0-9_\-.]*$/, "may hold only letters, digits, '-', '_' and '.'");

/** BC's Customer Templ. codes hold spaces ("CUSTOMER PERSON"); a template customer's number does not. */
const templateCode = z
  .string()
  .trim()
  .max(20, "must be at most 20 characters")
  .regex(/^[A-Za-z0-9_\-. ]*$/, "may hold only letters, digits, spaces, '-', '_' and '.'");

export const shopSettingsSchema = z
  .object({
    /**
     * How Run now runs (Business Central's "Allow Background Syncs"): on ⇒ in the background, the
     * merchant gets a toast with a link to the run and goes on; off ⇒ in the foreground, the Job
     * queue page shows its progress until it ends. Scheduled entries run either way (each has its
     * own hold, and "Put all on hold" stops them all).
     */
    allowBackgroundSyncs: z.boolean().default(true),
    /** Kill switch: off ⇒ reads run, writes to Shopify and the ERP are recorded as skipped. */
    allowOutgoingWrites: z.boolean().default(true),
    logging: z.enum(loggingLevels).default("errors"),
    orders: z
      .object({
        importEnabled: z.boolean().default(true),
        /** Orders created before this day are not imported on the first run (ISO date, optional). */
        importSince: z.iso.date("must be a date (YYYY-MM-DD)").nullable().default(null),
        autoProcess: z.boolean().default(true),
        documentType: z.enum(orderDocumentTypes).default("sales_order"),
        /** Use "#1001" as the ERP document number too (the ERP's number series must allow it). */
        useOrderNameAsDocumentNo: z.boolean().default(false),
        currency: z.enum(["shop", "presentment"]).default("shop"),
        /** Write the ERP document number back to the Shopify order (a metafield). */
        writeBackDocumentNo: z.boolean().default(true),
        filters: z
          .object({
            onlyPaid: z.boolean().default(false),
            excludeHighRisk: z.boolean().default(true),
            /** Only orders from these channels; empty = all. */
            channels: z.array(z.string().trim().min(1)).default([]),
            /** Only orders with at least one of these tags; empty = all. */
            tags: z.array(z.string().trim().min(1)).default([]),
          })
          .prefault({}),
        /** ERP G/L accounts (or charge items) for what is not an item line. Empty = not allowed. */
        shippingChargesAccount: erpCode.default(""),
        tipAccount: erpCode.default(""),
        giftCardAccount: erpCode.default(""),
        /**
         * Shipping line title or code → what the ERP charges it to (overrides the account above):
         * a G/L account number, or "item:<no.>" / "charge:<no.>" for an item or item charge line.
         */
        shippingMethods: z
          .record(
            z.string().min(1),
            z
              .string()
              .trim()
              .max(26)
              .regex(
                /^(?:(?:account|item|charge):)?[A-Za-z0-9_\-.]{1,20}$/,
                'must be an account no., or "item:" or "charge:" and a no.',
              ),
          )
          .default({}),
        /** Shopify location id → ERP location code, for the lines' location. */
        locations: z.record(z.string().min(1), erpCode.min(1)).default({}),
      })
      .prefault({}),
    customers: z
      .object({
        /**
         * none: every order goes to the default customer; with_order: buyers are mapped (and
         * created when allowed) as their orders are processed; all: "Sync customers" also imports
         * every Shopify customer, before any order.
         */
        import: z.enum(customerImports).default("with_order"),
        mapping: z.enum(customerMappings).default("by_email_or_phone"),
        defaultCustomerNo: erpCode.default(""),
        /** Ship-to country code → ERP customer no.; wins over every mapping strategy. */
        defaultCustomerByCountry: z.record(z.string().length(2), erpCode.min(1)).default({}),
        createUnknownInErp: z.boolean().default(false),
        /** New ERP customers take their terms (tax, payment, shipment, currency) from this customer. */
        /** A customer template code (BC: Customer Templ., companion page) or a template customer's number. */
        templateCustomerNo: templateCode.default(""),
        /** Country code (of the customer's address) → template; wins over the one above. */
        templateCustomerByCountry: z.record(z.string().length(2), templateCode.min(1)).default({}),
        /** Shopify → ERP: changes of a Shopify customer update its linked ERP customer (BC: Shopify Can Update Customers). */
        shopifyCanUpdateErp: z.boolean().default(false),
        /** ERP → Shopify: changes of a linked ERP customer update the Shopify customer (BC: Can Update Shopify Customers). */
        canUpdateShopify: z.boolean().default(false),
        nameSource: z.enum(nameSources).default("company_name"),
        name2Source: z.enum(nameSources).default("first_and_last_name"),
        contactSource: z.enum(nameSources).default("first_and_last_name"),
        countySource: z.enum(countySources).default("code"),
      })
      .prefault({}),
    /** B2B companies ↔ ERP customers of type company (BC: Sync Companies, report 30114). */
    companies: z
      .object({
        import: z.enum(customerImports).default("with_order"),
        mapping: z.enum(companyMappings).default("by_email_or_phone"),
        taxIdField: z.enum(companyTaxIdFields).default("vat_registration_number"),
        defaultCompanyNo: erpCode.default(""),
        createUnknownInErp: z.boolean().default(false),
        /** A customer template code (BC: Customer Templ.) or a template customer's number, as for customers. */
        templateCustomerNo: templateCode.default(""),
        locationCustomers: z.enum(companyLocationCustomers).default("company"),
        /** Shopify payment terms template name ("Net 30") → the ERP's payment terms code (BC: Payment Terms Mapping). */
        paymentTerms: z.record(z.string().trim().min(1), templateCode.min(1)).default({}),
        shopifyCanUpdateErp: z.boolean().default(false),
        canUpdateShopify: z.boolean().default(false),
        defaultContactPermission: z.enum(contactPermissions).default("ordering_only"),
      })
      .prefault({}),
    products: z
      .object({
        /** One direction per shop, as in BC (Sync Item): the other way is off. */
        direction: z.enum(syncDirections).default("off"),
        /** SKU mapping: how a Shopify SKU names an ERP item, both when matching and when exporting. */
        mapping: z.enum(productMappings).default("item_no_and_variant_code"),
        skuSeparator: z.string().max(3, "must be at most 3 characters").default("-"),
        /** When the SKU finds no item, try the variant's barcode (BC: Find Mapping by Barcode). */
        findByBarcode: z.boolean().default(true),
        /** Shopify → ERP: create unknown products as items (else they wait on the unmapped list). */
        createUnknownInErp: z.boolean().default(false),
        /** New ERP items copy their setup (type, unit of measure, posting groups) from this item. */
        itemTemplateNo: erpCode.default(""),
        /**
         * ERP → Shopify: update products already in Shopify, not only create new ones (BC: Can
         * Update Shopify Products). BC makes it exclusive with the next one; here the direction
         * does: each is read only in its own direction.
         */
        canUpdateShopify: z.boolean().default(true),
        /** Shopify → ERP: update mapped items from their products (BC: Shopify Can Update Items). */
        shopifyCanUpdateItems: z.boolean().default(false),
        statusForCreated: z.enum(createdProductStatuses).default("active"),
        blockedAction: z.enum(blockedItemActions).default("draft"),
        /** New variants: Shopify tracks their stock, and sells out at zero (deny) or keeps selling (continue). */
        inventoryTracked: z.boolean().default(true),
        inventoryPolicy: z.enum(inventoryPolicies).default("deny"),
        /** Vendor of created products when the ERP item names none; "" = the shop's name. */
        defaultVendor: z.string().trim().max(255, "must be at most 255 characters").default(""),
      })
      .prefault({}),
    /**
     * The ERP pricing a Shopify price comes from (BC: the shop's Customer Price Group and Prices
     * Including VAT): the ERP's best price for one unit in this context, else the item's price.
     */
    prices: z
      .object({
        /** "" = the prices every customer gets. */
        customerPriceGroup: erpCode.default(""),
        /** The ERP prices include tax (the Shopify store shows prices with tax). */
        pricesIncludeTax: z.boolean().default(false),
        /** Send the item's unit cost as the variant's cost. */
        syncUnitCost: z.boolean().default(true),
      })
      .prefault({}),
    images: z
      .object({
        /** ERP → Shopify: item pictures become product images; Shopify → ERP: the first image becomes the item's picture. */
        direction: z.enum(syncDirections).default("off"),
      })
      .prefault({}),
    inventory: z
      .object({
        enabled: z.boolean().default(false),
      })
      .prefault({}),
    shipments: z
      .object({
        /** Shopify e-mails the customer the shipping confirmation (BC: Send Shipping Confirmation). */
        notifyCustomer: z.boolean().default(true),
        /** ERP shipping agent code → "Tracking company" or "Tracking company | https://…{number}". */
        carriers: z
          .record(
            z.string().min(1),
            z.string().trim().regex(CARRIER_SETTING_PATTERN, 'must be "Company" or "Company | https://…{number}"'),
          )
          .default({}),
        /** Handle of the fulfillment service this app runs for the shop; its requests are accepted. */
        fulfillmentServiceHandle: z.string().trim().max(100).default(""),
      })
      .prefault({}),
    /** Refunds of processed orders (BC: Return and Refund Processing). */
    refunds: z
      .object({
        process: z.enum(refundProcesses).default("import_only"),
        /** Cancelled lines and the difference to what was paid back (BC: Refund Account). */
        refundAccount: erpCode.default(""),
        /** Lines refunded without restock (BC: Refund Account non-restock Items); "" = item lines. */
        nonRestockAccount: erpCode.default(""),
        returnLocationPriority: z.enum(returnLocationPriorities).default("default"),
        /** BC: Default Return Location; "" = the location the units went back to in Shopify. */
        defaultReturnLocation: erpCode.default(""),
      })
      .prefault({}),
    /** Shopify payments → ERP customer payments (BC: Payment Method Mapping, Suggest Payments). */
    payments: z
      .object({
        process: z.enum(paymentProcesses).default("import_only"),
        /**
         * "gateway" or "gateway/card brand" (e.g. shopify_payments/Visa) → the ERP's payment method
         * code, or "skip" (e.g. gift_card = skip: a gift card was paid for when it was sold).
         */
        methods: z
          .record(
            z
              .string()
              .trim()
              .min(1)
              .regex(/^[^/]+(\/[^/]+)?$/, "must be a gateway, or gateway/card brand"),
            erpCode.min(1),
          )
          .default({}),
        /** For gateways the mapping does not name; "" = none (their payments wait in error until mapped). */
        defaultMethod: erpCode.default(""),
        /** Where payments are recorded (BC: a customer payment journal batch); "" = the ERP's first. */
        journal: erpCode.default(""),
        /** Shopify Payments payouts (BC: Sync Payouts): nothing, kept only, or a journal entry each once paid. */
        payouts: z.enum(paymentProcesses).default("import_only"),
        /** Where payouts are recorded (BC: a general journal batch); "" = the ERP's first. */
        payoutJournal: erpCode.default(""),
        /** The bank account payouts arrive in (BC: a Bank Account no.). */
        bankAccount: erpCode.default(""),
        /** The account the payments' journal balances to, emptied by each payout (a Shopify clearing account). */
        clearingAccount: erpCode.default(""),
        /** Shopify Payments' processing fees. */
        feeAccount: erpCode.default(""),
      })
      .prefault({}),
    posting: z
      .object({
        onlyFulfilled: z.boolean().default(true),
        onlyPaid: z.boolean().default(true),
        /** Orders processed less than this long ago wait (room for edits and cancellations). */
        olderThanHours: z.coerce
          .number("must be a number")
          .int("must be a whole number")
          .min(0, "must be 0 or more")
          .max(8760, "must be at most 8760")
          .default(24),
        batchSize: z.coerce
          .number("must be a number")
          .int("must be a whole number")
          .min(1, "must be at least 1")
          .max(500, "must be at most 500")
          .default(50),
        /** Close (archive) the Shopify order once it is paid, fulfilled and posted (BC: Archive Processed Orders). */
        closeShopifyOrders: z.boolean().default(false),
      })
      .prefault({}),
    /**
     * Run history: runs older than this are pruned by the minute tick (runs/run-records.ts reads
     * `settings #>> '{runs,keepDays}'` in SQL: keep the path).
     */
    runs: z
      .object({
        keepDays: z.coerce
          .number("must be a number")
          .int("must be a whole number")
          .min(1, "must be at least 1")
          .max(365, "must be at most 365")
          .default(30),
      })
      .prefault({}),
  })
  .superRefine((settings, ctx) => {
    if (settings.customers.shopifyCanUpdateErp && settings.customers.canUpdateShopify) {
      // BC makes them exclusive too: updating both ways would let each side undo the other's edit.
      ctx.addIssue({
        code: "custom",
        path: ["customers", "canUpdateShopify"],
        message: "cannot be on while Shopify can update ERP customers (one direction at a time)",
      });
    }
    if (settings.customers.import === "none" && settings.customers.defaultCustomerNo === "") {
      ctx.addIssue({
        code: "custom",
        path: ["customers", "defaultCustomerNo"],
        message: "is required when no customers are imported (every order goes to the default customer)",
      });
    }
    if (settings.customers.mapping === "default_customer" && settings.customers.defaultCustomerNo === "") {
      ctx.addIssue({
        code: "custom",
        path: ["customers", "defaultCustomerNo"],
        message: "is required when every order goes to the default customer",
      });
    }
    if (settings.companies.shopifyCanUpdateErp && settings.companies.canUpdateShopify) {
      ctx.addIssue({
        code: "custom",
        path: ["companies", "canUpdateShopify"],
        message: "cannot be on while Shopify can update ERP companies (one direction at a time)",
      });
    }
    if (settings.companies.mapping === "default_company" && settings.companies.defaultCompanyNo === "") {
      ctx.addIssue({
        code: "custom",
        path: ["companies", "defaultCompanyNo"],
        message: "is required when every company goes to the default company",
      });
    }
    if (settings.products.mapping === "item_no_and_variant_code" && settings.products.skuSeparator === "") {
      ctx.addIssue({
        code: "custom",
        path: ["products", "skuSeparator"],
        message: "is required when the SKU holds item number and variant code",
      });
    }
  });

export type ShopSettings = z.infer<typeof shopSettingsSchema>;

/** Settings from a stored row; a row that no longer validates falls back to the defaults it lacks. */
export function readShopSettings(stored: unknown): ShopSettings {
  const parsed = shopSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : shopSettingsSchema.parse({});
}
