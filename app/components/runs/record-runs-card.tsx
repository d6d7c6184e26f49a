import { Link } from "@remix-run/react";
import { Badge, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";

type Tone = "success" | "critical" | "warning" | "attention" | "info" | undefined;

export interface RecordRun {
  runId: number;
  href: string;
  task: string;
  preview: boolean;
  at: string;
  outcome: { label: string; tone: Tone };
  reason: string;
}

/** A record page's "Runs" card: the last runs that touched the record, each linking to its run. */
export function RecordRunsCard({ runs, allHref }: { runs: RecordRun[]; allHref: string }) {
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Runs
          </Text>
          {runs.length > 0 ? <Link to={allHref}>All runs</Link> : null}
        </InlineStack>
        {runs.length === 0 ? (
          <Text as="p" tone="subdued">
            No run has touched this record yet.
          </Text>
        ) : null}
        {runs.map((run, index) => (
          <BlockStack key={`${run.runId}-${index}`} gap="050">
            <InlineStack gap="100" blockAlign="center">
              <Link to={run.href} data-run-link={run.runId}>
                {run.task}
              </Link>
              <Badge tone={run.outcome.tone}>{run.outcome.label}</Badge>
              {run.preview ? <Badge tone="info">Preview</Badge> : null}
            </InlineStack>
            {run.reason ? <Text as="p">{run.reason}</Text> : null}
            <Text as="p" tone="subdued" variant="bodySm">
              {run.at}
            </Text>
          </BlockStack>
        ))}
      </BlockStack>
    </Card>
  );
}
