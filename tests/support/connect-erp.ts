import { saveConnectionForm } from "../../app/.server/erp/connections.ts";
import type { BusinessCentralSandbox } from "../../sandbox/business-central/sandbox-api.ts";
import type { SeedCatalogOptions } from "../../sandbox/shopify/seed/catalog-types.ts";

const ENV = "production";
/** The app registration every such tenant knows (tests that call BC directly sign in with it). */
export const TEST_ERP_CLIENT = { clientId: "test-client", clientSecret: "test-client-secret" };

/**
 * A BC tenant and company of the shop's own in the sandbox, seeded with the catalog the sandbox
 * store seeds for the same options (SKUs, locations and customers match), and the shop connected
 * to it through the app's own connection service.
 */
export async function connectToNewCompany(
  bc: BusinessCentralSandbox,
  shopId: number,
  input: { tenant: string; name: string; seed?: SeedCatalogOptions },
) {
  bc.addTenant({ tenantId: input.tenant, environment: ENV, clients: [TEST_ERP_CLIENT] });
  const company = bc.addCompany(input.tenant, ENV, { name: input.name });
  bc.seed(input.tenant, ENV, company.info.id, input.seed ?? { products: 4, variantsPerProduct: 2, customers: 3 });
  const connected = await saveConnectionForm(shopId, {
    mode: "online",
    tenant: input.tenant,
    environment: ENV,
    ...TEST_ERP_CLIENT,
    companyId: company.info.id,
  });
  if (!connected.ok) throw new Error(connected.message);
  return { company, tenant: input.tenant, environment: ENV };
}
