import type { ShopSettings } from "../../domain/settings-schema.ts";
import { FILTER_REASON_PREFIX, passesImportFilters } from "./import-filters.ts";
import type { ImportedOrder } from "./imported-order.ts";
import { describeOrderChanges, orderFingerprint } from "./order-fingerprint.ts";

export const CANCELLED_REASON = "Cancelled in Shopify before it was processed";

/** The stored row an incoming version is compared with (locked by the caller). */
export interface ExistingOrder {
  status: "unprocessed" | "processed" | "error" | "ignored";
  statusReason: string | null;
  hasConflict: boolean;
  conflictReason: string | null;
  /** Shopify's updatedAt of the stored version (ISO), null for a row without one. */
  shopifyUpdatedAt: string | null;
  snapshot: ImportedOrder | null;
  /** An ERP document exists for it (processing may have stopped half way with status "error"). */
  hasErpDocument: boolean;
}

export interface ImportScope {
  /** Orders created before this day (YYYY-MM-DD, UTC) are never imported: `orders.importSince`. */
  importSince: string | null;
}

export type ImportAction =
  /** a new row, to be processed */
  | "insert"
  /** the stored row takes the newer version */
  | "update"
  /** written (new or updated) as ignored: an import filter or a cancellation */
  | "filtered"
  /** the stored version is newer: nothing is written */
  | "skip-older"
  /** the same version again (a duplicate webhook, the reconcile overlap): nothing is written */
  | "skip-unchanged"
  /** a new order created before the import start date: nothing is written */
  | "skip-out-of-scope";

export interface ImportPlan {
  action: ImportAction;
  /** The row's status and reason after the write (absent for skips). */
  status?: ExistingOrder["status"];
  statusReason?: string | null;
  /** Set when a processed order changed in what its ERP document depends on. */
  conflict?: { reason: string };
  enqueueProcess: boolean;
  /** The order_events line to record (absent for skips). */
  event?: { kind: "imported" | "updated" | "filtered" | "conflict" | "ignored"; message: string };
}

const SKIPS = { enqueueProcess: false } as const;

/**
 * Decides what one incoming version of an order does to the stored row. Newer `updatedAt` wins;
 * an equal or older one is skipped (webhooks come duplicated and reordered, the reconcile overlaps).
 */
export function planImport(
  existing: ExistingOrder | null,
  incoming: ImportedOrder,
  settings: Pick<ShopSettings, "orders">,
  scope: ImportScope,
): ImportPlan {
  const autoProcess = settings.orders.autoProcess;
  const verdict = passesImportFilters(incoming, settings.orders.filters);

  if (!existing) {
    if (scope.importSince !== null && incoming.createdAt.slice(0, 10) < scope.importSince) {
      return { action: "skip-out-of-scope", ...SKIPS };
    }
    if (!verdict.pass) {
      return {
        action: "filtered",
        status: "ignored",
        statusReason: verdict.reason,
        enqueueProcess: false,
        event: { kind: "filtered", message: verdict.reason },
      };
    }
    if (incoming.cancelledAt !== null) {
      return {
        action: "filtered",
        status: "ignored",
        statusReason: CANCELLED_REASON,
        enqueueProcess: false,
        event: { kind: "ignored", message: CANCELLED_REASON },
      };
    }
    return {
      action: "insert",
      status: "unprocessed",
      statusReason: null,
      enqueueProcess: autoProcess,
      event: { kind: "imported", message: `imported ${incoming.name}` },
    };
  }

  // A row without a snapshot (recorded before the import read orders back) always takes one.
  if (existing.snapshot !== null && existing.shopifyUpdatedAt !== null) {
    const stored = Date.parse(existing.shopifyUpdatedAt);
    const next = Date.parse(incoming.updatedAt);
    if (next < stored) return { action: "skip-older", ...SKIPS };
    if (next === stored) return { action: "skip-unchanged", ...SKIPS };
  }

  const changes = existing.snapshot ? describeOrderChanges(existing.snapshot, incoming) : [];
  const fingerprintChanged =
    existing.snapshot === null || orderFingerprint(existing.snapshot) !== orderFingerprint(incoming);

  if (existing.status === "processed" || existing.hasErpDocument) {
    // Its ERP document exists: never touch it, tell the merchant what changed (BC "Has Order State Error").
    if (!fingerprintChanged || changes.length === 0) {
      return {
        action: "update",
        status: existing.status,
        statusReason: existing.statusReason,
        enqueueProcess: false,
        event: { kind: "updated", message: "updated in Shopify (nothing the ERP document depends on)" },
      };
    }
    const reason = mergeReasons(existing.hasConflict ? existing.conflictReason : null, changes.join("; "));
    return {
      action: "update",
      status: existing.status,
      statusReason: existing.statusReason,
      conflict: { reason },
      enqueueProcess: false,
      event: { kind: "conflict", message: changes.join("; ") },
    };
  }

  if (existing.status === "ignored") {
    const byImport =
      existing.statusReason !== null &&
      (existing.statusReason.startsWith(FILTER_REASON_PREFIX) || existing.statusReason === CANCELLED_REASON);
    // The merchant's own "ignore" stands; one the import made is decided again on the new version.
    if (!byImport) {
      return {
        action: "update",
        status: "ignored",
        statusReason: existing.statusReason,
        enqueueProcess: false,
        event: { kind: "updated", message: describe(changes) },
      };
    }
  }

  if (incoming.cancelledAt !== null) {
    return {
      action: "filtered",
      status: "ignored",
      statusReason: CANCELLED_REASON,
      enqueueProcess: false,
      event: { kind: "ignored", message: CANCELLED_REASON },
    };
  }
  if (!verdict.pass) {
    return {
      action: "filtered",
      status: "ignored",
      statusReason: verdict.reason,
      enqueueProcess: false,
      event: { kind: "filtered", message: verdict.reason },
    };
  }
  if (existing.status === "ignored") {
    // It passes now (e.g. paid since): it becomes an order to process, as if new.
    return {
      action: "update",
      status: "unprocessed",
      statusReason: null,
      enqueueProcess: autoProcess,
      event: { kind: "updated", message: "now passes the import filters" },
    };
  }
  // Unprocessed or failed: the newer version is what processing will use; its own retries stand.
  return {
    action: "update",
    status: existing.status,
    statusReason: existing.statusReason,
    enqueueProcess: false,
    event: { kind: "updated", message: describe(changes) },
  };
}

function describe(changes: string[]): string {
  return changes.length > 0 ? `updated in Shopify: ${changes.join("; ")}` : "updated in Shopify";
}

/** A second edit before the merchant resolved the first adds to the reason instead of hiding it. */
function mergeReasons(previous: string | null, next: string): string {
  if (!previous) return next;
  return `${previous}; then ${next}`.slice(0, 2000);
}
