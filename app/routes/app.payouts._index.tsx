import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigate, useNavigation, useSubmit } from "@remix-run/react";
import { Badge, Button, Card, EmptyState, IndexTable, Page, Tabs, Text } from "@shopify/polaris";
import { z } from "zod";

import { requestPaymentsSync, retryPayoutOf } from "../.server/payouts/payout-actions.ts";
import { loadPayoutListPage, parsePayoutListQuery } from "../.server/payouts/payouts-page.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { useResultToast } from "../components/use-result-toast.ts";
import { authenticate } from "../shopify.server.ts";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return loadPayoutListPage(await shopIdFor(session.shop), parsePayoutListQuery(new URL(request.url)));
};

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("sync") }),
  z.object({ intent: z.literal("retry"), payoutId: z.coerce.number().int().positive() }),
]);

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { ok: false, message: "That action is not available." };
  const shopId = await shopIdFor(session.shop);
  if (parsed.data.intent === "sync") {
    await requestPaymentsSync(shopId);
    return { ok: true, message: "Payments and payouts sync queued" };
  }
  return retryPayoutOf(shopId, parsed.data.payoutId);
};

const tabs = [
  { id: "open", content: "Not reconciled" },
  { id: "reconciled", content: "Reconciled" },
  { id: "imported", content: "Imported only" },
] as const;

const stateTone = {
  recorded: "success",
  unbalanced: "critical",
  error: "critical",
  imported: "info",
  skipped: "info",
  waiting: "attention",
  pending: "attention",
  recording: "attention",
} as const;

export default function Payouts() {
  const { query, rows, counts, hasNext } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  useResultToast(result);
  const go = (tab: string, page = 0) => navigate(`/app/payouts?tab=${tab}${page ? `&page=${page}` : ""}`);
  const pager = {
    hasPrevious: query.page > 0,
    onPrevious: () => go(query.tab, query.page - 1),
    hasNext,
    onNext: () => go(query.tab, query.page + 1),
  };
  return (
    <Page
      title="Payouts"
      subtitle="Shopify Payments payouts with their gross, fees and net, and whether each is reconciled in the ERP."
      backAction={{ content: "Activity", url: "/app" }}
      primaryAction={{
        content: "Sync payments now",
        loading: busy,
        onAction: () => submit({ intent: "sync" }, { method: "post" }),
      }}
      pagination={pager}
    >
      <Card padding="0">
        <Tabs
          tabs={tabs.map((tab) => ({
            ...tab,
            content: `${tab.content} (${counts[tab.id]})`,
            panelID: `payouts-${tab.id}`,
          }))}
          selected={Math.max(
            0,
            tabs.findIndex((tab) => tab.id === query.tab),
          )}
          onSelect={(index) => go(tabs[index]?.id ?? "open")}
        />
        {rows.length === 0 ? (
          <EmptyState heading="No payouts here" image="">
            <p>Shopify Payments payouts appear here once Sync payments has read them.</p>
          </EmptyState>
        ) : (
          <IndexTable
            resourceName={{ singular: "payout", plural: "payouts" }}
            itemCount={rows.length}
            selectable={false}
            pagination={pager}
            headings={[
              { title: "Payout" },
              { title: "Issued" },
              { title: "Status" },
              { title: "Gross" },
              { title: "Fees" },
              { title: "Net" },
              { title: "In the ERP" },
              { title: "Reason" },
              { title: "" },
            ]}
          >
            {rows.map((row, index) => (
              <IndexTable.Row id={String(row.id)} key={row.id} position={index}>
                <IndexTable.Cell>
                  <Link to={`/app/payouts/${row.id}`} data-payout={row.number}>
                    {row.number}
                  </Link>
                </IndexTable.Cell>
                <IndexTable.Cell>{row.issued}</IndexTable.Cell>
                <IndexTable.Cell>{row.status}</IndexTable.Cell>
                <IndexTable.Cell>{row.gross}</IndexTable.Cell>
                <IndexTable.Cell>{row.fees}</IndexTable.Cell>
                <IndexTable.Cell>{row.net}</IndexTable.Cell>
                <IndexTable.Cell>
                  <Badge tone={stateTone[row.state]}>{row.reconciliation}</Badge>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" tone={row.canRetry ? "critical" : "subdued"}>
                    {row.reason}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  {row.canRetry ? (
                    <Button
                      size="slim"
                      disabled={busy}
                      accessibilityLabel={`Retry payout ${row.number}`}
                      onClick={() => submit({ intent: "retry", payoutId: String(row.id) }, { method: "post" })}
                    >
                      Retry
                    </Button>
                  ) : null}
                </IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        )}
      </Card>
    </Page>
  );
}
