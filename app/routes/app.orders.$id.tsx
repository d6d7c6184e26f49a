import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Badge, Banner, BlockStack, Card, DataTable, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { z } from "zod";

import { getDb } from "../.server/db.ts";
import { ignoreOrder, requestProcessing, requestReimport, resolveConflict } from "../.server/orders/order-actions.ts";
import { retryPosting } from "../.server/posting/posting-actions.ts";
import { listOrderEvents } from "../.server/queries/order-events.ts";
import { getOrderDetail } from "../.server/queries/order-list.ts";
import { listShipmentsOfOrder } from "../.server/queries/shipments.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { importedOrderSchema } from "../.server/sync/orders/imported-order.ts";
import { useResultToast } from "../components/use-result-toast.ts";
import { authenticate } from "../shopify.server.ts";

const idSchema = z.coerce.number().int().positive();

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const orderId = idSchema.safeParse(params.id);
  if (!orderId.success) throw new Response("No such order", { status: 404 });
  const shopId = await shopIdFor(session.shop);
  const order = await getOrderDetail(getDb(), { shopId, orderId: orderId.data });
  if (!order) throw new Response("No such order", { status: 404 });
  const snapshot = importedOrderSchema.safeParse(order.snapshot);
  const events = await listOrderEvents(getDb(), { shopId, orderId: order.id });
  const shipments = await listShipmentsOfOrder(getDb(), { shopId, orderId: order.id });
  return {
    order: {
      id: order.id,
      name: order.name,
      status: order.status,
      waitingOn: order.waitingOn,
      statusReason: order.statusReason,
      hasConflict: order.hasConflict,
      conflictReason: order.conflictReason,
      errorMessage: order.errorMessage,
      erpDocument: order.erpDocumentNumber ? { type: order.erpDocumentType, number: order.erpDocumentNumber } : null,
      postingStatus: order.postingStatus,
      postingError: order.postingError,
      postedAt: order.postedAt?.toISOString() ?? null,
      shopifyClosedAt: order.shopifyClosedAt?.toISOString() ?? null,
    },
    shipments: shipments.map((s) => ({ ...s, message: s.errorMessage ?? s.reason ?? "" })),
    snapshot: snapshot.success ? snapshot.data : null,
    events: events.map((event) => ({ ...event, at: event.at.toISOString() })),
  };
};

const actionSchema = z.object({ intent: z.enum(["process", "ignore", "resolve", "reimport", "retry-posting"]) });

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const orderId = idSchema.safeParse(params.id);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!orderId.success || !parsed.success) return { ok: false as const, message: "That action is not available." };
  const shopId = await shopIdFor(session.shop);
  switch (parsed.data.intent) {
    case "process":
      return requestProcessing(shopId, orderId.data);
    case "ignore":
      return ignoreOrder(shopId, orderId.data);
    case "resolve":
      return resolveConflict(shopId, orderId.data);
    case "reimport":
      return requestReimport(shopId, orderId.data);
    case "retry-posting":
      return (await retryPosting(shopId, orderId.data))
        ? { ok: true as const, message: "Posting queued again" }
        : { ok: false as const, message: "The document is not waiting for a posting retry." };
  }
};

