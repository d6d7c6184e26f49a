import type { CompanyAddressInput, CountryCode } from "../../types/admin.types.d.ts";
import { runOperation, type ShopifyAdmin } from "../adapters/shopify/admin-port.ts";
import {
  COMPANY_ASSIGN_MAIN_CONTACT_MUTATION,
  COMPANY_BY_EXTERNAL_ID_QUERY,
  COMPANY_CONTACT_ASSIGN_ROLE_MUTATION,
  COMPANY_CONTACT_CREATE_MUTATION,
  COMPANY_CREATE_MUTATION,
  COMPANY_LOCATION_ASSIGN_ADDRESS_MUTATION,
  COMPANY_UPDATE_MUTATION,
} from "../adapters/shopify/company-queries.ts";
import { describeUserErrors, type UserError } from "../adapters/shopify/errors.ts";
import type { ShopSettings } from "../domain/settings-schema.ts";
import type { ShopifyCompanyFields } from "../mapping/company-fields.ts";
import { CustomerRefused } from "./shopify-customer-writes.ts";

function refuse(errors: readonly UserError[] | undefined | null) {
  if (errors && errors.length > 0) throw new CustomerRefused(describeUserErrors(errors));
}

function addressInput(address: NonNullable<ShopifyCompanyFields["address"]>): CompanyAddressInput {
  const { countryCode, ...rest } = address;
  const nonEmpty = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== ""));
  return { ...nonEmpty, ...(/^[A-Z]{2}$/.test(countryCode) ? { countryCode: countryCode as CountryCode } : {}) };
}

/** "Can update Shopify companies": the company's name, and its main location's billing address. */
export async function updateShopifyCompany(
  admin: ShopifyAdmin,
  target: { companyId: string; mainLocationId: string | null },
  fields: ShopifyCompanyFields,
): Promise<void> {
  if (fields.name) {
    const { companyUpdate } = await runOperation(admin, COMPANY_UPDATE_MUTATION, {
      companyId: target.companyId,
      input: { name: fields.name },
    });
    refuse(companyUpdate?.userErrors);
  }
  if (!fields.address || !target.mainLocationId) return;
  const { companyLocationAssignAddress } = await runOperation(admin, COMPANY_LOCATION_ASSIGN_ADDRESS_MUTATION, {
    locationId: target.mainLocationId,
    address: addressInput(fields.address),
    addressTypes: ["BILLING"],
  });
  refuse(companyLocationAssignAddress?.userErrors);
}

/** Shopify's role names (every company has both) for the shop's default contact permission. */
const ROLE_NAMES = { location_admin: "Location admin", ordering_only: "Ordering only" } as const;

/**
 * "Add to Shopify" (BC report 30113): a company named as the ERP customer, its external id the
 * customer's number (so a retry finds it instead of making a second), one location with the
 * customer's address, and the main contact with the shop's default permission at that location.
 */
export async function createShopifyCompany(
  admin: ShopifyAdmin,
  input: {
    externalId: string;
    fields: ShopifyCompanyFields;
    contact: { email: string; firstName: string; lastName: string; phone: string } | null;
    permission: ShopSettings["companies"]["defaultContactPermission"];
  },
): Promise<{ id: string; created: boolean }> {
  const { companies } = await runOperation(admin, COMPANY_BY_EXTERNAL_ID_QUERY, {
    query: `external_id:"${input.externalId.replace(/"/g, "")}"`,
  });
  const same = companies.nodes.filter((c) => c.externalId === input.externalId);
  if (same.length > 1) {
    throw new CustomerRefused(
      `Shopify has ${same.length} companies with the external id ${input.externalId}; link one by hand`,
    );
  }
  if (same[0]) return { id: same[0].id, created: false };
  const address = input.fields.address ? addressInput(input.fields.address) : undefined;
  const { companyCreate } = await runOperation(admin, COMPANY_CREATE_MUTATION, {
    input: {
      company: { name: input.fields.name, externalId: input.externalId },
      companyLocation: {
        name: input.fields.name,
        ...(address ? { shippingAddress: address, billingSameAsShipping: true } : {}),
      },
    },
  });
  refuse(companyCreate?.userErrors);
  const company = companyCreate?.company;
  if (!company) throw new CustomerRefused("Shopify returned no company");
  const location = company.locations.nodes[0];
  if (input.contact && (input.contact.email || input.contact.phone)) {
    const contact = input.contact;
    const { companyContactCreate } = await runOperation(admin, COMPANY_CONTACT_CREATE_MUTATION, {
      companyId: company.id,
      input: Object.fromEntries(Object.entries(contact).filter(([, v]) => v !== "")),
    });
    refuse(companyContactCreate?.userErrors);
    const contactId = companyContactCreate?.companyContact?.id;
    if (contactId) {
      const { companyAssignMainContact } = await runOperation(admin, COMPANY_ASSIGN_MAIN_CONTACT_MUTATION, {
        companyId: company.id,
        companyContactId: contactId,
      });
      refuse(companyAssignMainContact?.userErrors);
    }
    const roleName = input.permission === "none" ? null : ROLE_NAMES[input.permission];
    const role = company.contactRoles.nodes.find((r) => r.name === roleName);
    if (contactId && role && location) {
      const { companyContactAssignRole } = await runOperation(admin, COMPANY_CONTACT_ASSIGN_ROLE_MUTATION, {
        companyContactId: contactId,
        companyContactRoleId: role.id,
        companyLocationId: location.id,
      });
      refuse(companyContactAssignRole?.userErrors);
    }
  }
  return { id: company.id, created: true };
}
