import { businessCentralKind } from "./business-central-kind.ts";
import { erpKindRegistry } from "./erp-kind.ts";

/**
 * Every ERP the app can connect to. A second ERP is its adapter folder under adapters/erp/<vendor>/,
 * its kind (`defineErpKind`: form, settings, adapter factory, limits) and one line here.
 */
export const erpKinds = erpKindRegistry([businessCentralKind]);
