import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { Badge, Card, EmptyState, IndexTable, InlineStack, Page, Select, Text, TextField } from "@shopify/polaris";

import { loadRunsListPage, parseRunsListQuery } from "../.server/runs-page/runs-list-page.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { RunCounts } from "../components/runs/run-counts.tsx";
import { authenticate } from "../shopify.server.ts";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const query = parseRunsListQuery(new URL(request.url));
  return loadRunsListPage(await shopIdFor(session.shop), query);
};

export default function Runs() {
  const { query, rows, hasNext, filters, timeZone } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const go = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === "") next.delete(key);
      else next.set(key, value);
    }
    navigate(`/app/runs?${next.toString()}`);
  };
  const pager = {
    hasPrevious: query.page > 0,
    onPrevious: () => go({ page: String(query.page - 1) }),
    hasNext,
    onNext: () => go({ page: String(query.page + 1) }),
  };
  const filtered = Boolean(query.task || query.status || query.trigger || query.from || query.to || query.record);

  return (
    <Page
      title="Runs"
      subtitle={`Every run of every task, newest first. Times in ${timeZone}.`}
      backAction={{ content: "Activity", url: "/app" }}
      pagination={pager}
    >
      <Card padding="0">
        <div style={{ padding: "12px" }}>
          <InlineStack gap="300" blockAlign="end">
            <Select
              label="Task"
              options={[{ label: "All tasks", value: "" }, ...filters.tasks]}
              value={query.task ?? ""}
              onChange={(value) => go({ task: value, page: "" })}
            />
            <Select
              label="Status"
              options={[{ label: "Any status", value: "" }, ...filters.statuses]}
              value={query.status ?? ""}
              onChange={(value) => go({ status: value, page: "" })}
            />
            <Select
              label="Trigger"
              options={[{ label: "Any trigger", value: "" }, ...filters.triggers]}
              value={query.trigger ?? ""}
              onChange={(value) => go({ trigger: value, page: "" })}
            />
            <TextField
              label="From"
              type="date"
              autoComplete="off"
              value={query.from ?? ""}
              onChange={(value) => go({ from: value, page: "" })}
            />
            <TextField
              label="To"
              type="date"
              autoComplete="off"
              value={query.to ?? ""}
              onChange={(value) => go({ to: value, page: "" })}
            />
            {query.record ? <Badge tone="info">{`Runs that touched ${query.record.replace(":", " ")}`}</Badge> : null}
          </InlineStack>
        </div>
        <IndexTable
          resourceName={{ singular: "run", plural: "runs" }}
          itemCount={rows.length}
          selectable={false}
          headings={[
            { title: "Task" },
            { title: "Trigger" },
            { title: "Started" },
            { title: "Duration" },
            { title: "Status" },
            { title: "Records" },
            { title: "Summary" },
          ]}
          emptyState={
            <EmptyState heading={filtered ? "No runs match these filters" : "No runs yet"} image="">
              <p>
                {filtered
                  ? "Clear a filter or widen the dates."
                  : "Runs appear here as the job queue starts them, on schedule, by webhook or from Run now."}
              </p>
            </EmptyState>
          }
          pagination={pager}
        >
          {rows.map((row, index) => (
            <IndexTable.Row id={String(row.id)} key={row.id} position={index}>
              <IndexTable.Cell>
                <InlineStack gap="100" wrap={false}>
                  <Link to={`/app/runs/${row.id}`} data-run={row.id} data-task={row.task}>
                    <Text as="span" fontWeight="semibold">
                      {row.title}
                    </Text>
                  </Link>
                  {row.preview ? <Badge tone="info">Preview</Badge> : null}
                </InlineStack>
              </IndexTable.Cell>
              <IndexTable.Cell>{row.trigger}</IndexTable.Cell>
              <IndexTable.Cell>{row.started}</IndexTable.Cell>
              <IndexTable.Cell>{row.duration}</IndexTable.Cell>
              <IndexTable.Cell>
                <Badge tone={row.badge.tone}>{row.badge.label}</Badge>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <RunCounts counts={row.counts} />
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" tone={row.status === "failed" ? "critical" : "subdued"} truncate>
                  {row.summary ?? ""}
                </Text>
              </IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      </Card>
    </Page>
  );
}
