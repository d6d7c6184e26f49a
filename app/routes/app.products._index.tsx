import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { Card, EmptyState, IndexTable, Page, Tabs, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

import { loadProductListPage, parseProductListQuery } from "../.server/products-page/product-list-page.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { ProductStateBadge } from "../components/products/product-state-badge.tsx";
import { authenticate } from "../shopify.server.ts";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const query = parseProductListQuery(new URL(request.url));
  return loadProductListPage(await shopIdFor(session.shop), query);
};

const tabs = [
  { id: "all", content: "All" },
  { id: "linked", content: "Mapped" },
  { id: "unmapped", content: "Unmapped" },
  { id: "error", content: "Errors" },
  { id: "skipped", content: "Skipped" },
] as const;

const emptyText: Record<(typeof tabs)[number]["id"], string> = {
  all: "Products appear here once the product sync has run: ERP items it created in Shopify, and Shopify products it found.",
  linked: "No product is mapped to an ERP item yet.",
  unmapped: "Every Shopify product the sync found is mapped to an ERP item, or ignored.",
  error: "No product failed. Products Shopify or the ERP refused show here, with the reason.",
  skipped: "No product was skipped.",
};

export default function Products() {
  const { query, rows, hasNext, counts, total } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [search, setSearch] = useState(query.q);
  const go = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === "") next.delete(key);
      else next.set(key, value);
    }
    navigate(`/app/products?${next.toString()}`);
  };
  const pager = {
    hasPrevious: query.page > 0,
    onPrevious: () => go({ page: String(query.page - 1) }),
    hasNext,
    onNext: () => go({ page: String(query.page + 1) }),
  };

  return (
    <Page
      title="Products"
      subtitle={`${total}: which ERP item each Shopify product is, and how its last sync went.`}
      backAction={{ content: "Activity", url: "/app" }}
      pagination={pager}
    >
      <Card padding="0">
        <Tabs
          tabs={tabs.map((tab) => ({ ...tab, badge: String(counts[tab.id]), panelID: `products-${tab.id}` }))}
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
              label="Search products"
              labelHidden
              placeholder="Search by title, SKU or ERP item number"
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
          resourceName={{ singular: "product", plural: "products" }}
          itemCount={rows.length}
          selectable={false}
          headings={[
            { title: "Product" },
            { title: "ERP item no." },
            { title: "Variants" },
            { title: "Status" },
            { title: "Last sync" },
            { title: "" },
          ]}
          emptyState={
            <EmptyState heading={query.q ? `No products match “${query.q}”` : "No products here"} image="">
              <p>{query.q ? "Try another title, SKU or item number, or clear the search." : emptyText[query.tab]}</p>
            </EmptyState>
          }
          pagination={pager}
        >
          {rows.map((row, index) => (
            <IndexTable.Row id={String(row.id)} key={row.id} position={index}>
              <IndexTable.Cell>
                <Link to={row.href} data-product={row.id}>
                  <Text as="span" fontWeight="semibold">
                    {row.title}
                  </Text>
                </Link>
              </IndexTable.Cell>
              <IndexTable.Cell>{row.erpItemNumber}</IndexTable.Cell>
              <IndexTable.Cell>{row.variants}</IndexTable.Cell>
              <IndexTable.Cell>
                <ProductStateBadge badge={row.badge} reason={row.reason} />
              </IndexTable.Cell>
              <IndexTable.Cell>{row.lastSync}</IndexTable.Cell>
              <IndexTable.Cell>
                {row.canMap ? (
                  <Link to={`${row.href}#map`} aria-label={`Map ${row.title} to an ERP item`}>
                    Map…
                  </Link>
                ) : null}
              </IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      </Card>
    </Page>
  );
}
