import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  Link as RemixLink,
  useActionData,
  useLoaderData,
  useNavigate,
  useNavigation,
  useRevalidator,
  useSearchParams,
  useSubmit,
} from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  EmptyState,
  IndexTable,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  ProgressBar,
  Select,
  Text,
} from "@shopify/polaris";
import { useEffect } from "react";
import { z } from "zod";

import { loadRunPage, parseRunPageQuery, retryRun } from "../.server/runs-page/run-page.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { RunCounts } from "../components/runs/run-counts.tsx";
import { useResultToast } from "../components/use-result-toast.ts";
import { authenticate } from "../shopify.server.ts";

const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const runId = idSchema.safeParse(params.id);
  if (!runId.success) throw new Response("No such run", { status: 404 });
  const page = await loadRunPage(await shopIdFor(session.shop), runId.data, parseRunPageQuery(new URL(request.url)));
  if (!page) throw new Response("No such run", { status: 404 });
  return page;
};

const actionSchema = z.object({ intent: z.literal("retry") });

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const runId = idSchema.safeParse(params.id);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!runId.success || !parsed.success) return { ok: false, message: "That action is not available." };
  return retryRun(await shopIdFor(session.shop), runId.data);
};

/** While the run is running, load it again every 2 s so progress and counts move. */
function useRefreshWhile(running: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    }, 2000);
    return () => clearInterval(timer);
  }, [running, revalidator]);
}

const outcomeFilter = [
  { label: "Every outcome", value: "" },
  { label: "Created", value: "created" },
  { label: "Updated", value: "updated" },
  { label: "Unchanged", value: "unchanged" },
  { label: "Skipped", value: "skipped" },
  { label: "Failed", value: "failed" },
  { label: "Planned", value: "planned" },
];

export default function RunPage() {
  const { run, records, hasNextRecords, query } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const navigate = useNavigate();
  const [params] = useSearchParams();
  useResultToast(result);
  useRefreshWhile(run.running);
  const go = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === "") next.delete(key);
      else next.set(key, value);
    }
    navigate(`/app/runs/${run.id}?${next.toString()}`);
  };
  const pager = {
    hasPrevious: query.page > 0,
    onPrevious: () => go({ page: String(query.page - 1) }),
    hasNext: hasNextRecords,
    onNext: () => go({ page: String(query.page + 1) }),
  };
  const { done, total } = run.progress;
  const facts: [string, string][] = [
    ["Trigger", run.trigger],
    ["Started", run.started || run.queued],
    ["Ended", run.finished || (run.running ? "Still running" : "")],
    ["Duration", run.duration],
    ["Attempt", String(run.attempt)],
    ["Category", run.category],
  ];

  return (
    <Page
      title={run.title}
      subtitle={`Run ${run.id}${run.preview ? " · Preview: nothing was written" : ""}`}
      backAction={{ content: "Runs", url: "/app/runs" }}
      titleMetadata={
        <InlineStack gap="100">
          <Badge tone={run.badge.tone}>{run.badge.label}</Badge>
          {run.preview ? <Badge tone="info">Preview</Badge> : null}
        </InlineStack>
      }
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {run.problem ? (
              <Banner
                tone={run.status === "failed" ? "critical" : "warning"}
                title={run.status === "failed" ? "This run failed" : run.badge.label}
              >
                <BlockStack gap="200">
                  <p data-testid="run-problem">{run.problem}</p>
                  {run.canRetry ? (
                    <InlineStack>
                      <Button disabled={busy} onClick={() => submit({ intent: "retry" }, { method: "post" })}>
                        Retry
                      </Button>
                    </InlineStack>
                  ) : null}
                  {run.retried ? <p>Its work was queued again; the new attempt is its own run.</p> : null}
                </BlockStack>
              </Banner>
            ) : null}
            <Card>
              <BlockStack gap="300">
                <InlineGrid columns={{ xs: 2, md: 3 }} gap="300">
                  {facts.map(([label, value]) => (
                    <BlockStack key={label} gap="050">
                      <Text as="span" tone="subdued" variant="bodySm">
                        {label}
                      </Text>
                      <Text as="span">{value || "—"}</Text>
                    </BlockStack>
                  ))}
                </InlineGrid>
                <BlockStack gap="100">
                  <Text as="span" tone="subdued" variant="bodySm">
                    Progress
                  </Text>
                  {total ? <ProgressBar progress={Math.min(100, (done / total) * 100)} size="small" /> : null}
                  <Text as="span" data-testid="run-progress">
                    {total ? `${done} of ${total}` : done > 0 ? `${done} done` : run.running ? "Starting" : "—"}
                  </Text>
                </BlockStack>
                <BlockStack gap="100">
                  <Text as="span" tone="subdued" variant="bodySm">
                    Records
                  </Text>
                  <RunCounts counts={run.counts} />
                </BlockStack>
                {run.summary ? <Text as="p">{run.summary}</Text> : null}
                {run.stats.length > 0 ? (
                  <InlineStack gap="400">
                    {run.stats.map((stat) => (
                      <Text as="span" key={stat.name} tone="subdued">
                        {stat.name}: {stat.value}
                      </Text>
                    ))}
                  </InlineStack>
                ) : null}
              </BlockStack>
            </Card>
            <Card padding="0">
              <div style={{ padding: "12px" }}>
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    Records
                  </Text>
                  <Select
                    label="Outcome"
                    labelInline
                    options={outcomeFilter}
                    value={query.outcome ?? ""}
                    onChange={(value) => go({ outcome: value, page: "" })}
                  />
                </InlineStack>
              </div>
              <IndexTable
                resourceName={{ singular: "record", plural: "records" }}
                itemCount={records.length}
                selectable={false}
                headings={[{ title: "Record" }, { title: "Outcome" }, { title: "Reason" }, { title: "When" }]}
                emptyState={
                  <EmptyState heading="No records" image="">
                    <p>
                      {query.outcome
                        ? "No record had this outcome in this run."
                        : "This run did not touch any record (yet)."}
                    </p>
                  </EmptyState>
                }
                pagination={pager}
              >
                {records.map((record, index) => (
                  <IndexTable.Row id={String(record.id)} key={record.id} position={index}>
                    <IndexTable.Cell>
                      {record.href ? (
                        <RemixLink to={record.href} data-record={`${record.type}:${record.key}`}>
                          {record.label}
                        </RemixLink>
                      ) : (
                        <span data-record={`${record.type}:${record.key}`}>{record.label}</span>
                      )}
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Badge tone={record.badge.tone}>{record.badge.label}</Badge>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" tone={record.outcome === "failed" ? "critical" : "subdued"}>
                        {record.reason}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{record.at}</IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
