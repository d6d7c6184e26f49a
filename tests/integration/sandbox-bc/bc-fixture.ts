import { createBusinessCentralSandbox } from "../../../sandbox/business-central/create-server.ts";
import type { BusinessCentralSandbox } from "../../../sandbox/business-central/sandbox-api.ts";

export const TENANT = "contoso-tenant";
export const ENV = "production";
export const CLIENT = { clientId: "11111111-2222-3333-4444-555555555555", clientSecret: "s3cret~value" };
export const COMPANY_ID = "5a3e7c2d-0000-4000-8000-00000000c001";
export const BC_SCOPE = "https://api.businesscentral.dynamics.com/.default";

export interface BcFixture {
  sandbox: BusinessCentralSandbox;
  clock: { now: number };
  token: string;
  /** `${apiBaseUrl}/companies(${COMPANY_ID})` */
  company: string;
  custom: string;
  call(method: string, url: string, init?: { body?: unknown; headers?: Record<string, string> }): Promise<BcResponse>;
}

export interface BcResponse {
  status: number;
  headers: Headers;
  body: any;
}

export async function requestToken(sandbox: BusinessCentralSandbox, form: Record<string, string>, tenant = TENANT) {
  const res = await fetch(sandbox.tokenUrl(tenant), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** A sandbox with one tenant, one seeded company (seed options as given) and a valid token. */
export async function startBcSandbox(seed: { seed?: number; products?: number } = {}): Promise<BcFixture> {
  const clock = { now: Date.parse("2026-03-01T10:00:00.000Z") };
  const sandbox = await createBusinessCentralSandbox({ now: () => clock.now });
  sandbox.addTenant({ tenantId: TENANT, environment: ENV, clients: [CLIENT] });
  sandbox.addCompany(TENANT, ENV, { id: COMPANY_ID, name: "CRONUS USA, Inc." });
  sandbox.seed(TENANT, ENV, COMPANY_ID, seed);
  const { body } = await requestToken(sandbox, {
    grant_type: "client_credentials",
    client_id: CLIENT.clientId,
    client_secret: CLIENT.clientSecret,
    scope: BC_SCOPE,
  });
  const token = body.access_token as string;
  const call: BcFixture["call"] = async (method, url, init = {}) => {
    const res = await fetch(url, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(init.body === undefined ? {} : { "Content-Type": "application/json" }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
  return {
    sandbox,
    clock,
    token,
    company: `${sandbox.apiBaseUrl(TENANT, ENV)}/companies(${COMPANY_ID})`,
    custom: `${sandbox.customApiBaseUrl(TENANT, ENV)}/companies(${COMPANY_ID})`,
    call,
  };
}

/** Follows @odata.nextLink until the last page; returns every row and the number of pages. */
export async function getAll(fx: BcFixture, url: string, headers: Record<string, string> = {}) {
  const rows: any[] = [];
  let next: string | undefined = url;
  let pages = 0;
  while (next) {
    const res = await fx.call("GET", next, { headers });
    if (res.status !== 200) throw new Error(`GET ${next} → ${res.status} ${JSON.stringify(res.body)}`);
    rows.push(...res.body.value);
    next = res.body["@odata.nextLink"];
    pages += 1;
  }
  return { rows, pages };
}
