import { z } from "zod";

import { getDb } from "../db.ts";
import { formatDateTime } from "../format/format.ts";
import { linkSourceLabels } from "./customer-labels.ts";
import { getMirroredCustomer } from "./queries.ts";

// The ERP side of a customer's page, shared with the Companies page (a company is an ERP customer too).

/**
 * The mirrored ERP customer as far as this page shows it. The mirror holds whatever the adapter
 * pulled, so each field is optional: a field an ERP does not send is left out, never a failure.
 */
const text = z.string().optional().catch(undefined);
const mirroredCustomerSchema = z.looseObject({
  number: text,
  displayName: text,
  type: text,
  email: text,
  phoneNumber: text,
  currencyCode: text,
  blocked: z.boolean().optional().catch(undefined),
  address: z
    .looseObject({ line1: text, line2: text, city: text, state: text, postalCode: text, countryCode: text })
    .optional()
    .catch(undefined),
});

function addressLine(
  a:
    | { line1?: string; line2?: string; city?: string; postalCode?: string; state?: string; countryCode?: string }
    | undefined,
) {
  if (!a) return "";
  const cityLine = [a.postalCode, a.city].filter(Boolean).join(" ");
  return [a.line1, a.line2, cityLine, a.state, a.countryCode].filter(Boolean).join(", ");
}

/** The ERP customer card of a customer's or a company's page: the number, and the mirror's fields when it has them. */
export async function loadErpCustomer(
  shopId: number,
  number: string | null,
  source: string | null,
  timeZone: string | null,
) {
  if (!number) return null;
  const record = await getMirroredCustomer(getDb(), { shopId, number });
  const erp = record ? mirroredCustomerSchema.parse(record.data) : null;
  return {
    number,
    linkSource: source ? (linkSourceLabels[source] ?? source) : "",
    mirrored: record !== undefined,
    name: erp?.displayName ?? "",
    type: erp?.type === "company" ? "Company" : erp?.type === "person" ? "Person" : "",
    email: erp?.email ?? "",
    phone: erp?.phoneNumber ?? "",
    address: addressLine(erp?.address),
    currency: erp?.currencyCode ?? "",
    blocked: erp?.blocked ? "Blocked" : "",
    modified: formatDateTime(record?.erpModifiedAt ?? null, timeZone),
    pulled: formatDateTime(record?.updatedAt ?? null, timeZone),
  };
}

export type ConflictField = [label: string, read: (side: Record<string, unknown>) => unknown];

/** The compared fields, in the order the conflict card shows them. */
const customerConflictFields: ConflictField[] = [
  ["Name", (s) => s.displayName],
  ["E-mail", (s) => s.email],
  ["Phone", (s) => s.phoneNumber],
  ["Address", (s) => (s.address as Record<string, unknown> | undefined)?.line1],
  ["Address 2", (s) => (s.address as Record<string, unknown> | undefined)?.line2],
  ["Post code", (s) => (s.address as Record<string, unknown> | undefined)?.postalCode],
  ["City", (s) => (s.address as Record<string, unknown> | undefined)?.city],
  ["County / state", (s) => (s.address as Record<string, unknown> | undefined)?.state],
  ["Country", (s) => (s.address as Record<string, unknown> | undefined)?.countryCode],
];

const shown = (value: unknown) => (typeof value === "string" ? value : value == null ? "" : JSON.stringify(value));

/**
 * Both versions side by side, each field marked when the two differ; a field empty on both is
 * left out. A company adds its own fields (tax id) after the customer's.
 */
export function conflictRows(
  conflict: { shopify: Record<string, unknown>; erp: Record<string, unknown> },
  extraFields: readonly ConflictField[] = [],
) {
  return [...customerConflictFields, ...extraFields]
    .map(([label, read]) => {
      const shopify = shown(read(conflict.shopify));
      const erp = shown(read(conflict.erp));
      return { label, shopify, erp, differs: shopify.trim().toLowerCase() !== erp.trim().toLowerCase() };
    })
    .filter((row) => row.shopify !== "" || row.erp !== "");
}
