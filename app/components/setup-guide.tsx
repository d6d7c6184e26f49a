import { BlockStack, Box, Button, Card, Collapsible, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import { type CSSProperties, useState } from "react";

/** The step title opens the step: a button that looks like its text (the browser's focus ring kept). */
const titleButtonStyle: CSSProperties = {
  background: "none",
  border: "none",
  padding: 0,
  margin: 0,
  font: "inherit",
  color: "inherit",
  textAlign: "left",
  cursor: "pointer",
};

export interface SetupGuideStep {
  key: string;
  title: string;
  description: string;
  done: boolean;
  action: { label: string; url: string };
}

export interface SetupGuideProps {
  steps: SetupGuideStep[];
  progress: { done: number; total: number };
}

/**
 * Polaris' setup-guide pattern: a card with a progress count, collapsible, one step open at a
 * time (the first one not done), each with why it matters and a button to where it is set.
 * Pure presentation: what is done comes from the server.
 */
export function SetupGuide({ steps, progress }: SetupGuideProps) {
  const complete = progress.done === progress.total;
  const [open, setOpen] = useState(!complete);
  const [expanded, setExpanded] = useState<string | null>(steps.find((step) => !step.done)?.key ?? null);
  const count = `${progress.done} of ${progress.total} steps done`;

  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="start" wrap={false}>
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              Setup guide
            </Text>
            <Text as="p" tone="subdued">
              {complete
                ? "Everything the app needs is set."
                : "Set these so that orders, shipments and posting work, before orders start failing."}
            </Text>
          </BlockStack>
          <Button variant="tertiary" onClick={() => setOpen((o) => !o)} ariaExpanded={open} ariaControls="setup-steps">
            {open ? "Hide steps" : "Show steps"}
          </Button>
        </InlineStack>
        <InlineStack gap="300" blockAlign="center" wrap={false}>
          <Text as="span" variant="bodySm" tone="subdued">
            <span data-testid="setup-progress">{count}</span>
          </Text>
          <Box width="160px">
            <ProgressBar progress={(progress.done / Math.max(progress.total, 1)) * 100} size="small" tone="primary" />
          </Box>
        </InlineStack>
        <Collapsible id="setup-steps" open={open} transition={{ duration: "150ms" }}>
          <BlockStack gap="100">
            {steps.map((step) => (
              <SetupGuideStepRow
                key={step.key}
                step={step}
                expanded={expanded === step.key}
                onToggle={() => setExpanded((current) => (current === step.key ? null : step.key))}
              />
            ))}
          </BlockStack>
        </Collapsible>
      </BlockStack>
    </Card>
  );
}

function SetupGuideStepRow({
  step,
  expanded,
  onToggle,
}: {
  step: SetupGuideStep;
  expanded: boolean;
  onToggle: () => void;
}) {
  return (
    <div data-setup-step={step.key} data-done={step.done}>
      <Box padding="200" borderRadius="200" background={expanded ? "bg-surface-secondary" : undefined}>
        <InlineStack gap="300" blockAlign="start" wrap={false}>
          <StepMark done={step.done} />
          <BlockStack gap="200">
            <button type="button" onClick={onToggle} aria-expanded={expanded} style={titleButtonStyle}>
              <Text as="h3" variant="headingSm" fontWeight={expanded ? "semibold" : "regular"}>
                {step.title}
                <Text as="span" visuallyHidden>
                  {step.done ? " (done)" : " (not done)"}
                </Text>
              </Text>
            </button>
            {expanded ? (
              <BlockStack gap="200" inlineAlign="start">
                <Text as="p" tone="subdued">
                  {step.description}
                </Text>
                <Button url={step.action.url} variant={step.done ? "secondary" : "primary"}>
                  {step.action.label}
                </Button>
              </BlockStack>
            ) : null}
          </BlockStack>
        </InlineStack>
      </Box>
    </div>
  );
}

/** Done: a filled circle with a check; not done: a dashed circle (as in Polaris' pattern). */
function StepMark({ done }: { done: boolean }) {
  return (
    <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false" style={{ flexShrink: 0 }}>
      {done ? (
        <>
          <circle cx="10" cy="10" r="9" fill="#303030" />
          <path d="M6 10.5l2.5 2.5L14 7.5" stroke="#fff" strokeWidth="1.8" fill="none" strokeLinecap="round" />
        </>
      ) : (
        <circle cx="10" cy="10" r="8.5" fill="none" stroke="#8a8a8a" strokeWidth="1.5" strokeDasharray="3 2.4" />
      )}
    </svg>
  );
}
