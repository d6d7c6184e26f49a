import { type ConnectionArgs, paginateList } from "./connection.ts";
import { gid, idOf } from "./gid.ts";
import { type Input, type UserError } from "./input-helpers.ts";
import { moneyV2, restMoney } from "./money.ts";
import { orderTotals } from "./order-totals.ts";
import { paymentTermsTemplate } from "./payment-terms.ts";
import { nextId, type ShopState } from "./shop-state.ts";
import type { CustomerRec, OrderPaymentTermsRec, OrderRec } from "./store-types.ts";
import { companyContactView, companyLocationView, companyView } from "./views-company.ts";
import { customerView } from "./views-customer.ts";

/** The B2B part of an order: for which company location, through which contact, on which terms. */
export interface OrderB2b {
  companyLocationId: number | null;
  companyContactId: number | null;
}

/**
 * `companyLocationId` on OrderCreateOrderInput: the location must exist, and a customer on the
 * order must be a contact of its company (the order is then theirs as that contact). Without a
 * customer the order belongs to the location alone (PurchasingCompany.contact is nullable).
 */
export function resolveB2b(state: ShopState, input: Input, customer: CustomerRec | null): OrderB2b | UserError {
  if (input.companyLocationId === undefined || input.companyLocationId === null) {
    return { companyLocationId: null, companyContactId: null };
  }
  const location = state.companyLocations.get(idOf(input.companyLocationId, "CompanyLocation") ?? -1);
  if (!location) {
    return { field: ["order", "companyLocationId"], message: "Company location does not exist", code: "INVALID" };
  }
  if (!customer) return { companyLocationId: location.id, companyContactId: null };
  const contact = [...state.companyContacts.values()].find(
    (c) => c.companyId === location.companyId && c.customerId === customer.id,
  );
  if (!contact) {
    return {
      field: ["order", "customer"],
      message: "Customer is not a contact of the company location's company",
      code: "INVALID",
    };
  }
  return { companyLocationId: location.id, companyContactId: contact.id };
}

/** The location's payment terms template, made into the order's terms; net terms fall due N days after issue. */
export function paymentTermsFor(
  state: ShopState,
  locationId: number | null,
  issuedAt: string,
): OrderPaymentTermsRec | null {
  const location = locationId === null ? undefined : state.companyLocations.get(locationId);
  const template = paymentTermsTemplate(location?.buyerExperience?.paymentTermsTemplateId ?? null);
  if (!template) return null;
  const dueAt =
    template.paymentTermsType === "NET" && template.dueInDays !== null
      ? new Date(Date.parse(issuedAt) + template.dueInDays * 86_400_000).toISOString()
      : template.paymentTermsType === "RECEIPT"
        ? issuedAt
        : null;
  return {
    id: nextId(state, "PaymentTerms"),
    templateId: template.id,
    name: template.name,
    type: template.paymentTermsType,
    dueInDays: template.dueInDays,
    issuedAt,
    dueAt,
  };
}

/** Order.purchasingEntity: the company (location, contact) for a B2B order, else the customer. */
export function purchasingEntityView(state: ShopState, order: OrderRec): object | null {
  const location = order.companyLocationId === null ? undefined : state.companyLocations.get(order.companyLocationId);
  if (location) {
    const company = state.companies.get(location.companyId)!;
    const contact = order.companyContactId === null ? undefined : state.companyContacts.get(order.companyContactId);
    return {
      __typename: "PurchasingCompany",
      company: companyView(state, company),
      location: companyLocationView(state, location),
      contact: contact ? companyContactView(state, contact) : null,
    };
  }
  const customer = order.customerId === null ? undefined : state.customers.get(order.customerId);
  return customer ? customerView(state, customer) : null;
}

/** Order.paymentTerms with its one payment schedule (the balance still owed). */
export function paymentTermsView(state: ShopState, order: OrderRec, orderView: () => object): object | null {
  const terms = order.paymentTerms;
  if (!terms) return null;
  const totals = orderTotals(order);
  const balance = Math.max(0, totals.total - totals.received);
  const now = new Date(state.now()).toISOString();
  const overdue = terms.dueAt !== null && terms.dueAt < now && balance > 0;
  const view: Record<string, unknown> = {
    __typename: "PaymentTerms",
    id: gid("PaymentTerms", terms.id),
    paymentTermsName: terms.name,
    translatedName: terms.name,
    paymentTermsType: terms.type,
    dueInDays: terms.dueInDays,
    due: overdue,
    overdue,
    order: orderView,
    draftOrder: null,
  };
  const schedule = {
    __typename: "PaymentSchedule",
    id: gid("PaymentSchedule", terms.id),
    issuedAt: terms.issuedAt,
    dueAt: terms.dueAt,
    completedAt: balance === 0 ? order.updatedAt : null,
    due: overdue,
    balanceDue: moneyV2(balance, order.currency),
    totalBalance: moneyV2(balance, order.currency),
    paymentTerms: view,
  };
  view.paymentSchedules = (args: Record<string, unknown>) =>
    paginateList([schedule], args as ConnectionArgs, () => terms.id);
  return view;
}

/** The REST order payload's `company` and `payment_terms`. */
export function b2bOrderPayload(state: ShopState, order: OrderRec): Record<string, unknown> {
  const location = order.companyLocationId === null ? undefined : state.companyLocations.get(order.companyLocationId);
  const terms = order.paymentTerms;
  const totals = orderTotals(order);
  return {
    company: location ? { id: location.companyId, location_id: location.id } : null,
    payment_terms: terms
      ? {
          id: terms.id,
          payment_terms_name: terms.name,
          payment_terms_type: terms.type,
          due_in_days: terms.dueInDays,
          amount: restMoney(totals.total),
          currency: order.currency,
          created_at: order.createdAt,
          updated_at: order.updatedAt,
          payment_schedules: [
            {
              id: terms.id,
              amount: restMoney(Math.max(0, totals.total - totals.received)),
              currency: order.currency,
              issued_at: terms.issuedAt,
              due_at: terms.dueAt,
              completed_at: null,
              created_at: order.createdAt,
              updated_at: order.updatedAt,
            },
          ],
        }
      : null,
  };
}
