import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Button, Card, EmptyState, IndexTable, Page, Text } from "@shopify/polaris";
import { z } from "zod";

import { loadActivityList } from "../.server/activity/activity-lists.ts";
import { retryFailedRun } from "../.server/activity/retry.ts";
import { activityTiles, isActivityTileKey } from "../.server/activity/tiles.ts";
import { taskTitle } from "../.server/runs-page/task-titles.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { useResultToast } from "../components/use-result-toast.ts";
import { authenticate } from "../shopify.server.ts";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const key = params.tile ?? "";
  const tile = activityTiles.find((t) => t.key === key);
  if (!isActivityTileKey(key) || !tile) throw new Response(`No activity list called "${key}"`, { status: 404 });
  const rows = await loadActivityList(await shopIdFor(session.shop), key);
  return {
    tile,
    rows: rows.map((row) => ({
      ...row,
      // A failed run's row names its task as the merchant knows it.
      title: key === "sync-errors" ? taskTitle(row.title) : row.title,
      at: row.at.toISOString(),
      canRetry: row.canRetry ?? false,
      href: row.href ?? null,
    })),
  };
};

const actionSchema = z.object({ intent: z.literal("retry"), runId: z.coerce.number().int().positive() });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { ok: false as const, message: "That action is not available here." };
  const result = await retryFailedRun({ shopId: await shopIdFor(session.shop), runId: parsed.data.runId });
  return result.retried
    ? { ok: true as const, message: "Queued again" }
    : { ok: false as const, message: "Already retried, or nothing to retry." };
};

export default function ActivityList() {
  const { tile, rows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  useResultToast(result);

  return (
    <Page title={tile.title} backAction={{ content: "Activity", url: "/app" }} subtitle={tile.description}>
      <Card padding="0">
        {rows.length === 0 ? (
          <EmptyState heading="Nothing here" image="">
            <p>Nothing needs your attention in this list.</p>
          </EmptyState>
        ) : (
          <IndexTable
            resourceName={{ singular: "record", plural: "records" }}
            itemCount={rows.length}
            selectable={false}
            headings={[{ title: "Record" }, { title: "Details" }, { title: "When" }, { title: "" }]}
          >
            {rows.map((row, index) => (
              <IndexTable.Row id={String(row.id)} key={row.id} position={index}>
                <IndexTable.Cell>
                  <Text as="span" fontWeight="semibold">
                    {row.href ? (
                      <Link to={row.href} data-record={row.title}>
                        {row.title}
                      </Link>
                    ) : (
                      row.title
                    )}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>{row.detail ?? ""}</IndexTable.Cell>
                <IndexTable.Cell>{new Date(row.at).toLocaleString()}</IndexTable.Cell>
                <IndexTable.Cell>
                  {row.canRetry ? (
                    <Button
                      size="slim"
                      disabled={busy}
                      onClick={() => submit({ intent: "retry", runId: String(row.id) }, { method: "post" })}
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
