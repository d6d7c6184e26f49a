import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  Link as RemixLink,
  useActionData,
  useLoaderData,
  useNavigation,
  useRevalidator,
  useSubmit,
} from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineStack,
  Layout,
  Link,
  Page,
  Text,
} from "@shopify/polaris";
import type { ReactNode } from "react";
import { useEffect } from "react";
import { z } from "zod";

import {
  ignoreOrder,
  requestProcessing,
  requestReimport,
  resolveConflict,
  retryPaymentOfOrder,
  retryRefundOfOrder,
} from "../.server/orders/order-actions.ts";
import { loadOrderPage } from "../.server/orders/order-page.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { retryPosting } from "../.server/tasks/documents-post/posting-actions.ts";
import { RecordRunsCard } from "../components/runs/record-runs-card.tsx";
import { useResultToast } from "../components/use-result-toast.ts";
import { authenticate } from "../shopify.server.ts";

const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const orderId = idSchema.safeParse(params.id);
  if (!orderId.success) throw new Response("No such order", { status: 404 });
  const page = await loadOrderPage(await shopIdFor(session.shop), orderId.data);
  if (!page) throw new Response("No such order", { status: 404 });
  return page;
};

const actionSchema = z.object({
  intent: z.enum(["process", "ignore", "resolve", "reimport", "retry-posting", "retry-refund", "retry-payment"]),
  refundId: idSchema.optional(),
  paymentId: idSchema.optional(),
});

// After an action Remix runs the loader again (default revalidation), so what the action
// changed, such as a cleared error, shows at once without a reload.
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
    case "retry-refund":
      return parsed.data.refundId
        ? retryRefundOfOrder(shopId, orderId.data, parsed.data.refundId)
        : { ok: false as const, message: "Which refund?" };
    case "retry-payment":
      return parsed.data.paymentId
        ? retryPaymentOfOrder(shopId, orderId.data, parsed.data.paymentId)
        : { ok: false as const, message: "Which payment?" };
    case "retry-posting":
      return (await retryPosting(shopId, orderId.data))
        ? { ok: true as const, message: "Posting queued again" }
        : { ok: false as const, message: "The document is not waiting for a posting retry." };
  }
};

/** While processing is queued, look again every few seconds so its outcome shows without a reload. */
function useRefreshWhile(pending: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    }, 3000);
    return () => clearInterval(timer);
  }, [pending, revalidator]);
}

