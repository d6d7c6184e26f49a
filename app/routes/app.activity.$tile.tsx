import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Card, EmptyState, IndexTable, Page, Text } from "@shopify/polaris";

import { activityTiles, isActivityTileKey } from "../.server/activity/tiles.ts";
import { getDb } from "../.server/db.ts";
import { listActivity } from "../.server/queries/activity.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { authenticate } from "../shopify.server.ts";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const key = params.tile ?? "";
  const tile = activityTiles.find((t) => t.key === key);
  if (!isActivityTileKey(key) || !tile) throw new Response(`No activity list called "${key}"`, { status: 404 });
  const rows = await listActivity(getDb(), await shopIdFor(session.shop), key);
  return { tile, rows: rows.map((row) => ({ ...row, at: row.at.toISOString() })) };
};

export default function ActivityList() {
  const { tile, rows } = useLoaderData<typeof loader>();
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
            headings={[{ title: "Record" }, { title: "Details" }, { title: "When" }]}
          >
            {rows.map((row, index) => (
              <IndexTable.Row id={String(row.id)} key={row.id} position={index}>
                <IndexTable.Cell>
                  <Text as="span" fontWeight="semibold">
                    {row.title}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>{row.detail ?? ""}</IndexTable.Cell>
                <IndexTable.Cell>{new Date(row.at).toLocaleString()}</IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        )}
      </Card>
    </Page>
  );
}
