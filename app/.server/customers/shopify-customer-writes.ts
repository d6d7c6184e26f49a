import type { CountryCode, MailingAddressInput } from "../../types/admin.types.d.ts";
import { runOperation, type ShopifyAdmin } from "../adapters/shopify/admin-port.ts";
import {
  CUSTOMER_ADDRESS_CREATE_MUTATION,
  CUSTOMER_ADDRESS_UPDATE_MUTATION,
  CUSTOMER_BY_EMAIL_QUERY,
  CUSTOMER_CREATE_MUTATION,
  CUSTOMER_UPDATE_MUTATION,
} from "../adapters/shopify/customer-queries.ts";
import { describeUserErrors, type UserError } from "../adapters/shopify/errors.ts";
import type { ShopifyCustomerFields } from "../mapping/customer-fields.ts";

/** Shopify refused the customer (its words): the customer's error, not the run's. */
export class CustomerRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CustomerRefused";
  }
}

function refuse(errors: readonly UserError[] | undefined) {
  if (errors && errors.length > 0) throw new CustomerRefused(describeUserErrors(errors));
}

/** Empty values are left out: Shopify would clear the field (or refuse an empty e-mail). */
function nonEmpty<T extends Record<string, string>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== "")) as Partial<T>;
}

/**
 * The address as Shopify's MailingAddressInput. The country code is only checked for its shape
 * here (the generated enum is a type, not a runtime list): a code Shopify does not know comes back
 * as a userError, shown on the customer.
 */
function addressInput(address: NonNullable<ShopifyCustomerFields["address"]>): MailingAddressInput {
  const { countryCode, ...rest } = address;
  return {
    ...nonEmpty(rest),
    ...(/^[A-Z]{2}$/.test(countryCode) ? { countryCode: countryCode as CountryCode } : {}),
  };
}

/**
 * Changes the customer's name, e-mail and phone, and its default address (updated in place, or
 * made when it has none). Sends only what the ERP has a value for.
 */
export async function updateShopifyCustomer(
  admin: ShopifyAdmin,
  target: { id: string; addressId: string | null },
  fields: ShopifyCustomerFields,
): Promise<void> {
  const { customerUpdate } = await runOperation(admin, CUSTOMER_UPDATE_MUTATION, {
    input: {
      id: target.id,
      ...nonEmpty({ firstName: fields.firstName, lastName: fields.lastName, email: fields.email, phone: fields.phone }),
    },
  });
  refuse(customerUpdate?.userErrors);
  if (!fields.address) return;
  if (target.addressId) {
    const { customerAddressUpdate } = await runOperation(admin, CUSTOMER_ADDRESS_UPDATE_MUTATION, {
      customerId: target.id,
      addressId: target.addressId,
      address: addressInput(fields.address),
    });
    refuse(customerAddressUpdate?.userErrors);
    return;
  }
  const { customerAddressCreate } = await runOperation(admin, CUSTOMER_ADDRESS_CREATE_MUTATION, {
    customerId: target.id,
    address: addressInput(fields.address),
  });
  refuse(customerAddressCreate?.userErrors);
}

/**
 * "Add to Shopify": the customer with this e-mail if Shopify has one (a retry, or a customer made
 * meanwhile in Shopify: linked, not doubled), else a new one with the default address.
 */
export async function createShopifyCustomer(
  admin: ShopifyAdmin,
  fields: ShopifyCustomerFields,
): Promise<{ id: string; created: boolean }> {
  if (fields.email) {
    const { customers } = await runOperation(admin, CUSTOMER_BY_EMAIL_QUERY, {
      query: `email:"${fields.email.replace(/"/g, "")}"`,
    });
    const same = customers.nodes.filter(
      (c) => c.defaultEmailAddress?.emailAddress?.toLowerCase() === fields.email.toLowerCase(),
    );
    if (same.length > 1) {
      throw new CustomerRefused(
        `Shopify has ${same.length} customers with the e-mail ${fields.email}; link one by hand`,
      );
    }
    if (same[0]) return { id: same[0].id, created: false };
  }
  const { customerCreate } = await runOperation(admin, CUSTOMER_CREATE_MUTATION, {
    input: {
      ...nonEmpty({ firstName: fields.firstName, lastName: fields.lastName, email: fields.email, phone: fields.phone }),
      ...(fields.address ? { addresses: [addressInput(fields.address)] } : {}),
    },
  });
  refuse(customerCreate?.userErrors);
  if (!customerCreate?.customer) throw new CustomerRefused("Shopify returned no customer");
  return { id: customerCreate.customer.id, created: true };
}
