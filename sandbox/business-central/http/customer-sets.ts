import { badRequest } from "../bc-error.ts";
import type { QueryOptions } from "../odata/query-options.ts";
import {
  type CodeList,
  createCodeDescription,
  createPaymentTerm,
  patchCodeDescription,
  patchPaymentTerm,
} from "../store/code-lists.ts";
import { contactInformationTable } from "../store/contact-information.ts";
import { createContact, deleteContact, patchContact } from "../store/contacts.ts";
import { isCustomerContact, patchCustomerContact } from "../store/customer-contacts.ts";
import { patchCustomerDetails } from "../store/customer-details.ts";
import type {
  CodeDescriptionRow,
  ContactRow,
  CustomerTemplateRow,
  PaymentTermRow,
  ShipToAddressRow,
} from "../store/customer-row-types.ts";
import { applyTemplateToCustomer, createCustomerTemplate, patchCustomerTemplate } from "../store/customer-templates.ts";
import { createCustomer, deleteCustomer, patchCustomer } from "../store/customers.ts";
import type { CustomerRow } from "../store/row-types.ts";
import { createShipToAddress, patchShipToAddress } from "../store/ship-to-addresses.ts";
import type { Table } from "../store/table.ts";
import { API_PAGES } from "./api-pages.ts";
import { CUSTOMER_API_PAGES, CUSTOMER_CUSTOM_PAGES } from "./customer-pages.ts";
import {
  applyTemplateInputSchema,
  codeDescriptionInputSchema,
  contactInputSchema,
  customerContactInputSchema,
  customerDetailsInputSchema,
  customerInputSchema,
  customerTemplateInputSchema,
  paymentTermInputSchema,
  shipToAddressInputSchema,
} from "./customer-schemas.ts";
import type { EntitySetDef } from "./entity-sets.ts";

const asTable = <T>(table: Table<T & { id: string; lastModifiedDateTime: string }>) =>
  table as unknown as Table<{ id: string; lastModifiedDateTime: string }>;

/** Whether a $filter names `field` in an `eq` (what a page's OnFindRecord reads with GetFilter). */
export function filtersOn(node: unknown, field: string): boolean {
  if (typeof node !== "object" || node === null) return false;
  const n = node as Record<string, unknown>;
  if (n.op === "and") return filtersOn(n.left, field) || filtersOn(n.right, field);
  if (n.op !== "eq") return false;
  return [n.left, n.right].some((side) => (side as Record<string, unknown> | undefined)?.field === field);
}

function codeDescriptionSet(list: "paymentMethods" | "shipmentMethods", entityType: string): EntitySetDef {
  return {
    entityType,
    page: CUSTOMER_API_PAGES.codeDescription,
    table: (d) => asTable(d[list]),
    defaultOrder: ["code"],
    create: (ctx, body) => createCodeDescription(ctx.data, list, codeDescriptionInputSchema.parse(body)),
    patch: (ctx, row, body) =>
      patchCodeDescription(ctx.data, list, row as CodeDescriptionRow, codeDescriptionInputSchema.parse(body)),
    remove: (ctx, row) => void ctx.data[list as CodeList].delete(row.id),
  };
}

