import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigate, useNavigation, useSubmit } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, EmptyState, IndexTable, Page, Tabs, Text } from "@shopify/polaris";
import { z } from "zod";

import { loadShipmentListPage, parseShipmentListQuery } from "../.server/shipments/shipment-list-page.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { requestPosting } from "../.server/tasks/documents-post/posting-actions.ts";
import { requestShipmentsSync, retryShipment } from "../.server/tasks/shipments-sync/shipment-actions.ts";
import { useResultToast } from "../components/use-result-toast.ts";
import { authenticate } from "../shopify.server.ts";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const query = parseShipmentListQuery(new URL(request.url));
  return loadShipmentListPage(await shopIdFor(session.shop), query);
};

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("sync") }),
  z.object({ intent: z.literal("post") }),
  z.object({ intent: z.literal("retry"), shipmentId: z.coerce.number().int().positive() }),
]);

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { ok: false, message: "That action is not available." };
  const shopId = await shopIdFor(session.shop);
  switch (parsed.data.intent) {
    case "sync":
      await requestShipmentsSync(shopId);
      return { ok: true, message: "Shipment sync queued" };
    case "post":
      return requestPosting(shopId);
    case "retry": {
      const ok = await retryShipment(shopId, parsed.data.shipmentId);
      return ok
        ? { ok: true, message: "Shipment queued again" }
        : { ok: false, message: "That shipment is not waiting for a retry." };
    }
  }
};

const tabs = [
  { id: "unprocessed", content: "Unprocessed" },
  { id: "error", content: "Errors" },
  { id: "synced", content: "Synced" },
  { id: "nothing_to_sync", content: "Nothing to sync" },
] as const;

const statusBadge = {
  unprocessed: { tone: "attention", label: "Unprocessed" },
  error: { tone: "critical", label: "Error" },
  synced: { tone: "success", label: "Synced" },
  nothing_to_sync: { tone: "info", label: "Nothing to sync" },
} as const;

export default function Shipments() {
  const { query, rows, counts, hasNext } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  useResultToast(result);
  const go = (status: string, page = 0) => navigate(`/app/shipments?status=${status}${page ? `&page=${page}` : ""}`);
  const pager = {
    hasPrevious: query.page > 0,
    onPrevious: () => go(query.status, query.page - 1),
    hasNext,
    onNext: () => go(query.status, query.page + 1),
  };

  return (
    <Page
      title={query.shipment ? `Shipment ${query.shipment}` : "Shipments"}
      subtitle="Posted ERP shipments of Shopify orders, and the Shopify fulfillments they became."
      backAction={{ content: "Activity", url: "/app" }}
      primaryAction={{
        content: "Sync shipments now",
        loading: busy,
        onAction: () => submit({ intent: "sync" }, { method: "post" }),
      }}
      secondaryActions={[
        {
          content: "Post ERP documents now",
          disabled: busy,
          onAction: () => submit({ intent: "post" }, { method: "post" }),
        },
      ]}
      pagination={pager}
    >
      <Card padding="0">
        <Tabs
          tabs={tabs.map((tab) => ({
            ...tab,
            content: `${tab.content} (${counts[tab.id]})`,
            panelID: `shipments-${tab.id}`,
          }))}
          selected={Math.max(
            0,
            tabs.findIndex((tab) => tab.id === query.status),
          )}
          onSelect={(index) => go(tabs[index]?.id ?? "unprocessed")}
        />
        {rows.length === 0 ? (
          <EmptyState heading="No shipments here" image="">
            <p>Shipments posted in the ERP for Shopify orders appear here once the shipments sync has read them.</p>
          </EmptyState>
        ) : (
          <IndexTable
            resourceName={{ singular: "shipment", plural: "shipments" }}
            itemCount={rows.length}
            selectable={false}
            pagination={pager}
            headings={[
              { title: "ERP shipment" },
              { title: "Order" },
              { title: "Posted" },
              { title: "Lines" },
              { title: "Tracking" },
              { title: "Status" },
              { title: "Reason" },
              { title: "" },
            ]}
          >
            {rows.map((row, index) => (
              <IndexTable.Row id={String(row.id)} key={row.id} position={index}>
                <IndexTable.Cell>
                  <BlockStack gap="050">
                    <Text as="span" fontWeight="semibold">
                      {row.erpShipmentNo}
                    </Text>
                    <Link
                      to={`/app/runs?record=${encodeURIComponent(`shipment:${row.erpShipmentNo}`)}`}
                      data-shipment-runs={row.erpShipmentNo}
                    >
                      runs
                    </Link>
                  </BlockStack>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  {row.orderId ? <Link to={`/app/orders/${row.orderId}`}>{row.orderName}</Link> : row.orderName}
                </IndexTable.Cell>
                <IndexTable.Cell>{row.postingDate}</IndexTable.Cell>
                <IndexTable.Cell>{row.lines}</IndexTable.Cell>
                <IndexTable.Cell>{row.tracking}</IndexTable.Cell>
                <IndexTable.Cell>
                  <BlockStack gap="100">
                    <Badge tone={statusBadge[row.status].tone}>{statusBadge[row.status].label}</Badge>
                    {row.fulfillments ? (
                      <Text as="span" tone="subdued" variant="bodySm">
                        {row.fulfillments}
                      </Text>
                    ) : null}
                  </BlockStack>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" tone={row.status === "error" ? "critical" : "subdued"}>
                    {row.message}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  {row.status === "error" || row.status === "nothing_to_sync" ? (
                    <Button
                      size="slim"
                      disabled={busy}
                      accessibilityLabel={`Retry shipment ${row.erpShipmentNo}`}
                      onClick={() => submit({ intent: "retry", shipmentId: String(row.id) }, { method: "post" })}
                    >
                      Retry
                    </Button>
                  ) : null}
                </IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        )}
      </Card>
    </Page>
  );
}
