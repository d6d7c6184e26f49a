import type { IncomingMessage, ServerResponse } from "node:http";

import { z } from "zod";

import { readBody } from "../../common/http-request.ts";
import type { ShopifyEngine } from "../contracts.ts";
import type { AppRegistry } from "./app-registry.ts";
import { sendJson } from "./http-util.ts";

export const API_VERSION = "2026-10";
export const GRAPHQL_PATH = /^\/admin\/api\/([^/]+)\/graphql\.json$/;

const INVALID_TOKEN_BODY = {
  errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
};

const graphqlBody = z.object({
  query: z.string().min(1),
  variables: z.record(z.string(), z.unknown()).nullish(),
  operationName: z.string().nullish(),
});

export async function handleGraphql(
  req: IncomingMessage,
  res: ServerResponse,
  version: string,
  deps: { engine: ShopifyEngine; registry: AppRegistry },
): Promise<void> {
  if (req.method !== "POST") {
    sendJson(res, 405, { errors: "Method not allowed: the sandbox Admin API takes POST only" });
    return;
  }
  if (version !== API_VERSION) {
    sendJson(res, 404, {
      errors: `Not Found: the sandbox serves Admin API version ${API_VERSION} only (requested ${version})`,
    });
    return;
  }
  const tokenHeader = req.headers["x-shopify-access-token"];
  const token = Array.isArray(tokenHeader) ? tokenHeader[0] : tokenHeader;
  const issued = token ? deps.registry.lookupToken(token) : undefined;
  if (!issued) {
    sendJson(res, 401, INVALID_TOKEN_BODY);
    return;
  }
  const raw = await readBody(req);
  let json: unknown;
  try {
    json = JSON.parse(raw) as unknown;
  } catch {
    sendJson(res, 400, { errors: { query: "Required parameter missing or invalid" } });
    return;
  }
  const parsed = graphqlBody.safeParse(json);
  if (!parsed.success) {
    sendJson(res, 400, { errors: { query: "Required parameter missing or invalid" } });
    return;
  }
  const result = await deps.engine.execute({
    shop: issued.shop,
    apiKey: issued.apiKey,
    query: parsed.data.query,
    variables: parsed.data.variables ?? null,
    operationName: parsed.data.operationName ?? null,
    costDebug: req.headers["shopify-graphql-cost-debug"] === "1",
  });
  if (result.dropped === "reset") {
    // The change is made; the caller sees the connection die before any byte of the answer.
    res.destroy();
    return;
  }
  sendJson(res, result.status, result.body, result.headers ?? {});
}
