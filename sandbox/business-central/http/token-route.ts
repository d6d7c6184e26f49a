import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

import { z } from "zod";

import { readBody } from "../../common/http-request.ts";
import { type TenantRegistry, TOKEN_LIFETIME_SECONDS } from "../store/tenants.ts";

/** `/{tenant}/oauth2/v2.0/token`, as on login.microsoftonline.com. */
export const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;

const BC_SCOPE = "https://api.businesscentral.dynamics.com/.default";

const formSchema = z.object({
  grant_type: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  scope: z.string().optional(),
});

function sendEntraError(res: ServerResponse, status: number, error: string, code: number, description: string): void {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date().toISOString().replace("T", " ").slice(0, 19) + "Z";
  // Entra ID's error body; the description carries trace/correlation ids and a timestamp on extra lines.
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store, no-cache" });
  res.end(
    JSON.stringify({
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    }),
  );
}

/** Client-credentials grant for Business Central's scope: an opaque token bound to tenant + client. */
export async function handleToken(
  req: IncomingMessage,
  res: ServerResponse,
  tenantId: string,
  tenants: TenantRegistry,
): Promise<void> {
  if (req.method !== "POST") {
    sendEntraError(res, 405, "invalid_request", 900561, "The endpoint only accepts POST requests.");
    return;
  }
  const form = formSchema.parse(Object.fromEntries(new URLSearchParams(await readBody(req))));
  if (!tenants.hasTenant(tenantId)) {
    sendEntraError(
      res,
      400,
      "invalid_request",
      90002,
      `Tenant '${tenantId}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    );
    return;
  }
  if (form.grant_type !== "client_credentials") {
    sendEntraError(res, 400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
    return;
  }
  if (!form.client_id) {
    sendEntraError(
      res,
      400,
      "invalid_request",
      900144,
      "The request body must contain the following parameter: 'client_id'.",
    );
    return;
  }
  const secret = tenants.clientSecret(tenantId, form.client_id);
  if (secret === undefined) {
    sendEntraError(
      res,
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '${form.client_id}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    );
    return;
  }
  if (form.client_secret !== secret) {
    sendEntraError(
      res,
      401,
      "invalid_client",
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${form.client_id}'.`,
    );
    return;
  }
  if (form.scope !== BC_SCOPE) {
    sendEntraError(
      res,
      400,
      "invalid_scope",
      1002012,
      `The provided value for scope ${form.scope ?? ""} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    );
    return;
  }
  res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store, no-cache" });
  res.end(
    JSON.stringify({
      token_type: "Bearer",
      expires_in: TOKEN_LIFETIME_SECONDS,
      ext_expires_in: TOKEN_LIFETIME_SECONDS,
      access_token: tenants.issueToken(tenantId, form.client_id),
    }),
  );
}