export default function OrderPage() {
  const { order, shopify, events, shipments, refunds, returns, payments, unpaid, runs } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  useResultToast(result);
  useRefreshWhile(order.pending);
  const run = (intent: string) => submit({ intent }, { method: "post" });

  const secondary: Array<{
    content: string;
    onAction?: () => void;
    url?: string;
    target?: "_top";
    disabled?: boolean;
    destructive?: boolean;
  }> = [];
  if (order.shopifyAdminUrl) secondary.push({ content: "View in Shopify", url: order.shopifyAdminUrl, target: "_top" });
  secondary.push({ content: "Re-import from Shopify", onAction: () => run("reimport"), disabled: busy });
  if (order.postingStatus === "error") {
    secondary.push({ content: "Retry posting", onAction: () => run("retry-posting"), disabled: busy });
  }
  if (order.hasConflict) {
    secondary.push({ content: "Mark conflict resolved", onAction: () => run("resolve"), disabled: busy });
  }
  if (order.status !== "processed" && order.status !== "ignored" && !order.hasConflict) {
    secondary.push({ content: "Ignore", destructive: true, onAction: () => run("ignore"), disabled: busy });
  }
  const canProcess = order.status !== "processed" && !order.hasConflict;
  const banner = order.banner;

  return (
    <Page
      title={`Order ${order.name}`}
      subtitle={shopify?.placed}
      backAction={{ content: "Orders", url: "/app/orders" }}
      titleMetadata={
        <InlineStack gap="100">
          {order.badges.map((badge) => (
            <Badge key={badge.label} tone={badge.tone}>
              {badge.label}
            </Badge>
          ))}
        </InlineStack>
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
            {banner?.kind === "conflict" ? (
              <Banner tone="critical" title="Changed in Shopify after its ERP document was made">
                <p>{banner.message}</p>
                <p>The ERP document is left alone until you mark the conflict resolved.</p>
              </Banner>
            ) : null}
            {banner?.kind === "error" ? (
              <Banner tone="critical" title="Processing failed">
                <p data-testid="order-error">{banner.message}</p>
              </Banner>
            ) : null}
            {banner?.kind === "waiting" ? (
              <Banner tone="warning" title={`Waiting for a ${banner.on} mapping`}>
                {banner.message ? <p>{banner.message}</p> : null}
                <p>
                  Map it on the <RemixLink to={`/app/unmapped/${banner.on}s`}>unmapped {banner.on}s</RemixLink> list;
                  the order is processed after that.
                </p>
              </Banner>
            ) : null}
            {order.pending ? (
              <Text as="p" tone="subdued">
                Waiting to be processed. This page updates when it is done.
              </Text>
            ) : null}
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  ERP document
                </Text>
                {order.erpDocument ? (
                  order.erpDocument.url ? (
                    <Link url={order.erpDocument.url} target="_blank" dataPrimaryLink>
                      {order.erpDocument.label}
                    </Link>
                  ) : (
                    <Text as="p">{order.erpDocument.label}</Text>
                  )
                ) : (
                  <Text as="p">Not created yet.</Text>
                )}
                {order.ignoredBecause ? (
                  <Text as="p" tone="subdued">
                    {order.ignoredBecause}
                  </Text>
                ) : null}
                {order.posted ? <Text as="p">Posted in the ERP on {order.posted}.</Text> : null}
                {order.postingError ? (
                  <Banner tone="critical" title="Posting failed">
                    <p>{order.postingError}</p>
                  </Banner>
                ) : null}
                {order.closedInShopify ? (
                  <Text as="p" tone="subdued">
                    Closed in Shopify on {order.closedInShopify}.
                  </Text>
                ) : null}
              </BlockStack>
            </Card>
            {shipments.length > 0 ? (
              <SectionCard title="Shipments">
                <DataTable
                  columnContentTypes={["text", "text", "text", "numeric", "text"]}
                  headings={["ERP shipment", "Posted", "Status", "Fulfillments", "Reason"]}
                  rows={shipments.map((s) => [s.number, s.posted, s.status, s.fulfillments, s.message])}
                />
              </SectionCard>
            ) : null}
            {returns.length > 0 ? (
              <SectionCard title="Returns">
                <DataTable
                  columnContentTypes={["text", "text", "numeric", "text", "text"]}
                  headings={["Return", "Status", "Units", "Last change", "Note"]}
                  rows={returns.map((r) => [r.name, r.status, r.units, r.at, r.note])}
                />
              </SectionCard>
            ) : null}
            {payments.length > 0 || unpaid ? (
              <SectionCard title="Payments">
                {unpaid ? <Text as="p">{unpaid}</Text> : null}
                {payments.length > 0 ? (
                  <DataTable
                    columnContentTypes={["text", "text", "text", "numeric", "text", "text", "text", "text", "text"]}
                    headings={[
                      "Transaction",
                      "Date",
                      "Paid with",
                      "Amount",
                      "Status",
                      "ERP method",
                      "ERP payment",
                      "Reason",
                      "",
                    ]}
                    rows={payments.map((p) => [
                      p.transaction,
                      p.date,
                      p.paidWith,
                      p.amount,
                      p.state,
                      p.method,
                      p.erpPayment,
                      p.reason,
                      p.canRetry ? (
                        <RetryButton
                          key={p.id}
                          onRetry={() =>
                            submit({ intent: "retry-payment", paymentId: String(p.id) }, { method: "post" })
                          }
                        />
                      ) : (
                        ""
                      ),
                    ])}
                  />
                ) : null}
              </SectionCard>
            ) : null}
            {refunds.length > 0 ? (
              <SectionCard title="Refunds">
                <DataTable
                  columnContentTypes={["text", "text", "numeric", "text", "text", "text", "text"]}
                  headings={["Refund", "Date", "Amount", "Status", "ERP document", "Reason", ""]}
                  rows={refunds.map((r) => [
                    r.refund,
                    r.date,
                    r.amount,
                    r.state,
                    r.creditMemo,
                    r.reason,
                    r.canRetry ? (
                      <RetryButton
                        key={r.id}
                        onRetry={() => submit({ intent: "retry-refund", refundId: String(r.id) }, { method: "post" })}
                      />
                    ) : (
                      ""
                    ),
                  ])}
                />
              </SectionCard>
            ) : null}
            {shopify ? (
              <Card>
                <BlockStack gap="300">
                  <InlineStack align="space-between" blockAlign="center">
                    <Text as="h2" variant="headingMd">
                      In Shopify
                    </Text>
                    {order.shopifyAdminUrl ? (
                      <Link url={order.shopifyAdminUrl} target="_top">
                        View order {order.name} in Shopify
                      </Link>
                    ) : null}
                  </InlineStack>
                  <InlineStack gap="400">
                    <Text as="span">{shopify.customer}</Text>
                    {shopify.email && shopify.email !== shopify.customer ? (
                      <Text as="span" tone="subdued">
                        {shopify.email}
                      </Text>
                    ) : null}
                    {shopify.financialStatus ? <Badge>{shopify.financialStatus}</Badge> : null}
                    {shopify.fulfillmentStatus ? <Badge>{shopify.fulfillmentStatus}</Badge> : null}
                    {shopify.cancelled ? <Badge tone="critical">Cancelled</Badge> : null}
                    <Text as="span" tone="subdued">
                      {shopify.productCount}
                    </Text>
                  </InlineStack>
                  <DataTable
                    columnContentTypes={["text", "text", "numeric", "numeric", "numeric"]}
                    headings={["Item", "SKU", "Quantity", "Unit price", "Discount"]}
                    rows={[
                      ...shopify.lines.map((line) => [
                        line.name,
                        line.sku,
                        line.quantity,
                        line.unitPrice,
                        line.discount,
                      ]),
                      ...shopify.shippingLines.map((line) => [
                        `Shipping: ${line.title}`,
                        "",
                        "",
                        line.undiscounted ? `${line.price} (was ${line.undiscounted})` : line.price,
                        "",
                      ]),
                    ]}
                  />
                  <BlockStack gap="100" inlineAlign="end">
                    <Text as="p">Subtotal {shopify.totals.subtotal}</Text>
                    <Text as="p">Shipping {shopify.totals.shipping}</Text>
                    {shopify.totals.discounts ? <Text as="p">Discounts −{shopify.totals.discounts}</Text> : null}
                    <Text as="p">Tax {shopify.totals.tax}</Text>
                    <Text as="p" fontWeight="semibold">
                      Total {shopify.totals.total}
                    </Text>
                  </BlockStack>
                </BlockStack>
              </Card>
            ) : null}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <RecordRunsCard runs={runs} allHref={`/app/runs?record=order:${order.id}`} />
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
                      {event.label}
                    </Text>
                    {event.message ? <Text as="p">{event.message}</Text> : null}
                    <Text as="p" tone="subdued" variant="bodySm">
                      {event.at}
                    </Text>
                  </BlockStack>
                ))}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/** One of the order page's cards: a heading over what the task made of the order (a table, mostly). */
function SectionCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        {children}
      </BlockStack>
    </Card>
  );
}

function RetryButton({ onRetry }: { onRetry: () => void }) {
  return (
    <Button size="slim" onClick={onRetry}>
      Retry
    </Button>
  );
}
