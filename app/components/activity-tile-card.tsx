import { Link } from "@remix-run/react";
import { BlockStack, Card, Text } from "@shopify/polaris";

export interface ActivityTileCardProps {
  tileKey: string;
  title: string;
  description: string;
  tone: "attention" | "critical";
  count: number;
  href: string;
}

/** One dashboard tile: the count, what it means, and the way to the list behind it. */
export function ActivityTileCard({ tileKey, title, description, tone, count, href }: ActivityTileCardProps) {
  const countTone = count === 0 ? "subdued" : tone === "critical" ? "critical" : "caution";
  return (
    <Link to={href} data-tile={tileKey} style={{ textDecoration: "none", color: "inherit" }}>
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingSm">
            {title}
          </Text>
          <Text as="p" variant="heading2xl" tone={countTone}>
            <span data-testid={`count-${tileKey}`}>{count}</span>
          </Text>
          <Text as="p" variant="bodySm" tone="subdued">
            {description}
          </Text>
        </BlockStack>
      </Card>
    </Link>
  );
}
