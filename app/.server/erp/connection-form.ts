import { z } from "zod";

/**
 * Business Central's connection form (its kind in `business-central-kind.ts` lists the fields the
 * page renders). The secret field may be left empty to keep the stored one; everything else is
 * required per mode. Field names are the form's input names.
 */
// Absent and empty both mean "keep the stored one": the page sends no field the merchant never typed in.
const secretField = z.string().max(500, "is too long").default("");
const companyField = z.string().trim().max(100).optional();

export const onlineConnectionSchema = z.object({
  mode: z.literal("online"),
  tenant: z
    .string()
    .trim()
    .min(1, "is required (your Microsoft Entra tenant id or domain)")
    .regex(/^[A-Za-z0-9.-]+$/, "must be a tenant id (GUID) or a domain like contoso.onmicrosoft.com"),
  environment: z
    .string()
    .trim()
    .min(1, "is required (e.g. Production or Sandbox)")
    .regex(/^[A-Za-z0-9_-]+$/, "may hold only letters, digits, '-' and '_'"),
  clientId: z.string().trim().min(1, "is required (the Entra application's client id)").max(100),
  clientSecret: secretField,
  companyId: companyField,
});

export const onPremConnectionSchema = z.object({
  mode: z.literal("onprem"),
  apiBaseUrl: z
    .url({ protocol: /^https?$/, error: "must be the server's API URL" })
    .refine(
      (url) => /\/api\/v2\.0\/?$/.test(url),
      "must end in /api/v2.0 (e.g. https://bc.example.com:7048/bc/api/v2.0)",
    ),
  username: z.string().trim().min(1, "is required").max(100),
  password: secretField,
  companyId: companyField,
});

export const connectionFormSchema = z.discriminatedUnion("mode", [onlineConnectionSchema, onPremConnectionSchema], {
  error: "choose Business Central online or on-premises",
});

export type ConnectionForm = z.infer<typeof connectionFormSchema>;

/** What is stored in clear: the form without its secret. */
export type StoredConnectionSettings =
  | Omit<z.infer<typeof onlineConnectionSchema>, "clientSecret">
  | Omit<z.infer<typeof onPremConnectionSchema>, "password">;

export const storedConnectionSettingsSchema = z.discriminatedUnion("mode", [
  onlineConnectionSchema.omit({ clientSecret: true }),
  onPremConnectionSchema.omit({ password: true }),
]);

/** The same login as the stored one (so an empty secret field may reuse the stored secret). */
export function sameLogin(a: StoredConnectionSettings, b: StoredConnectionSettings): boolean {
  if (a.mode === "online" && b.mode === "online") return a.tenant === b.tenant && a.clientId === b.clientId;
  if (a.mode === "onprem" && b.mode === "onprem") return a.apiBaseUrl === b.apiBaseUrl && a.username === b.username;
  return false;
}
