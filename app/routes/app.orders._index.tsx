import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  Link,
  useActionData,
  useLoaderData,
  useNavigate,
  useNavigation,
  useSearchParams,
  useSubmit,
} from "@remix-run/react";
import { Badge, Card, EmptyState, IndexTable, Page, Tabs, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";

import { getDb } from "../.server/db.ts";
import { requestReconcile } from "../.server/orders/import/reconcile-orders.ts";
import { processPendingOrders } from "../.server/orders/process/process-pending.ts";
import { listOrders, orderListFilters } from "../.server/queries/order-list.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { useResultToast } from "../components/use-result-toast.ts";
import { authenticate } from "../shopify.server.ts";

const PAGE_SIZE = 50;
const querySchema = z.object({
  status: z.enum(orderListFilters).catch("unprocessed"),
  q: z.string().max(50).catch(""),
  page: z.coerce.number().int().min(0).max(10_000).catch(0),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const rows = await listOrders(getDb(), {
    shopId: await shopIdFor(session.shop),
    filter: query.status,
    search: query.q,
    limit: PAGE_SIZE + 1,
    offset: query.page * PAGE_SIZE,
  });
  return {
    query,
    hasNext: rows.length > PAGE_SIZE,
    rows: rows
      .slice(0, PAGE_SIZE)
      .map((row) => ({ ...row, shopifyUpdatedAt: row.shopifyUpdatedAt?.toISOString() ?? null })),
  };
};

const actionSchema = z.object({ intent: z.enum(["sync", "process-pending"]) });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { ok: false, message: "That action is not available." };
  const shopId = await shopIdFor(session.shop);
  if (parsed.data.intent === "sync") {
    await requestReconcile(shopId);
    return { ok: true, message: "Order sync queued" };
  }
  const { enqueued } = await processPendingOrders(shopId);
  return { ok: true, message: `${enqueued} order(s) queued for processing` };
};

const tabs = [
  { id: "unprocessed", content: "Unprocessed" },
  { id: "error", content: "Errors" },
  { id: "conflict", content: "Conflicts" },
  { id: "posting_error", content: "Posting errors" },
  { id: "processed", content: "Processed" },
  { id: "ignored", content: "Ignored" },
  { id: "all", content: "All" },
] as const;

const waitLabel: Record<string, string> = {
  unmapped_customer: "Waiting: unmapped customer",
  unmapped_product: "Waiting: unmapped product",
};

export default function Orders() {
  const { query, rows, hasNext } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [search, setSearch] = useState(query.q);
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  useResultToast(result);
  const go = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === "") next.delete(key);
      else next.set(key, value);
    }
    navigate(`/app/orders?${next.toString()}`);
  };

  return (
    <Page
      title="Orders"
      backAction={{ content: "Activity", url: "/app" }}
      primaryAction={{
        content: "Sync orders now",
        loading: busy,
        onAction: () => submit({ intent: "sync" }, { method: "post" }),
      }}
      secondaryActions={[
        {
          content: "Process pending orders",
          disabled: busy,
          onAction: () => submit({ intent: "process-pending" }, { method: "post" }),
        },
      ]}
      pagination={{
        hasPrevious: query.page > 0,
        onPrevious: () => go({ page: String(query.page - 1) }),
        hasNext,
        onNext: () => go({ page: String(query.page + 1) }),
      }}
    >
      <Card padding="0">
        <Tabs
          tabs={tabs.map((tab) => ({ ...tab, panelID: `orders-${tab.id}` }))}
          selected={Math.max(
            0,
            tabs.findIndex((tab) => tab.id === query.status),
          )}
          onSelect={(index) => go({ status: tabs[index]?.id ?? "unprocessed", page: "" })}
        />
        <div style={{ padding: "12px" }}>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              go({ q: search, page: "" });
            }}
          >
            <TextField
              label="Search by order number"
              labelHidden
              placeholder="Search by order number, e.g. 1001"
              value={search}
              onChange={setSearch}
              autoComplete="off"
              clearButton
              onClearButtonClick={() => {
                setSearch("");
                go({ q: "", page: "" });
              }}
            />
          </form>
        </div>
        {rows.length === 0 ? (
          <EmptyState heading="No orders here" image="">
            <p>Orders arrive by webhook as they are placed, and by the scheduled reconcile.</p>
          </EmptyState>
        ) : (
          <IndexTable
            resourceName={{ singular: "order", plural: "orders" }}
            itemCount={rows.length}
            selectable={false}
            headings={[{ title: "Order" }, { title: "Status" }, { title: "ERP document" }, { title: "Details" }]}
          >
            {rows.map((row, index) => (
              <IndexTable.Row id={String(row.id)} key={row.id} position={index}>
                <IndexTable.Cell>
                  <Link to={`/app/orders/${row.id}`} data-order={row.name}>
                    <Text as="span" fontWeight="semibold">
                      {row.name}
                    </Text>
                  </Link>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Badge
                    tone={
                      row.hasConflict || row.status === "error"
                        ? "critical"
                        : row.status === "processed"
                          ? "success"
                          : "attention"
                    }
                  >
                    {row.hasConflict ? "Conflict" : row.status}
                  </Badge>
                </IndexTable.Cell>
                <IndexTable.Cell>{row.erpDocumentNumber ?? ""}</IndexTable.Cell>
                <IndexTable.Cell>{row.errorMessage ?? (row.waitingOn ? waitLabel[row.waitingOn] : "")}</IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        )}
      </Card>
    </Page>
  );
}
