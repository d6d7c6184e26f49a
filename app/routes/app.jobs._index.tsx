import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  Link,
  useActionData,
  useLoaderData,
  useNavigate,
  useNavigation,
  useRevalidator,
  useSubmit,
} from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Button, Card, IndexTable, InlineStack, Page, Text } from "@shopify/polaris";
import { useEffect, useState } from "react";

import { jobQueueActionSchema, performJobQueueAction } from "../.server/job-queue/job-queue-actions.ts";
import { loadJobQueuePage } from "../.server/job-queue/job-queue-page.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { ForegroundRun } from "../components/job-queue/foreground-run.tsx";
import { authenticate } from "../shopify.server.ts";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return loadJobQueuePage(await shopIdFor(session.shop));
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const parsed = jobQueueActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { ok: false as const, message: "That action is not available." };
  return performJobQueueAction(await shopIdFor(session.shop), parsed.data);
};

/** Where a run started from here can be found: redirects to the run once a worker started it. */
const runLink = (jobId: string) => `/app/runs/job/${jobId}`;

export default function JobQueue() {
  const { rows, background, allOnHold, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const navigate = useNavigate();
  const revalidator = useRevalidator();
  const busy = useNavigation().state !== "idle";
  const shopify = useAppBridge();
  const [watching, setWatching] = useState<{ jobId: string; title: string; dryRun: boolean } | null>(null);
  const [startedInBackground, setStartedInBackground] = useState<{ jobId: string; message: string } | null>(null);

  useEffect(() => {
    if (!result) return;
    if (!result.ok) {
      shopify.toast.show(result.message, { isError: true });
      return;
    }
    const started = "started" in result ? result.started : undefined;
    if (started && !started.background) {
      setWatching({ jobId: started.jobId, title: started.title, dryRun: started.dryRun });
      setStartedInBackground(null);
      return;
    }
    if (started) {
      setStartedInBackground({ jobId: started.jobId, message: result.message });
      // App Bridge's toast action: the run's page (where the stand-in has no action, the banner links too).
      shopify.toast.show(result.message, {
        action: "View run",
        onAction: () => navigate(runLink(started.jobId)),
      } as Parameters<typeof shopify.toast.show>[1]);
      return;
    }
    shopify.toast.show(result.message);
  }, [result, shopify, navigate]);

  const act = (intent: string, task?: string) => submit({ intent, ...(task ? { task } : {}) }, { method: "post" });

  return (
    <Page
      title="Job queue"
      subtitle={`Every sync task, when it runs next (times in ${timeZone}) and how its last run went.`}
      backAction={{ content: "Activity", url: "/app" }}
      primaryAction={
        allOnHold
          ? { content: "Resume all", onAction: () => act("resume-all"), disabled: busy }
          : { content: "Put all on hold", onAction: () => act("hold-all"), disabled: busy, destructive: true }
      }
      secondaryActions={allOnHold ? [] : [{ content: "Resume all", onAction: () => act("resume-all"), disabled: busy }]}
    >
      <BlockStack gap="400">
        {watching ? (
          <ForegroundRun
            key={watching.jobId}
            jobId={watching.jobId}
            title={watching.dryRun ? `Preview of ${watching.title}` : watching.title}
            runLink={runLink(watching.jobId)}
            onEnded={() => revalidator.revalidate()}
            onDismiss={() => setWatching(null)}
          />
        ) : null}
        {startedInBackground ? (
          <Banner tone="info" onDismiss={() => setStartedInBackground(null)}>
            <p data-testid="background-run">
              {startedInBackground.message}. <Link to={runLink(startedInBackground.jobId)}>View the run</Link>
            </p>
          </Banner>
        ) : null}
        <Text as="p" tone="subdued">
          {background
            ? "Allow background syncs is on: Run now starts the task in the background and you can go on."
            : "Allow background syncs is off: Run now shows the run's progress here until it ends."}{" "}
          Entries run on their schedule either way, unless on hold.
        </Text>
        <Card padding="0">
          <IndexTable
            resourceName={{ singular: "task", plural: "tasks" }}
            itemCount={rows.length}
            selectable={false}
            headings={[
              { title: "Task" },
              { title: "Status" },
              { title: "Recurrence" },
              { title: "Next run" },
              { title: "Last run" },
              { title: "Actions" },
            ]}
          >
            {rows.map((row, index) => (
              <IndexTable.Row id={row.task} key={row.task} position={index}>
                <IndexTable.Cell>
                  <BlockStack gap="050">
                    <Text as="span" fontWeight="semibold">
                      <span data-entry={row.task}>{row.title}</span>
                    </Text>
                    <Text as="span" tone="subdued" variant="bodySm">
                      <span title={row.categoryDescription}>Category: {row.category}</span>
                    </Text>
                    {row.unavailable ? (
                      <Text as="span" tone="critical" variant="bodySm">
                        Not available: {row.unavailable}
                      </Text>
                    ) : null}
                  </BlockStack>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  {row.onHold ? <Badge tone="warning">On hold</Badge> : <Badge tone="success">On</Badge>}
                </IndexTable.Cell>
                <IndexTable.Cell>{row.recurrence}</IndexTable.Cell>
                <IndexTable.Cell>
                  <span data-next-run={row.task} data-next-run-at={row.nextRunAt ?? ""}>
                    {row.onHold ? "On hold" : row.nextRun}
                  </span>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  {row.lastRun ? (
                    <BlockStack gap="050">
                      <InlineStack gap="100" blockAlign="center">
                        <Badge tone={row.lastRun.statusTone}>{row.lastRun.status}</Badge>
                        <Text as="span" variant="bodySm">
                          {row.lastRun.when}
                          {row.lastRun.duration ? ` · ${row.lastRun.duration}` : ""}
                        </Text>
                      </InlineStack>
                      <Text as="span" tone="subdued" variant="bodySm">
                        {row.lastRun.counts}
                        {row.lastRun.via ? ` (${row.lastRun.via})` : ""}
                      </Text>
                    </BlockStack>
                  ) : (
                    <Text as="span" tone="subdued">
                      Not run yet
                    </Text>
                  )}
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <InlineStack gap="100" wrap={false}>
                    <Button
                      size="slim"
                      variant="primary"
                      disabled={busy || row.unavailable !== null}
                      accessibilityLabel={`Run ${row.title} now`}
                      onClick={() => act("run", row.task)}
                    >
                      Run now
                    </Button>
                    {row.canPreview ? (
                      <Button
                        size="slim"
                        disabled={busy || row.unavailable !== null}
                        accessibilityLabel={`Preview ${row.title}`}
                        onClick={() => act("preview", row.task)}
                      >
                        Preview
                      </Button>
                    ) : null}
                    <Button
                      size="slim"
                      disabled={busy}
                      accessibilityLabel={`${row.onHold ? "Resume" : "Put on hold"} ${row.title}`}
                      onClick={() => act(row.onHold ? "resume" : "hold", row.task)}
                    >
                      {row.onHold ? "Resume" : "Put on hold"}
                    </Button>
                    <Button size="slim" url={`/app/jobs/${row.task}`} accessibilityLabel={`Edit ${row.title}`}>
                      Edit
                    </Button>
                  </InlineStack>
                </IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        </Card>
      </BlockStack>
    </Page>
  );
}
