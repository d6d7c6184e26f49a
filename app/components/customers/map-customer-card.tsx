import { BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

export interface CustomerChoice {
  number: string;
  name: string;
  detail: string;
}

/**
 * Map a Shopify customer to an ERP customer: search the ERP's customers, or type the number. The
 * search and the mapping are the page's actions (the server checks the number in the ERP).
 */
export function MapCustomerCard({
  results,
  searched,
  busy,
  remap,
  onSearch,
  onMap,
}: {
  results: CustomerChoice[];
  /** A search has been answered (so "no results" can be said). */
  searched: boolean;
  busy: boolean;
  /** Already mapped: this changes which ERP customer it is. */
  remap: boolean;
  onSearch: (text: string) => void;
  onMap: (number: string) => void;
}) {
  const [text, setText] = useState("");
  const [number, setNumber] = useState("");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd" id="map">
          {remap ? "Map to another ERP customer" : "Map to an ERP customer"}
        </Text>
        <Text as="p" tone="subdued">
          Orders of this customer then go to that ERP customer, and orders waiting on it are processed.
        </Text>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onMap(number);
          }}
        >
          <InlineStack gap="200" blockAlign="end">
            <div style={{ flexGrow: 1 }}>
              <TextField label="ERP customer number" value={number} onChange={setNumber} autoComplete="off" />
            </div>
            <Button submit variant="primary" loading={busy}>
              Map
            </Button>
          </InlineStack>
        </form>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onSearch(text);
          }}
        >
          <InlineStack gap="200" blockAlign="end">
            <div style={{ flexGrow: 1 }}>
              <TextField
                label="Search ERP customers by number, name or e-mail"
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
            No ERP customer matches. Try the number&apos;s first characters, part of the name or the e-mail.
          </Text>
        ) : null}
        {results.map((customer) => (
          <InlineStack key={customer.number} gap="300" blockAlign="center">
            <Text as="span" fontWeight="semibold">
              {customer.number}
            </Text>
            <Text as="span">{customer.name}</Text>
            <Text as="span" tone="subdued">
              {customer.detail}
            </Text>
            <Button
              size="slim"
              variant="primary"
              disabled={busy}
              accessibilityLabel={`Map to ERP customer ${customer.number}`}
              onClick={() => onMap(customer.number)}
            >
              Use
            </Button>
          </InlineStack>
        ))}
      </BlockStack>
    </Card>
  );
}