/** Standard API v2.0 sets for customers and what hangs off them (merged into STANDARD_SETS). */
export const CUSTOMER_STANDARD_SETS: Record<string, EntitySetDef> = {
  customers: {
    entityType: "customer",
    page: API_PAGES.customer,
    table: (d) => asTable(d.customers),
    defaultOrder: ["number"],
    navigation: { contactsInformation: ["contactsInformation", "relatedId"] },
    create: (ctx, body) => createCustomer(ctx.data, customerInputSchema.parse(body)),
    patch: (ctx, row, body) => patchCustomer(ctx.data, row as CustomerRow, customerInputSchema.parse(body)),
    remove: (ctx, row) => deleteCustomer(ctx.data, row as CustomerRow),
  },
  paymentTerms: {
    entityType: "paymentTerm",
    page: CUSTOMER_API_PAGES.paymentTerm,
    table: (d) => asTable(d.paymentTerms),
    defaultOrder: ["code"],
    create: (ctx, body) => createPaymentTerm(ctx.data, paymentTermInputSchema.parse(body)),
    patch: (ctx, row, body) => patchPaymentTerm(ctx.data, row as PaymentTermRow, paymentTermInputSchema.parse(body)),
    remove: (ctx, row) => void ctx.data.paymentTerms.delete(row.id),
  },
  paymentMethods: codeDescriptionSet("paymentMethods", "paymentMethod"),
  shipmentMethods: codeDescriptionSet("shipmentMethods", "shipmentMethod"),
  contacts: {
    entityType: "contact",
    page: CUSTOMER_API_PAGES.contact,
    table: (d) => asTable(d.contacts),
    defaultOrder: ["number"],
    create: (ctx, body) => createContact(ctx.data, contactInputSchema.parse(body)),
    patch: (ctx, row, body) => patchContact(ctx.data, row as ContactRow, contactInputSchema.parse(body)),
    remove: (ctx, row) => deleteContact(ctx.data, row as ContactRow),
  },
  // InsertAllowed = false; the Person contacts with business relation Customer (OnOpenPage filters).
  customerContacts: {
    entityType: "customerContact",
    page: CUSTOMER_API_PAGES.customerContact,
    table: (d) => asTable(d.contacts),
    defaultOrder: ["id"],
    scope: (row) => isCustomerContact(row as unknown as ContactRow),
    patch: (ctx, row, body) => {
      const { id: _id, ...input } = customerContactInputSchema.parse(body);
      patchCustomerContact(ctx.data, row as ContactRow, input);
    },
    remove: (ctx, row) => deleteContact(ctx.data, row as ContactRow),
  },
  // InsertAllowed/ModifyAllowed/DeleteAllowed = false; a temporary table filled per read.
  contactsInformation: {
    entityType: "contactInformation",
    page: CUSTOMER_API_PAGES.contactInformation,
    keyField: "contactId",
    table: (d) => asTable(contactInformationTable(d)),
    defaultOrder: ["contactNumber"],
    checkList(options: QueryOptions, parentId: string | undefined) {
      // OnFindRecord: without a Related Id and Related Type filter (the customer's SubPageLink or
      // a $filter) the page refuses, in its own words.
      if (parentId) return;
      if (!filtersOn(options.filter, "relatedId") || !filtersOn(options.filter, "relatedType")) {
        throw badRequest("id type not specified.", "Application_DialogException");
      }
    },
  },
};

/** Companion pages (api/shopifyErpConnector/connector/v1.0) for the customer (merged into CUSTOM_SETS). */
export const CUSTOMER_CUSTOM_SETS: Record<string, EntitySetDef> = {
  // InsertAllowed = false, DeleteAllowed = false: customers are made and removed through API v2.0.
  customerDetails: {
    entityType: "customerDetail",
    page: CUSTOMER_CUSTOM_PAGES.customerDetails,
    table: (d) => asTable(d.customers),
    defaultOrder: ["number"],
    patch: (ctx, row, body) =>
      patchCustomerDetails(ctx.data, row as CustomerRow, customerDetailsInputSchema.parse(body)),
  },
  customerTemplates: {
    entityType: "customerTemplate",
    table: (d) => asTable(d.customerTemplates),
    defaultOrder: ["code"],
    create: (ctx, body) => createCustomerTemplate(ctx.data, customerTemplateInputSchema.parse(body)),
    patch: (ctx, row, body) =>
      patchCustomerTemplate(ctx.data, row as CustomerTemplateRow, customerTemplateInputSchema.parse(body)),
    remove: (ctx, row) => void ctx.data.customerTemplates.delete(row.id),
    actions: {
      "Microsoft.NAV.applyToCustomer": (ctx, row, body) =>
        applyTemplateToCustomer(ctx.data, row as CustomerTemplateRow, applyTemplateInputSchema.parse(body)),
    },
  },
  shipToAddresses: {
    entityType: "shipToAddress",
    table: (d) => asTable(d.shipToAddresses),
    defaultOrder: ["customerNumber", "code"],
    create: (ctx, body) => createShipToAddress(ctx.data, shipToAddressInputSchema.parse(body)),
    patch: (ctx, row, body) =>
      patchShipToAddress(ctx.data, row as ShipToAddressRow, shipToAddressInputSchema.parse(body)),
    remove: (ctx, row) => void ctx.data.shipToAddresses.delete(row.id),
  },
};
