import { z } from "zod";

import { ErpError } from "../errors.ts";

/**
 * Zod shapes of BC answers (the trust boundary). Strings BC leaves empty may be absent under
 * `$select` or null in custom pages, so they default to ""; ids and timestamps are required.
 */
export const text = z
  .string()
  .nullish()
  .transform((v) => v ?? "");
export const num = z
  .number()
  .nullish()
  .transform((v) => v ?? 0);
export const bool = z
  .boolean()
  .nullish()
  .transform((v) => v ?? false);
/** BC writes "0001-01-01" for an empty date. */
export const date = z
  .string()
  .nullish()
  .transform((v) => (!v || v.startsWith("0001-01-01") ? null : v));

export const rowBase = {
  id: z.string().min(1),
  lastModifiedDateTime: z.string().min(1),
  "@odata.etag": z.string().optional(),
};

/** An OData collection page. */
export function pageSchema<T extends z.ZodType>(row: T) {
  return z.object({ value: z.array(row), "@odata.nextLink": z.string().optional() });
}

export const refRowSchema = z.object({
  id: z.string().min(1),
  number: text,
  "@odata.etag": z.string().optional(),
});
export const refPageSchema = pageSchema(refRowSchema);

/** Parses or throws TRANSIENT: an answer that breaks the API contract is the server's problem, maybe a proxy's. */
export function parseBc<T extends z.ZodType>(schema: T, json: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ErpError({
      code: "TRANSIENT",
      message: `Business Central answered ${what} in an unexpected shape: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "?"}`,
    });
  }
  return parsed.data;
}

/** BC decimals arrive as JSON numbers; the port carries decimal strings (see types.ts). */
export function toDecimal(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(5).replace(/0+$/, "").replace(/\.$/, "");
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

export function fromDecimal(value: string, field: string): number {
  if (!DECIMAL.test(value)) {
    throw new ErpError({ code: "VALIDATION", message: `${field} is not a decimal: "${value}"` });
  }
  return Number(value);
}
