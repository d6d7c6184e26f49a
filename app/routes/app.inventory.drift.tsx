import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { BlockStack, Button, Card, EmptyState, IndexTable, Page, Text } from "@shopify/polaris";
import { z } from "zod";

import { shopIdFor } from "../.server/shops/current-shop.ts";
import { fixDrift, loadDriftReport } from "../.server/tasks/inventory-drift/drift-actions.ts";
import { useResultToast } from "../components/use-result-toast.ts";
import { authenticate } from "../shopify.server.ts";

const PAGE_SIZE = 100;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const page = z.coerce
    .number()
    .int()
    .min(1)
    .catch(1)
    .parse(new URL(request.url).searchParams.get("page") ?? 1);
  const rows = await loadDriftReport(await shopIdFor(session.shop), {
    limit: PAGE_SIZE + 1,
    offset: (page - 1) * PAGE_SIZE,
  });
  return { page, rows: rows.slice(0, PAGE_SIZE), hasNext: rows.length > PAGE_SIZE };
};

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("fix-all") }),
  z.object({
    intent: z.literal("fix"),
    inventoryItemId: z.string().startsWith("gid://shopify/InventoryItem/"),
    locationId: z.string().startsWith("gid://shopify/Location/"),
  }),
]);

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { ok: false, message: "That action is not available." };
  const shopId = await shopIdFor(session.shop);
  const fix = parsed.data;
  const marked = await fixDrift(
    shopId,
    fix.intent === "fix-all" ? "all" : { inventoryItemId: fix.inventoryItemId, locationId: fix.locationId },
  );
  return marked > 0
    ? { ok: true, message: `${marked} level(s) will be set to the ERP's figure by the stock sync just queued` }
    : { ok: false, message: "Nothing is drifting there any more." };
};

/** The drift report: Shopify's stock against the ERP's, per level, with a fix for each and for all. */
export default function StockDrift() {
  const { rows, page, hasNext } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const busy = useNavigation().state === "submitting";
  useResultToast(useActionData<typeof action>());
  return (
    <Page
      title="Stock drift"
      backAction={{ url: "/app" }}
      primaryAction={{
        content: "Fix all",
        disabled: rows.length === 0 || busy,
        onAction: () => submit({ intent: "fix-all" }, { method: "post" }),
      }}
      pagination={{
        hasPrevious: page > 1,
        hasNext,
        previousURL: `?page=${page - 1}`,
        nextURL: `?page=${page + 1}`,
      }}
    >
      <BlockStack gap="400">
        <Text as="p" tone="subdued">
          Levels where Shopify&apos;s stock differed from the ERP&apos;s figure when the Stock drift report last ran.
          &quot;Fix now&quot; sends the ERP&apos;s figure with the next stock sync, which is queued at once.
        </Text>
        <Card padding="0">
          {rows.length === 0 ? (
            <EmptyState heading="No drift" image="">
              <p>Every synced level matched the ERP at the last report.</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "level", plural: "levels" }}
              itemCount={rows.length}
              selectable={false}
              headings={[
                { title: "Item" },
                { title: "Location" },
                { title: "Shopify" },
                { title: "ERP" },
                { title: "Found" },
                { title: "" },
              ]}
            >
              {rows.map((row, index) => (
                <IndexTable.Row
                  id={`${row.inventoryItemId}|${row.locationId}`}
                  key={`${row.inventoryItemId}|${row.locationId}`}
                  position={index}
                >
                  <IndexTable.Cell>
                    {row.itemNumber ?? row.variantId}
                    {row.variantCode ? ` (${row.variantCode})` : ""}
                  </IndexTable.Cell>
                  <IndexTable.Cell>{row.locationName ?? row.locationId}</IndexTable.Cell>
                  <IndexTable.Cell>{row.shopify ?? "not stocked"}</IndexTable.Cell>
                  <IndexTable.Cell>{row.target ?? "—"}</IndexTable.Cell>
                  <IndexTable.Cell>{new Date(row.foundAt).toLocaleString()}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <Button
                      size="slim"
                      disabled={busy}
                      onClick={() =>
                        submit(
                          { intent: "fix", inventoryItemId: row.inventoryItemId, locationId: row.locationId },
                          { method: "post" },
                        )
                      }
                    >
                      Fix now
                    </Button>
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
        </Card>
      </BlockStack>
    </Page>
  );
}
