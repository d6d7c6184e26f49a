import { InlineStack, Text } from "@shopify/polaris";

const order = ["created", "updated", "unchanged", "skipped", "failed", "planned"] as const;

/** A run's per-record counts, the non-zero ones, as "3 created · 1 failed"; "—" when it touched nothing. */
export function RunCounts({ counts }: { counts: Record<(typeof order)[number], number> }) {
  const shown = order.filter((key) => (counts[key] ?? 0) > 0);
  if (shown.length === 0) {
    return (
      <Text as="span" tone="subdued">
        —
      </Text>
    );
  }
  return (
    <InlineStack gap="200" wrap={false}>
      {shown.map((key) => (
        <Text as="span" key={key} tone={key === "failed" ? "critical" : undefined} numeric>
          <span data-count={key}>{counts[key]}</span> {key}
        </Text>
      ))}
    </InlineStack>
  );
}
