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
import {
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineStack,
  Layout,
  Link,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";

import { handleCompanyAction } from "../.server/companies-page/company-action-form.ts";
import { loadCompanyPage, parseCompanyPageId } from "../.server/companies-page/company-page.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { CustomerStateBadge } from "../components/customers/customer-state-badge.tsx";
import { RecordRunsCard } from "../components/runs/record-runs-card.tsx";
import { authenticate } from "../shopify.server.ts";

const notFound = () => new Response("No such company", { status: 404 });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const id = parseCompanyPageId(params.id);
  if (id === null) throw notFound();
  const page = await loadCompanyPage(await shopIdFor(session.shop), id);
  if (!page) throw notFound();
  return page;
};

// After an action Remix runs the loader again, so the new state shows at once.
export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const id = parseCompanyPageId(params.id);
  if (id === null) throw notFound();
  const answer = await handleCompanyAction(await shopIdFor(session.shop), id, await request.formData());
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

/** Map the company (its locations without an own ERP customer) to an ERP customer by number; the server checks it. */
function MapCompanyCard({ remap, busy, onMap }: { remap: boolean; busy: boolean; onMap: (number: string) => void }) {
  const [number, setNumber] = useState("");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd" id="map">
          {remap ? "Map to another ERP customer" : "Map to an ERP customer"}
        </Text>
        <Text as="p" tone="subdued">
          Orders of the company&apos;s locations without an ERP customer of their own then go to that ERP customer, and
          orders waiting on it are processed.
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
      </BlockStack>
    </Card>
  );
}

export default function CompanyPage() {
  const { company, erpCustomer, locations, conflict, runs, runsHref } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const navigate = useNavigate();
  const busy = useNavigation().state !== "idle";
  const shopify = useAppBridge();
  const [queued, setQueued] = useState<string | null>(null);
  const run = (intent: string, fields: Record<string, string> = {}) =>
    submit({ intent, ...fields }, { method: "post" });

  useEffect(() => {
    if (!result) return;
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
  }, [result, shopify, navigate]);

  const secondary: Array<{
    content: string;
    onAction?: () => void;
    url?: string;
    target?: "_top";
    disabled?: boolean;
  }> = [];
  if (company.shopifyAdminUrl) {
    secondary.push({ content: "View in Shopify", url: company.shopifyAdminUrl, target: "_top" });
  }
  if (company.canIgnore) secondary.push({ content: "Ignore", disabled: busy, onAction: () => run("ignore") });
  if (company.canUnlink) secondary.push({ content: "Unlink", disabled: busy, onAction: () => run("unlink") });
  const syncLabel = company.state === "error" ? "Retry" : "Sync now";

  return (
    <Page
      title={company.name}
      subtitle={[company.email, company.place].filter(Boolean).join(" · ")}
      backAction={{ content: "Companies", url: "/app/companies" }}
      titleMetadata={<CustomerStateBadge badge={company.badge} reason="" />}
      primaryAction={company.canSync ? { content: syncLabel, loading: busy, onAction: () => run("sync") } : undefined}
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
            {result && result.ok && !queued ? (
              <Banner tone="success">
                <p data-testid="action-done">{result.message}</p>
              </Banner>
            ) : null}
            {company.reason ? (
              <Banner
                tone={company.state === "error" ? "critical" : company.state === "linked" ? "info" : "warning"}
                title={company.badge.label}
              >
                <p data-testid="company-reason">{company.reason}</p>
              </Banner>
            ) : null}
            {conflict ? (
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Changed on both sides
                  </Text>
                  <Text as="p" tone="subdued">
                    Both the Shopify company and ERP customer {erpCustomer?.number ?? ""} changed since the last sync
                    {conflict.detected ? ` (found ${conflict.detected})` : ""}. Make the two agree on one side, or map
                    the company again, and sync it.
                  </Text>
                  <div data-testid="conflict-versions">
                    <DataTable
                      columnContentTypes={["text", "text", "text"]}
                      headings={["Field", "Shopify", `ERP customer ${erpCustomer?.number ?? ""}`]}
                      rows={conflict.rows.map((row) => [
                        row.differs ? `${row.label} ≠` : row.label,
                        row.shopify,
                        row.erp,
                      ])}
                    />
                  </div>
                </BlockStack>
              </Card>
            ) : null}
            {company.canMap && !company.remap ? (
              <MapCompanyCard remap={false} busy={busy} onMap={(number) => run("map", { number })} />
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
                        The app has not read this customer from the ERP yet.
                      </Text>
                    ) : null}
                  </BlockStack>
                ) : (
                  <Text as="p" tone="subdued">
                    No ERP customer is linked to this company.
                  </Text>
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Locations
                </Text>
                {locations.length === 0 ? (
                  <Text as="p" tone="subdued">
                    Sync companies has not read this company&apos;s locations yet.
                  </Text>
                ) : (
                  locations.map((location) => (
                    <BlockStack gap="050" key={location.id}>
                      <div data-location={location.id}>
                        <Text as="h3" variant="headingSm">
                          {location.name}
                        </Text>
                        <Field label="City / country" value={location.place} />
                        <Field label="Tax id" value={location.taxId} />
                        <Field label="Payment terms" value={location.paymentTerms} />
                        <Text as="p">{location.erpCustomer}</Text>
                        {location.reason ? (
                          <Text as="p" tone="caution">
                            {location.reason}
                          </Text>
                        ) : null}
                      </div>
                    </BlockStack>
                  ))
                )}
              </BlockStack>
            </Card>
            {company.canMap && company.remap ? (
              <MapCompanyCard remap busy={busy} onMap={(number) => run("map", { number })} />
            ) : null}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Shopify company
                </Text>
                <Field label="Main contact e-mail" value={company.email} />
                <Field label="Phone" value={company.phone} />
                <Field label="Tax id" value={company.taxId} />
                <Field label="City / country" value={company.place} />
                <Field label="Changed in Shopify" value={company.shopifyUpdated} />
                <Field label="Last sync" value={company.lastSynced || "Never"} />
                <Field label="Last written" value={company.lastDirection} />
                {company.shopifyAdminUrl ? (
                  <Link url={company.shopifyAdminUrl} target="_top">
                    View the company in Shopify
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
