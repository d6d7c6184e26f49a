import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import {
  Badge,
  BlockStack,
  Button,
  Card,
  EmptyState,
  IndexTable,
  InlineStack,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";

import {
  handleUnmappedAction,
  listOpenUnmapped,
  type UnmappedListKind,
  unmappedListKinds,
} from "../.server/orders/unmapped-list.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { authenticate } from "../shopify.server.ts";

function kindOf(value: string | undefined): UnmappedListKind {
  if (value && value in unmappedListKinds) return value as UnmappedListKind;
  throw new Response("No such list", { status: 404 });
}

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const kind = kindOf(params.kind);
  const list = await listOpenUnmapped(await shopIdFor(session.shop), kind);
  return { kind, ...list };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return handleUnmappedAction(await shopIdFor(session.shop), kindOf(params.kind), await request.formData());
};

const resourceNames: Record<UnmappedListKind, { singular: string; plural: string }> = {
  customers: { singular: "customer", plural: "customers" },
  products: { singular: "product", plural: "products" },
  companies: { singular: "company", plural: "companies" },
};

const titles: Record<UnmappedListKind, { title: string; erp: string }> = {
  customers: { title: "Unmapped customers", erp: "customer" },
  products: { title: "Unmapped products", erp: "item" },
  companies: { title: "Unmapped companies", erp: "customer" },
};

export default function UnmappedList() {
  const { kind, rows, count } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const shopify = useAppBridge();
  const [selected, setSelected] = useState<number | null>(null);
  const [query, setQuery] = useState("");
  const text = titles[kind];

  useEffect(() => {
    if (result && result.intent !== "search") {
      shopify.toast.show(result.result.message, { isError: !result.result.ok });
      if (result.result.ok) setSelected(null);
    }
  }, [result, shopify]);

  const post = (fields: Record<string, string>) => submit(fields, { method: "post" });
  const results = result?.intent === "search" && result.recordId === selected ? result.results : [];

  return (
    <Page
      title={text.title}
      backAction={{ content: "Activity", url: "/app" }}
      titleMetadata={rows.length > 0 ? <Badge tone="warning">{`${count} to map`}</Badge> : undefined}
      subtitle={`Orders wait until their ${kind === "products" ? "variants are" : "customer is"} mapped to an ERP ${text.erp}.`}
    >
      <Card padding="0">
        {rows.length === 0 ? (
          <EmptyState heading="Nothing to map" image="">
            <p>Every {kind === "products" ? "variant" : "customer"} on your orders is mapped.</p>
          </EmptyState>
        ) : (
          <IndexTable
            resourceName={resourceNames[kind]}
            itemCount={rows.length}
            selectable={false}
            headings={[{ title: "In Shopify" }, { title: "Waiting orders" }, { title: "Since" }, { title: "" }]}
          >
            {rows.map((row, index) => (
              <IndexTable.Row id={String(row.id)} key={row.id} position={index}>
                <IndexTable.Cell>
                  <BlockStack gap="050">
                    <Text as="span" fontWeight="semibold">
                      {row.name}
                    </Text>
                    {row.details ? (
                      <Text as="span" tone="subdued" variant="bodySm">
                        {row.details}
                      </Text>
                    ) : null}
                  </BlockStack>
                </IndexTable.Cell>
                <IndexTable.Cell>{row.waiting}</IndexTable.Cell>
                <IndexTable.Cell>{row.since}</IndexTable.Cell>
                <IndexTable.Cell>
                  <InlineStack gap="200">
                    <Button size="slim" onClick={() => setSelected(selected === row.id ? null : row.id)}>
                      Map…
                    </Button>
                    <Button
                      size="slim"
                      disabled={busy}
                      onClick={() => post({ intent: "create", recordId: String(row.id) })}
                    >
                      Create in ERP
                    </Button>
                    <Button
                      size="slim"
                      tone="critical"
                      variant="plain"
                      disabled={busy}
                      onClick={() => post({ intent: "ignore", recordId: String(row.id) })}
                    >
                      Ignore
                    </Button>
                  </InlineStack>
                </IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        )}
      </Card>
      {selected !== null ? (
        <div style={{ marginTop: "16px" }}>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Map to an ERP {text.erp}
              </Text>
              <InlineStack gap="200" blockAlign="end">
                <div style={{ flexGrow: 1 }}>
                  <TextField
                    label={`Search ERP ${text.erp}s by number or name`}
                    value={query}
                    onChange={setQuery}
                    autoComplete="off"
                  />
                </div>
                <Button onClick={() => post({ intent: "search", recordId: String(selected), q: query })} loading={busy}>
                  Search
                </Button>
              </InlineStack>
              {results.map((found) => {
                const number = "itemNumber" in found ? found.itemNumber : found.number;
                const variantCode = "variantCode" in found ? found.variantCode : "";
                return (
                  <InlineStack key={`${number}-${variantCode}`} gap="300" blockAlign="center">
                    <Text as="span" fontWeight="semibold">
                      {variantCode ? `${number} / ${variantCode}` : number}
                    </Text>
                    <Text as="span">{found.displayName}</Text>
                    <Button
                      size="slim"
                      variant="primary"
                      disabled={busy}
                      onClick={() => post({ intent: "map", recordId: String(selected), number, variantCode })}
                    >
                      Use
                    </Button>
                  </InlineStack>
                );
              })}
            </BlockStack>
          </Card>
        </div>
      ) : null}
    </Page>
  );
}
