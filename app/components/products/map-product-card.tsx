import { BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

export interface ItemChoice {
  number: string;
  name: string;
}

/**
 * The Map picker of an unmapped Shopify product: search the ERP's items by number or name, then
 * use one. The search and the mapping are the page's actions (the server checks the item).
 */
export function MapProductCard({
  results,
  searched,
  busy,
  onSearch,
  onMap,
}: {
  results: ItemChoice[];
  /** A search has been answered (so "no results" can be said). */
  searched: boolean;
  busy: boolean;
  onSearch: (text: string) => void;
  onMap: (itemNumber: string) => void;
}) {
  const [text, setText] = useState("");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd" id="map">
          Map to an ERP item
        </Text>
        <Text as="p" tone="subdued">
          The product becomes this item&apos;s; its variants are matched to the item&apos;s variants by SKU at the next
          product sync.
        </Text>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onSearch(text);
          }}
        >
          <InlineStack gap="200" blockAlign="end">
            <div style={{ flexGrow: 1 }}>
              <TextField
                label="Search ERP items by number or name"
                value={text}
                onChange={setText}
                autoComplete="off"
              />
            </div>
            <Button submit loading={busy}>
              Search
            </Button>
          </InlineStack>
        </form>
        {searched && results.length === 0 ? (
          <Text as="p" tone="subdued">
            No ERP item matches. Try the item number&apos;s first characters or part of its name.
          </Text>
        ) : null}
        {results.map((item) => (
          <InlineStack key={item.number} gap="300" blockAlign="center">
            <Text as="span" fontWeight="semibold">
              {item.number}
            </Text>
            <Text as="span">{item.name}</Text>
            <Button
              size="slim"
              variant="primary"
              disabled={busy}
              accessibilityLabel={`Map to item ${item.number}`}
              onClick={() => onMap(item.number)}
            >
              Use
            </Button>
          </InlineStack>
        ))}
      </BlockStack>
    </Card>
  );
}
