import { z } from "zod";

import type { ErpCompany } from "../adapters/erp/port.ts";
import { type ConnectionSummary, saveConnectionForm, testConnectionForm } from "./connections.ts";

export type ConnectionActionResult =
  | { intent: "test"; ok: true; companies: ErpCompany[] }
  | { intent: "save"; ok: true; summary: ConnectionSummary }
  | { intent: "test" | "save"; ok: false; message: string; fieldErrors: Record<string, string> };

const intentSchema = z.enum(["test", "save"]);
// Which ERP: checked against the registry by the service; absent = the first kind.
const kindSchema = z.string().trim().max(100).optional().catch(undefined);

/** The ERP connection page's action: the chosen kind validates its form, then test or save. */
export async function handleConnectionAction(shopId: number, form: FormData): Promise<ConnectionActionResult> {
  const values = Object.fromEntries([...form.entries()].filter(([, value]) => typeof value === "string"));
  const intent = intentSchema.catch("test").parse(values.intent);
  const kind = kindSchema.parse(values.kind);
  const choice = kind ? { kind } : {};
  if (intent === "test") {
    const result = await testConnectionForm(shopId, values, choice);
    return result.ok ? { intent, ...result } : { intent, ...result, fieldErrors: result.fieldErrors ?? {} };
  }
  const result = await saveConnectionForm(shopId, values, choice);
  return result.ok ? { intent, ...result } : { intent, ...result, fieldErrors: result.fieldErrors ?? {} };
}
