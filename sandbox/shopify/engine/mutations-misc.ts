import { createCustomer, updateCustomer } from "./customer-build.ts";
import type { Lazy } from "./field-resolver.ts";
import { idOf, parseGid } from "./gid.ts";
import { asInput, asList, str, upsertMetafields, type UserError } from "./input-helpers.ts";
import { orderPayload, productPayload } from "./payloads.ts";
import { customerPayload } from "./payloads-customer.ts";
import { emit, type ShopState, stamp } from "./shop-state.ts";
import type { MetafieldRec } from "./store-types.ts";
import { metafieldView } from "./views-common.ts";
import { customerView } from "./views-customer.ts";

interface Owner {
  list: MetafieldRec[];
  ownerType: string;
  /** Bumps updatedAt and announces the owner's update webhook. */
  touch: (at: string) => void;
}

function ownerOf(state: ShopState, ownerId: unknown): Owner | null {
  const parsed = parseGid(ownerId);
  if (!parsed) return null;
  switch (parsed.type) {
    case "Order": {
      const o = state.orders.get(parsed.id);
      return o
        ? {
            list: o.metafields,
            ownerType: "ORDER",
            touch: (at) => ((o.updatedAt = at), emit(state, "orders/updated", orderPayload(state, o))),
          }
        : null;
    }
    case "Product": {
      const p = state.products.get(parsed.id);
      return p
        ? {
            list: p.metafields,
            ownerType: "PRODUCT",
            touch: (at) => ((p.updatedAt = at), emit(state, "products/update", productPayload(state, p))),
          }
        : null;
    }
    case "ProductVariant": {
      const v = state.variants.get(parsed.id);
      const p = v ? state.products.get(v.productId) : undefined;
      return v && p
        ? {
            list: v.metafields,
            ownerType: "PRODUCTVARIANT",
            touch: (at) => (
              (v.updatedAt = at),
              (p.updatedAt = at),
              emit(state, "products/update", productPayload(state, p))
            ),
          }
        : null;
    }
    case "Customer": {
      const c = state.customers.get(parsed.id);
      return c
        ? {
            list: c.metafields,
            ownerType: "CUSTOMER",
            touch: (at) => ((c.updatedAt = at), emit(state, "customers/update", customerPayload(state, c))),
          }
        : null;
    }
    default:
      return null;
  }
}

export const miscMutations: Record<string, Lazy<unknown>> = {
  metafieldsSet: (args, { state }) => {
    const inputs = asList(args.metafields);
    const errors: (UserError & { elementIndex: number })[] = [];
    if (inputs.length > 25) {
      errors.push({
        field: ["metafields"],
        message: "Exceeded the maximum metafields input limit of 25.",
        code: "LESS_THAN_OR_EQUAL_TO",
        elementIndex: 0,
      });
    }
    inputs.forEach((m, i) => {
      if (!ownerOf(state, m.ownerId)) {
        errors.push({
          field: ["metafields", String(i), "ownerId"],
          message: "Owner does not exist.",
          code: "INVALID_VALUE",
          elementIndex: i,
        });
      }
      if (!str(m.key) || (str(m.key) ?? "").length < 2) {
        errors.push({
          field: ["metafields", String(i), "key"],
          message: "Key is too short (minimum is 2 characters)",
          code: "TOO_SHORT",
          elementIndex: i,
        });
      }
    });
    // Shopify applies metafieldsSet atomically: one bad entry and nothing is written.
    if (errors.length > 0) return { metafields: [], userErrors: errors };
    const at = stamp(state);
    const written: object[] = [];
    const touched = new Map<string, Owner["touch"]>();
    for (const m of inputs) {
      const owner = ownerOf(state, m.ownerId)!;
      for (const rec of upsertMetafields(state, owner.list, [m], at)) written.push(metafieldView(rec, owner.ownerType));
      touched.set(String(m.ownerId), owner.touch);
    }
    for (const touch of touched.values()) touch(at);
    return { metafields: written, userErrors: [] };
  },
  customerCreate: (args, { state }) => {
    const result = createCustomer(state, asInput(args.input) ?? {});
    return "message" in result
      ? { customer: null, userErrors: [result] }
      : { customer: customerView(state, result), userErrors: [] };
  },
  customerUpdate: (args, { state }) => {
    const input = asInput(args.input) ?? {};
    const rec = state.customers.get(idOf(input.id, "Customer") ?? -1);
    if (!rec) return { customer: null, userErrors: [{ field: ["id"], message: "Customer does not exist" }] };
    const result = updateCustomer(state, rec, input);
    return "message" in result
      ? { customer: null, userErrors: [result] }
      : { customer: customerView(state, result), userErrors: [] };
  },
};
