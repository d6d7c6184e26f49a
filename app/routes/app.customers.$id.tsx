import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  Link as RemixLink,
  useActionData,
  useLoaderData,
  useNavigate,
  useNavigation,
  useSubmit,
} from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Card, InlineStack, Layout, Link, Page, Text } from "@shopify/polaris";
import { useEffect, useState } from "react";

import { handleCustomerAction } from "../.server/customers-page/customer-action-form.ts";
import { loadCustomerPage, parseCustomerPageKey } from "../.server/customers-page/customer-page.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { ConflictCard } from "../components/customers/conflict-card.tsx";
import { CustomerStateBadge } from "../components/customers/customer-state-badge.tsx";
import { MapCustomerCard } from "../components/customers/map-customer-card.tsx";
import { RecordRunsCard } from "../components/runs/record-runs-card.tsx";
import { authenticate } from "../shopify.server.ts";

const notFound = () => new Response("No such customer", { status: 404 });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session, redirect } = await authenticate.admin(request);
  const key = parseCustomerPageKey(params.id);
  if (!key) throw notFound();
  const found = await loadCustomerPage(await shopIdFor(session.shop), key);
  if (!found) throw notFound();
  // A link-only customer that has a row by now: its row's page is the customer's page.
  if (found.redirect !== null) throw redirect(found.redirect);
  return found.page;
};

// After an action Remix runs the loader again, so the new state shows at once.
export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const key = parseCustomerPageKey(params.id);
  if (!key) throw notFound();
  const answer = await handleCustomerAction(await shopIdFor(session.shop), key, await request.formData());
  if (!answer) throw notFound();
  return answer;
};

function Field({ label, value }: { label: string; value: string }) {
  if (!value) return null;
  return (
    <InlineStack gap="200">
      <Text as="span" tone="subdued">
        {label}
      </Text>
      <Text as="span">{value}</Text>
    </InlineStack>
  );
}

