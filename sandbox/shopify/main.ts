// Runs the sandbox Shopify store on its own:
//   node sandbox/shopify/main.ts --port 8790 [--host 127.0.0.1] [--shop demo-shop.myshopify.com] [--seed 1]
//     [--app-config path/to/app.json]   (JSON: {apiKey, apiSecret, appUrl, scopes, webhooks, name?, accessToken?})
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";

import { z } from "zod";

import { createShopifyEngine } from "./engine/create-engine.ts";
import { registeredAppSchema } from "./server/app-registry.ts";
import { createShopifySandboxServer } from "./server/create-server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8790" },
    host: { type: "string", default: "127.0.0.1" },
    shop: { type: "string" },
    seed: { type: "string" },
    "app-config": { type: "string" },
  },
});

const appConfigSchema = registeredAppSchema.extend({ accessToken: z.string().optional() });

const engine = createShopifyEngine();
const server = await createShopifySandboxServer({
  engine,
  port: Number(values.port),
  host: values.host,
  log: (line) => console.log(line),
});

if (values.shop) {
  engine.createShop({ domain: values.shop });
  if (values.seed !== undefined) console.log("seeded", engine.seed(values.shop, { seed: Number(values.seed) }));
}
if (values["app-config"]) {
  const { accessToken, ...app } = appConfigSchema.parse(JSON.parse(await readFile(values["app-config"], "utf8")));
  server.registerApp(app);
  if (values.shop) {
    const installed = server.installApp(
      values.shop,
      app.apiKey,
      accessToken === undefined ? undefined : { accessToken },
    );
    console.log(`installed ${app.apiKey} on ${values.shop}; offline token ${installed.accessToken}`);
    console.log(`admin: ${server.url}/store/${values.shop.replace(".myshopify.com", "")}/apps/${app.apiKey}`);
  }
}

const shutdown = () => {
  void server.close().then(() => process.exit(0));
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
