import { createHmac, randomUUID } from "node:crypto";

import type { SandboxEvent } from "../contracts.ts";
import type { RegisteredApp } from "./app-registry.ts";
import { API_VERSION } from "./graphql-route.ts";
import {
  DEFAULT_KNOBS,
  DELIVERY_TIMEOUT_MS,
  type DeliveryLogEntry,
  knobsSchema,
  type WebhookKnobs,
  type WebhookKnobsPatch,
} from "./webhook-knobs.ts";

interface Delivery {
  entry: DeliveryLogEntry;
  secret: string;
  name?: string;
  triggeredAt: string;
  body: string;
}

/** Shopify-style webhook sender: signed POSTs, retries with backoff, and knobs for misbehaviour. */
export class WebhookDelivery {
  readonly #retrySchedule: number[];
  readonly #log: (line: string) => void;
  #knobs: WebhookKnobs = { ...DEFAULT_KNOBS };
  #paused = false;
  #held: Delivery[] = [];
  #entries: DeliveryLogEntry[] = [];
  #seq = 0;
  /** Scheduled timers, in-flight attempts and sequential releases; zero means idle. */
  #busy = 0;
  #idleWaiters: (() => void)[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  #closed = false;

  constructor(options: { retrySchedule: number[]; log: (line: string) => void }) {
    this.#retrySchedule = options.retrySchedule;
    this.#log = options.log;
  }

