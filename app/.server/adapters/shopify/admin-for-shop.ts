import { getConfig } from "../../config.ts";
import { AdminClient } from "./admin-client.ts";
import { CostLimiter } from "./cost-limiter.ts";
import { adminGraphqlEndpoint } from "./endpoint.ts";
import type { ApiRequestLog } from "./request-log.ts";

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
 * The ShopifyAdmin port for one shop: its token, the sandbox when configured, the process's cost
 * limiter of the shop, and the request log the caller composes (app/.server/shopify/shopify-log-sink.ts
 * keeps it in the shop's API log; the adapter does not write tables itself).
 */
export function adminForShop(input: {
  shop: string;
  accessToken: string | (() => Promise<string>);
  /** Where each call is reported (the shop's API log, composed by the caller). */
  log: ApiRequestLog;
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
    log: input.log,
  });
}
