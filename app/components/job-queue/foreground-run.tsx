import { Link, useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Card, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import { useEffect, useRef } from "react";

import type { RunProgress } from "../../.server/job-queue/run-progress.ts";

/** How often the page asks how the run is doing. */
const POLL_MS = 1000;

/**
 * A run started with background syncs off: its progress bar and counts, asked for every second
 * until the run ends, then its result in a banner. The run is the worker's: leaving the page only
 * stops the watching.
 */
export function ForegroundRun(props: {
  jobId: string;
  title: string;
  runLink: string;
  onEnded: () => void;
  onDismiss: () => void;
}) {
  const fetcher = useFetcher<RunProgress>();
  const progress = fetcher.data;
  const ended = progress?.ended ?? false;
  const { onEnded } = props;
  const reported = useRef(false);

  useEffect(() => {
    if (ended) return;
    const load = () => {
      if (fetcher.state === "idle") fetcher.load(`/app/jobs/progress/${props.jobId}`);
    };
    if (!progress) load();
    const timer = setInterval(load, POLL_MS);
    return () => clearInterval(timer);
    // fetcher.load is stable enough; re-arming on every state change would double the polling.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ended, props.jobId, fetcher.state]);

  useEffect(() => {
    if (ended && !reported.current) {
      reported.current = true;
      onEnded();
    }
  }, [ended, onEnded]);

  if (ended && progress) {
    const failed = progress.status === "failed" || progress.status === "unknown";
    const tone = failed ? "critical" : progress.status === "skipped" ? "warning" : "success";
    return (
      <Banner tone={tone} title={`${props.title}: ${resultTitle(progress)}`} onDismiss={props.onDismiss}>
        <BlockStack gap="100">
          <p data-testid="run-result">
            {progress.countsText}
            {progress.duration ? ` in ${progress.duration}` : ""}
          </p>
          {progress.summary ? <p>{progress.summary}</p> : null}
          {progress.error ? <p data-testid="run-error">{progress.error}</p> : null}
          {progress.runId !== null ? (
            <p>
              <Link to={props.runLink}>View the run</Link>
            </p>
          ) : null}
        </BlockStack>
      </Banner>
    );
  }

  const done = progress?.done ?? 0;
  const total = progress?.total ?? null;
  const percent =
    total && total > 0 ? Math.min(100, Math.round((done / total) * 100)) : progress?.status === "running" ? 10 : 0;
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack align="space-between">
          <Text as="h2" variant="headingSm">
            {props.title}:{" "}
            {progress?.status === "running"
              ? "running"
              : progress?.status === "retrying"
                ? "retrying"
                : "waiting for a worker"}
          </Text>
          <Text as="span" tone="subdued">
            <span data-testid="run-progress-count">{total !== null ? `${done} / ${total}` : `${done} done`}</span>
          </Text>
        </InlineStack>
        <div data-testid="run-progress" data-status={progress?.status ?? "queued"}>
          <ProgressBar progress={percent} size="small" animated />
        </div>
        <Text as="p" tone="subdued" variant="bodySm">
          {progress?.counts ? progress.countsText : "Counts appear as records are handled."} You can leave this page:
          the run goes on.
        </Text>
      </BlockStack>
    </Card>
  );
}

function resultTitle(progress: RunProgress): string {
  switch (progress.status) {
    case "succeeded":
      return "done";
    case "continued":
      return "done for now, continuing in another run";
    case "skipped":
      return "skipped";
    case "failed":
      return "failed";
    case "unknown":
      return "not found";
    default:
      return progress.status;
  }
}
