import { getConfig } from "../config.ts";
import { getDb } from "../db.ts";
import { getConnectionSummary } from "../erp/connections.ts";
import { countOf, formatDate, formatDateTime, formatMoney } from "../format/format.ts";
import { businessCentralDocumentUrl, shopifyAdminOrderUrl } from "../format/links.ts";
import { erpDocumentLabel, orderEventLabel, orderStatusBadges } from "../format/order-labels.ts";
import { listOrderEvents } from "../queries/order-events.ts";
import { getOrderDetail } from "../queries/order-list.ts";
import { paymentsOfOrder } from "../queries/order-payments.ts";
import { refundsOfOrder } from "../queries/order-refunds.ts";
import { returnsOfOrder } from "../queries/order-returns.ts";
import { listShipmentsOfOrder } from "../queries/shipments.ts";
import { getShopDisplay } from "../queries/shop-display.ts";
import { loadRecordRuns } from "../runs-page/record-runs.ts";
import { importedOrderSchema } from "../tasks/orders-sync/imported-order.ts";
import { refundFactsSchema } from "../tasks/refunds-process/refund-facts.ts";

/**
 * The one banner an order's state calls for, most urgent first: a conflict, a failure, or a wait
 * for a mapping (a normal wait: warning, never also a red failure). Null when nothing needs the merchant.
 */
export type OrderBanner =
  | { kind: "conflict"; message: string }
  | { kind: "error"; message: string }
  | { kind: "waiting"; on: "customer" | "product"; message: string }
  | null;

function bannerFor(order: NonNullable<Awaited<ReturnType<typeof getOrderDetail>>>): OrderBanner {
  if (order.hasConflict) {
    return { kind: "conflict", message: order.conflictReason ?? "The order was edited or cancelled." };
  }
  if (order.status === "error") {
    return { kind: "error", message: order.errorMessage ?? "The last attempt failed." };
  }
  if (order.status === "unprocessed" && order.waitingOn) {
    const on = order.waitingOn === "unmapped_customer" ? "customer" : "product";
    return { kind: "waiting", on, message: order.errorMessage ?? "" };
  }
  return null;
}

/** Shopify's financial statuses of an order with money still to come. */
const UNPAID = new Set(["PENDING", "AUTHORIZED", "PARTIALLY_PAID", "EXPIRED"]);

