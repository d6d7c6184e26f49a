import { customerDataRequests } from "../../../db/schema/customer-data-requests.ts";
import type { Tx } from "../db.ts";
import type { ShopSettings } from "../domain/settings-schema.ts";
import { applyLevelWebhook, setItemTracked } from "../queries/inventory-levels.ts";
import { noteRefunds } from "../queries/order-refunds.ts";
import { noteReturns } from "../queries/order-returns.ts";
import { companiesOfContact, markCompaniesForRead, markCompaniesGone } from "../queries/shopify-companies.ts";
import { markCustomersGone } from "../queries/shopify-customers.ts";
import { getShopSettings, markShopUninstalled, updateShopScopes } from "../queries/shops.ts";
import { enqueueRun } from "../runs/enqueue-run.ts";
import { companiesSyncTask } from "../tasks/companies-sync/task.ts";
import { customersSyncTask } from "../tasks/customers-sync/task.ts";
import { productsSyncTask } from "../tasks/products-sync/task.ts";
import { refundsProcessTask } from "../tasks/refunds-process/task.ts";
import { returnTopics, webhookPayloadSchemas, type WebhookTopic } from "./topics.ts";
import type { VerifiedDelivery } from "./verify.ts";

export const inlineTopics: ReadonlySet<WebhookTopic> = new Set([
  "app/uninstalled",
  "app/scopes_update",
  "customers/data_request",
  // Only queues a run of "Sync products" (coalesced under its job key): a burst of product edits is one run.
  "products/update",
  // One row of the stock shadow, updated in place when newer: nothing to queue.
  "inventory_levels/update",
  "inventory_items/update",
  // Only queue a run of "Sync customers" (coalesced under its job key), or mark a deleted customer.
  "customers/create",
  "customers/update",
  "customers/delete",
  // Notes the refund and queues a run of "Process refunds".
  "refunds/create",
  // Keep the return's new status (no run: its money comes as a refund).
  ...returnTopics,
  // Queue a run of "Sync companies" (a location's change marks its company to be read again).
  "companies/create",
  "companies/update",
  "companies/delete",
  "company_locations/create",
  "company_locations/update",
  "company_locations/delete",
]);

interface InlineInput {
  shopId: number;
  delivery: VerifiedDelivery;
  topic: WebhookTopic;
  payload: unknown;
}

/** Only the import half reads Shopify's company changes; other shops get these for the app's own writes. */
function companyImportOn(settings: ShopSettings): boolean {
  return settings.companies.import !== "none" || settings.companies.shopifyCanUpdateErp;
}

