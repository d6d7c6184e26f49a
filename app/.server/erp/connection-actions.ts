import { z } from "zod";

import type { ErpCompany } from "../adapters/erp/port.ts";
import { connectionFormSchema } from "./connection-form.ts";
import { type ConnectionSummary, saveConnectionForm, testConnectionForm } from "./connections.ts";

export type ConnectionActionResult =
  | { intent: "test"; ok: true; companies: ErpCompany[] }
  | { intent: "save"; ok: true; summary: ConnectionSummary }
  | { intent: "test" | "save"; ok: false; message: string; fieldErrors: Record<string, string> };

const intentSchema = z.enum(["test", "save"]);

/** The ERP connection page's action: validate the form, then test or save. */
export async function handleConnectionAction(shopId: number, form: FormData): Promise<ConnectionActionResult> {
  const values = Object.fromEntries([...form.entries()].filter(([, value]) => typeof value === "string"));
  const intent = intentSchema.catch("test").parse(values.intent);
  const parsed = connectionFormSchema.safeParse(values);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "mode"] ??= issue.message;
    return { intent, ok: false, message: "Check the fields marked below.", fieldErrors };
  }
  if (intent === "test") {
    const result = await testConnectionForm(shopId, parsed.data);
    return result.ok ? { intent, ...result } : { intent, ...result, fieldErrors: result.fieldErrors ?? {} };
  }
  const result = await saveConnectionForm(shopId, parsed.data);
  return result.ok ? { intent, ...result } : { intent, ...result, fieldErrors: result.fieldErrors ?? {} };
}
