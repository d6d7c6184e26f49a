import { type ConnectionArgs, mapConnection, paginate, paginateList } from "./connection.ts";
import { gid } from "./gid.ts";
import { moneyV2 } from "./money.ts";
import { orderTotals } from "./order-totals.ts";
import type { ShopState } from "./shop-state.ts";
import type { CustomerRec } from "./store-types.ts";
import { addressView, metafieldFields } from "./views-common.ts";
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
    state: "ENABLED",
    locale: "en",
    verifiedEmail: Boolean(rec.email),
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    numberOfOrders: String(orders().length),
    amountSpent: moneyV2(spent, state.info.currencyCode),
    defaultEmailAddress: rec.email
      ? {
          __typename: "CustomerEmailAddress",
          emailAddress: rec.email,
          marketingState: "NOT_SUBSCRIBED",
          validFormat: true,
        }
      : null,
    defaultPhoneNumber: rec.phone
      ? { __typename: "CustomerPhoneNumber", phoneNumber: rec.phone, marketingState: "NOT_SUBSCRIBED" }
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
