import { z } from "zod";

import type {
  CompanyAddressRec,
  CompanyContactRec,
  CompanyLocationRec,
  CompanyRec,
  CompanyRoleAssignmentRec,
} from "./store-types-company.ts";

// As in snapshot-schema.ts: each schema `satisfies` its record type, so a field added to the
// record without a line here fails the type check.

const int = z.number().int();
const str = z.string();
const strOrNull = z.string().nullable();

const companyAddress = z.object({
  id: int,
  address1: str,
  address2: strOrNull,
  city: strOrNull,
  countryCode: str,
  zoneCode: strOrNull,
  zip: strOrNull,
  firstName: strOrNull,
  lastName: strOrNull,
  phone: strOrNull,
  recipient: strOrNull,
  createdAt: str,
  updatedAt: str,
}) satisfies z.ZodType<CompanyAddressRec>;

export const companySchema = z.object({
  id: int,
  name: str,
  note: strOrNull,
  externalId: strOrNull,
  customerSince: str,
  mainContactId: int.nullable(),
  contactRoles: z.array(z.object({ id: int, name: str, note: strOrNull })),
  createdAt: str,
  updatedAt: str,
}) satisfies z.ZodType<CompanyRec>;

export const companyLocationSchema = z.object({
  id: int,
  companyId: int,
  name: str,
  externalId: strOrNull,
  phone: strOrNull,
  locale: strOrNull,
  note: strOrNull,
  billingAddress: companyAddress.nullable(),
  shippingAddress: companyAddress.nullable(),
  taxRegistrationId: strOrNull,
  taxExempt: z.boolean(),
  taxExemptions: z.array(str),
  buyerExperience: z
    .object({
      paymentTermsTemplateId: int.nullable(),
      checkoutToDraft: z.boolean(),
      editableShippingAddress: z.boolean(),
    })
    .nullable(),
  createdAt: str,
  updatedAt: str,
}) satisfies z.ZodType<CompanyLocationRec>;

export const companyContactSchema = z.object({
  id: int,
  companyId: int,
  customerId: int,
  title: strOrNull,
  locale: strOrNull,
  createdAt: str,
  updatedAt: str,
}) satisfies z.ZodType<CompanyContactRec>;

export const companyRoleAssignmentSchema = z.object({
  id: int,
  companyId: int,
  contactId: int,
  locationId: int,
  roleId: int,
  createdAt: str,
  updatedAt: str,
}) satisfies z.ZodType<CompanyRoleAssignmentRec>;
