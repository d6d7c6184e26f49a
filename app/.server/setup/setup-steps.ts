import type { ShopSettings } from "../domain/settings-schema.ts";
import type { OrderSettingNeeds } from "../queries/orders-missing-settings.ts";
import type { ShopLocation } from "./shop-locations.ts";

/**
 * The dashboard's setup guide and its "orders are waiting" banner, as pure functions of what is
 * stored (settings, the ERP connection, counts of open orders) and the shop's locations.
 *
 * Each step is something a task refuses to work without, read from the code that refuses:
 * - no ERP connection: orders fail ("Connect your ERP first"), shipments and posting skip;
 * - an order with shipping, a tip or a sold gift card fails without its account
 *   (tasks/orders-process/map-to-sales-document.ts);
 * - an order whose buyer the ERP does not know waits, unless orders go to a default customer or
 *   unknown customers are created (mapping/resolve-customer.ts);
 * - with several locations, order lines carry no ERP location unless the location is mapped, and
 *   the stock sync writes only to locations mapped on the Locations page;
 * - outgoing writes off: orders are skipped and nothing is sent; the "Sync orders" job-queue
 *   entry on hold: no scheduled reconcile picks up an order whose webhook never came.
 */
export type SetupStepKey =
  "erp" | "shipping-account" | "tip-account" | "gift-card-account" | "customers" | "locations" | "automation";

export interface SetupStep {
  key: SetupStepKey;
  title: string;
  /** What it is for, and what happens while it is not done. */
  description: string;
  done: boolean;
  action: { label: string; url: string };
}

export interface SetupFacts {
  settings: ShopSettings;
  erp: { connected: boolean; companyName: string | null };
  /**
   * The shop's active own locations (no fulfilment service's) with their Locations-page mapping;
   * null when Shopify could not be asked (the step is left out).
   */
  locations: readonly ShopLocation[] | null;
  /**
   * The shop's job queue: is the "Sync orders" entry on (a shop without entries yet counts with
   * the task's default, which its entry gets when created), and where it is set.
   */
  jobQueue: { ordersOn: boolean; ordersTitle: string };
}

/** Where each setting is set: the settings page scrolls to the field with that id. */
export const settingUrl = (field: string) => `/app/settings#${field}`;
const ERP_URL = "/app/erp";
const JOB_QUEUE_URL = "/app/jobs";
const LOCATIONS_URL = "/app/locations";

export function setupSteps({ settings, erp, locations, jobQueue }: SetupFacts): SetupStep[] {
  const o = settings.orders;
  const steps: SetupStep[] = [
    {
      key: "erp",
      title: "Connect your ERP",
      description: erp.connected
        ? `Connected to ${(erp.companyName ?? "your ERP").replace(/\.$/, "")}.`
        : "Until the app can reach your ERP, orders cannot become ERP documents and shipments and posting do not run.",
      done: erp.connected,
      action: { label: erp.connected ? "View connection" : "Connect ERP", url: ERP_URL },
    },
    accountStep({
      key: "shipping-account",
      field: "orders.shippingChargesAccount",
      title: "Choose the account for shipping charges",
      value: o.shippingChargesAccount,
      why: "An order with a shipping charge fails without it.",
      also: "Shipping methods can have accounts of their own.",
    }),
    accountStep({
      key: "tip-account",
      field: "orders.tipAccount",
      title: "Choose the account for tips",
      value: o.tipAccount,
      why: "An order with a tip fails without it.",
    }),
    accountStep({
      key: "gift-card-account",
      field: "orders.giftCardAccount",
      title: "Choose the account for sold gift cards",
      value: o.giftCardAccount,
      why: "An order that sells a gift card fails without it.",
    }),
    customerStep(settings),
  ];
  const locationStep = locationsStep(settings, locations);
  if (locationStep) steps.push(locationStep);
  steps.push(automationStep(settings, jobQueue));
  return steps;
}

export function setupProgress(steps: readonly SetupStep[]): { done: number; total: number } {
  return { done: steps.filter((step) => step.done).length, total: steps.length };
}

function accountStep(input: {
  key: SetupStepKey;
  field: string;
  title: string;
  value: string;
  why: string;
  also?: string;
}): SetupStep {
  const done = input.value !== "";
  return {
    key: input.key,
    title: input.title,
    description: done
      ? `Booked to ERP account ${input.value}.${input.also ? ` ${input.also}` : ""}`
      : `${input.why} Set the ERP G/L account it is booked to.${input.also ? ` ${input.also}` : ""}`,
    done,
    action: { label: done ? "Change account" : "Set account", url: settingUrl(input.field) },
  };
}

/** Done when an order of a buyer the ERP does not know still gets a customer without you. */
function customerStep(settings: ShopSettings): SetupStep {
  const c = settings.customers;
  const byDefault = c.mapping === "default_customer";
  const done = byDefault || c.createUnknownInErp;
  const description = byDefault
    ? `Every order goes to ERP customer ${c.defaultCustomerNo}.`
    : c.createUnknownInErp
      ? "Orders find their ERP customer by the chosen mapping; unknown buyers are created in the ERP."
      : "An order whose buyer the ERP does not know waits until you map the customer. To keep orders from waiting, let the app create unknown customers in the ERP, or send every order to one default customer.";
  return {
    key: "customers",
    title: "Decide which ERP customer an order goes to",
    description,
    done,
    action: {
      label: done ? "Review customer settings" : "Choose customer settings",
      url: settingUrl("customers.mapping"),
    },
  };
}

