import type {
  DropResponseKnob,
  PayoutStatusName,
  SandboxFulfillment,
  SandboxFulfillmentService,
  SandboxPayout,
  ShopifyEngine,
} from "../contracts.ts";
import type { AppRegistry, RegisteredApp, RegisteredAppInput } from "./app-registry.ts";
import type { WebhookDelivery } from "./webhook-delivery.ts";

export interface SignSessionTokenOptions {
  shop: string;
  apiKey: string;
  userId?: number | string;
  ttlSeconds?: number;
}

/** What createShopifySandboxServer resolves to. */
export interface SandboxServerApi {
  /** Origin, e.g. `http://127.0.0.1:8790`. */
  url: string;
  port: number;
  engine: ShopifyEngine;
  registry: AppRegistry;
  /** Knobs (setKnobs, pause, flush, resume), the delivery log and waitForIdle(). */
  webhooks: WebhookDelivery;
  /** Like deploying a shopify.app.toml: webhook `uri`s are relative to `appUrl` or absolute. */
  registerApp(app: RegisteredAppInput): RegisteredApp;
  /** Installs the app and returns its offline token (stable per shop+app; pass one to re-register it). */
  installApp(shop: string, apiKey: string, options?: { accessToken?: string }): { accessToken: string };
  /** Revokes every token of the app on that shop and sends it `app/uninstalled`. */
  uninstallApp(shop: string, apiKey: string): void;
  /** An App Bridge session token (HS256, app secret) for the shop and app. */
  signSessionToken(options: SignSessionTokenOptions): string;
  /** Every fulfillment of an order with sandbox-only facts (notifyCustomer, message); throws 404s. */
  fulfillments(shop: string, orderId: string | number): SandboxFulfillment[];
  /** A fulfillment service owned by another app (default "sandbox-3pl"), with its location. */
  createFulfillmentService(shop: string, input: { name: string; ownerApiKey?: string }): SandboxFulfillmentService;
  /**
   * Arms a drop-response knob: the next `times` requests running `operation` are applied, then the
   * connection is reset (or answered 502 with `mode: "502"`). `times: 0` disarms. Returns all armed.
   */
  dropResponses(knob: DropResponseKnob): DropResponseKnob[];
  /** Groups the shop's pending Shopify Payments balance transactions into a new payout; 409 when none is pending. */
  createPayout(shop: string, input?: { status?: PayoutStatusName; issuedAt?: string }): SandboxPayout;
  /** Moves a payout on (e.g. PAID); 404 for an unknown payout. */
  setPayoutStatus(shop: string, id: string, status: PayoutStatusName): SandboxPayout;
  /** Moves the store's clock forward (engine.advanceClock); returns the new time in ms. */
  advanceClock(ms: number): number;
  /** Makes the shop hold `count` variants besides its records (engine.setExistingVariants); throws 404s. */
  setExistingVariants(shop: string, count: number): { variants: number };
  /** Forgets shops (engine.reset), apps, installs, tokens, knobs and the delivery log. */
  reset(): void;
  close(): Promise<void>;
}
