import type { CompanyData } from "./company-data.ts";
import { calcDate } from "./date-formula.ts";

/**
 * Sales Header's Due Date: Document Date + the payment terms' Due Date Calculation
 * (Sales Header."Payment Terms Code" OnValidate). No terms, or terms that are gone: the document date.
 */
export function dueDateOf(data: CompanyData, paymentTermsCode: string, documentDate: string): string {
  const terms = paymentTermsCode ? data.paymentTerms.find((t) => t.code === paymentTermsCode) : undefined;
  return terms ? calcDate(terms.dueDateCalculation, documentDate) : documentDate;
}
