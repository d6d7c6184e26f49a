import { type ErpError, isErpError } from "../../adapters/erp/errors.ts";

/** The reason an order shows, in the merchant's words where the adapter has them. */
export function describeErpError(error: ErpError): string {
  const detail = error.userMessage ?? error.message;
  if (error.code === "RATE_LIMITED") {
    const wait =
      error.retryAfterMs === undefined
        ? "shortly"
        : `in about ${Math.max(1, Math.ceil(error.retryAfterMs / 60_000))} min`;
    return `The ERP's request limit is reached for now; processing resumes ${wait}.`;
  }
  if (error.retryable) return `The ERP did not answer as expected (${detail}). Processing will be retried.`;
  return detail;
}

export function asErpError(error: unknown): ErpError | null {
  return isErpError(error) ? error : null;
}

/** Thrown when the shop has no ERP connection; not worth retrying until the merchant connects one. */
export const NO_ERP_MESSAGE = "Connect your ERP first (Settings → ERP connection).";
