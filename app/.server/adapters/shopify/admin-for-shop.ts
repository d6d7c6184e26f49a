import { getConfig } from "../../config.ts";
import { AdminClient } from "./admin-client.ts";
import { createShopifyLogSink } from "./api-log-sink.ts";
import { CostLimiter } from "./cost-limiter.ts";
import { adminGraphqlEndpoint } from "./endpoint.ts";

/**
 * One cost limiter per shop for the whole process: Shopify's bucket is per app and store, so every
 * client of a shop (concurrent jobs included) must draw from one picture of it.
 */
const limiters = new Map<string, CostLimiter>();

function limiterFor(shop: string): CostLimiter {
  let limiter = limiters.get(shop);
  if (!limiter) {
    limiter = new CostLimiter();
    limiters.set(shop, limiter);
  }
  return limiter;
}

/**
 * The composition root for the ShopifyAdmin port: one shop, its offline token, the sandbox when
 * configured, and every failed call (every call, with full logging) in the shop's API log.
 */
export function adminForShop(input: {
  shop: string;
  shopId: number;
  accessToken: string | (() => Promise<string>);
  logSuccesses: boolean;
  /** The shop's kill switch is off: mutations are refused before they are sent. */
  refuseWrites?: boolean;
}): AdminClient {
  const config = getConfig();
  return new AdminClient({
    shop: input.shop,
    accessToken: input.accessToken,
    endpoint: adminGraphqlEndpoint(input.shop, { sandboxOrigin: config.SHOPIFY_SANDBOX_URL }),
    limiter: limiterFor(input.shop),
    refuseMutations: input.refuseWrites ?? false,
    log: createShopifyLogSink({
      shopId: input.shopId,
      logSuccesses: input.logSuccesses,
      onWriteError: (error) => console.error(`api log write failed for ${input.shop}:`, error),
    }),
  });
}
