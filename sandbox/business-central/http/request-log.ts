export interface RequestLogEntry {
  method: string;
  /** Path and query as requested. */
  path: string;
  status: number;
  /** Wall-clock ms (performance-based, not the sandbox clock, so overlaps are real). */
  startedAt: number;
  endedAt: number;
  principal?: string;
  /** Requests of the same principal executing when this one got its slot, itself included; 0 if throttled. */
  concurrent: number;
  errorCode?: string;
}

/** Every API and token request, in completion order; bounded so a long dev session does not grow forever. */
export class RequestLog {
  #entries: RequestLogEntry[] = [];
  readonly #max: number;
  constructor(max = 10_000) {
    this.#max = max;
  }
  add(entry: RequestLogEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length > this.#max) this.#entries.splice(0, this.#entries.length - this.#max);
  }
  entries(): RequestLogEntry[] {
    return [...this.#entries];
  }
  clear(): void {
    this.#entries = [];
  }
  /** The most requests that were executing at the same time (429s excluded), from start/end times. */
  maxOverlap(): number {
    const events = this.#entries
      .filter((e) => e.concurrent > 0)
      .flatMap((e) => [
        { t: e.startedAt, d: 1 },
        { t: e.endedAt, d: -1 },
      ])
      .sort((a, b) => a.t - b.t || a.d - b.d);
    let now = 0;
    let max = 0;
    for (const e of events) {
      now += e.d;
      max = Math.max(max, now);
    }
    return max;
  }
}
