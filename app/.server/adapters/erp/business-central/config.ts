import { z } from "zod";

export const BC_DEFAULT_SCOPE = "https://api.businesscentral.dynamics.com/.default";

/** Entity-set names of the companion extension's API pages; null switches one off. */
const customApisSchema = z.object({
  publisher: z.string().min(1).default("shopifyErpConnector"),
  group: z.string().min(1).default("connector"),
  version: z.string().min(1).default("v1.0"),
  inventoryByLocation: z.string().min(1).nullable().default("inventoryByLocation"),
  priceListLines: z.string().min(1).nullable().default("priceListLines"),
  shipmentTrackings: z.string().min(1).nullable().default("shipmentTrackings"),
  itemReferences: z.string().min(1).nullable().default("itemReferences"),
  /** Over the Item table: Sales Blocked, Vendor No. and name, Vendor Item No., weights. */
  itemDetails: z.string().min(1).nullable().default("itemDetails"),
  /** Over BC's Customer Templ. table, with the `applyToCustomer` action (Customer Templ. Mgt.). */
  customerTemplates: z.string().min(1).nullable().default("customerTemplates"),
  /** Over the Customer table: Name 2, Contact, Registration Number and the codes API v2.0 leaves out. */
  customerDetails: z.string().min(1).nullable().default("customerDetails"),
  /** Over Sales Header (Return Order) with `receiveAndCredit`: API v2.0's salesReturnOrders is read-only. */
  returnOrders: z.string().min(1).nullable().default("returnOrders"),
});

const authSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("oauth"),
    tokenUrl: z.url(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    scope: z.string().min(1).default(BC_DEFAULT_SCOPE),
  }),
  // On-premises only: Microsoft removed basic auth (web service access keys) online in 2022.
  z.object({ kind: z.literal("basic"), username: z.string().min(1), password: z.string().min(1) }),
]);

export const bcConnectionConfigSchema = z.object({
  /** `https://api.businesscentral.dynamics.com/v2.0/{tenant}/{environment}/api/v2.0`, or on-prem `…/{instance}/api/v2.0`. */
  apiBaseUrl: z
    .url()
    .transform((url) => url.replace(/\/+$/, ""))
    .refine((url) => url.endsWith("/api/v2.0"), { message: "must end in /api/v2.0" }),
  auth: authSchema,
  /** BC company GUID; everything except testConnection needs it. */
  companyId: z.guid().optional(),
  customApis: customApisSchema.default(() => customApisSchema.parse({})),
  /** Customer payment journal to record payments in (its `code`); default: the first one. */
  paymentJournalCode: z.string().min(1).optional(),
  /** The unit the company's item weights are in: BC stores a number with no unit. Default kg. */
  weightUnit: z.enum(["kg", "g", "lb", "oz"]).default("kg"),
});

export type BcConnectionConfig = z.infer<typeof bcConnectionConfigSchema>;
export type BcConnectionConfigInput = z.input<typeof bcConnectionConfigSchema>;
export type BcCustomApis = BcConnectionConfig["customApis"];
export type BcCustomApiName =
  | "inventoryByLocation"
  | "priceListLines"
  | "shipmentTrackings"
  | "itemReferences"
  | "itemDetails"
  | "customerTemplates";

/** The two URLs of a BC online environment; the tenant is the Entra tenant GUID or domain. */
export function onlineUrls(tenant: string, environment: string): { apiBaseUrl: string; tokenUrl: string } {
  const t = encodeURIComponent(tenant);
  return {
    apiBaseUrl: `https://api.businesscentral.dynamics.com/v2.0/${t}/${encodeURIComponent(environment)}/api/v2.0`,
    tokenUrl: `https://login.microsoftonline.com/${t}/oauth2/v2.0/token`,
  };
}

/** Company-scoped URL of a standard v2.0 entity set. */
export function companyUrl(config: Pick<BcConnectionConfig, "apiBaseUrl">, companyId: string, path: string): string {
  return `${config.apiBaseUrl}/companies(${companyId})/${path}`;
}

/** Company-scoped URL of a custom API page: `{…/api}/{publisher}/{group}/{version}/companies({id})/{set}`. */
export function customApiUrl(config: BcConnectionConfig, companyId: string, entitySet: string): string {
  const root = config.apiBaseUrl.slice(0, -"/v2.0".length);
  const { publisher, group, version } = config.customApis;
  return `${root}/${publisher}/${group}/${version}/companies(${companyId})/${entitySet}`;
}

/**
 * BC's limits apply per principal and environment, so adapters for the same connection (one per
 * job, several jobs in a process) must share one throttle under this key.
 */
export function bcConnectionKey(config: BcConnectionConfig): string {
  const who = config.auth.kind === "oauth" ? `${config.auth.tokenUrl}#${config.auth.clientId}` : config.auth.username;
  return `${config.apiBaseUrl}|${who}`;
}
