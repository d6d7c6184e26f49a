import type { ErpCapabilities } from "../adapters/erp/port.ts";
import type { ShopSettings } from "../domain/settings-schema.ts";
import type { TaskDefinition } from "../runs/define-task.ts";
import { unmetSetting } from "../runs/requirements.ts";

/** What the shop offers a task: its settings, and its ERP connection with what the adapter can do. */
export interface ShopFacilities {
  settings: ShopSettings;
  erp:
    | { connected: false }
    /** `capabilities` null: the adapter could not be asked just now (the run itself will check). */
    | { connected: true; kind: string; capabilities: ErpCapabilities | null };
}

/**
 * Why a task is not available to this shop, in the merchant's words, or null. The same checks a
 * run makes before it starts (runs/execute-run.ts), asked ahead so the Job queue page can say so
 * instead of offering a Run now that would only be skipped. Such tasks are listed, not hidden:
 * their entry can still be set up before the ERP is connected.
 */
export function unavailableReason(task: TaskDefinition, shop: ShopFacilities): string | null {
  const fromSettings = unmetSetting(task, shop.settings);
  if (fromSettings) return fromSettings;
  const needs = task.requires?.erp;
  if (!needs) return null;
  if (!shop.erp.connected) return "Connect your ERP first (ERP connection page).";
  if (needs === true || shop.erp.capabilities === null) return null;
  const capabilities = shop.erp.capabilities;
  const missing = needs.filter((capability) => !capabilities[capability]);
  return missing.length === 0 ? null : `The ${shop.erp.kind} ERP connection does not offer ${missing.join(", ")}.`;
}
