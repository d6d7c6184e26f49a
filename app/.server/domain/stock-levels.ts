/** Units per variant and Shopify location, keyed by `levelKey`. */
export type UnitsByLevel = Map<string, number>;

/** A stock level's key in the maps the inventory sync plans from: a variant at a location. */
export const levelKey = (variantId: string, locationId: string) => `${variantId}\u0000${locationId}`;

/** What the planner reads of a shadow level (db/schema/inventory-levels.ts). */
export interface ShadowLevel {
  inventoryItemId: string;
  tracked: boolean;
  stocked: boolean;
  available: number | null;
  onHand: number | null;
}
