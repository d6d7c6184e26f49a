import { type ConnectionArgs, mapConnection, paginate, paginateList } from "./connection.ts";
import { gid } from "./gid.ts";
import { moneyV2 } from "./money.ts";
import { orderTotals } from "./order-totals.ts";
import type { ShopState } from "./shop-state.ts";
import type { CustomerRec, MarketingConsentRec } from "./store-types.ts";
import { addressView, lifetime, metafieldFields } from "./views-common.ts";
import { companyContactView } from "./views-company.ts";
import { orderView } from "./views-order.ts";

export function customerView(state: ShopState, rec: CustomerRec): object {
  const displayName = [rec.firstName, rec.lastName].filter(Boolean).join(" ") || rec.email || rec.phone || "";
  const orders = () => [...state.orders.values()].filter((o) => o.customerId === rec.id);
  const defaultAddress = rec.addresses.find((a) => a.id === rec.defaultAddressId) ?? null;
  const spent = orders()
    .filter((o) => !o.cancelledAt)
    .reduce((sum, o) => sum + orderTotals(o).total, 0);
  return {
    __typename: "Customer",
    id: gid("Customer", rec.id),
    legacyResourceId: String(rec.id),
    firstName: rec.firstName,
    lastName: rec.lastName,
    displayName,
    email: rec.email,
    phone: rec.phone,
    note: rec.note,
    tags: rec.tags,
    taxExempt: rec.taxExempt,
    taxExemptions: rec.taxExemptions,
    state: "ENABLED",
    locale: rec.locale,
    canDelete: orders().length === 0,
    lifetimeDuration: lifetime(state, rec.createdAt),
    dataSaleOptOut: false,
    emailMarketingConsent: rec.email ? consentState(rec.emailMarketingConsent, false) : null,
    smsMarketingConsent: rec.phone ? consentState(rec.smsMarketingConsent, true) : null,
    companyContactProfiles: () =>
      [...state.companyContacts.values()]
        .filter((c) => c.customerId === rec.id)
        .map((c) => companyContactView(state, c)),
    verifiedEmail: Boolean(rec.email),
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    numberOfOrders: String(orders().length),
    amountSpent: moneyV2(spent, state.info.currencyCode),
    defaultEmailAddress: rec.email
      ? {
          __typename: "CustomerEmailAddress",
          emailAddress: rec.email,
          marketingState: emailAddressState(rec.emailMarketingConsent.state),
          marketingOptInLevel: rec.emailMarketingConsent.optInLevel,
          marketingUpdatedAt: rec.emailMarketingConsent.updatedAt,
          validFormat: true,
          sourceLocation: null,
        }
      : null,
    defaultPhoneNumber: rec.phone
      ? {
          __typename: "CustomerPhoneNumber",
          phoneNumber: rec.phone,
          marketingState: rec.smsMarketingConsent.state,
          marketingOptInLevel: rec.smsMarketingConsent.optInLevel,
          marketingUpdatedAt: rec.smsMarketingConsent.updatedAt,
          marketingCollectedFrom: rec.smsMarketingConsent.collectedFrom,
          sourceLocation: null,
          smsMarketingConsent: marketingConsent(rec.smsMarketingConsent, "CustomerSmsMarketingConsent"),
          whatsAppMarketingConsent: marketingConsent(
            { state: "NOT_SUBSCRIBED", optInLevel: null, updatedAt: null, collectedFrom: null },
            "CustomerWhatsAppMarketingConsent",
          ),
        }
      : null,
    defaultAddress: addressView(defaultAddress, displayName),
    addresses: () => rec.addresses.map((a) => addressView(a, displayName)),
    addressesV2: (args: Record<string, unknown>) =>
      mapConnection(
        paginateList(rec.addresses, args as ConnectionArgs, (a) => a.id),
        (a) => addressView(a, displayName),
      ),
    orders: (args: Record<string, unknown>) =>
      mapConnection(
        paginate(orders(), args as ConnectionArgs, (o) => ({ id: o.id, value: o.processedAt })),
        (o) => orderView(state, o),
      ),
    lastOrder: () => {
      const last = orders().at(-1);
      return last ? orderView(state, last) : null;
    },
    ...metafieldFields(() => rec.metafields, "CUSTOMER"),
  };
}

/**
 * CustomerEmailAddress.marketingState has no REDACTED (the consent state does): a redacted
 * address is not subscribed any more, which the sandbox answers as UNSUBSCRIBED.
 */
function emailAddressState(state: string): string {
  return state === "REDACTED" ? "UNSUBSCRIBED" : state;
}

/** The deprecated Customer.emailMarketingConsent / smsMarketingConsent objects. */
function consentState(c: MarketingConsentRec, sms: boolean): object {
  return {
    __typename: sms ? "CustomerSmsMarketingConsentState" : "CustomerEmailMarketingConsentState",
    marketingState: c.state,
    // Non-null for SMS in the schema: Shopify answers UNKNOWN where nothing was recorded.
    marketingOptInLevel: c.optInLevel ?? (sms ? "UNKNOWN" : null),
    consentUpdatedAt: c.updatedAt,
    sourceLocation: null,
    ...(sms ? { consentCollectedFrom: c.collectedFrom } : {}),
  };
}

/** The newer CustomerSmsMarketingConsent shape, where "never subscribed" has its own name. */
function marketingConsent(c: MarketingConsentRec, typename: string): object {
  return {
    __typename: typename,
    state: c.state === "NOT_SUBSCRIBED" ? "NEVER_SUBSCRIBED" : c.state,
    optInLevel: c.optInLevel,
    updatedAt: c.updatedAt,
    collectedFrom: c.collectedFrom,
    sourceLocation: null,
  };
}
