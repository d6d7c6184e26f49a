import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  Link,
  useActionData,
  useLoaderData,
  useNavigate,
  useNavigation,
  useSearchParams,
  useSubmit,
} from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { BlockStack, Card, EmptyState, IndexTable, Page, Tabs, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";

import { handleCustomerListAction } from "../.server/customers-page/customer-action-form.ts";
import { loadCustomerListPage, parseCustomerListQuery } from "../.server/customers-page/customer-list-page.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { AddToShopifyCard } from "../components/customers/add-to-shopify-card.tsx";
import { CustomerStateBadge } from "../components/customers/customer-state-badge.tsx";
import { authenticate } from "../shopify.server.ts";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const query = parseCustomerListQuery(new URL(request.url));
  return loadCustomerListPage(await shopIdFor(session.shop), query);
};

// After an action Remix runs the loader again, so a customer added to Shopify shows at once.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return handleCustomerListAction(await shopIdFor(session.shop), await request.formData());
};

const tabs = [
  { id: "all", content: "All" },
  { id: "linked", content: "Mapped" },
  { id: "unmapped", content: "Unmapped" },
  { id: "conflict", content: "Conflicts" },
  { id: "error", content: "Errors" },
  { id: "skipped", content: "Skipped" },
] as const;

const emptyText: Record<(typeof tabs)[number]["id"], string> = {
  all: "Customers appear here once Sync customers has run, or an order's customer was linked to an ERP customer.",
  linked: "No customer is mapped to an ERP customer yet.",
  unmapped: "Every Shopify customer the sync found is mapped to an ERP customer, or ignored.",
  conflict: "No customer changed on both sides since its last sync.",
  error: "No customer failed. Customers Shopify or the ERP refused show here, with the reason.",
  skipped: "No customer was skipped.",
};

export default function Customers() {
  const { query, rows, hasNext, counts, total } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const shopify = useAppBridge();
  const [search, setSearch] = useState(query.q);
  const go = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === "") next.delete(key);
      else next.set(key, value);
    }
    navigate(`/app/customers?${next.toString()}`);
  };
  const pager = {
    hasPrevious: query.page > 0,
    onPrevious: () => go({ page: String(query.page - 1) }),
    hasNext,
    onNext: () => go({ page: String(query.page + 1) }),
  };

  useEffect(() => {
    if (!result) return;
    if (!result.ok) {
      shopify.toast.show(result.message, { isError: true });
      return;
    }
    shopify.toast.show(result.message);
    if (result.href) navigate(result.href);
  }, [result, shopify, navigate]);

  return (
    <Page
      title="Customers"
      subtitle={`${total}: which ERP customer each Shopify customer is, and how its last sync went.`}
      backAction={{ content: "Activity", url: "/app" }}
      pagination={pager}
    >
      <BlockStack gap="400">
        {result && !result.ok ? (
          <Text as="p" tone="critical" id="customers-action-error">
            {result.message}
          </Text>
        ) : null}
        <Card padding="0">
          <Tabs
            tabs={tabs.map((tab) => ({ ...tab, badge: String(counts[tab.id]), panelID: `customers-${tab.id}` }))}
            selected={Math.max(
              0,
              tabs.findIndex((tab) => tab.id === query.tab),
            )}
            onSelect={(index) => go({ tab: tabs[index]?.id ?? "all", page: "" })}
          />
          <div style={{ padding: "12px" }}>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                go({ q: search, page: "" });
              }}
            >
              <TextField
                label="Search customers"
                labelHidden
                placeholder="Search by name, e-mail, phone or ERP customer number"
                value={search}
                onChange={setSearch}
                autoComplete="off"
                clearButton
                onClearButtonClick={() => {
                  setSearch("");
                  go({ q: "", page: "" });
                }}
              />
            </form>
          </div>
          <IndexTable
            resourceName={{ singular: "customer", plural: "customers" }}
            itemCount={rows.length}
            selectable={false}
            headings={[
              { title: "Customer" },
              { title: "E-mail" },
              { title: "City / country" },
              { title: "ERP customer no." },
              { title: "Status" },
              { title: "Last sync" },
            ]}
            emptyState={
              <EmptyState heading={query.q ? `No customers match “${query.q}”` : "No customers here"} image="">
                <p>
                  {query.q
                    ? "Try another name, e-mail, phone or customer number, or clear the search."
                    : emptyText[query.tab]}
                </p>
              </EmptyState>
            }
            pagination={pager}
          >
            {rows.map((row, index) => (
              <IndexTable.Row id={row.key} key={row.key} position={index}>
                <IndexTable.Cell>
                  <Link to={row.href} data-customer={row.key}>
                    <Text as="span" fontWeight="semibold">
                      {row.name}
                    </Text>
                  </Link>
                </IndexTable.Cell>
                <IndexTable.Cell>{row.email}</IndexTable.Cell>
                <IndexTable.Cell>{row.place}</IndexTable.Cell>
                <IndexTable.Cell>{row.erpCustomerNumber}</IndexTable.Cell>
                <IndexTable.Cell>
                  <CustomerStateBadge badge={row.badge} reason={row.reason} />
                </IndexTable.Cell>
                <IndexTable.Cell>{row.lastSync}</IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        </Card>
        <AddToShopifyCard
          busy={busy}
          onAdd={(number) => submit({ intent: "add-to-shopify", number }, { method: "post" })}
        />
      </BlockStack>
    </Page>
  );
}
