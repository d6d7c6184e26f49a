import { z } from "zod";

/** Longer search terms are cut, not refused: nobody types 100 characters to find an order. */
export const SEARCH_MAX_LENGTH = 100;

// C0 controls (NUL included: Postgres cannot hold it in text and answered 500), DEL and C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * A free-text search box's value from the URL: control characters become spaces, runs of spaces
 * collapse, and the result is trimmed and capped. Anything that is not a string reads as no search.
 */
export const searchInputSchema = z
  .string()
  .transform((value) =>
    value.replace(CONTROL_CHARACTERS, " ").replace(/\s+/g, " ").trim().slice(0, SEARCH_MAX_LENGTH).trim(),
  )
  .catch("");
