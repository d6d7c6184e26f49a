import { ErpError } from "../errors.ts";
import type { ErpCapabilities } from "../port.ts";
import type { BcConnectionConfig } from "./config.ts";
import { companyUrl, customApiUrl } from "./config.ts";
import type { BcRequest, BcResponse } from "./http.ts";

/** What the BC operation modules share: config, the HTTP call and per-instance caches. */
export interface BcContext {
  readonly config: BcConnectionConfig;
  send(request: BcRequest): Promise<BcResponse>;
  /** Number → SystemId lookups (customers, items, variants, locations); cached for the adapter's life. */
  readonly idCache: Map<string, string>;
  /** Overlap subtracted from a watermark when a new pull pass starts. */
  readonly overlapMs: number;
  /** The adapter's cached capabilities (probes the custom API pages once). */
  capabilities(): Promise<ErpCapabilities>;
}

export function requireCompany(ctx: BcContext): string {
  const id = ctx.config.companyId;
  if (!id) {
    throw new ErpError({
      code: "CONFIG",
      message: "No Business Central company is selected for this connection.",
      userMessage: "Choose a Business Central company on the connection settings page first.",
    });
  }
  return id;
}

/** `…/companies({id})/{path}` for the connection's company. */
export function entityUrl(ctx: BcContext, path: string): string {
  return companyUrl(ctx.config, requireCompany(ctx), path);
}

/** URL of a custom API entity set, or null when it is switched off in the configuration. */
export function customUrl(ctx: BcContext, entitySet: string | null): string | null {
  return entitySet === null ? null : customApiUrl(ctx.config, requireCompany(ctx), entitySet);
}

/** A GUID as it appears in an OData key segment: `items(…)`. Refuses anything else. */
export function keySegment(id: string): string {
  if (!/^[0-9a-fA-F-]{36}$/.test(id)) {
    throw new ErpError({ code: "VALIDATION", message: `not a Business Central id: ${id.slice(0, 40)}` });
  }
  return `(${id})`;
}
