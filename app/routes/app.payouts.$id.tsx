import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Badge, BlockStack, Card, DataTable, InlineStack, Page, Text } from "@shopify/polaris";
import { z } from "zod";

import { retryPayoutOf } from "../.server/payouts/payout-actions.ts";
import { loadPayoutPage } from "../.server/payouts/payouts-page.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { useResultToast } from "../components/use-result-toast.ts";
import { authenticate } from "../shopify.server.ts";

const idSchema = z.coerce.number().int().positive();

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const id = idSchema.safeParse(params.id);
  const page = id.success ? await loadPayoutPage(await shopIdFor(session.shop), id.data) : null;
  if (!page) throw new Response("Not found", { status: 404 });
  return page;
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const id = idSchema.safeParse(params.id);
  const intent = (await request.formData()).get("intent");
  if (!id.success || intent !== "retry") return { ok: false, message: "That action is not available." };
  return retryPayoutOf(await shopIdFor(session.shop), id.data);
};

export default function PayoutPage() {
  const { payout, transactions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  useResultToast(result);
  return (
    <Page
      title={`Payout ${payout.number}`}
      subtitle={`Issued ${payout.issued}, ${payout.status.toLowerCase()} in Shopify`}
      backAction={{ content: "Payouts", url: "/app/payouts" }}
      primaryAction={
        payout.canRetry
          ? { content: "Retry", loading: busy, onAction: () => submit({ intent: "retry" }, { method: "post" }) }
          : undefined
      }
    >
      <BlockStack gap="400">
        <Card>
          <BlockStack gap="200">
            <InlineStack gap="400">
              <Text as="p">Gross {payout.gross}</Text>
              <Text as="p">Fees {payout.fees}</Text>
              <Text as="p">Net {payout.net}</Text>
            </InlineStack>
            <InlineStack gap="200" blockAlign="center">
              <Badge tone={payout.state === "recorded" ? "success" : payout.canRetry ? "critical" : "attention"}>
                {payout.reconciliation}
              </Badge>
              {payout.reason ? <Text as="span">{payout.reason}</Text> : null}
            </InlineStack>
            <Link to={`/app/runs?record=${encodeURIComponent(`payout:${payout.number}`)}`}>runs</Link>
          </BlockStack>
        </Card>
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">
              Balance transactions
            </Text>
            <DataTable
              columnContentTypes={["text", "text", "text", "numeric", "numeric", "numeric", "text"]}
              headings={["Type", "Date", "Order", "Amount", "Fee", "Net", "ERP payment"]}
              rows={transactions.map((t) => [
                t.type,
                t.date,
                t.orderId ? (
                  <Link key={t.id} to={`/app/orders/${t.orderId}`}>
                    {t.order}
                  </Link>
                ) : (
                  t.order
                ),
                t.amount,
                t.fee,
                t.net,
                t.erpPayment,
              ])}
            />
          </BlockStack>
        </Card>
      </BlockStack>
    </Page>
  );
}