/**
 * For a shop with several locations, or one whose stock is synced: each active location of its own
 * needs its ERP location. Mapped on the Locations page (the stock it shows) or, as before, in the
 * orders' Locations setting (order lines' location code); with stock sync on, only the Locations
 * page counts, as the stock sync reads nothing else.
 */
function locationsStep(settings: ShopSettings, locations: readonly ShopLocation[] | null): SetupStep | null {
  const stockSynced = settings.inventory.enabled;
  if (!locations || locations.length === 0 || (locations.length < 2 && !stockSynced)) return null;
  const forOrders = settings.orders.locations;
  const mapped = (l: ShopLocation) =>
    l.erpLocationCodes.length > 0 ||
    (!stockSynced && (forOrders[l.id] !== undefined || forOrders[l.legacyId] !== undefined));
  const unmapped = locations.filter((l) => !mapped(l));
  const done = unmapped.length === 0;
  const names = unmapped.map((l) => `${l.name} (id ${l.legacyId})`).join(", ");
  const all = locations.length === 1 ? "Your location has" : `All ${locations.length} locations have`;
  const why = stockSynced
    ? "Stock is synced only to locations that have their ERP locations; choose them on the Locations page."
    : "Choose on the Locations page which ERP locations each Shopify location stands for (its stock comes from them once stock sync is on); order lines take their ERP location code from the Locations setting in Settings.";
  return {
    key: "locations",
    title: "Map your Shopify locations to ERP locations",
    description: done ? `${all} an ERP location.` : `${why} Not mapped: ${names}.`,
    done,
    action: { label: done ? "Review locations" : "Map locations", url: LOCATIONS_URL },
  };
}

/** Done when writes may leave the app and the orders entry runs on its schedule. */
function automationStep(settings: ShopSettings, jobQueue: SetupFacts["jobQueue"]): SetupStep {
  const problems = [
    settings.allowOutgoingWrites
      ? null
      : "Outgoing writes are off: orders are skipped and nothing is sent to the ERP or to Shopify.",
    jobQueue.ordersOn
      ? null
      : `"${jobQueue.ordersTitle}" is on hold in the job queue: an order whose webhook never came is not imported until you run it.`,
  ].filter((text): text is string => text !== null);
  const done = problems.length === 0;
  return {
    key: "automation",
    title: "Let the app write and run on schedule",
    description: done
      ? `Writes are allowed and "${jobQueue.ordersTitle}" runs on its schedule; see the job queue for every task.`
      : problems.join(" "),
    done,
    action: {
      label: done ? "Open the job queue" : "Turn on",
      url: settings.allowOutgoingWrites ? JOB_QUEUE_URL : settingUrl("allowOutgoingWrites"),
    },
  };
}

/** One banner line: open orders held up by a missing setting. */
export interface SetupNotice {
  key: "erp" | "shipping-account" | "tip-account" | "gift-card-account" | "customers";
  count: number;
  message: string;
  action: { label: string; url: string };
}

const orders = (n: number) => (n === 1 ? "1 order" : `${n} orders`);
const verb = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** What the banner says: only settings that are missing and that open orders do need. */
export function setupNotices(facts: SetupFacts, needs: OrderSettingNeeds): SetupNotice[] {
  const notices: SetupNotice[] = [];
  const o = facts.settings.orders;
  if (!facts.erp.connected && needs.open > 0) {
    notices.push({
      key: "erp",
      count: needs.open,
      message: `${orders(needs.open)} ${verb(needs.open, "waits", "wait")} for an ERP connection.`,
      action: { label: "Connect ERP", url: ERP_URL },
    });
  }
  const accounts = [
    ["shipping-account", needs.shipping, "shippingChargesAccount", "a shipping charge", "shipping charges account"],
    ["tip-account", needs.tip, "tipAccount", "a tip", "tip account"],
    ["gift-card-account", needs.giftCard, "giftCardAccount", "a sold gift card", "gift card account"],
  ] as const;
  for (const [key, count, field, what, setting] of accounts) {
    if (o[field] !== "" || count === 0) continue;
    notices.push({
      key,
      count,
      message: `${orders(count)} with ${what} cannot reach the ERP until the ${setting} is set.`,
      action: { label: `Set the ${setting}`, url: settingUrl(`orders.${field}`) },
    });
  }
  const customers = facts.settings.customers;
  if (needs.waitingForCustomer > 0 && customers.mapping !== "default_customer" && !customers.createUnknownInErp) {
    notices.push({
      key: "customers",
      count: needs.waitingForCustomer,
      message: `${orders(needs.waitingForCustomer)} ${verb(needs.waitingForCustomer, "waits", "wait")} for an ERP customer: map the customers, or change the customer settings.`,
      action: { label: "Map customers", url: "/app/unmapped/customers" },
    });
  }
  return notices;
}