  get knobs(): WebhookKnobs {
    return { ...this.#knobs };
  }

  setKnobs(patch: WebhookKnobsPatch): WebhookKnobs {
    this.#knobs = knobsSchema.parse({ ...this.#knobs, ...patch });
    return this.knobs;
  }

  /** Hold new deliveries until flush() or resume(). */
  pause(): void {
    this.#paused = true;
  }

  resume(): Promise<void> {
    this.#paused = false;
    return this.flush();
  }

  /** Releases held deliveries one after another (reversed or shuffled if `reorder` is set). */
  flush(): Promise<void> {
    const held = this.#held;
    this.#held = [];
    const ordered =
      this.#knobs.reorder === "reverse" ? held.reverse() : this.#knobs.reorder === "shuffle" ? shuffle(held) : held;
    this.#busy++;
    return (async () => {
      try {
        for (const delivery of ordered) await this.#attempt(delivery);
      } finally {
        this.#done();
      }
    })();
  }

  log(): DeliveryLogEntry[] {
    return this.#entries.map((entry) => ({ ...entry, attempts: [...entry.attempts] }));
  }

  clearLog(): void {
    this.#entries = this.#entries.filter((entry) => !isFinal(entry.state));
  }

  /** Resolves when nothing is scheduled or in flight (held deliveries wait for flush() and do not count). */
  waitForIdle(): Promise<void> {
    if (this.#busy === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Queues one webhook per subscribed app (only the event's own app when it names one), applying the knobs. */
  enqueue(event: SandboxEvent, apps: RegisteredApp[]): void {
    if (this.#closed) return;
    for (const app of apps) {
      if (event.apiKey !== undefined && event.apiKey !== app.apiKey) continue;
      for (const subscription of app.webhooks) {
        if (!subscription.topics.includes(event.topic)) continue;
        const payload = subscription.includeFields ? pick(event.payload, subscription.includeFields) : event.payload;
        this.#enqueueFor(
          { ...event, payload },
          app,
          new URL(subscription.uri, app.appUrl).toString(),
          subscription.name,
        );
      }
    }
  }

  #enqueueFor(event: SandboxEvent, app: RegisteredApp, url: string, name: string | undefined): void {
    const webhookId = randomUUID();
    const drop = this.#knobs.drop;
    const dropped =
      drop !== null && (!drop.topics || drop.topics.includes(event.topic)) && Math.random() < drop.fraction;
    const copies = dropped ? 1 : this.#knobs.duplicate;
    for (let copy = 0; copy < copies; copy++) {
      const entry: DeliveryLogEntry = {
        seq: ++this.#seq,
        webhookId,
        eventId: event.eventId,
        topic: event.topic,
        shop: event.shop,
        apiKey: app.apiKey,
        url,
        copy,
        attempts: [],
        state: dropped ? "dropped" : "scheduled",
        payload: event.payload,
      };
      this.#entries.push(entry);
      if (dropped) {
        this.#log(`webhook ${event.topic} → ${url} dropped (knob)`);
        continue;
      }
      const delivery: Delivery = {
        entry,
        secret: app.apiSecret,
        triggeredAt: event.triggeredAt,
        body: JSON.stringify(event.payload),
        ...(name === undefined ? {} : { name }),
      };
      if (this.#paused || this.#knobs.reorder !== false) {
        entry.state = "held";
        this.#held.push(delivery);
      } else {
        this.#schedule(delivery, this.#knobs.delayMs);
      }
    }
  }

  #schedule(delivery: Delivery, delayMs: number): void {
    this.#busy++;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void this.#attempt(delivery).finally(() => this.#done());
    }, delayMs);
    this.#timers.add(timer);
  }

  async #attempt(delivery: Delivery): Promise<void> {
    if (this.#closed) return;
    const { entry } = delivery;
    entry.state = "in-flight";
    const attempt: DeliveryLogEntry["attempts"][number] = { at: new Date().toISOString() };
    entry.attempts.push(attempt);
    try {
      const response = await fetch(entry.url, {
        method: "POST",
        body: delivery.body,
        headers: this.#headers(delivery),
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      attempt.status = response.status;
      await response.body?.cancel();
    } catch (error) {
      attempt.error = error instanceof Error ? error.message : String(error);
    }
    const ok = attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300;
    this.#log(
      `webhook ${entry.topic} → ${entry.url} attempt ${entry.attempts.length}: ${attempt.status ?? attempt.error}`,
    );
    if (ok) {
      entry.state = "delivered";
      return;
    }
    const delay = this.#retrySchedule[entry.attempts.length - 1];
    if (delay === undefined || this.#closed) {
      entry.state = "failed";
      return;
    }
    entry.state = "retrying";
    this.#schedule(delivery, delay);
  }

  #headers(delivery: Delivery): Record<string, string> {
    const { entry } = delivery;
    return {
      "Content-Type": "application/json",
      "User-Agent": "Shopify-Captain-Hook",
      "X-Shopify-Hmac-Sha256": createHmac("sha256", delivery.secret).update(delivery.body, "utf8").digest("base64"),
      "X-Shopify-Topic": entry.topic,
      "X-Shopify-Shop-Domain": entry.shop,
      "X-Shopify-API-Version": API_VERSION,
      "X-Shopify-Webhook-Id": entry.webhookId,
      "X-Shopify-Event-Id": entry.eventId,
      "X-Shopify-Triggered-At": delivery.triggeredAt,
      ...(delivery.name === undefined ? {} : { "X-Shopify-Name": delivery.name }),
    };
  }

  #done(): void {
    this.#busy--;
    if (this.#busy > 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Forget knobs, held deliveries and the log (scheduled retries are cancelled). */
  reset(): void {
    for (const timer of this.#timers) {
      clearTimeout(timer);
      this.#done();
    }
    this.#timers.clear();
    this.#held = [];
    this.#entries = [];
    this.#paused = false;
    this.#knobs = { ...DEFAULT_KNOBS };
  }

  close(): void {
    this.reset();
    this.#closed = true;
  }
}

/** The payload cut down to `fields` (top-level names, or dotted paths into nested objects and arrays). */
export function pick(payload: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const nested = new Map<string, string[]>();
  for (const field of fields) {
    const [head = "", ...rest] = field.split(".");
    if (!(head in payload)) continue;
    if (rest.length === 0) out[head] = payload[head];
    else nested.set(head, [...(nested.get(head) ?? []), rest.join(".")]);
  }
  for (const [head, inner] of nested) {
    if (head in out) continue;
    const value = payload[head];
    const sub = (v: unknown) => (v && typeof v === "object" ? pick(v as Record<string, unknown>, inner) : v);
    out[head] = Array.isArray(value) ? value.map(sub) : sub(value);
  }
  return out;
}

const isFinal = (state: DeliveryLogEntry["state"]): boolean =>
  state === "delivered" || state === "failed" || state === "dropped";

function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    const a = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = a;
  }
  return copy;
}
