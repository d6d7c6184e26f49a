import { BlockStack, Button, Card, DataTable, InlineStack, Text } from "@shopify/polaris";

export interface ConflictRow {
  label: string;
  shopify: string;
  erp: string;
  differs: boolean;
}

/**
 * Both versions of a customer in conflict, side by side (fields that differ marked), and the two
 * ways out: each writes its side over the other and ends the conflict.
 */
export function ConflictCard({
  rows,
  detected,
  erpNumber,
  busy,
  onKeepShopify,
  onKeepErp,
}: {
  rows: ConflictRow[];
  detected: string;
  erpNumber: string;
  busy: boolean;
  onKeepShopify: () => void;
  onKeepErp: () => void;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Changed on both sides
        </Text>
        <Text as="p" tone="subdued">
          Both the Shopify customer and ERP customer {erpNumber} changed since the last sync
          {detected ? ` (found ${detected})` : ""}. Choose which version to keep: it is written over the other.
        </Text>
        <div data-testid="conflict-versions">
          <DataTable
            columnContentTypes={["text", "text", "text"]}
            headings={["Field", "Shopify", `ERP customer ${erpNumber}`]}
            rows={rows.map((row) => [row.differs ? `${row.label} ≠` : row.label, row.shopify, row.erp])}
          />
        </div>
        <InlineStack gap="200">
          <Button onClick={onKeepShopify} disabled={busy}>
            Keep Shopify&apos;s
          </Button>
          <Button onClick={onKeepErp} disabled={busy}>
            Keep the ERP&apos;s
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
