// Runs the sandbox Business Central on its own, with a demo tenant seeded like the Shopify sandbox:
//   node sandbox/business-central/main.ts --port 8791 [--host 127.0.0.1] [--seed 1] [--products 10]
//     [--tenant demo-tenant] [--environment production] [--client-id demo-client] [--client-secret demo-secret]
import { parseArgs } from "node:util";

import { createBusinessCentralSandbox } from "./create-server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8791" },
    host: { type: "string", default: "127.0.0.1" },
    seed: { type: "string", default: "1" },
    products: { type: "string" },
    tenant: { type: "string", default: "demo-tenant" },
    environment: { type: "string", default: "production" },
    "client-id": { type: "string", default: "demo-client" },
    "client-secret": { type: "string", default: "demo-secret" },
    "company-id": { type: "string", default: "5a3e7c2d-0000-4000-8000-00000000c001" },
  },
});

const sandbox = await createBusinessCentralSandbox({
  port: Number(values.port),
  host: values.host,
  log: (line) => console.log(line),
});
const tenant = values.tenant;
const environment = values.environment;
sandbox.addTenant({
  tenantId: tenant,
  environment,
  clients: [{ clientId: values["client-id"], clientSecret: values["client-secret"] }],
});
const company = sandbox.addCompany(tenant, environment, {
  id: values["company-id"],
  name: "CRONUS USA, Inc.",
  displayName: "CRONUS USA, Inc.",
});
const summary = sandbox.seed(tenant, environment, company.info.id, {
  seed: Number(values.seed),
  ...(values.products ? { products: Number(values.products) } : {}),
});
console.log("seeded", summary);
console.log(`token:   POST ${sandbox.tokenUrl(tenant)} (client ${values["client-id"]} / ${values["client-secret"]})`);
console.log(`api:     ${sandbox.apiBaseUrl(tenant, environment)}/companies(${company.info.id})/items`);
console.log(
  `custom:  ${sandbox.customApiBaseUrl(tenant, environment)}/companies(${company.info.id})/inventoryByLocation`,
);
console.log(
  `picture: PATCH ${sandbox.apiBaseUrl(tenant, environment)}/companies(${company.info.id})/items({id})/picture/pictureContent (raw bytes, If-Match: *)`,
);

const shutdown = () => {
  void sandbox.close().then(() => process.exit(0));
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
