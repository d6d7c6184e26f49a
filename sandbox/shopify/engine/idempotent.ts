import { GraphQLError, type GraphQLResolveInfo, Kind } from "graphql";

import { str } from "./input-helpers.ts";
import type { ShopState } from "./shop-state.ts";

/** The `@idempotent(key:)` argument on the mutation field, from a literal or a variable. */
export function idempotencyKey(info: GraphQLResolveInfo): string | null {
  const directive = info.fieldNodes[0]?.directives?.find((d) => d.name.value === "idempotent");
  const arg = directive?.arguments?.find((a) => a.name.value === "key")?.value;
  if (!arg) return null;
  if (arg.kind === Kind.STRING) return arg.value;
  if (arg.kind === Kind.VARIABLE) return str(info.variableValues[arg.name.value]);
  return null;
}

/**
 * Runs an inventory mutation that 2026-04 and later refuse without `@idempotent(key:)`. A resend
 * with the same key and arguments answers what the first call answered and changes nothing; the
 * same key with other arguments (`fingerprint`) is refused with `mismatch`. Keys are per shop;
 * callers other than inventorySetQuantities put their mutation's name in the fingerprint (that one
 * keeps its bare input JSON, as snapshots already hold).
 */
export function idempotent(
  state: ShopState,
  info: GraphQLResolveInfo,
  fingerprint: string,
  run: () => unknown,
  mismatch: () => unknown,
): unknown {
  const key = idempotencyKey(info);
  if (!key) {
    throw new GraphQLError("The @idempotent directive is required for this mutation.", {
      extensions: { code: "BAD_REQUEST" },
    });
  }
  const previous = state.idempotency.get(key);
  if (previous) return previous.fingerprint === fingerprint ? previous.result : mismatch();
  const result = run();
  state.idempotency.set(key, { fingerprint, result });
  return result;
}
