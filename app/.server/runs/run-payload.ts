import { z } from "zod";

import { taskRunTriggers } from "../../../db/schema/task-runs.ts";

/** What every job payload of a registry task carries (each item, for a batched task). */
export const runEnvelopeSchema = z.looseObject({
  shopId: z.number().int().positive(),
  trigger: z.enum(taskRunTriggers).default("schedule"),
  dryRun: z.boolean().default(false),
});
export type RunEnvelope = z.infer<typeof runEnvelopeSchema>;

/** The envelope of a job payload: the object itself, or a batched payload's first item. */
export function envelopeOf(payload: unknown): RunEnvelope {
  const first = Array.isArray(payload) ? payload[0] : payload;
  return runEnvelopeSchema.parse(first ?? {});
}
