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
import { Badge, Card, EmptyState, IndexTable, InlineStack, Page, Tabs, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";

import { requestOrderSync, requestWaitingOrdersProcessing } from "../.server/orders/order-list-actions.ts";
import { loadOrderListPage, parseOrderListQuery } from "../.server/orders/order-list-page.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { useResultToast } from "../components/use-result-toast.ts";
import { authenticate } from "../shopify.server.ts";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const query = parseOrderListQuery(new URL(request.url));
  return loadOrderListPage(await shopIdFor(session.shop), query);
};

const actionSchema = z.object({ intent: z.enum(["sync", "process-pending"]) });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { ok: false, message: "That action is not available." };
  const shopId = await shopIdFor(session.shop);
  if (parsed.data.intent === "sync") {
    await requestOrderSync(shopId);
    return { ok: true, message: "Order sync queued" };
  }
  await requestWaitingOrdersProcessing(shopId);
  return { ok: true, message: "Processing of the waiting orders queued" };
};

const tabs = [
  { id: "unprocessed", content: "Unprocessed" },
  { id: "error", content: "Errors" },
  { id: "conflict", content: "Conflicts" },
  { id: "posting_error", content: "Posting errors" },
  { id: "money", content: "Refunds and payments" },
  { id: "processed", content: "Processed" },
  { id: "ignored", content: "Ignored" },
  { id: "all", content: "All" },
] as const;

// Column index → sort key; null columns do not sort.
const columns = [
  { title: "Order", sort: "order" },
  { title: "Date", sort: "date" },
  { title: "Customer", sort: null },
  { title: "Total", sort: "total", alignment: "end" },
  { title: "Status", sort: "status" },
  { title: "ERP document", sort: null },
  { title: "Details", sort: null },
] as const;

const emptyText: Record<(typeof tabs)[number]["id"], string> = {
  unprocessed: "Every order has its ERP document, or waits on the other tabs.",
  error: "No order failed. Orders whose ERP document could not be made show here.",
  conflict: "No order was changed in Shopify after its ERP document was made.",
  posting_error: "Every ERP document that was due for posting was posted.",
  money: "No refund or payment waits or was refused. Those that wait for their order or its invoice, or that the ERP refused, show here.",
  processed: "No order has its ERP document yet.",
  ignored: "No order was ignored.",
  all: "Orders arrive by webhook as they are placed, and by the scheduled reconcile.",
};

export default function Orders() {
  const { query, rows, hasNext, counts } = useLoaderData<typeof loader>();
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
  const pager = {
    hasPrevious: query.page > 0,
    onPrevious: () => go({ page: String(query.page - 1) }),
    hasNext,
    onNext: () => go({ page: String(query.page + 1) }),
  };
  const sortColumnIndex = columns.findIndex((column) => column.sort === query.sort);
  const onSort = (index: number, direction: "ascending" | "descending") => {
    const sort = columns[index]?.sort;
    if (sort) go({ sort, direction: direction === "ascending" ? "asc" : "desc", page: "" });
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
      pagination={pager}
    >
      <Card padding="0">
        <Tabs
          tabs={tabs.map((tab) => ({ ...tab, badge: String(counts[tab.id]), panelID: `orders-${tab.id}` }))}
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
              label="Search orders"
              labelHidden
              placeholder="Search by order number, customer name or e-mail"
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
        <IndexTable
          resourceName={{ singular: "order", plural: "orders" }}
          itemCount={rows.length}
          selectable={false}
          headings={
            columns.map((column) => ({
              title: column.title,
              ...("alignment" in column ? { alignment: column.alignment } : {}),
            })) as [{ title: string }, ...{ title: string }[]]
          }
          sortable={columns.map((column) => column.sort !== null)}
          sortColumnIndex={sortColumnIndex < 0 ? undefined : sortColumnIndex}
          sortDirection={query.direction === "asc" ? "ascending" : "descending"}
          onSort={onSort}
          emptyState={
            <EmptyState heading={query.q ? `No orders match “${query.q}”` : "No orders here"} image="">
              <p>
                {query.q ? "Try another order number, name or e-mail, or clear the search." : emptyText[query.status]}
              </p>
            </EmptyState>
          }
          pagination={pager}
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
              <IndexTable.Cell>{row.date}</IndexTable.Cell>
              <IndexTable.Cell>{row.customer}</IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" alignment="end" numeric>
                  {row.total}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <InlineStack gap="100">
                  {row.badges.map((badge) => (
                    <Badge key={badge.label} tone={badge.tone}>
                      {badge.label}
                    </Badge>
                  ))}
                </InlineStack>
              </IndexTable.Cell>
              <IndexTable.Cell>{row.erpDocument}</IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" tone="subdued" truncate>
                  {row.detail}
                </Text>
              </IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      </Card>
    </Page>
  );
}
