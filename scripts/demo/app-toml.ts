import { readFile } from "node:fs/promises";

import { parse } from "smol-toml";
import { z } from "zod";

const tomlSchema = z.object({
  access_scopes: z.object({ scopes: z.string() }),
  webhooks: z.object({
    api_version: z.string(),
    subscriptions: z.array(
      z.object({
        topics: z.array(z.string()).optional(),
        compliance_topics: z.array(z.string()).optional(),
        uri: z.string(),
      }),
    ),
  }),
});

/** What `shopify app deploy` would register from shopify.app.toml: scopes and webhook subscriptions. */
export async function readAppToml(path = "shopify.app.toml") {
  const toml = tomlSchema.parse(parse(await readFile(path, "utf8")));
  return {
    scopes: toml.access_scopes.scopes.split(",").map((s) => s.trim()),
    apiVersion: toml.webhooks.api_version,
    webhooks: toml.webhooks.subscriptions.map((s) => ({
      topics: [...(s.topics ?? []), ...(s.compliance_topics ?? [])],
      uri: s.uri,
    })),
  };
}
