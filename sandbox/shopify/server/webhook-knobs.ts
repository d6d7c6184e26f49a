import { z } from "zod";

/** Shaped like Shopify's: 8 retries with exponential backoff over roughly four hours. */
export const DEFAULT_RETRY_SCHEDULE_MS = [5_000, 10_000, 30_000, 60_000, 300_000, 900_000, 3_600_000, 7_200_000];

/** Shopify gives up on a delivery that has not answered within 5 s. */
export const DELIVERY_TIMEOUT_MS = 5_000;

export const knobsSchema = z.object({
  /** Deliver every webhook this many times (same webhook id), like Shopify's at-least-once duplicates. */
  duplicate: z.number().int().min(1).max(50),
  /** Hold deliveries until flush(), then release them reversed or shuffled. */
  reorder: z.union([z.literal(false), z.literal("reverse"), z.literal("shuffle")]),
  /** Wait this long before the first attempt. */
  delayMs: z.number().int().min(0),
  /** Drop this fraction (0..1) of deliveries, for every topic or only the listed ones. */
  drop: z.object({ fraction: z.number().min(0).max(1), topics: z.array(z.string()).optional() }).nullable(),
});
export type WebhookKnobs = z.infer<typeof knobsSchema>;
export const knobsPatchSchema = knobsSchema.partial();
export type WebhookKnobsPatch = z.infer<typeof knobsPatchSchema>;

export const DEFAULT_KNOBS: WebhookKnobs = { duplicate: 1, reorder: false, delayMs: 0, drop: null };

export type DeliveryState = "scheduled" | "held" | "in-flight" | "retrying" | "delivered" | "failed" | "dropped";

export interface DeliveryAttempt {
  at: string;
  status?: number;
  error?: string;
}

/** One copy of one webhook to one app; duplicates share `webhookId` and differ in `copy`. */
export interface DeliveryLogEntry {
  seq: number;
  webhookId: string;
  eventId: string;
  topic: string;
  shop: string;
  apiKey: string;
  url: string;
  copy: number;
  attempts: DeliveryAttempt[];
  state: DeliveryState;
  payload: Record<string, unknown>;
}
