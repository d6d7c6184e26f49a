import type { CompanyData } from "./company-data.ts";
import { EMPTY_GUID } from "./row-types.ts";

/**
 * What every Cronus company has for money: a GENERAL journal batch (DEFAULT) and a bank account
 * whose posting group points at 2920 "Bank, LCY". Idempotent, so a restore of an older snapshot
 * can call it too.
 */
export function seedMoneySetup(data: CompanyData): void {
  if (!data.journals.find((j) => j.code === "DEFAULT")) {
    data.journals.insert({
      code: "DEFAULT",
      displayName: "Default Journal Batch",
      templateDisplayName: "GENERAL",
      balancingAccountId: EMPTY_GUID,
      balancingAccountNumber: "",
      balancingAccountType: "G/L Account",
    });
  }
  if (!data.bankAccounts.find((b) => b.number === "WWB-OPERATING")) {
    data.bankAccounts.insert({
      number: "WWB-OPERATING",
      displayName: "World Wide Bank",
      bankAccountNumber: "99-44-567",
      blocked: false,
      currencyCode: "",
      iban: "",
      intercompanyEnabled: false,
      glAccountNumber: "2920",
    });
  }
}

/**
 * G/L accounts a merchant adds for the Shopify connector (not in the Cronus chart; numbers picked
 * inside the chart's ranges so its totals would include them): the clearing account customer
 * payments are balanced against until a payout moves them to the bank, the two refund accounts of
 * the Shopify connector's Shop card (Refund Account, Refund Acc. non-restock Items) and the
 * payment processing fees. Shipping charges use Cronus' 6810 (ADR 013).
 */
export const SHOPIFY_ACCOUNTS = {
  clearing: ["2945", "Shopify Payments Clearing", "Assets", "Cash"],
  refunds: ["6920", "Refunds", "Income", "Income, Sales Discounts"],
  refundsNonRestock: ["6930", "Refunds, Non-restock Items", "Income", "Income, Sales Discounts"],
  fees: ["8660", "Payment Processing Fees", "Expense", "Other Income & Expenses"],
} as const;

/** The Shopify side of the demo company: the accounts above, a SHOPIFY bank account and journals. */
export function seedShopifyMoneySetup(data: CompanyData): void {
  for (const [number, displayName, category, subCategory] of Object.values(SHOPIFY_ACCOUNTS)) {
    if (data.accounts.find((a) => a.number === number)) continue;
    data.accounts.insert({
      number,
      displayName,
      category,
      subCategory,
      blocked: false,
      accountType: "Posting",
      directPosting: true,
      netChange: 0,
      consolidationTranslationMethod: "Average Rate (Manual)",
      consolidationDebitAccount: "",
      consolidationCreditAccount: "",
      excludeFromConsolidation: false,
    });
  }
  if (!data.bankAccounts.find((b) => b.number === "SHOPIFY")) {
    data.bankAccounts.insert({
      number: "SHOPIFY",
      displayName: "Shopify Payments payouts",
      bankAccountNumber: "",
      blocked: false,
      currencyCode: "",
      iban: "",
      intercompanyEnabled: false,
      glAccountNumber: "2920",
    });
  }
  const clearing = data.accounts.find((a) => a.number === SHOPIFY_ACCOUNTS.clearing[0]);
  if (!data.customerPaymentJournals.find((j) => j.code === "SHOPIFY")) {
    data.customerPaymentJournals.insert({
      code: "SHOPIFY",
      displayName: "Shopify payments",
      balancingAccountId: clearing?.id ?? EMPTY_GUID,
      balancingAccountNumber: clearing?.number ?? "",
    });
  }
  if (!data.journals.find((j) => j.code === "PAYOUTS")) {
    data.journals.insert({
      code: "PAYOUTS",
      displayName: "Shopify payouts",
      templateDisplayName: "GENERAL",
      balancingAccountId: EMPTY_GUID,
      balancingAccountNumber: "",
      balancingAccountType: "G/L Account",
    });
  }
}
