import { Kind, parse } from "graphql";
import { z } from "zod";

const throttleStatusSchema = z.object({
  maximumAvailable: z.number(),
  currentlyAvailable: z.number(),
  restoreRate: z.number(),
});
export type ThrottleStatus = z.infer<typeof throttleStatusSchema>;

const costSchema = z.object({
  requestedQueryCost: z.number(),
  // null when the query never ran (THROTTLED, MAX_COST_EXCEEDED).
  actualQueryCost: z.number().nullable(),
  throttleStatus: throttleStatusSchema,
});
export type QueryCost = z.infer<typeof costSchema>;

const graphqlErrorSchema = z.looseObject({
  message: z.string(),
  extensions: z.looseObject({ code: z.string().optional() }).optional(),
});
export type GraphqlError = z.infer<typeof graphqlErrorSchema>;

/**
 * The HTTP 200 body of an Admin GraphQL call. `data` is absent (not null) when the document was
 * rejected before running (validation, THROTTLED), which is how the two kinds of error differ.
 */
export const graphqlEnvelopeSchema = z.object({
  data: z.record(z.string(), z.unknown()).nullable().optional(),
  errors: z.array(graphqlErrorSchema).optional(),
  extensions: z.looseObject({ cost: costSchema.optional() }).optional(),
});
export type GraphqlEnvelope = z.infer<typeof graphqlEnvelopeSchema>;

/** Error bodies outside GraphQL are `{"errors": "text"}` or `{"errors": {...}}`; keep a short line. */
export function errorBodyMessage(body: string, limit = 200): string {
  let text = body;
  try {
    const json = JSON.parse(body) as unknown;
    const errors = typeof json === "object" && json !== null && "errors" in json ? json.errors : json;
    text = typeof errors === "string" ? errors : JSON.stringify(errors);
  } catch {
    // Not JSON (an HTML error page from a proxy): the raw text, trimmed, is the best we have.
  }
  text = text.replace(/\s+/g, " ").trim();
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

/** `query ShopInfo(...)` ⇒ "ShopInfo"; the first named operation in the document. */
export function operationNameOf(document: string): string | undefined {
  return /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(document)?.[1];
}

const mutationDocuments = new Map<string, boolean>();

/** Does the document change the store? Parsed once per document (documents are module constants). */
export function isMutationDocument(document: string): boolean {
  let known = mutationDocuments.get(document);
  if (known === undefined) {
    known = parse(document).definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === "mutation");
    if (mutationDocuments.size < 1000) mutationDocuments.set(document, known);
  }
  return known;
}
