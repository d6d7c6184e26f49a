import type { ShipmentContent } from "./shipment-records.ts";

/** How an ERP shipping agent appears in Shopify: the tracking company, and a URL pattern. */
export interface CarrierMapping {
  company: string;
  /** `{number}` is replaced by the tracking number; absent: Shopify builds the URL for carriers it knows. */
  urlPattern: string | null;
}

/** The settings value "Company" or "Company | https://…{number}" (defined with the settings schema). */
export { CARRIER_SETTING_PATTERN } from "../../domain/carrier-setting.ts";

export function parseCarrierSetting(value: string): CarrierMapping {
  const at = value.indexOf("|");
  if (at < 0) return { company: value.trim(), urlPattern: null };
  return { company: value.slice(0, at).trim(), urlPattern: value.slice(at + 1).trim() || null };
}

export interface TrackingInput {
  company?: string;
  number?: string;
  url?: string;
}

/**
 * Shopify's tracking info for a shipment (BC: Shipping Agent → "Shpfy Tracking Company", URL from
 * the agent's internet address). An unmapped agent code goes as the company name itself, which
 * Shopify shows as typed. No number and no agent: no tracking info at all.
 */
export function trackingFor(
  tracking: ShipmentContent["tracking"],
  carriers: Readonly<Record<string, string>>,
): TrackingInput | undefined {
  if (!tracking) return undefined;
  const number = tracking.trackingNumber.trim();
  const agent = tracking.shippingAgentCode.trim();
  if (number === "" && agent === "") return undefined;
  const setting = agent === "" ? undefined : carrierSettingFor(carriers, agent);
  const carrier = setting === undefined ? null : parseCarrierSetting(setting);
  const company = carrier?.company ?? agent;
  const url =
    carrier?.urlPattern && number !== "" ? carrier.urlPattern.replaceAll("{number}", encodeURIComponent(number)) : "";
  return {
    ...(company !== "" ? { company } : {}),
    ...(number !== "" ? { number } : {}),
    ...(url !== "" ? { url } : {}),
  };
}

/** Agent codes are case-insensitive in the ERP (BC codes are upper case). */
function carrierSettingFor(carriers: Readonly<Record<string, string>>, agent: string): string | undefined {
  const wanted = agent.toUpperCase();
  for (const [code, value] of Object.entries(carriers)) if (code.toUpperCase() === wanted) return value;
  return undefined;
}
