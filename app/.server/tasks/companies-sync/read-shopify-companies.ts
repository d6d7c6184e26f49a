import { z } from "zod";

import { runOperation, type ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import {
  COMPANIES_BY_ID_QUERY,
  COMPANIES_CHANGED_QUERY,
  COMPANIES_OF_LOCATIONS_QUERY,
  COMPANY_LOCATIONS_CHANGED_QUERY,
  COMPANY_LOCATIONS_PAGE_QUERY,
} from "../../adapters/shopify/company-queries.ts";
import { paginate } from "../../adapters/shopify/paginate.ts";
import type { CompanyLocationProfile, CompanyProfile } from "../../mapping/company-profile.ts";
import { cursorAfter, type UpdatedSinceCursor, updatedSinceSearch } from "../../shopify/updated-since-cursor.ts";

/** The run's cursor streams of Shopify companies and company locations read (Shopify → ERP). */
export const COMPANIES_STREAM = "shopify-companies";
export const COMPANY_LOCATIONS_STREAM = "shopify-company-locations";

// The trust boundary: Shopify's answer, parsed before the pure core sees it.
const nullableText = z
  .string()
  .nullish()
  .transform((v) => v ?? null);
const addressNode = z
  .object({
    address1: nullableText,
    address2: nullableText,
    city: nullableText,
    zip: nullableText,
    province: nullableText,
    zoneCode: nullableText,
    countryCode: nullableText,
    phone: nullableText,
    recipient: nullableText,
  })
  .nullish()
  .transform((v) => v ?? null);
const locationNode = z.object({
  id: z.string(),
  name: z.string(),
  phone: nullableText,
  billingAddress: addressNode,
  shippingAddress: addressNode,
  taxSettings: z
    .object({ taxRegistrationId: nullableText, taxExempt: z.boolean() })
    .nullish()
    .transform((v) => v ?? null),
  buyerExperienceConfiguration: z.object({ paymentTermsTemplate: z.object({ name: z.string() }).nullish() }).nullish(),
});
const locationsConnection = z.object({
  nodes: z.array(locationNode),
  pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
});
const companyNode = z.object({
  id: z.string(),
  name: z.string(),
  updatedAt: z.string(),
  mainContact: z
    .object({
      id: z.string(),
      customer: z.object({
        id: z.string(),
        firstName: nullableText,
        lastName: nullableText,
        defaultEmailAddress: z.object({ emailAddress: nullableText }).nullish(),
        defaultPhoneNumber: z.object({ phoneNumber: z.string() }).nullish(),
      }),
    })
    .nullish(),
  locations: locationsConnection,
});
type CompanyNode = z.infer<typeof companyNode>;

function toLocation(node: z.infer<typeof locationNode>): CompanyLocationProfile {
  return {
    id: node.id,
    name: node.name,
    phone: node.phone,
    billingAddress: node.billingAddress,
    shippingAddress: node.shippingAddress,
    taxRegistrationId: node.taxSettings?.taxRegistrationId?.trim() || null,
    taxExempt: node.taxSettings?.taxExempt ?? false,
    paymentTerms: node.buyerExperienceConfiguration?.paymentTermsTemplate?.name ?? null,
  };
}

function toCompany(node: CompanyNode, moreLocations: CompanyLocationProfile[]): CompanyProfile {
  const contact = node.mainContact;
  return {
    id: node.id,
    name: node.name,
    updatedAt: node.updatedAt,
    mainContact: contact
      ? {
          id: contact.id,
          customerId: contact.customer.id,
          firstName: contact.customer.firstName,
          lastName: contact.customer.lastName,
          email: contact.customer.defaultEmailAddress?.emailAddress?.trim() || null,
          phone: contact.customer.defaultPhoneNumber?.phoneNumber ?? null,
        }
      : null,
    locations: [...node.locations.nodes.map(toLocation), ...moreLocations],
  };
}

const locationsPageSchema = z.object({ company: z.object({ locations: locationsConnection }).nullable() });

/** A company with more than the 5 locations that came with it: the rest, page by page. */
async function restOfLocations(admin: ShopifyAdmin, node: CompanyNode): Promise<CompanyLocationProfile[]> {
  if (!node.locations.pageInfo.hasNextPage) return [];
  const rest: CompanyLocationProfile[] = [];
  for await (const page of paginate(
    admin,
    COMPANY_LOCATIONS_PAGE_QUERY,
    { companyId: node.id, after: node.locations.pageInfo.endCursor },
    {
      operation: "CompanyLocationsPage",
      connection: (data) =>
        locationsPageSchema.parse(data).company?.locations ?? {
          nodes: [],
          pageInfo: { hasNextPage: false, endCursor: null },
        },
      startAfter: node.locations.pageInfo.endCursor,
    },
  )) {
    rest.push(...z.array(locationNode).parse(page.nodes).map(toLocation));
  }
  return rest;
}

async function toCompanies(admin: ShopifyAdmin, nodes: CompanyNode[]): Promise<CompanyProfile[]> {
  const companies: CompanyProfile[] = [];
  for (const node of nodes) companies.push(toCompany(node, await restOfLocations(admin, node)));
  return companies;
}

const pageSchema = z.object({
  companies: z.object({
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
    nodes: z.array(companyNode),
  }),
});

/** 25 companies with up to 5 locations each: under the 1,000-point cap of one query. */
const PAGE_SIZE = 25;

export interface CompaniesPage {
  companies: CompanyProfile[];
  next: UpdatedSinceCursor | null;
  more: boolean;
}

/** Companies changed since the cursor (all of them without one), oldest change first. */
export async function* readChangedCompanies(
  admin: ShopifyAdmin,
  cursor: UpdatedSinceCursor | null,
  options: { maxPages: number },
): AsyncGenerator<CompaniesPage, void, undefined> {
  let next = cursor;
  for await (const page of paginate(
    admin,
    COMPANIES_CHANGED_QUERY,
    { first: PAGE_SIZE, query: updatedSinceSearch(cursor) },
    {
      operation: "CompaniesChanged",
      connection: (data) => pageSchema.parse(data).companies,
      maxPages: options.maxPages,
    },
  )) {
    const companies = await toCompanies(admin, z.array(companyNode).parse(page.nodes));
    next = cursorAfter(next, companies.at(-1));
    yield { companies, next, more: page.hasNextPage };
  }
}

const locationsChangedSchema = z.object({
  companyLocations: z.object({
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
    nodes: z.array(z.object({ id: z.string(), updatedAt: z.string(), company: z.object({ id: z.string() }) })),
  }),
});

/**
 * The companies whose locations changed since the cursor (a location's change leaves its
 * company's updatedAt alone), and where the cursor moves to once they are read again.
 */
export async function readCompaniesWithChangedLocations(
  admin: ShopifyAdmin,
  cursor: UpdatedSinceCursor | null,
  options: { maxPages: number },
): Promise<{ companyIds: string[]; next: UpdatedSinceCursor | null; more: boolean }> {
  const ids = new Set<string>();
  let next = cursor;
  let more = false;
  for await (const page of paginate(
    admin,
    COMPANY_LOCATIONS_CHANGED_QUERY,
    { first: 100, query: updatedSinceSearch(cursor) },
    {
      operation: "CompanyLocationsChanged",
      connection: (data) => locationsChangedSchema.parse(data).companyLocations,
      maxPages: options.maxPages,
    },
  )) {
    const nodes = locationsChangedSchema.shape.companyLocations.shape.nodes.parse(page.nodes);
    for (const node of nodes) ids.add(node.company.id);
    next = cursorAfter(next, nodes.at(-1));
    more = page.hasNextPage;
  }
  return { companyIds: [...ids], next, more };
}

const IDS_PER_READ = 25;

/** These companies as Shopify has them now; one it no longer has is left out. */
export async function readCompaniesById(admin: ShopifyAdmin, ids: readonly string[]): Promise<CompanyProfile[]> {
  const nodes: CompanyNode[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_READ) {
    const data = await runOperation(admin, COMPANIES_BY_ID_QUERY, { ids: ids.slice(i, i + IDS_PER_READ) });
    for (const node of z.array(z.unknown()).parse(data.nodes)) {
      const parsed = companyNode.safeParse(node);
      if (parsed.success) nodes.push(parsed.data);
    }
  }
  return toCompanies(admin, nodes);
}

const locationOfCompany = z.object({ id: z.string(), company: z.object({ id: z.string() }) });

/** The companies these locations belong to (one Shopify no longer has is left out). */
export async function companiesOfLocations(admin: ShopifyAdmin, locationIds: readonly string[]): Promise<string[]> {
  const ids = new Set<string>();
  for (let i = 0; i < locationIds.length; i += 100) {
    const data = await runOperation(admin, COMPANIES_OF_LOCATIONS_QUERY, { ids: locationIds.slice(i, i + 100) });
    for (const node of z.array(z.unknown()).parse(data.nodes)) {
      const parsed = locationOfCompany.safeParse(node);
      if (parsed.success) ids.add(parsed.data.company.id);
    }
  }
  return [...ids];
}