/** Effects small enough to apply inside the webhook request's own transaction. */
export async function applyInline(tx: Tx, input: InlineInput): Promise<void> {
  const { shopId, delivery } = input;
  switch (input.topic) {
    case "app/uninstalled":
      await markShopUninstalled(tx, { shopId, domain: delivery.shop, at: delivery.triggeredAt ?? new Date() });
      return;
    case "app/scopes_update": {
      const payload = webhookPayloadSchemas["app/scopes_update"].parse(input.payload);
      await updateShopScopes(tx, { shopId, domain: delivery.shop, scopes: payload.current.join(",") });
      return;
    }
    case "customers/data_request": {
      const payload = webhookPayloadSchemas["customers/data_request"].parse(input.payload);
      await tx
        .insert(customerDataRequests)
        .values({
          shopId,
          dataRequestId: String(payload.data_request.id),
          shopifyCustomerId: `gid://shopify/Customer/${payload.customer.id}`,
          ordersRequested: payload.orders_requested.map((id) => `gid://shopify/Order/${id}`),
        })
        .onConflictDoNothing();
      return;
    }
    case "products/update": {
      // ERP → Shopify shops get these too (the app's own writes): only the import direction reads them.
      const settings = await getShopSettings(tx, shopId);
      if (settings.products.direction === "shopify_to_erp") {
        await enqueueRun(tx, productsSyncTask, { shopId, trigger: "webhook" });
      }
      return;
    }
    case "customers/create":
    case "customers/update": {
      // Only the import half reads Shopify's changes; other shops get these for the app's own writes.
      const settings = await getShopSettings(tx, shopId);
      const { customers } = settings;
      if (customers.import === "all" || customers.shopifyCanUpdateErp) {
        await enqueueRun(tx, customersSyncTask, { shopId, trigger: "webhook" });
      }
      // A main contact's new e-mail or phone is its companies' too: they are read again.
      const payload = webhookPayloadSchemas[input.topic].parse(input.payload);
      const companies = await companiesOfContact(tx, {
        shopId,
        shopifyCustomerId: `gid://shopify/Customer/${payload.id}`,
      });
      if (companies.length > 0 && companyImportOn(settings)) {
        await markCompaniesForRead(tx, {
          shopId,
          shopifyCompanyIds: companies,
          now: delivery.triggeredAt ?? new Date(),
        });
        await enqueueRun(tx, companiesSyncTask, { shopId, trigger: "webhook" });
      }
      return;
    }
    case "customers/delete": {
      const payload = webhookPayloadSchemas["customers/delete"].parse(input.payload);
      await markCustomersGone(tx, {
        shopId,
        shopifyCustomerIds: [`gid://shopify/Customer/${payload.id}`],
        now: delivery.triggeredAt ?? new Date(),
      });
      return;
    }
    case "refunds/create": {
      const payload = webhookPayloadSchemas["refunds/create"].parse(input.payload);
      const { refunds } = await getShopSettings(tx, shopId);
      if (refunds.process === "off") return;
      await noteRefunds(tx, {
        shopId,
        refunds: [
          { refundId: `gid://shopify/Refund/${payload.id}`, orderId: `gid://shopify/Order/${payload.order_id}` },
        ],
      });
      await enqueueRun(tx, refundsProcessTask, { shopId, trigger: "webhook" });
      return;
    }
    case "returns/request":
    case "returns/approve":
    case "returns/decline":
    case "returns/cancel":
    case "returns/close":
    case "returns/reopen":
    case "returns/process":
    case "returns/update": {
      const payload = webhookPayloadSchemas[input.topic].parse(input.payload);
      await noteReturns(tx, {
        shopId,
        returns: [
          {
            shopifyReturnId: payload.admin_graphql_api_id,
            shopifyOrderId: payload.order.admin_graphql_api_id,
            name: payload.name ?? "",
            status: payload.status.toUpperCase(),
            quantity: payload.total_return_line_items ?? 0,
            declineReason: payload.decline?.reason ?? null,
            at: delivery.triggeredAt ?? new Date(),
          },
        ],
      });
      return;
    }
    case "companies/create":
    case "companies/update": {
      if (companyImportOn(await getShopSettings(tx, shopId))) {
        await enqueueRun(tx, companiesSyncTask, { shopId, trigger: "webhook" });
      }
      return;
    }
    case "companies/delete": {
      const payload = webhookPayloadSchemas["companies/delete"].parse(input.payload);
      await markCompaniesGone(tx, {
        shopId,
        shopifyCompanyIds: [payload.admin_graphql_api_id],
        now: delivery.triggeredAt ?? new Date(),
      });
      return;
    }
    case "company_locations/create":
    case "company_locations/update":
    case "company_locations/delete": {
      const payload = webhookPayloadSchemas[input.topic].parse(input.payload);
      if (!companyImportOn(await getShopSettings(tx, shopId))) return;
      await markCompaniesForRead(tx, {
        shopId,
        shopifyCompanyIds: [payload.company.admin_graphql_api_id],
        now: delivery.triggeredAt ?? new Date(),
      });
      await enqueueRun(tx, companiesSyncTask, { shopId, trigger: "webhook" });
      return;
    }
    case "inventory_levels/update": {
      const payload = webhookPayloadSchemas["inventory_levels/update"].parse(input.payload);
      await applyLevelWebhook(tx, {
        shopId,
        inventoryItemId: `gid://shopify/InventoryItem/${payload.inventory_item_id}`,
        locationId: `gid://shopify/Location/${payload.location_id}`,
        available: payload.available,
        updatedAt: new Date(payload.updated_at),
      });
      return;
    }
    case "inventory_items/update": {
      const payload = webhookPayloadSchemas["inventory_items/update"].parse(input.payload);
      await setItemTracked(tx, { shopId, inventoryItemId: payload.admin_graphql_api_id, tracked: payload.tracked });
      return;
    }
    default:
      throw new Error(`${input.topic} is not handled inline`);
  }
}