export default function CustomerPage() {
  const { customer, erpCustomer, conflict, runs, runsHref } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const navigate = useNavigate();
  const busy = useNavigation().state !== "idle";
  const shopify = useAppBridge();
  const [queued, setQueued] = useState<string | null>(null);
  const run = (intent: string, fields: Record<string, string> = {}) =>
    submit({ intent, ...fields }, { method: "post" });

  useEffect(() => {
    if (!result || (result.intent === "search" && result.ok)) return;
    if (!result.ok) {
      shopify.toast.show(result.message, { isError: true });
      return;
    }
    const runLink = "runLink" in result ? result.runLink : undefined;
    setQueued(runLink ?? null);
    shopify.toast.show(
      result.message,
      runLink
        ? ({ action: "View run", onAction: () => navigate(runLink) } as Parameters<typeof shopify.toast.show>[1])
        : undefined,
    );
    // A link-only customer got its row: the page moves to it.
    if ("href" in result && result.href) navigate(result.href, { replace: true });
  }, [result, shopify, navigate]);

  const secondary: Array<{
    content: string;
    onAction?: () => void;
    url?: string;
    target?: "_top";
    disabled?: boolean;
  }> = [];
  if (customer.shopifyAdminUrl) {
    secondary.push({ content: "View in Shopify", url: customer.shopifyAdminUrl, target: "_top" });
  }
  if (customer.canCreate) {
    secondary.push({ content: "Create in the ERP", disabled: busy, onAction: () => run("create") });
  }
  if (customer.canIgnore) secondary.push({ content: "Ignore", disabled: busy, onAction: () => run("ignore") });
  if (customer.canStopIgnoring) {
    secondary.push({ content: "Stop ignoring", disabled: busy, onAction: () => run("stop-ignoring") });
  }
  const results = result?.intent === "search" && result.ok ? result.results : [];
  const syncLabel = customer.state === "error" ? "Retry" : "Sync now";

  return (
    <Page
      title={customer.name}
      subtitle={[customer.email, customer.place].filter(Boolean).join(" · ")}
      backAction={{ content: "Customers", url: "/app/customers" }}
      titleMetadata={<CustomerStateBadge badge={customer.badge} reason="" />}
      primaryAction={customer.canSync ? { content: syncLabel, loading: busy, onAction: () => run("sync") } : undefined}
      secondaryActions={secondary}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {queued ? (
              <Banner tone="info" onDismiss={() => setQueued(null)}>
                <p data-testid="sync-queued">
                  Sync queued. <RemixLink to={queued}>View the run</RemixLink>
                </p>
              </Banner>
            ) : null}
            {result && !result.ok ? (
              <Banner tone="critical">
                <p data-testid="action-error">{result.message}</p>
              </Banner>
            ) : null}
            {customer.reason ? (
              <Banner
                tone={customer.state === "error" ? "critical" : customer.state === "linked" ? "info" : "warning"}
                title={customer.badge.label}
              >
                <p data-testid="customer-reason">{customer.reason}</p>
              </Banner>
            ) : null}
            {conflict && erpCustomer ? (
              <ConflictCard
                rows={conflict.rows}
                detected={conflict.detected}
                erpNumber={erpCustomer.number}
                busy={busy}
                onKeepShopify={() => run("keep-shopify")}
                onKeepErp={() => run("keep-erp")}
              />
            ) : null}
            {customer.canMap && !customer.remap ? (
              <MapCustomerCard
                results={results}
                searched={result?.intent === "search" && result.ok === true}
                busy={busy}
                remap={customer.remap}
                onSearch={(text) => run("search", { q: text })}
                onMap={(number) => run("map", { number })}
              />
            ) : null}
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  ERP customer
                </Text>
                {erpCustomer ? (
                  <BlockStack gap="100">
                    <Field label="Customer no." value={erpCustomer.number} />
                    <Field label="Name" value={erpCustomer.name} />
                    <Field label="Type" value={erpCustomer.type} />
                    <Field label="E-mail" value={erpCustomer.email} />
                    <Field label="Phone" value={erpCustomer.phone} />
                    <Field label="Address" value={erpCustomer.address} />
                    <Field label="Currency" value={erpCustomer.currency} />
                    <Field label="Blocked" value={erpCustomer.blocked} />
                    <Field label="Linked" value={erpCustomer.linkSource} />
                    <Field label="Changed in the ERP" value={erpCustomer.modified} />
                    <Field label="Last read from the ERP" value={erpCustomer.pulled} />
                    {!erpCustomer.mirrored ? (
                      <Text as="p" tone="subdued">
                        Sync customers has not read this customer from the ERP yet.
                      </Text>
                    ) : null}
                  </BlockStack>
                ) : (
                  <Text as="p" tone="subdued">
                    No ERP customer is linked to this customer.
                  </Text>
                )}
              </BlockStack>
            </Card>
            {customer.canMap && customer.remap ? (
              <MapCustomerCard
                results={results}
                searched={result?.intent === "search" && result.ok === true}
                busy={busy}
                remap={customer.remap}
                onSearch={(text) => run("search", { q: text })}
                onMap={(number) => run("map", { number })}
              />
            ) : null}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Shopify customer
                </Text>
                <Field label="E-mail" value={customer.email} />
                <Field label="Phone" value={customer.phone} />
                <Field label="City / country" value={customer.place} />
                <Field label="Changed in Shopify" value={customer.shopifyUpdated} />
                <Field label="Last sync" value={customer.lastSynced || "Never"} />
                <Field label="Last written" value={customer.lastDirection} />
                {customer.shopifyAdminUrl ? (
                  <Link url={customer.shopifyAdminUrl} target="_top">
                    View the customer in Shopify
                  </Link>
                ) : null}
              </BlockStack>
            </Card>
            <RecordRunsCard runs={runs} allHref={runsHref} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
