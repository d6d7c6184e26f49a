import type { CustomerInput, ItemInput, WriteResult } from "../port.ts";
import type { BcContext } from "./context.ts";
import { eq } from "./odata.ts";
import { fromDecimal } from "./schemas.ts";
import { requireValue, upsertByKey } from "./upsert.ts";

const ITEM_TYPES = { inventory: "Inventory", service: "Service", nonInventory: "Non-Inventory" } as const;

/** By number once linked; by email before that (BC has no unique email, the first match wins). */
export async function upsertCustomer(ctx: BcContext, input: CustomerInput): Promise<WriteResult> {
  const key = requireValue(input.shopifyKey.value, `customer ${input.shopifyKey.kind}`);
  const a = input.address;
  const fields = {
    displayName: input.displayName,
    type: input.type === undefined ? undefined : input.type === "company" ? "Company" : "Person",
    email: input.email ?? (input.shopifyKey.kind === "email" ? key : undefined),
    phoneNumber: input.phoneNumber,
    currencyCode: input.currencyCode,
    ...(a
      ? {
          addressLine1: a.line1,
          addressLine2: a.line2,
          city: a.city,
          state: a.state,
          country: a.countryCode,
          postalCode: a.postalCode,
        }
      : {}),
  };
  const result = await upsertByKey(ctx, {
    operation: "upsertCustomer",
    entitySet: "customers",
    filter: eq(input.shopifyKey.kind === "number" ? "number" : "email", key),
    fields,
    ...(input.shopifyKey.kind === "number" ? { createOnly: { number: key } } : {}),
  });
  ctx.idCache.set(`customer:${result.ref.number}`, result.ref.id);
  return result;
}

export async function upsertItem(ctx: BcContext, input: ItemInput): Promise<WriteResult> {
  const number = requireValue(input.number, "item number");
  const result = await upsertByKey(ctx, {
    operation: "upsertItem",
    entitySet: "items",
    filter: eq("number", number),
    fields: {
      displayName: input.displayName,
      type: input.type === undefined ? undefined : ITEM_TYPES[input.type],
      unitPrice: input.unitPrice === undefined ? undefined : fromDecimal(input.unitPrice, "unitPrice"),
      gtin: input.gtin,
      baseUnitOfMeasureCode: input.baseUnitOfMeasureCode,
    },
    createOnly: { number },
  });
  ctx.idCache.set(`item:${number}`, result.ref.id);
  return result;
}
