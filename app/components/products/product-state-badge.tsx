import { Badge, BlockStack, Text } from "@shopify/polaris";

type Tone = "success" | "critical" | "warning" | "attention" | "info" | undefined;

/** A product's mapping state, with why it is skipped, in error or unmapped under it. */
export function ProductStateBadge({ badge, reason }: { badge: { label: string; tone: Tone }; reason: string }) {
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
