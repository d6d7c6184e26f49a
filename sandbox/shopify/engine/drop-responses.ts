import type { DropMode, DropResponseKnob } from "../contracts.ts";

/**
 * The drop-response fault knobs: a request that runs a knob's root field is applied as usual and
 * then its answer is lost. This is the "Shopify acted, the caller never heard" case a retrying
 * client must survive without doing the work twice.
 */
export function createDropResponses() {
  let knobs: Required<DropResponseKnob>[] = [];
  const copy = () => knobs.map((k) => ({ ...k }));
  return {
    set(knob: DropResponseKnob): DropResponseKnob[] {
      const shop = knob.shop ?? null;
      knobs = knobs.filter((k) => k.operation !== knob.operation || k.shop !== shop);
      if (knob.times > 0) {
        knobs.push({ operation: knob.operation, times: knob.times, shop, mode: knob.mode ?? "reset" });
      }
      return copy();
    },
    list: copy,
    /** Spends one drop on a request that ran `rootFields` on `shop`; the mode, or null to answer. */
    take(shop: string, rootFields: readonly string[]): DropMode | null {
      const knob = knobs.find((k) => rootFields.includes(k.operation) && (k.shop === null || k.shop === shop));
      if (!knob) return null;
      knob.times -= 1;
      if (knob.times <= 0) knobs = knobs.filter((k) => k !== knob);
      return knob.mode;
    },
    clear(): void {
      knobs = [];
    },
  };
}
