import type { ServerResponse } from "node:http";

import type { BcError } from "../bc-error.ts";

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  // BC answers with the OData content type, metadata level minimal.
  res.writeHead(status, {
    "Content-Type": "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8",
    "OData-Version": "4.0",
    ...headers,
  });
  res.end(JSON.stringify(body));
}

export function sendBcError(res: ServerResponse, error: BcError): void {
  sendJson(res, error.status, error.body(), error.headers);
}

export function sendNoContent(res: ServerResponse, headers: Record<string, string> = {}): void {
  res.writeHead(204, { "OData-Version": "4.0", ...headers });
  res.end();
}
