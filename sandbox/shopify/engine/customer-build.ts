import {
  addressFromInput,
  asList,
  type Input,
  normalizeTags,
  str,
  upsertMetafields,
  type UserError,
} from "./input-helpers.ts";
import { customerPayload } from "./payloads.ts";
import { emit, nextId, type ShopState, stamp } from "./shop-state.ts";
import type { CustomerRec } from "./store-types.ts";

function emailTaken(state: ShopState, email: string | null, exceptId: number | null): boolean {
  if (!email) return false;
  const wanted = email.toLowerCase();
  return [...state.customers.values()].some((c) => c.id !== exceptId && c.email?.toLowerCase() === wanted);
}

/** customerCreate's rules: some contact detail, a unique email. */
export function createCustomer(state: ShopState, input: Input): CustomerRec | UserError {
  const email = str(input.email);
  const phone = str(input.phone);
  if (!email && !phone && !str(input.firstName) && !str(input.lastName)) {
    return { field: null, message: "A name, phone number, or email address must be present" };
  }
  if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return { field: ["email"], message: "Email is invalid" };
  if (emailTaken(state, email, null)) return { field: ["email"], message: "Email has already been taken" };
  const at = stamp(state);
  const addresses = asList(input.addresses)
    .map((a) => addressFromInput(state, a))
    .filter((a) => a !== null);
  const rec: CustomerRec = {
    id: nextId(state, "Customer"),
    firstName: str(input.firstName),
    lastName: str(input.lastName),
    email,
    phone,
    note: str(input.note),
    tags: normalizeTags(input.tags),
    taxExempt: input.taxExempt === true,
    addresses,
    defaultAddressId: addresses[0]?.id ?? null,
    metafields: [],
    createdAt: at,
    updatedAt: at,
  };
  upsertMetafields(state, rec.metafields, asList(input.metafields), at);
  state.customers.set(rec.id, rec);
  emit(state, "customers/create", customerPayload(state, rec));
  return rec;
}

export function updateCustomer(state: ShopState, rec: CustomerRec, input: Input): CustomerRec | UserError {
  const email = input.email === undefined ? rec.email : str(input.email);
  if (emailTaken(state, email, rec.id)) return { field: ["email"], message: "Email has already been taken" };
  const at = stamp(state);
  rec.email = email;
  if (input.phone !== undefined) rec.phone = str(input.phone);
  if (input.firstName !== undefined) rec.firstName = str(input.firstName);
  if (input.lastName !== undefined) rec.lastName = str(input.lastName);
  if (input.note !== undefined) rec.note = str(input.note);
  if (input.tags !== undefined) rec.tags = normalizeTags(input.tags);
  if (input.taxExempt !== undefined) rec.taxExempt = input.taxExempt === true;
  if (Array.isArray(input.addresses)) {
    rec.addresses = asList(input.addresses)
      .map((a) => addressFromInput(state, a))
      .filter((a) => a !== null);
    rec.defaultAddressId = rec.addresses[0]?.id ?? null;
  }
  upsertMetafields(state, rec.metafields, asList(input.metafields), at);
  rec.updatedAt = at;
  emit(state, "customers/update", customerPayload(state, rec));
  return rec;
}

/** orderCreate's `customer.toUpsert`: match by id or email, else create. */
export function upsertCustomer(state: ShopState, input: Input): CustomerRec | UserError {
  const email = str(input.email)?.toLowerCase();
  const existing = [...state.customers.values()].find((c) => email && c.email?.toLowerCase() === email);
  return existing ? updateCustomer(state, existing, input) : createCustomer(state, input);
}
