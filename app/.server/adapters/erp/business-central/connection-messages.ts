/**
 * Plain-words explanations for the Settings page. Keyed by what the merchant (or their partner)
 * has to change, not by protocol detail.
 */
export const CONNECTION_MESSAGES = {
  wrongSecret:
    "Business Central sign-in failed: the client secret is wrong or has expired. Create a new secret for the app registration in Microsoft Entra and paste it here.",
  unknownClient:
    "Business Central sign-in failed: no app with this client ID exists in the tenant. Check the client ID, and that an administrator of this tenant has consented to the app.",
  unknownTenant:
    "Business Central sign-in failed: the tenant was not found. Check the tenant ID or domain (for example contoso.onmicrosoft.com).",
  notRegisteredInBc:
    "Signed in to Microsoft, but Business Central refused the app. Add the client ID on the 'Microsoft Entra Applications' page in Business Central, set it to Enabled and assign permission sets.",
  wrongPassword: "Business Central refused the user name or web service access key.",
  noPermission:
    "Business Central refused this request: the app lacks permission. Assign the needed permission sets to the app on the 'Microsoft Entra Applications' page.",
  unreachable:
    "Business Central could not be reached. Check the environment name and your network, then try again; if Microsoft reports an outage, wait and retry.",
  unknownEnvironment:
    "Business Central answered, but this environment or company does not exist. Check the environment name and pick the company again.",
} as const;

/** Entra (AADSTS) codes that say which setting is wrong. */
export function entraUserMessage(description: string): string | undefined {
  if (/AADSTS(7000215|7000222)\b/.test(description)) return CONNECTION_MESSAGES.wrongSecret;
  if (/AADSTS700016\b/.test(description)) return CONNECTION_MESSAGES.unknownClient;
  if (/AADSTS(90002|900023|90013)\b/.test(description)) return CONNECTION_MESSAGES.unknownTenant;
  return undefined;
}
