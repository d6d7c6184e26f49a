import type { z } from "zod";

import type { ErpCapabilities, PulledRecord } from "../port.ts";
import type { BcContext } from "./context.ts";
import type { rowBase } from "./schemas.ts";

type BaseRow = { [K in keyof typeof rowBase]: z.infer<(typeof rowBase)[K]> };

/**
 * One BC collection read by `pull`: where it lives, which fields to ask for, how a row becomes a
 * canonical record. `url` returns null when the collection is not available on this connection
 * (a custom API switched off), which `pull` reports as UNSUPPORTED.
 */
export interface PullSource<T> {
  /** Key of this source's position inside the cursor; renaming it invalidates stored cursors. */
  name: string;
  url(ctx: BcContext): string | null;
  select: readonly string[];
  /** The capability this source depends on (a companion API page); off ⇒ UNSUPPORTED. */
  requires?: keyof ErpCapabilities;
  /** `$expand`; a function when what can be expanded depends on the installation (pictures). */
  expand?: string | ((capabilities: ErpCapabilities) => string | undefined);
  /** Extra filter, and-ed with the delta filter. */
  filter?: string;
  parseRow(row: unknown): BaseRow & Record<string, unknown>;
  map(row: never): T;
  /** Extra reads for a whole page (e.g. tracking numbers for shipments). */
  enrich?(ctx: BcContext, records: Array<PulledRecord<T>>): Promise<Array<PulledRecord<T>>>;
}

/** Builds a source with the row type inferred from its zod schema (which must spread `rowBase`). */
export function pullSource<S extends z.ZodType, T>(def: {
  name: string;
  url(ctx: BcContext): string | null;
  select: readonly string[];
  requires?: keyof ErpCapabilities;
  expand?: string | ((capabilities: ErpCapabilities) => string | undefined);
  filter?: string;
  row: S;
  map(row: z.output<S>): T;
  enrich?(ctx: BcContext, records: Array<PulledRecord<T>>): Promise<Array<PulledRecord<T>>>;
}): PullSource<T> {
  return {
    ...def,
    parseRow: (row) => def.row.parse(row) as BaseRow & Record<string, unknown>,
    map: def.map as (row: never) => T,
  };
}
