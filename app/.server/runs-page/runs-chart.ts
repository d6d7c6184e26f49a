import { getDb } from "../db.ts";
import { formatDate } from "../format/format.ts";
import { getShopDisplay } from "../queries/shop-display.ts";
import { countRunsPerDay } from "./queries.ts";

export const CHART_DAYS = 14;

export interface RunsChartSeries {
  name: "Succeeded" | "Failed" | "Other";
  data: { key: string; value: number }[];
}

/** Every day of the window, oldest first, as YYYY-MM-DD in the shop's zone (days without runs too). */
function daysEnding(today: string, days: number): string[] {
  const end = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

function shopToday(now: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/**
 * The dashboard chart: runs per day over the last two weeks by outcome (succeeded, failed, any
 * other end), in Polaris Viz's series shape, from one grouped query.
 */
export async function loadRunsChart(shopId: number, now: Date = new Date()) {
  const db = getDb();
  const shop = await getShopDisplay(db, shopId);
  const timeZone = shop.timeZone ?? "UTC";
  const rows = await countRunsPerDay(db, { shopId, now, days: CHART_DAYS, timeZone });
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const days = daysEnding(shopToday(now, timeZone), CHART_DAYS);
  // Labels are formatted at noon UTC of the day so every zone names the same calendar day.
  const label = (day: string) => formatDate(`${day}T12:00:00Z`, "UTC").replace(/, \d{4}$/, "");
  const series = (name: RunsChartSeries["name"], pick: (row: (typeof rows)[number]) => number): RunsChartSeries => ({
    name,
    data: days.map((day) => {
      const row = byDay.get(day);
      return { key: label(day), value: row ? pick(row) : 0 };
    }),
  });
  return {
    total: rows.reduce((sum, row) => sum + row.succeeded + row.failed + row.other, 0),
    series: [
      series("Succeeded", (row) => row.succeeded),
      series("Failed", (row) => row.failed),
      series("Other", (row) => row.other),
    ],
  };
}
