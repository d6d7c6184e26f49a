import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { artifactsDir, screenshot } from "./browser.ts";
import { useDemoInBrowser } from "./demo-in-browser.ts";

const e2e = useDemoInBrowser("e2e-runs-page");

// The run history as a merchant uses it, in the sandbox admin, on runs the demo's real worker made:
// an order placed in the sandbox store comes in by webhook, is imported and processed.

let order: { id: string; name: string; rowId: number };
let processRun: number;

async function placeOrder() {
  const seeded = await e2e.adminGraphql(
    `query { productVariants(first: 1) { nodes { id } } customers(first: 1) { nodes { email } } }`,
  );
  const created = await e2e.adminGraphql(
    `mutation Create($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id name } userErrors { message } } }`,
    {
      order: {
        email: seeded.data?.customers.nodes[0].email,
        lineItems: [{ variantId: seeded.data?.productVariants.nodes[0].id, quantity: 1 }],
        financialStatus: "PAID",
      },
    },
  );
  expect(created.data?.orderCreate.userErrors).toEqual([]);
  return created.data?.orderCreate.order as { id: string; name: string };
}

beforeAll(async () => {
  const placed = await placeOrder();
  // The worker imports it (webhook) and processes it: wait for a finished processing run that
  // recorded an outcome for this order.
  for (let waited = 0; waited < 60_000; waited += 500) {
    const [row] = await e2e.sql`
      select o.id as order_id, r.id as run_id from orders o
      join task_run_records rr on rr.shop_id = o.shop_id and rr.record_type = 'order' and rr.record_key = o.id::text
      join task_runs r on r.id = rr.run_id
      where o.name = ${placed.name} and r.task = 'orders__process' and r.status not in ('running', 'queued')
      order by r.id desc limit 1`;
    if (row) {
      order = { ...placed, rowId: Number(row.order_id) };
      processRun = Number(row.run_id);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no finished processing run recorded order ${placed.name} within 60 s`);
}, 90_000);

describe("the Runs page", () => {
  it("lists the worker's runs with their counts, and filters by task", async () => {
    await e2e.page.goto(`${e2e.demo.info.adminUrl}/app/runs`);
    const runLink = e2e.app().locator(`a[data-run="${processRun}"]`);
    await expect.poll(() => runLink.count(), { timeout: 30_000 }).toBe(1);
    const [stored] = await e2e.sql`select counts from task_runs where id = ${processRun}`;
    const counts = stored?.counts as Record<string, number>;
    const row = e2e.app().locator("tr", { has: runLink });
    for (const [key, value] of Object.entries(counts).filter(([, v]) => v > 0)) {
      expect(await row.locator(`[data-count="${key}"]`).textContent()).toBe(String(value));
    }
    expect(await row.textContent()).toContain("Process orders");
    await screenshot(e2e.page, "runs-page");

    // More than one task has run by now (the import at least), so the filter has something to drop.
    const tasks = async () =>
      e2e
        .app()
        .locator("a[data-task]")
        .evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute("data-task")))]);
    await expect.poll(async () => (await tasks()).length, { timeout: 30_000 }).toBeGreaterThan(1);
    await e2e.app().getByLabel("Task").selectOption({ label: "Process orders" });
    await expect.poll(tasks, { timeout: 20_000 }).toEqual(["orders__process"]);
    expect(e2e.page.frames().some((frame) => frame.url().includes("task=orders__process"))).toBe(true);
    await screenshot(e2e.page, "runs-page-filtered");
  });

  it("opens a run with its per-record outcomes, links to the order, and the order page shows the run", async () => {
    await e2e.page.goto(`${e2e.demo.info.adminUrl}/app/runs/${processRun}`);
    const recordLink = e2e.app().locator(`a[data-record="order:${order.rowId}"]`);
    await expect.poll(() => recordLink.count(), { timeout: 30_000 }).toBe(1);
    expect(await recordLink.textContent()).toBe(`Order ${order.name}`);
    expect(await e2e.app().getByText("Trigger", { exact: true }).count()).toBe(1);
    await screenshot(e2e.page, "run-page");

    await recordLink.click();
    const runLink = e2e.app().locator(`a[data-run-link="${processRun}"]`);
    await expect.poll(() => runLink.count(), { timeout: 30_000 }).toBe(1);
    expect(await runLink.textContent()).toBe("Process orders");
    expect(e2e.page.frames().some((frame) => frame.url().includes(`/app/orders/${order.rowId}`))).toBe(true);
    await screenshot(e2e.page, "order-page-runs");
  });
});

describe("the dashboard", () => {
  it("draws the runs-per-day chart", async () => {
    await e2e.page.goto(`${e2e.demo.info.adminUrl}/app`);
    const chart = e2e.app().locator('[data-testid="runs-chart"]');
    await expect.poll(() => chart.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => chart.locator("svg").count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // Bars are drawn for today's runs (the worker made some): at least one rect or path with size.
    await expect
      .poll(
        () =>
          chart
            .locator("svg path, svg rect")
            .evaluateAll((nodes) => nodes.filter((n) => (n as SVGGraphicsElement).getBBox().height > 0).length),
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    await chart.scrollIntoViewIfNeeded();
    await chart.screenshot({ path: path.join(artifactsDir, "dashboard-runs-chart.png") });
  });
});
