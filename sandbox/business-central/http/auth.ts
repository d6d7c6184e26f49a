import type { IncomingMessage } from "node:http";

import { BcError } from "../bc-error.ts";
import type { TenantRegistry } from "../store/tenants.ts";

function unauthorized(message: string): BcError {
  return new BcError(401, "Authentication_InvalidCredentials", message, {
    "WWW-Authenticate":
      'Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_token"',
  });
}

/** Returns the principal (client id or basic user) the request runs as, or throws BC's 401. */
export function authenticate(req: IncomingMessage, tenantId: string, tenants: TenantRegistry): string {
  const header = req.headers.authorization ?? "";
  const [scheme = "", value = ""] = header.split(" ", 2);
  if (scheme.toLowerCase() === "bearer" && value) {
    const result = tenants.checkToken(value, tenantId);
    if ("clientId" in result) return result.clientId;
    // BC does not tell an expired token from a bad one in the body; the message is the same 401.
    throw unauthorized("The server has rejected the client credentials.");
  }
  if (scheme.toLowerCase() === "basic" && value) {
    const basic = tenants.basicAuth(tenantId);
    const [user, ...rest] = Buffer.from(value, "base64").toString("utf8").split(":");
    if (basic && user === basic.user && rest.join(":") === basic.password) return `basic:${user}`;
    throw unauthorized("The server has rejected the client credentials.");
  }
  throw unauthorized("The server has rejected the client credentials.");
}
