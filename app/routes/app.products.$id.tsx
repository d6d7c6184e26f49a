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
import { Banner, BlockStack, Card, DataTable, InlineStack, Layout, Link, Page, Text } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { z } from "zod";

import { handleProductAction } from "../.server/products-page/product-action-form.ts";
import { loadProductPage } from "../.server/products-page/product-page.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { MapProductCard } from "../components/products/map-product-card.tsx";
import { ProductStateBadge } from "../components/products/product-state-badge.tsx";
import { UnlinkProductModal } from "../components/products/unlink-product-modal.tsx";
import { RecordRunsCard } from "../components/runs/record-runs-card.tsx";
import { authenticate } from "../shopify.server.ts";

const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const notFound = () => new Response("No such product", { status: 404 });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const id = idSchema.safeParse(params.id);
  if (!id.success) throw notFound();
  const page = await loadProductPage(await shopIdFor(session.shop), id.data);
  if (!page) throw notFound();
  return page;
};

// After an action Remix runs the loader again, so the new state shows at once.
export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const id = idSchema.safeParse(params.id);
  if (!id.success) throw notFound();
  const answer = await handleProductAction(await shopIdFor(session.shop), id.data, await request.formData());
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

export default function ProductPage() {
  const { product, erpItem, variants, variantCount, runs, runsHref } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const navigate = useNavigate();
  const busy = useNavigation().state !== "idle";
  const shopify = useAppBridge();
  const [confirmUnlink, setConfirmUnlink] = useState(false);
  const [queued, setQueued] = useState<string | null>(null);
  const run = (intent: string, fields: Record<string, string> = {}) =>
    submit({ intent, ...fields }, { method: "post" });

  useEffect(() => {
    if (!result || (result.intent === "search" && result.ok)) return;
    if (!result.ok) {
      shopify.toast.show(result.message, { isError: true });
      return;
    }
    setConfirmUnlink(false);
    const runLink = "runLink" in result ? result.runLink : undefined;
    setQueued(runLink ?? null);
    // App Bridge's toast action opens the run (where the stand-in has no action, the banner links too).
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
    destructive?: boolean;
    disabled?: boolean;
  }> = [];
  if (product.shopifyAdminUrl) {
    secondary.push({ content: "View in Shopify", url: product.shopifyAdminUrl, target: "_top" });
  }
  if (product.canUnlink) {
    secondary.push({ content: "Unlink", destructive: true, disabled: busy, onAction: () => setConfirmUnlink(true) });
  }
  if (product.canIgnore) secondary.push({ content: "Ignore", disabled: busy, onAction: () => run("ignore") });
  if (product.canStopIgnoring) {
    secondary.push({ content: "Stop ignoring", disabled: busy, onAction: () => run("stop-ignoring") });
  }
  const results = result?.intent === "search" && result.ok ? result.results : [];

  return (
    <Page
      title={product.title}
      subtitle={product.origin}
      backAction={{ content: "Products", url: "/app/products" }}
      titleMetadata={<ProductStateBadge badge={product.badge} reason="" />}
      primaryAction={product.canSync ? { content: "Sync now", loading: busy, onAction: () => run("sync") } : undefined}
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
            {product.reason ? (
              <Banner
                tone={product.state === "error" ? "critical" : product.state === "skipped" ? "warning" : "info"}
                title={product.badge.label}
              >
                <p data-testid="product-reason">{product.reason}</p>
              </Banner>
            ) : null}
            {product.canMap ? (
              <MapProductCard
                results={results}
                searched={result?.intent === "search" && result.ok === true}
                busy={busy}
                onSearch={(text) => run("search", { q: text })}
                onMap={(number) => run("map", { number })}
              />
            ) : null}
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  ERP item
                </Text>
                {erpItem ? (
                  <BlockStack gap="100">
                    <Field label="Item no." value={erpItem.number} />
                    <Field label="Name" value={erpItem.name} />
                    <Field label="Type" value={erpItem.type} />
                    <Field label="Blocked" value={erpItem.blocked} />
                    <Field label="Unit price" value={erpItem.unitPrice} />
                    <Field label="Unit cost" value={erpItem.unitCost} />
                    <Field label="GTIN" value={erpItem.gtin} />
                    <Field label="Base unit of measure" value={erpItem.unitOfMeasure} />
                    <Field label="Item category" value={erpItem.category} />
                    <Field label="Changed in the ERP" value={erpItem.modified} />
                    <Field label="Last read from the ERP" value={erpItem.pulled} />
                    {!erpItem.mirrored ? (
                      <Text as="p" tone="subdued">
                        The product sync has not read this item from the ERP yet.
                      </Text>
                    ) : null}
                    {erpItem.variants.length > 0 ? (
                      <Text as="p">
                        ERP variants:{" "}
                        {erpItem.variants
                          .map((v) => (v.description ? `${v.code} (${v.description})` : v.code))
                          .join(", ")}
                      </Text>
                    ) : null}
                  </BlockStack>
                ) : (
                  <Text as="p" tone="subdued">
                    No ERP item is linked to this product.
                  </Text>
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Variants ({variantCount})
                </Text>
                {variants.length === 0 ? (
                  <Text as="p" tone="subdued">
                    No variant is linked yet.
                  </Text>
                ) : (
                  <DataTable
                    columnContentTypes={["text", "text", "numeric", "numeric", "numeric", "text", "text"]}
                    headings={["SKU", "ERP item / variant", "Price", "Compare-at", "Cost", "Prices written", "Linked"]}
                    rows={variants.map((v) => [
                      v.sku,
                      v.erp,
                      v.price,
                      v.compareAtPrice,
                      v.unitCost,
                      v.pricesWritten,
                      v.source,
                    ])}
                  />
                )}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Sync
                </Text>
                <Field label="Last sync" value={product.lastSynced || "Never"} />
                <Field label="Last written by the sync" value={product.lastWritten || "Never"} />
                <Field label="Handle" value={product.handle} />
                {product.shopifyAdminUrl ? (
                  <Link url={product.shopifyAdminUrl} target="_top">
                    View the product in Shopify
                  </Link>
                ) : (
                  <Text as="p" tone="subdued">
                    Not in Shopify yet.
                  </Text>
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Picture
                </Text>
                <Text as="p">{product.picture}</Text>
              </BlockStack>
            </Card>
            <RecordRunsCard runs={runs} allHref={runsHref} />
          </BlockStack>
        </Layout.Section>
      </Layout>
      <UnlinkProductModal
        open={confirmUnlink}
        title={product.title}
        itemNumber={erpItem?.number ?? null}
        busy={busy}
        onClose={() => setConfirmUnlink(false)}
        onConfirm={() => run("unlink")}
      />
    </Page>
  );
}
