/** What a merchant reads wherever the kill switch stopped a write. */
export const WRITES_OFF_REASON = "Outgoing writes are off for this shop (Settings → Allow outgoing writes)";

/**
 * A write refused because the shop's kill switch (*Allow outgoing writes*) is off. Thrown by the
 * guarded ports before anything is sent, so a write that a task forgot to check still cannot
 * reach Shopify or the ERP; tasks that check first record the write as a skipped record instead.
 */
export class WritesDisabledError extends Error {
  readonly system: "shopify" | "erp";
  readonly operation: string;

  constructor(system: "shopify" | "erp", operation: string) {
    super(`${WRITES_OFF_REASON}: ${operation} was not sent to ${system === "erp" ? "the ERP" : "Shopify"}.`);
    this.name = "WritesDisabledError";
    this.system = system;
    this.operation = operation;
  }
}

export function isWritesDisabledError(error: unknown): error is WritesDisabledError {
  return error instanceof WritesDisabledError;
}
