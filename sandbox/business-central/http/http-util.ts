import type { IncomingMessage, ServerResponse } from "node:http";

import type { BcError } from "../bc-error.ts";

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}

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

export function isLoopback(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? "";
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}
