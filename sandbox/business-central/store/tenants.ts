import { randomBytes, randomUUID } from "node:crypto";

import { type CompanyData, createCompanyData } from "./company-data.ts";

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface TenantInput {
  tenantId: string;
  environment: string;
  clients?: ClientCredentials[];
  /** On-prem style Basic auth (user name + web service access key). */
  basicAuth?: { user: string; password: string };
}

export interface Tenant {
  tenantId: string;
  /** Client id (lower case) → secret. */
  clients: Map<string, string>;
  environments: Map<string, Map<string, CompanyData>>;
  basicAuth?: { user: string; password: string };
}

interface IssuedToken {
  tenantId: string;
  clientId: string;
  expiresAt: number;
}

export const TOKEN_LIFETIME_SECONDS = 3599;

/** Tenants (Entra directories), their environments and companies, registered clients and issued tokens. */
export class TenantRegistry {
  readonly #tenants = new Map<string, Tenant>();
  readonly #tokens = new Map<string, IssuedToken>();
  readonly #now: () => number;
  constructor(now: () => number) {
    this.#now = now;
  }

  addTenant(input: TenantInput): void {
    const key = input.tenantId.toLowerCase();
    const tenant: Tenant = this.#tenants.get(key) ?? {
      tenantId: input.tenantId,
      clients: new Map(),
      environments: new Map(),
    };
    for (const c of input.clients ?? []) tenant.clients.set(c.clientId.toLowerCase(), c.clientSecret);
    if (input.basicAuth) tenant.basicAuth = input.basicAuth;
    if (!tenant.environments.has(input.environment)) tenant.environments.set(input.environment, new Map());
    this.#tenants.set(key, tenant);
  }

  hasTenant(tenantId: string): boolean {
    return this.#tenants.has(tenantId.toLowerCase());
  }
  clientSecret(tenantId: string, clientId: string): string | undefined {
    return this.#tenants.get(tenantId.toLowerCase())?.clients.get(clientId.toLowerCase());
  }
  basicAuth(tenantId: string): { user: string; password: string } | undefined {
    return this.#tenants.get(tenantId.toLowerCase())?.basicAuth;
  }

  environment(tenantId: string, environment: string): Map<string, CompanyData> | undefined {
    return this.#tenants.get(tenantId.toLowerCase())?.environments.get(environment);
  }

  addCompany(
    tenantId: string,
    environment: string,
    input: { id?: string; name: string; displayName?: string },
  ): CompanyData {
    const companies = this.environment(tenantId, environment);
    if (!companies) throw new Error(`no environment ${tenantId}/${environment}; addTenant first`);
    const id = (input.id ?? randomUUID()).toLowerCase();
    const stamp = new Date(this.#now()).toISOString();
    const data = createCompanyData(
      {
        id,
        systemVersion: "26.0.30643.32481",
        timestamp: 0,
        name: input.name,
        displayName: input.displayName ?? input.name,
        businessProfileId: "",
        systemCreatedAt: stamp,
        systemCreatedBy: "00000000-0000-0000-0000-000000000001",
        systemModifiedAt: stamp,
        systemModifiedBy: "00000000-0000-0000-0000-000000000001",
      },
      this.#now,
    );
    companies.set(id, data);
    return data;
  }

  company(tenantId: string, environment: string, companyId: string): CompanyData | undefined {
    return this.environment(tenantId, environment)?.get(companyId.toLowerCase());
  }

  issueToken(tenantId: string, clientId: string): string {
    // Opaque, not a JWT: the adapter must not parse tokens (real ones are JWTs, but that is not a contract).
    const token = `bcsbx.${randomBytes(24).toString("base64url")}`;
    this.#tokens.set(token, { tenantId, clientId, expiresAt: this.#now() + TOKEN_LIFETIME_SECONDS * 1000 });
    return token;
  }

  /** The client id the token was issued to, or why it is not usable for this tenant. */
  checkToken(token: string, tenantId: string): { clientId: string } | { problem: "unknown" | "expired" } {
    const issued = this.#tokens.get(token);
    if (!issued || issued.tenantId.toLowerCase() !== tenantId.toLowerCase()) return { problem: "unknown" };
    if (issued.expiresAt <= this.#now()) return { problem: "expired" };
    return { clientId: issued.clientId };
  }

  /** Every tenant as stored, for a snapshot. */
  list(): readonly Tenant[] {
    return [...this.#tenants.values()];
  }
  /**
   * Replaces every tenant (a restored snapshot). Issued tokens are dropped as after a restart: a
   * client gets a new one with its secret, which the restored tenant still knows.
   */
  replaceAll(tenants: readonly Tenant[]): void {
    this.#tenants.clear();
    this.#tokens.clear();
    for (const tenant of tenants) this.#tenants.set(tenant.tenantId.toLowerCase(), tenant);
  }

  reset(): void {
    this.#tenants.clear();
    this.#tokens.clear();
  }
}
