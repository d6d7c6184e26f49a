import { Badge, BlockStack, Text } from "@shopify/polaris";

type Tone = "success" | "critical" | "warning" | "attention" | "info" | undefined;

/** A customer's sync state, with why it is unmapped, skipped, in error or in conflict under it. */
export function CustomerStateBadge({ badge, reason }: { badge: { label: string; tone: Tone }; reason: string }) {
  return (
    <BlockStack gap="050" inlineAlign="start">
      <Badge tone={badge.tone}>{badge.label}</Badge>
      {reason ? (
        <Text as="span" tone={badge.tone === "critical" ? "critical" : "subdued"} variant="bodySm">
          {reason}
        </Text>
      ) : null}
    </BlockStack>
  );
}
