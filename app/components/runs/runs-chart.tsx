import { BlockStack, Card, Text } from "@shopify/polaris";
import { BarChart, PolarisVizProvider } from "@shopify/polaris-viz";
import { useEffect, useState } from "react";

export interface RunsChartData {
  total: number;
  series: { name: string; data: { key: string; value: number }[] }[];
}

const colors: Record<string, string> = { Succeeded: "#29845a", Failed: "#e51c00", Other: "#8a8a8a" };

/**
 * The dashboard's runs per day by outcome, a Polaris Viz stacked bar chart. It measures its
 * container to draw, which the server cannot, so it renders after hydration only; the container
 * keeps its height meanwhile so the page does not jump.
 */
export function RunsChart({ data }: { data: RunsChartData }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Runs in the last two weeks
        </Text>
        <div data-testid="runs-chart" style={{ height: 240 }}>
          {mounted ? (
            <PolarisVizProvider defaultTheme="Light">
              <BarChart
                type="stacked"
                isAnimated={false}
                data={data.series.map((series) => ({ ...series, color: colors[series.name] ?? "#8a8a8a" }))}
              />
            </PolarisVizProvider>
          ) : null}
        </div>
        {data.total === 0 ? (
          <Text as="p" tone="subdued">
            No run yet in these two weeks.
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}
