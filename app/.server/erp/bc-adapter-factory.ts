import { systemClock } from "../adapters/clock.ts";
import { onlineUrls } from "../adapters/erp/business-central/config.ts";
import { createBusinessCentralAdapter } from "../adapters/erp/business-central/create-adapter.ts";
import { BcThrottleRegistry } from "../adapters/erp/business-central/throttle.ts";
import type { ErpAdapter } from "../adapters/erp/port.ts";
import type { ErpRequestLog } from "../adapters/erp/request-log.ts";
import { getConfig } from "../config.ts";
import type { StoredConnectionSettings } from "./connection-form.ts";

/** One per process: every adapter of a connection shares its 5 request slots and request budget. */
const throttles = new BcThrottleRegistry(systemClock);

const MICROSOFT_HOSTS = new Set(["api.businesscentral.dynamics.com", "login.microsoftonline.com"]);

/**
 * The composition root for the Business Central adapter: settings + secret (+ where its calls are
 * logged) → adapter. With
 * BUSINESS_CENTRAL_SANDBOX_URL set (offline demo and tests), calls to Microsoft's hosts go to the
 * sandbox instead, paths unchanged.
 */
export function businessCentralAdapter(
  settings: StoredConnectionSettings,
  secret: string,
  options: { log?: ErpRequestLog } = {},
): ErpAdapter {
  const sandbox = getConfig().BUSINESS_CENTRAL_SANDBOX_URL;
  const companyId = settings.companyId || undefined;
  const config =
    settings.mode === "online"
      ? (() => {
          const urls = onlineUrls(settings.tenant, settings.environment);
          return {
            apiBaseUrl: urls.apiBaseUrl,
            auth: {
              kind: "oauth" as const,
              tokenUrl: urls.tokenUrl,
              clientId: settings.clientId,
              clientSecret: secret,
            },
            companyId,
          };
        })()
      : {
          apiBaseUrl: settings.apiBaseUrl,
          auth: { kind: "basic" as const, username: settings.username, password: secret },
          companyId,
        };
  return createBusinessCentralAdapter(config, {
    throttles,
    ...(options.log ? { log: options.log } : {}),
    ...(sandbox ? { fetch: redirectMicrosoftHosts(sandbox) } : {}),
  });
}

function redirectMicrosoftHosts(sandboxOrigin: string): typeof fetch {
  const origin = new URL(sandboxOrigin);
  return (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    if (!MICROSOFT_HOSTS.has(url.hostname)) return fetch(url, init);
    // As a reverse proxy would: the sandbox then writes its nextLinks on Microsoft's host, which the
    // adapter accepts (a continuation link must stay on the server it came from) and this sends back here.
    const headers = new Headers(init?.headers);
    headers.set("X-Forwarded-Host", url.host);
    headers.set("X-Forwarded-Proto", url.protocol.replace(":", ""));
    url.protocol = origin.protocol;
    url.host = origin.host;
    return fetch(url, { ...init, headers });
  };
}