export default function OrderPage() {
  const { order, snapshot, events, shipments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  useResultToast(result);
  const run = (intent: string) => submit({ intent }, { method: "post" });
  const money = (pair: { shop: string; presentment: string }) => `${pair.shop} ${snapshot?.shopCurrency ?? ""}`;

  const secondary: Array<{ content: string; onAction: () => void; disabled?: boolean; destructive?: boolean }> = [
    { content: "Re-import from Shopify", onAction: () => run("reimport"), disabled: busy },
  ];
  if (order.postingStatus === "error") {
    secondary.push({ content: "Retry posting", onAction: () => run("retry-posting"), disabled: busy });
  }
  if (order.hasConflict) {
    secondary.push({ content: "Mark conflict resolved", onAction: () => run("resolve"), disabled: busy });
  }
  if (order.status !== "processed" && !order.hasConflict) {
    secondary.push({ content: "Ignore", destructive: true, onAction: () => run("ignore"), disabled: busy });
  }
  const canProcess = order.status !== "processed" && !order.hasConflict;

  return (
    <Page
      title={`Order ${order.name}`}
      backAction={{ content: "Orders", url: "/app/orders" }}
      titleMetadata={
        <Badge tone={order.status === "processed" ? "success" : order.status === "error" ? "critical" : "attention"}>
          {order.status}
        </Badge>
      }
      primaryAction={
        canProcess
          ? { content: order.status === "error" ? "Retry" : "Process", onAction: () => run("process"), loading: busy }
          : undefined
      }
      secondaryActions={secondary}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {order.hasConflict ? (
              <Banner tone="critical" title="Changed in Shopify after its ERP document was made">
                <p>{order.conflictReason ?? "The order was edited or cancelled."}</p>
                <p>The ERP document is left alone until you mark the conflict resolved.</p>
              </Banner>
            ) : null}
            {order.errorMessage ? (
              <Banner tone="critical" title="Processing failed">
                <p>{order.errorMessage}</p>
              </Banner>
            ) : null}
            {order.waitingOn ? (
              <Banner
                tone="warning"
                title={
                  order.waitingOn === "unmapped_customer"
                    ? "Waiting for a customer mapping"
                    : "Waiting for a product mapping"
                }
              >
                <p>
                  Map it on the unmapped {order.waitingOn === "unmapped_customer" ? "customers" : "products"} list; the
                  order is processed after that.
                </p>
              </Banner>
            ) : null}
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  ERP document
                </Text>
                <Text as="p">
                  {order.erpDocument
                    ? `${order.erpDocument.type === "invoice" ? "Sales invoice" : "Sales order"} ${order.erpDocument.number}`
                    : "Not created yet."}
                </Text>
                {order.statusReason ? (
                  <Text as="p" tone="subdued">
                    {order.statusReason}
                  </Text>
                ) : null}
                {order.postedAt ? <Text as="p">Posted in the ERP on {order.postedAt.slice(0, 10)}.</Text> : null}
                {order.postingError ? (
                  <Banner tone="critical" title="Posting failed">
                    <p>{order.postingError}</p>
                  </Banner>
                ) : null}
                {order.shopifyClosedAt ? (
                  <Text as="p" tone="subdued">
                    Closed in Shopify on {order.shopifyClosedAt.slice(0, 10)}.
                  </Text>
                ) : null}
              </BlockStack>
            </Card>
            {shipments.length > 0 ? (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    Shipments
                  </Text>
                  <DataTable
                    columnContentTypes={["text", "text", "text", "numeric", "text"]}
                    headings={["ERP shipment", "Posted", "Status", "Fulfillments", "Reason"]}
                    rows={shipments.map((s) => [
                      s.erpShipmentNo,
                      s.postingDate ?? "",
                      s.status.replaceAll("_", " "),
                      s.fulfillmentIds.length,
                      s.message,
                    ])}
                  />
                </BlockStack>
              </Card>
            ) : null}
            {snapshot ? (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    In Shopify
                  </Text>
                  <InlineStack gap="400">
                    <Text as="span">{snapshot.customer?.email ?? snapshot.email ?? "No customer"}</Text>
                    <Text as="span">{snapshot.financialStatus ?? ""}</Text>
                    <Text as="span">{snapshot.fulfillmentStatus ?? ""}</Text>
                    {snapshot.cancelledAt ? <Badge tone="critical">Cancelled</Badge> : null}
                  </InlineStack>
                  <DataTable
                    columnContentTypes={["text", "text", "numeric", "numeric", "numeric"]}
                    headings={["Item", "SKU", "Quantity", "Unit price", "Discount"]}
                    rows={snapshot.lines.map((line) => [
                      line.variantTitle ? `${line.title} – ${line.variantTitle}` : line.title,
                      line.sku ?? "",
                      line.quantity,
                      money(line.unitPrice),
                      money(line.discount),
                    ])}
                    totals={["", "", "", "", money(snapshot.totals.total)]}
                    showTotalsInFooter
                  />
                </BlockStack>
              </Card>
            ) : null}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                History
              </Text>
              {events.length === 0 ? (
                <Text as="p" tone="subdued">
                  Nothing yet.
                </Text>
              ) : null}
              {events.map((event, index) => (
                <BlockStack key={index} gap="050">
                  <Text as="p" fontWeight="semibold">
                    {event.kind}
                  </Text>
                  {event.message ? <Text as="p">{event.message}</Text> : null}
                  <Text as="p" tone="subdued" variant="bodySm">
                    {new Date(event.at).toLocaleString()}
                  </Text>
                </BlockStack>
              ))}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
