import type { z } from "zod";

import type { ErpAdapter, ErpCapabilities, ErpLimits } from "../adapters/erp/port.ts";
import type { ErpRequestLog } from "../adapters/erp/request-log.ts";

/** One input of a kind's connection form, as the connection page renders it. */
export interface ConnectionField {
  /** The form's input name (and the key in the parsed values). */
  name: string;
  label: string;
  type: "text" | "url" | "select";
  /** Sealed at rest and never sent back to the page; an empty field keeps the stored one. */
  secret: boolean;
  helpText?: string;
  /** For `select`: the choices. */
  options?: ReadonlyArray<{ label: string; value: string }>;
  /** Value of a new form. */
  initial?: string;
  /** Shown (and sent) only while another field has this value, e.g. BC's online/on-premises modes. */
  shownWhen?: { field: string; equals: string };
}

/** A parsed connection form: field → value, the secret included; `companyId` is the company chosen. */
export type ConnectionValues = Record<string, unknown> & { companyId?: string | undefined };

/**
 * An adapter kind as its vendor folder describes it. Generic over its own form and stored settings;
 * `defineErpKind` erases them so the registry can hold kinds of any shape.
 */
export interface ErpKindSpec<Form extends ConnectionValues, Settings extends Record<string, unknown>> {
  /** Stored in `erp_connections.kind`; never change it once shops are connected. */
  id: string;
  displayName: string;
  fields: readonly ConnectionField[];
  /** The form as posted: zod issues name the field at fault. */
  formSchema: z.ZodType<Form>;
  /** What is stored in clear: the form without its secret. */
  settingsSchema: z.ZodType<Settings>;
  /** Which field holds the secret for this form (it may depend on a mode), and what to call it. */
  secretField(form: Form): { name: string; label: string };
  /** The same login (so an empty secret field may reuse the stored secret). */
  sameLogin(a: Settings, b: Settings): boolean;
  /** Stored settings + opened secret + where calls are logged → the adapter. */
  createAdapter(settings: Settings, secret: string, options: { log?: ErpRequestLog }): ErpAdapter;
  /** Field sizes the core checks (also on every adapter as `limits`). */
  limits: ErpLimits;
  /** What the kind can do: fixed, or "probed" per connection (BC: the companion extension). */
  capabilities: ErpCapabilities | "probed";
  /** One line under the form: what the ERP side needs set up. */
  setupHelp: string;
}

export type ParsedForm =
  | { ok: true; values: ConnectionValues; secret: string; secretField: { name: string; label: string } }
  | { ok: false; fieldErrors: Record<string, string> };

/** A kind with its shapes erased: every value from outside goes through its schemas first. */
export interface ErpKind {
  readonly id: string;
  readonly displayName: string;
  readonly fields: readonly ConnectionField[];
  readonly limits: ErpLimits;
  readonly capabilities: ErpCapabilities | "probed";
  readonly setupHelp: string;
  parseForm(values: Record<string, unknown>): ParsedForm;
  /** The parsed form without its secret, as stored. */
  storedSettings(form: ConnectionValues): Record<string, unknown>;
  /** Stored settings as read back, checked; null when they do not fit this kind. */
  parseSettings(stored: unknown): Record<string, unknown> | null;
  sameLogin(a: unknown, b: unknown): boolean;
  createAdapter(stored: unknown, secret: string, options?: { log?: ErpRequestLog }): ErpAdapter;
}

export function defineErpKind<Form extends ConnectionValues, Settings extends Record<string, unknown>>(
  spec: ErpKindSpec<Form, Settings>,
): ErpKind {
  const settingsOf = (stored: unknown): Settings | null => {
    const parsed = spec.settingsSchema.safeParse(stored);
    return parsed.success ? parsed.data : null;
  };
  return {
    id: spec.id,
    displayName: spec.displayName,
    fields: spec.fields,
    limits: spec.limits,
    capabilities: spec.capabilities,
    setupHelp: spec.setupHelp,
    parseForm(values) {
      const parsed = spec.formSchema.safeParse(values);
      if (!parsed.success) {
        const fieldErrors: Record<string, string> = {};
        for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "kind"] ??= issue.message;
        return { ok: false, fieldErrors };
      }
      const secretField = spec.secretField(parsed.data);
      const secret = parsed.data[secretField.name];
      return { ok: true, values: parsed.data, secret: typeof secret === "string" ? secret : "", secretField };
    },
    storedSettings(form) {
      const parsed = spec.formSchema.parse(form);
      const { [spec.secretField(parsed).name]: _secret, ...rest } = parsed;
      return spec.settingsSchema.parse(rest);
    },
    parseSettings: settingsOf,
    sameLogin(a, b) {
      const left = settingsOf(a);
      const right = settingsOf(b);
      return left !== null && right !== null && spec.sameLogin(left, right);
    },
    createAdapter(stored, secret, options = {}) {
      return spec.createAdapter(spec.settingsSchema.parse(stored), secret, options);
    },
  };
}

/** The adapter kinds a process knows, by id. */
export interface ErpKindRegistry {
  /** In registration order; the first is the one a new form starts with. */
  readonly kinds: readonly ErpKind[];
  get(id: string): ErpKind | undefined;
}

export function erpKindRegistry(kinds: readonly ErpKind[]): ErpKindRegistry {
  const byId = new Map(kinds.map((kind) => [kind.id, kind]));
  if (byId.size !== kinds.length || kinds.length === 0) throw new Error("ERP kinds need distinct ids, at least one");
  return { kinds, get: (id) => byId.get(id) };
}
