import { z } from "zod";

import { searchInputSchema } from "./search-input.ts";

/**
 * A list page's URL parameters (tab, search, page); each falls back to its default instead of
 * failing, so a hand-edited URL still shows a list. The first tab is the default.
 */
export function listQuerySchema<const Tabs extends readonly [string, ...string[]]>(tabs: Tabs) {
  return z.object({
    tab: z.enum(tabs).catch(tabs[0] as Tabs[number]),
    q: searchInputSchema,
    page: z.coerce.number().int().min(0).max(10_000).catch(0),
  });
}

/** The first value of each URL parameter: a repeated one must not turn into an array and fail. */
export function firstSearchParams(url: URL): Record<string, string> {
  const first: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (!(key in first)) first[key] = value;
  return first;
}

/** `%term%` for ilike, with the term's own wildcards taken literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}
