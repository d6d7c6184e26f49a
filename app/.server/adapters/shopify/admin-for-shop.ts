import { getConfig } from "../../config.ts";
import { AdminClient } from "./admin-client.ts";
import { createApiLogSink } from "./api-log-sink.ts";
import { adminGraphqlEndpoint } from "./endpoint.ts";

/**
 * The composition root for the ShopifyAdmin port: one shop, its offline token, the sandbox when
 * configured, and every failed call (every call, with full logging) in the shop's API log.
 */
export function adminForShop(input: {
  shop: string;
  shopId: number;
  accessToken: string | (() => Promise<string>);
  logSuccesses: boolean;
}): AdminClient {
  const config = getConfig();
  return new AdminClient({
    shop: input.shop,
    accessToken: input.accessToken,
    endpoint: adminGraphqlEndpoint(input.shop, { sandboxOrigin: config.SHOPIFY_SANDBOX_URL }),
    log: createApiLogSink({
      shopId: input.shopId,
      logSuccesses: input.logSuccesses,
      onWriteError: (error) => console.error(`api log write failed for ${input.shop}:`, error),
    }),
  });
}
