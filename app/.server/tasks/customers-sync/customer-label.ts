import type { CustomerProfile } from "../../mapping/customer-profile.ts";

/** What a merchant reads for a Shopify customer on runs and lists: "Ann Lee <ann@example.com>". */
export function customerLabel(profile: CustomerProfile): string {
  const name =
    [profile.firstName, profile.lastName].filter(Boolean).join(" ") ||
    [profile.address?.firstName, profile.address?.lastName].filter(Boolean).join(" ") ||
    profile.address?.company ||
    "";
  const contact = profile.email ? `<${profile.email}>` : profile.phone;
  return [name, contact].filter(Boolean).join(" ") || "Customer without name";
}