/** Everything the order page shows, formatted for the merchant; null when the shop has no such order. */
export async function loadOrderPage(shopId: number, orderId: number) {
  const db = getDb();
  const order = await getOrderDetail(db, { shopId, orderId });
  if (!order) return null;
  const shop = await getShopDisplay(db, shopId);
  const [events, shipments, refunds, returns, payments, connection, runs] = await Promise.all([
    listOrderEvents(db, { shopId, orderId: order.id }),
    listShipmentsOfOrder(db, { shopId, orderId: order.id }),
    refundsOfOrder(db, { shopId, shopifyOrderId: order.shopifyOrderId }),
    returnsOfOrder(db, { shopId, shopifyOrderId: order.shopifyOrderId }),
    paymentsOfOrder(db, { shopId, shopifyOrderId: order.shopifyOrderId }),
    order.erpDocumentNumber ? getConnectionSummary(shopId) : Promise.resolve(null),
    loadRecordRuns({ shopId, recordType: "order", recordKey: String(order.id), timeZone: shop.timeZone }),
  ]);
  const parsed = importedOrderSchema.safeParse(order.snapshot);
  const snapshot = parsed.success ? parsed.data : null;
  const currency = snapshot?.shopCurrency ?? shop.currencyCode;
  const money = (amount: string) => formatMoney(amount, currency);
  const documentType = order.erpDocumentType ?? "order";

  return {
    order: {
      id: order.id,
      name: order.name,
      status: order.status,
      badges: orderStatusBadges(order),
      banner: bannerFor(order),
      hasConflict: order.hasConflict,
      ignoredBecause: order.status === "ignored" && order.statusReason ? capitalize(order.statusReason) : null,
      /** Processing was asked for and nothing has answered yet: the page keeps itself fresh. */
      pending: order.status === "unprocessed" && !order.waitingOn && !order.hasConflict,
      shopifyAdminUrl: shopifyAdminOrderUrl(order.shopifyOrderId),
      erpDocument: order.erpDocumentNumber
        ? {
            label: `${erpDocumentLabel(documentType)} ${order.erpDocumentNumber}`,
            url: connection
              ? businessCentralDocumentUrl({
                  settings: connection.settings,
                  companyName: connection.companyName,
                  type: documentType,
                  number: order.erpDocumentNumber,
                  sandbox: Boolean(getConfig().BUSINESS_CENTRAL_SANDBOX_URL),
                })
              : null,
          }
        : null,
      postingStatus: order.postingStatus,
      postingError: order.postingError,
      posted: order.postedAt ? formatDate(order.postedAt, shop.timeZone) : null,
      closedInShopify: order.shopifyClosedAt ? formatDate(order.shopifyClosedAt, shop.timeZone) : null,
    },
    shopify: snapshot
      ? {
          placed: formatDateTime(snapshot.createdAt, shop.timeZone),
          customer:
            [snapshot.customer?.firstName, snapshot.customer?.lastName].filter(Boolean).join(" ") ||
            snapshot.customer?.email ||
            snapshot.email ||
            "No customer",
          email: snapshot.customer?.email ?? snapshot.email ?? null,
          financialStatus: sentence(snapshot.financialStatus),
          fulfillmentStatus: sentence(snapshot.fulfillmentStatus),
          cancelled: snapshot.cancelledAt !== null,
          productCount: countOf(
            snapshot.lines.filter((line) => !line.isTip).reduce((sum, line) => sum + line.quantity, 0),
            "item",
          ),
          lines: snapshot.lines.map((line) => ({
            name: line.variantTitle ? `${line.title} – ${line.variantTitle}` : line.title,
            sku: line.sku ?? "",
            quantity: line.quantity,
            unitPrice: money(line.unitPrice.shop),
            discount: Number(line.discount.shop) === 0 ? "" : money(line.discount.shop),
          })),
          shippingLines: snapshot.shippingLines.map((line) => ({
            title: line.title,
            price: money(line.discountedPrice.shop),
            undiscounted: line.discountedPrice.shop === line.price.shop ? null : money(line.price.shop),
          })),
          totals: {
            subtotal: money(snapshot.totals.subtotal.shop),
            shipping: money(snapshot.totals.shipping.shop),
            discounts: Number(snapshot.totals.discounts.shop) === 0 ? null : money(snapshot.totals.discounts.shop),
            tax: money(snapshot.totals.tax.shop),
            total: money(snapshot.totals.total.shop),
          },
        }
      : null,
    shipments: shipments.map((s) => ({
      id: s.id,
      number: s.erpShipmentNo,
      posted: s.postingDate ?? "",
      status: sentence(s.status) ?? "",
      fulfillments: s.fulfillmentIds.length,
      message: s.errorMessage ?? s.reason ?? "",
    })),
    /** Its Shopify refunds and what became of each in the ERP (Process refunds). */
    refunds: refunds.map((r) => {
      const facts = refundFactsSchema.safeParse(r.facts);
      return {
        id: r.id,
        refund: facts.success ? `Refund ${facts.data.legacyId}` : "Refund",
        date: r.shopifyCreatedAt ? formatDate(r.shopifyCreatedAt, shop.timeZone) : "",
        amount: facts.success ? money(facts.data.refunded) : "",
        state: sentence(r.state) ?? "",
        creditMemo: r.erpDocumentNumber ?? "",
        reason: r.reason ?? "",
        canRetry: r.state === "error",
      };
    }),
    /** Its Shopify returns as the lifecycle webhooks last reported them (their money comes as refunds, above). */
    returns: returns.map((r) => ({
      id: r.id,
      name: r.name || "Return",
      status: sentence(r.status) ?? "",
      units: r.quantity,
      note: r.declineReason ? `Declined: ${sentence(r.declineReason)?.toLowerCase()}` : "",
      at: formatDateTime(r.shopifyAt, shop.timeZone),
    })),
    /** Its Shopify payments (successful sales and captures) and the ERP payment of each (Sync payments). */
    payments: payments.map((p) => ({
      id: p.id,
      transaction: p.shopifyTransactionId.split("/").at(-1) ?? p.shopifyTransactionId,
      date: p.processedAt ? formatDate(p.processedAt, shop.timeZone) : "",
      paidWith: p.cardBrand ? `${p.gateway} (${p.cardBrand})` : p.gateway,
      amount:
        p.presentmentCurrency !== p.currency
          ? `${formatMoney(p.amount, p.currency)} (${formatMoney(p.presentmentAmount, p.presentmentCurrency)})`
          : formatMoney(p.amount, p.currency),
      state: sentence(p.state) ?? "",
      method: p.paymentMethod ?? "",
      erpPayment: p.erpDocumentNumber
        ? `${p.erpDocumentNumber}${p.appliedToInvoice ? ` → ${p.appliedToInvoice}` : ""}`
        : "",
      reason: p.reason ?? "",
      canRetry: p.state === "error",
    })),
    /**
     * An order in the ERP that Shopify does not show as paid: its payment is recorded once there
     * is one (the financial status says why there is none yet).
     */
    unpaid:
      order.status === "processed" && snapshot && UNPAID.has(snapshot.financialStatus ?? "")
        ? `Not paid in Shopify yet (${sentence(snapshot.financialStatus)?.toLowerCase()}): its payment is recorded in the ERP once Shopify has it.`
        : null,
    /** The last runs that touched this order, with what each did to it. */
    runs,
    events: events.map((event) => ({
      label: orderEventLabel(event.kind),
      message: event.message,
      at: formatDateTime(event.at, shop.timeZone),
    })),
  };
}

/** "PARTIALLY_PAID" / "nothing_to_sync" → "Partially paid" / "Nothing to sync". */
function sentence(code: string | null | undefined): string | null {
  if (!code) return null;
  const words = code.replaceAll("_", " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "ignored by the merchant" → "Ignored by the merchant" (the rest kept as written). */
function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
