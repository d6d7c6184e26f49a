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
import {
  BlockStack,
  Button,
  Card,
  EmptyState,
  IndexTable,
  InlineStack,
  Page,
  Tabs,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";

import { handleCompanyListAction } from "../.server/companies-page/company-action-form.ts";
import { loadCompanyListPage, parseCompanyListQuery } from "../.server/companies-page/company-list-page.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { CustomerStateBadge } from "../components/customers/customer-state-badge.tsx";
import { authenticate } from "../shopify.server.ts";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const query = parseCompanyListQuery(new URL(request.url));
  return loadCompanyListPage(await shopIdFor(session.shop), query);
};

// After an action Remix runs the loader again, so a company added to Shopify shows at once.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return handleCompanyListAction(await shopIdFor(session.shop), await request.formData());
};

const tabs = [
  { id: "all", content: "All" },
  { id: "linked", content: "Mapped" },
  { id: "unmapped", content: "Unmapped" },
  { id: "conflict", content: "Conflicts" },
  { id: "error", content: "Errors" },
  { id: "ignored", content: "Ignored" },
] as const;

const emptyText: Record<(typeof tabs)[number]["id"], string> = {
  all: "B2B companies appear here once Sync companies has run, or a company's order was imported.",
  linked: "No company is mapped to an ERP customer yet.",
  unmapped: "Every Shopify company the sync found is mapped to an ERP customer, or ignored.",
  conflict: "No company changed on both sides since its last sync.",
  error: "No company failed. Companies Shopify or the ERP refused show here, with the reason.",
  ignored: "No company is ignored.",
};

/** "Add to Shopify" (BC report 30113): an ERP customer becomes a Shopify B2B company. */
function AddCompanyCard({ busy, onAdd }: { busy: boolean; onAdd: (number: string) => void }) {
  const [number, setNumber] = useState("");
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Add an ERP customer to Shopify as a company
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
                helpText="Shopify gets a company with one location at the customer's address and its contact as main contact; a company Shopify already has with this number as external id is linked instead."
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

export default function Companies() {
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
    navigate(`/app/companies?${next.toString()}`);
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
      title="Companies"
      subtitle={`${total}: which ERP customer each Shopify B2B company orders as, and how its last sync went.`}
      backAction={{ content: "Activity", url: "/app" }}
      pagination={pager}
    >
      <BlockStack gap="400">
        {result && !result.ok ? (
          <Text as="p" tone="critical" id="companies-action-error">
            {result.message}
          </Text>
        ) : null}
        <Card padding="0">
          <Tabs
            tabs={tabs.map((tab) => ({ ...tab, badge: String(counts[tab.id]), panelID: `companies-${tab.id}` }))}
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
                label="Search companies"
                labelHidden
                placeholder="Search by name, e-mail, tax id or ERP customer number"
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
            resourceName={{ singular: "company", plural: "companies" }}
            itemCount={rows.length}
            selectable={false}
            headings={[
              { title: "Company" },
              { title: "Main contact e-mail" },
              { title: "Locations" },
              { title: "City / country" },
              { title: "ERP customer no." },
              { title: "Status" },
              { title: "Last sync" },
            ]}
            emptyState={
              <EmptyState heading={query.q ? `No companies match “${query.q}”` : "No companies here"} image="">
                <p>
                  {query.q
                    ? "Try another name, e-mail, tax id or customer number, or clear the search."
                    : emptyText[query.tab]}
                </p>
              </EmptyState>
            }
            pagination={pager}
          >
            {rows.map((row, index) => (
              <IndexTable.Row id={row.key} key={row.key} position={index}>
                <IndexTable.Cell>
                  <Link to={row.href} data-company={row.key}>
                    <Text as="span" fontWeight="semibold">
                      {row.name}
                    </Text>
                  </Link>
                </IndexTable.Cell>
                <IndexTable.Cell>{row.email}</IndexTable.Cell>
                <IndexTable.Cell>{row.locations}</IndexTable.Cell>
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
        <AddCompanyCard
          busy={busy}
          onAdd={(number) => submit({ intent: "add-to-shopify", number }, { method: "post" })}
        />
      </BlockStack>
    </Page>
  );
}
