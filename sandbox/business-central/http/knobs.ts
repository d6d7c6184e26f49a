import { z } from "zod";

import { BcError } from "../bc-error.ts";

export const failureRuleSchema = z.object({
  /** Any method when omitted. */
  method: z.string().toUpperCase().optional(),
  /** A regular expression tested against the path (query string excluded). */
  path: z.string().default(".*"),
  /** How many matching requests fail; then the rule is used up. */
  count: z.number().int().min(1).default(1),
  status: z.number().int().min(400).max(599),
  code: z.string().optional(),
  message: z.string().optional(),
  /** Seconds for a Retry-After header; none when omitted or null. */
  retryAfter: z.number().int().min(0).nullable().optional(),
});
export type FailureRuleInput = z.input<typeof failureRuleSchema>;

export const knobsPatchSchema = z.object({
  latencyMs: z.number().int().min(0).optional(),
  maxConcurrent: z.number().int().min(1).optional(),
  /** Requests per principal per 5-minute sliding window (BC online: 6,000). */
  rateLimitPerWindow: z.number().int().min(1).optional(),
  /** Send Retry-After: 1 with throttling 429s (BC does not promise the header). */
  throttleRetryAfter: z.boolean().optional(),
  /** false: the companion extension is not installed, so its API routes answer 404. */
  customApiEnabled: z.boolean().optional(),
  /**
   * Hold the answer (not the work) of matching requests: BC has done the write, the caller has not
   * heard yet. Tests crash a worker inside this window. null switches it off.
   */
  delayAnswers: z
    .object({ method: z.string().toUpperCase(), path: z.string(), ms: z.number().int().min(1) })
    .nullable()
    .optional(),
});
export type KnobsPatch = z.infer<typeof knobsPatchSchema>;

export interface Knobs {
  latencyMs: number;
  maxConcurrent: number;
  rateLimitPerWindow: number;
  throttleRetryAfter: boolean;
  customApiEnabled: boolean;
  delayAnswers: { method: string; path: string; ms: number } | null;
}

const DEFAULT_CODES: Record<number, string> = {
  400: "BadRequest",
  401: "Authentication_InvalidCredentials",
  403: "Authorization_Forbidden",
  404: "BadRequest_NotFound",
  408: "Request_Timeout",
  409: "Request_EntityChanged",
  429: "Application_TooManyRequests",
  500: "Internal_ServerError",
  503: "Internal_TenantUnavailable",
  504: "Request_GatewayTimeout",
};

type Rule = z.infer<typeof failureRuleSchema> & { re: RegExp; left: number };

/** Injected failures: each rule answers its next `count` matching API requests with a BC-shaped error. */
export class FailureInjector {
  #rules: Rule[] = [];

  add(input: FailureRuleInput): void {
    const rule = failureRuleSchema.parse(input);
    this.#rules.push({ ...rule, re: new RegExp(rule.path), left: rule.count });
  }

  /** Consumes one use of the first matching rule and returns the error to answer with. */
  take(method: string, path: string): BcError | undefined {
    const rule = this.#rules.find((r) => r.left > 0 && (!r.method || r.method === method) && r.re.test(path));
    if (!rule) return undefined;
    rule.left -= 1;
    this.#rules = this.#rules.filter((r) => r.left > 0);
    const code = rule.code ?? DEFAULT_CODES[rule.status] ?? "Internal_ServerError";
    const headers: Record<string, string> = rule.retryAfter == null ? {} : { "Retry-After": String(rule.retryAfter) };
    return new BcError(rule.status, code, rule.message ?? `Injected failure (${code}).`, headers);
  }

  pending(): { method?: string; path: string; left: number; status: number; code?: string }[] {
    return this.#rules.map(({ method, path, left, status, code }) => ({
      path,
      left,
      status,
      ...(method ? { method } : {}),
      ...(code ? { code } : {}),
    }));
  }

  clear(): void {
    this.#rules = [];
  }
}
