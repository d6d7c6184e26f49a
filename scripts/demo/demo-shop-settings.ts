import type { ShopSettings } from "../../app/.server/domain/settings-schema.ts";

/**
 * G/L accounts of the sandbox company's chart (the W1 CRONUS chart, sandbox/business-central/store/
 * chart-of-accounts.ts) that the demo's order settings point at, as a merchant setting up this
 * company would: each is a direct-posting account, which BC requires on a sales line.
 */
export const DEMO_ORDER_ACCOUNTS = {
  /** Shipping charged to the customer is income: 6810 "Fees and Charges Rec. - Dom.". */
  shippingChargesAccount: "6810",
  /** A tip belongs to the staff, a liability: 5850 "Employees Payable". */
  tipAccount: "5850",
  /** A sold gift card is income only once redeemed: 5950 "Other Accrued Expenses and Deferred Income". */
  giftCardAccount: "5950",
} as const;

/**
 * The demo shop's settings on top of what is stored: the order accounts where none is set yet (a
 * merchant's own choice survives a restart), and on the first start the catalog flowing from
 * Business Central to the store (products, prices, pictures and stock) and the store's customers
 * and B2B companies flowing into Business Central, as a BC merchant would set it up.
 * The demo's job-queue entries run every minute (`scripts/demo/demo-entries.ts`).
 */
export function demoShopSettings(settings: ShopSettings, options: { firstStart: boolean }): ShopSettings {
  const orders = settings.orders;
  const catalog = options.firstStart
    ? {
        products: { ...settings.products, direction: "erp_to_shopify" as const },
        images: { ...settings.images, direction: "erp_to_shopify" as const },
        // Stock from BC per location (scripts/demo/demo-locations.ts maps them).
        inventory: { ...settings.inventory, enabled: true },
        // Every store customer into BC (created when unknown), and their later edits after them.
        customers: {
          ...settings.customers,
          import: "all" as const,
          createUnknownInErp: true,
          shopifyCanUpdateErp: true,
        },
        // Every B2B company (the seeded Northwind Traders) into BC as a company customer from BC's
        // CUSTOMER COMPANY template, Shopify's Net 30 as BC's 30 DAYS, and later edits after them.
        // A refund of a processed order becomes a BC credit memo: cancelled lines and differences to
        // 6920 "Refunds" (a sandbox account beside the W1 chart), restocked lines as items.
        refunds: { ...settings.refunds, process: "credit_memo" as const, refundAccount: "6920" },
        // Each payment of a processed order as a BC customer payment in the SHOPIFY journal (its
        // balancing account 2945 "Shopify Payments Clearing", which payouts empty into the bank),
        // applied to the order's invoice; cards as CARD, manual payments as CASH, gift cards not
        // at all (the gift card's sale was the money).
        // Orders shipped (fulfilled) and paid are invoiced in BC at the next posting run, not a day
        // later: so the stranger's order gets its invoice, and its payment is applied to it.
        posting: { ...settings.posting, olderThanHours: 0 },
        payments: {
          ...settings.payments,
          process: "record" as const,
          methods: {
            shopify_payments: "CARD",
            bogus: "CARD",
            manual: "CASH",
            gift_card: "skip",
            ...settings.payments.methods,
          },
          defaultMethod: settings.payments.defaultMethod || "BANK",
          journal: settings.payments.journal || "SHOPIFY",
          // A paid payout: its net to the SHOPIFY bank account, fees to 8660, the gross out of 2945.
          payouts: "record" as const,
          payoutJournal: settings.payments.payoutJournal || "PAYOUTS",
          bankAccount: settings.payments.bankAccount || "SHOPIFY",
          clearingAccount: settings.payments.clearingAccount || "2945",
          feeAccount: settings.payments.feeAccount || "8660",
        },
        companies: {
          ...settings.companies,
          import: "all" as const,
          createUnknownInErp: true,
          templateCustomerNo: "CUSTOMER COMPANY",
          paymentTerms: { "Net 30": "30 DAYS", ...settings.companies.paymentTerms },
          shopifyCanUpdateErp: true,
        },
      }
    : {};
  return {
    ...settings,
    ...catalog,
    orders: {
      ...orders,
      shippingChargesAccount: orders.shippingChargesAccount || DEMO_ORDER_ACCOUNTS.shippingChargesAccount,
      tipAccount: orders.tipAccount || DEMO_ORDER_ACCOUNTS.tipAccount,
      giftCardAccount: orders.giftCardAccount || DEMO_ORDER_ACCOUNTS.giftCardAccount,
    },
  };
}
