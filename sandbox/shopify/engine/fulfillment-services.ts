import type { UserError } from "./input-helpers.ts";
import { locationPayload } from "./payloads.ts";
import { emit, nextId, type ShopState, stamp } from "./shop-state.ts";
import type { FulfillmentServiceRec, LocationRec } from "./store-types.ts";

export interface FulfillmentServiceInput {
  name: string;
  ownerApiKey: string;
  callbackUrl?: string | null;
  trackingSupport?: boolean;
  inventoryManagement?: boolean;
  requiresShippingMethod?: boolean;
}

function handleOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * A fulfillment service and the location Shopify creates for it, named after the service, at the
 * shop's address, owned by `ownerApiKey`: only that app may accept its requests and fulfil there.
 */
export function createFulfillmentService(
  state: ShopState,
  input: FulfillmentServiceInput,
): { location: LocationRec; service: FulfillmentServiceRec } | { userErrors: UserError[] } {
  const name = input.name.trim();
  if (!name) return { userErrors: [{ field: ["name"], message: "Name can't be blank" }] };
  const taken = [...state.locations.values()].some(
    (l) => l.fulfillmentService?.serviceName.toLowerCase() === name.toLowerCase(),
  );
  if (taken) return { userErrors: [{ field: ["name"], message: "Name has already been taken" }] };
  const at = stamp(state);
  const service: FulfillmentServiceRec = {
    id: nextId(state, "FulfillmentService"),
    handle: handleOf(name) || `fulfillment-service-${state.counters.FulfillmentService}`,
    serviceName: name,
    ownerApiKey: input.ownerApiKey,
    callbackUrl: input.callbackUrl ?? null,
    trackingSupport: input.trackingSupport ?? false,
    inventoryManagement: input.inventoryManagement ?? false,
    requiresShippingMethod: input.requiresShippingMethod ?? true,
  };
  const location: LocationRec = {
    id: nextId(state, "Location"),
    name,
    code: service.handle,
    isActive: true,
    fulfillmentService: service,
    // The shop's own address (see views-shop.ts), as Shopify gives a new service location.
    address: {
      id: nextId(state, "Other"),
      firstName: null,
      lastName: null,
      company: null,
      address1: "1 Sandbox Way",
      address2: null,
      city: "Ottawa",
      province: "Ontario",
      provinceCode: "ON",
      country: "Canada",
      countryCode: "CA",
      zip: "K1A 0A1",
      phone: null,
    },
    createdAt: at,
    updatedAt: at,
  };
  state.locations.set(location.id, location);
  emit(state, "locations/create", locationPayload(location));
  return { location, service };
}
