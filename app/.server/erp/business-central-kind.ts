import { BUSINESS_CENTRAL_KIND } from "../adapters/erp/business-central/create-adapter.ts";
import { BC_LIMITS } from "../adapters/erp/business-central/sales-documents.ts";
import { businessCentralAdapter } from "./bc-adapter-factory.ts";
import { connectionFormSchema, sameLogin, storedConnectionSettingsSchema } from "./connection-form.ts";
import { defineErpKind } from "./erp-kind.ts";

const online = { field: "mode", equals: "online" } as const;
const onPrem = { field: "mode", equals: "onprem" } as const;

/** Business Central online (Microsoft Entra client credentials) or on-premises (basic). */
export const businessCentralKind = defineErpKind({
  id: BUSINESS_CENTRAL_KIND,
  displayName: "Business Central",
  fields: [
    {
      name: "mode",
      label: "Business Central",
      type: "select",
      secret: false,
      initial: "online",
      options: [
        { label: "Online (Microsoft Entra ID)", value: "online" },
        { label: "On-premises (user name and password)", value: "onprem" },
      ],
    },
    {
      name: "tenant",
      label: "Tenant",
      type: "text",
      secret: false,
      helpText: "Tenant id or domain, e.g. contoso.onmicrosoft.com",
      shownWhen: online,
    },
    {
      name: "environment",
      label: "Environment",
      type: "text",
      secret: false,
      initial: "Production",
      shownWhen: online,
    },
    { name: "clientId", label: "Client id", type: "text", secret: false, shownWhen: online },
    { name: "clientSecret", label: "Client secret", type: "text", secret: true, shownWhen: online },
    {
      name: "apiBaseUrl",
      label: "API URL",
      type: "url",
      secret: false,
      helpText: "e.g. https://bc.example.com:7048/bc/api/v2.0",
      shownWhen: onPrem,
    },
    { name: "username", label: "User name", type: "text", secret: false, shownWhen: onPrem },
    { name: "password", label: "Password or web service access key", type: "text", secret: true, shownWhen: onPrem },
  ],
  formSchema: connectionFormSchema,
  settingsSchema: storedConnectionSettingsSchema,
  secretField: (form) =>
    form.mode === "online" ? { name: "clientSecret", label: "client secret" } : { name: "password", label: "password" },
  sameLogin,
  createAdapter: (settings, secret, options) => businessCentralAdapter(settings, secret, options),
  limits: BC_LIMITS,
  // Tracking, stock per location, prices and barcodes depend on the companion extension.
  capabilities: "probed",
  setupHelp:
    "The app needs a Microsoft Entra application with the Business Central permission API.ReadWrite.All, registered in Business Central on the “Microsoft Entra Applications” page.",
});
