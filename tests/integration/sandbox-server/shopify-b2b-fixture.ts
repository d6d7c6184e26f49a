import type { SeedOptions } from "../../../sandbox/shopify/contracts.ts";
import type { SandboxShopifyEngine } from "../../../sandbox/shopify/engine/create-engine.ts";
import { type CatalogSandbox, startCatalogSandbox } from "./shopify-catalog-fixture.ts";

/** Every customer and B2B topic the sandbox store announces, so a test sees each one it causes. */
export const B2B_TOPICS = [
  "customers/create",
  "customers/update",
  "customers/delete",
  "customers_email_marketing_consent/update",
  "customers_marketing_consent/update",
  "companies/create",
  "companies/update",
  "companies/delete",
  "company_locations/create",
  "company_locations/update",
  "company_locations/delete",
  "company_contacts/create",
  "company_contacts/update",
  "company_contacts/delete",
  "company_contact_roles/assign",
  "company_contact_roles/revoke",
  "orders/create",
  "orders/updated",
  "bulk_operations/finish",
];

export interface B2bSandbox extends CatalogSandbox {
  /** Waits until every webhook so far was delivered, then the topics received in order. */
  topics(): Promise<string[]>;
  /** Waits for delivery, then the bodies received for `topic`. */
  delivered(topic: string): Promise<Record<string, unknown>[]>;
  /** Forgets what was received so far (after setting a scene up). */
  clearWebhooks(): Promise<void>;
}

export async function startB2bSandbox(
  /** `seed: null` keeps the store as it is (a restored one); default: a small catalog without customers. */
  options: { seed?: SeedOptions | null; engine?: SandboxShopifyEngine } = {},
): Promise<B2bSandbox> {
  const sandbox = await startCatalogSandbox({
    topics: B2B_TOPICS,
    ...(options.seed === null
      ? {}
      : { seed: options.seed ?? { products: 2, variantsPerProduct: 1, locations: 1, customers: 0 } }),
    ...(options.engine ? { engine: options.engine } : {}),
  });
  const settle = async () => {
    await sandbox.engine.idle();
    await sandbox.server.webhooks.waitForIdle();
  };
  return {
    ...sandbox,
    async topics() {
      await settle();
      return sandbox.receiver.received.map((r) => String(r.headers["x-shopify-topic"]));
    },
    async delivered(topic) {
      await settle();
      return sandbox.webhooks(topic);
    },
    async clearWebhooks() {
      await settle();
      sandbox.receiver.received.length = 0;
    },
  };
}

export type UserErrors = { field: string[] | null; message: string; code?: string | null }[];

export const COMPANY_CREATE = `mutation($input: CompanyCreateInput!) { companyCreate(input: $input) {
  company {
    id name externalId note
    mainContact { id isMainContact title customer { id } }
    contactRoles(first: 5) { nodes { id name } }
    locations(first: 5) { nodes { id name } }
  }
  userErrors { field message code } } }`;

export interface CreatedCompany {
  id: string;
  name: string;
  externalId: string | null;
  note: string | null;
  mainContact: { id: string; isMainContact: boolean; title: string | null; customer: { id: string } } | null;
  contactRoles: { nodes: { id: string; name: string }[] };
  locations: { nodes: { id: string; name: string }[] };
}

/** companyCreate that must succeed; returns the company as COMPANY_CREATE selects it. */
export async function createCompany(sandbox: CatalogSandbox, input: Record<string, unknown>): Promise<CreatedCompany> {
  const body = await sandbox.gql<{ companyCreate: { company: CreatedCompany | null; userErrors: UserErrors } }>(
    COMPANY_CREATE,
    { input },
  );
  const result = body.data?.companyCreate;
  if (!result?.company) throw new Error(`companyCreate failed: ${JSON.stringify(body)}`);
  return result.company;
}

export const roleId = (company: CreatedCompany, name: string) =>
  company.contactRoles.nodes.find((r) => r.name === name)!.id;
