import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, InlineGrid, Page, Text } from "@shopify/polaris";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";

import { loadActivityCounts } from "../.server/activity/activity-lists.ts";
import { activityTiles } from "../.server/activity/tiles.ts";
import { loadRunsChart } from "../.server/runs-page/runs-chart.ts";
import { loadSetupGuide } from "../.server/setup/setup-guide.ts";
import { shopIdFor, shopNameFor } from "../.server/shops/current-shop.ts";
import { ActivityTileCard } from "../components/activity-tile-card.tsx";
import { RunsChart } from "../components/runs/runs-chart.tsx";
import { SetupGuide } from "../components/setup-guide.tsx";
import { SetupNoticesBanner } from "../components/setup-notices-banner.tsx";
import { authenticate } from "../shopify.server.ts";

export const links = () => [{ rel: "stylesheet", href: vizStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shopId = await shopIdFor(session.shop);
  const [counts, shopName, setup, runsChart] = await Promise.all([
    loadActivityCounts(shopId),
    shopNameFor(shopId),
    loadSetupGuide(shopId),
    loadRunsChart(shopId),
  ]);
  return {
    shopName,
    setup,
    runsChart,
    tiles: activityTiles.map((tile) => ({ ...tile, count: counts[tile.key] })),
  };
};

export default function ActivityDashboard() {
  const { tiles, shopName, setup, runsChart } = useLoaderData<typeof loader>();
  return (
    <Page title="Activity" subtitle={shopName ?? undefined}>
      <BlockStack gap="400">
        <SetupNoticesBanner notices={setup.notices} />
        <SetupGuide steps={setup.steps} progress={setup.progress} />
        <Text as="p" tone="subdued">
          What needs your attention between Shopify and your ERP. Each tile opens the list behind it.
        </Text>
        <InlineGrid columns={{ xs: 1, sm: 2, md: 3, lg: 4 }} gap="400">
          {tiles.map(({ key, ...tile }) => (
            <ActivityTileCard key={key} tileKey={key} {...tile} />
          ))}
        </InlineGrid>
        <RunsChart data={runsChart} />
      </BlockStack>
    </Page>
  );
}
