import { BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

/**
 * "Add to Shopify" (BC report 30112): an ERP customer becomes a Shopify customer (or is linked to
 * the one Shopify has with its e-mail). The server reads and checks the number.
 */
export function AddToShopifyCard({ busy, onAdd }: { busy: boolean; onAdd: (number: string) => void }) {
  const [number, setNumber] = useState("");
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Add an ERP customer to Shopify
        </Text>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onAdd(number);
          }}
        >
          <InlineStack gap="200" blockAlign="end">
            <div style={{ flexGrow: 1 }}>
              <TextField
                label="ERP customer number"
                helpText="Shopify gets a customer with its name, e-mail, phone and address; one Shopify already has with the same e-mail is linked instead."
                value={number}
                onChange={setNumber}
                autoComplete="off"
              />
            </div>
            <Button submit loading={busy}>
              Add to Shopify
            </Button>
          </InlineStack>
        </form>
      </BlockStack>
    </Card>
  );
}
