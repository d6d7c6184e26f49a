import { gid } from "./gid.ts";

export interface PaymentTermsTemplate {
  id: number;
  name: string;
  paymentTermsType: "RECEIPT" | "FULFILLMENT" | "NET" | "FIXED";
  dueInDays: number | null;
  description: string;
}

/**
 * Shopify's payment terms templates are the same in every shop (they are not created by
 * merchants). Ids, names and descriptions as Shopify's `paymentTermsTemplates` example answer
 * lists them, in its order; the sandbox serves them from here, not from a store record.
 */
export const PAYMENT_TERMS_TEMPLATES: readonly PaymentTermsTemplate[] = [
  { id: 1, name: "Due on receipt", paymentTermsType: "RECEIPT", dueInDays: null, description: "Due on receipt" },
  {
    id: 9,
    name: "Due on fulfillment",
    paymentTermsType: "FULFILLMENT",
    dueInDays: null,
    description: "Due on fulfillment",
  },
  { id: 2, name: "Net 7", paymentTermsType: "NET", dueInDays: 7, description: "Within 7 days" },
  { id: 3, name: "Net 15", paymentTermsType: "NET", dueInDays: 15, description: "Within 15 days" },
  { id: 4, name: "Net 30", paymentTermsType: "NET", dueInDays: 30, description: "Within 30 days" },
  { id: 8, name: "Net 45", paymentTermsType: "NET", dueInDays: 45, description: "Within 45 days" },
  { id: 5, name: "Net 60", paymentTermsType: "NET", dueInDays: 60, description: "Within 60 days" },
  { id: 6, name: "Net 90", paymentTermsType: "NET", dueInDays: 90, description: "Within 90 days" },
  { id: 7, name: "Fixed", paymentTermsType: "FIXED", dueInDays: null, description: "Fixed date" },
];

export function paymentTermsTemplate(id: number | null): PaymentTermsTemplate | undefined {
  return id === null ? undefined : PAYMENT_TERMS_TEMPLATES.find((t) => t.id === id);
}

export function paymentTermsTemplateView(t: PaymentTermsTemplate): object {
  return {
    __typename: "PaymentTermsTemplate",
    id: gid("PaymentTermsTemplate", t.id),
    name: t.name,
    translatedName: t.name,
    description: t.description,
    dueInDays: t.dueInDays,
    paymentTermsType: t.paymentTermsType,
  };
}
