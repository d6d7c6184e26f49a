import type { CompanyData } from "./company-data.ts";

// What a CRONUS company has before anyone touches it, from the Contoso demo data in
// microsoft/BCApps (ContosoCoffeeDemoDataset: CreatePaymentTerms, CreatePaymentMethod,
// CreateShippingData, CreateCustomerTemplate). Date formulas are written as BC's API shows a
// DateFormula ("1M", not "<1M>").

/** [code, description, due date calculation, discount date calculation, discount %] */
const PAYMENT_TERMS: readonly (readonly [string, string, string, string, number])[] = [
  ["CM", "Current Month", "CM", "", 0],
  ["COD", "Cash on delivery", "0D", "", 0],
  ["1M(8D)", "1 Month/2% 8 days", "1M", "8D", 2],
  ["2 DAYS", "Net 2 days", "2D", "", 0],
  ["7 DAYS", "Net 7 days", "7D", "", 0],
  ["10 DAYS", "Net 10 days", "10D", "", 0],
  ["14 DAYS", "Net 14 days", "14D", "", 0],
  ["15 DAYS", "Net 15 days", "15D", "", 0],
  ["21 DAYS", "Net 21 days", "21D", "", 0],
  ["30 DAYS", "Net 30 days", "30D", "", 0],
  ["60 DAYS", "Net 60 days", "60D", "", 0],
];

const PAYMENT_METHODS: readonly (readonly [string, string])[] = [
  ["ACCOUNT", "Payment on account"],
  ["BANK", "Bank Transfer"],
  ["BNKCONVDOM", "Bank Data Conversion for Domestic Banks"],
  ["BNKCONVINT", "Bank Data Conversion for International Banks"],
  ["CARD", "Card payment"],
  ["CASH", "Cash payment"],
  ["CHECK", "Check payment"],
  ["GIRO", "Giro transfer"],
  ["INTERCOM", "Intercompany payment"],
  ["MULTIPLE", "Multiple payment methods"],
  ["PAYPAL", "PayPal payment"],
];

const SHIPMENT_METHODS: readonly (readonly [string, string])[] = [
  ["CFR", "Cost and Freight"],
  ["CIF", "Cost Insurance and Freight"],
  ["CIP", "Carriage and Insurance Paid"],
  ["CPT", "Carriage Paid to"],
  ["DAF", "Delivered at Frontier"],
  ["DDP", "Delivered Duty Paid"],
  ["DDU", "Delivered Duty Unpaid"],
  ["DELIVERY", "DELIVERY"],
  ["DEQ", "Delivered ex Quay"],
  ["DES", "Delivered ex Ship"],
  ["EXW", "Ex Warehouse"],
  ["FAS", "Free Alongside Ship"],
  ["FCA", "Free Carrier"],
  ["FOB", "Free on Board"],
  ["PICKUP", "Pickup at Location"],
];

/** The sandbox company is CRONUS USA; its customers are in the US. */
const HOME_COUNTRY = "US";

/**
 * Contoso's three customer templates (CreateCustomerTemplate.Codeunit.al). The W1 VAT posting
 * groups are kept although a US (sales tax) company would leave VAT Bus. Posting Group blank:
 * the sandbox's chart of accounts is W1's too.
 */
const CUSTOMER_TEMPLATES = [
  {
    code: "CUSTOMER COMPANY",
    description: "Business-to-Business Customer (Bank)",
    contactType: "Company",
    customerPostingGroup: "DOMESTIC",
    paymentTermsCode: "1M(8D)",
    countryRegionCode: HOME_COUNTRY,
    paymentMethodCode: "BANK",
    pricesIncludingVat: false,
    genBusPostingGroup: "DOMESTIC",
    vatBusPostingGroup: "DOMESTIC",
  },
  {
    code: "CUSTOMER EU COMPANY",
    description: "EU Customer (Bank)",
    contactType: "Company",
    customerPostingGroup: "EU",
    paymentTermsCode: "14 DAYS",
    countryRegionCode: "",
    paymentMethodCode: "BANK",
    pricesIncludingVat: false,
    genBusPostingGroup: "EU",
    vatBusPostingGroup: "EU",
  },
  {
    code: "CUSTOMER PERSON",
    description: "Cash-Payment Customer (Cash)",
    contactType: "Person",
    customerPostingGroup: "DOMESTIC",
    paymentTermsCode: "COD",
    countryRegionCode: HOME_COUNTRY,
    paymentMethodCode: "CASH",
    pricesIncludingVat: true,
    genBusPostingGroup: "DOMESTIC",
    vatBusPostingGroup: "DOMESTIC",
  },
] as const;

/** Seeds each setup table that is still empty (a new company, or a snapshot from before it existed). */
export function seedCustomerSetup(data: CompanyData): void {
  if (data.paymentTerms.size() === 0) {
    for (const [code, displayName, dueDateCalculation, discountDateCalculation, discountPercent] of PAYMENT_TERMS) {
      data.paymentTerms.insert({
        code,
        displayName,
        dueDateCalculation,
        discountDateCalculation,
        discountPercent,
        calculateDiscountOnCreditMemos: false,
      });
    }
  }
  if (data.paymentMethods.size() === 0) {
    for (const [code, displayName] of PAYMENT_METHODS) data.paymentMethods.insert({ code, displayName });
  }
  if (data.shipmentMethods.size() === 0) {
    for (const [code, displayName] of SHIPMENT_METHODS) data.shipmentMethods.insert({ code, displayName });
  }
  if (data.customerTemplates.size() === 0) {
    for (const template of CUSTOMER_TEMPLATES) {
      data.customerTemplates.insert({
        shipmentMethodCode: "",
        currencyCode: "",
        taxAreaCode: "",
        taxLiable: false,
        customerPriceGroup: "",
        customerDiscountGroup: "",
        blocked: " ",
        ...template,
      });
    }
  }
}
