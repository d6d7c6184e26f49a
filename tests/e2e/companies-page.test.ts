import { describe, expect, it } from "vitest";

import { screenshot } from "./browser.ts";
import { useDemoInBrowser } from "./demo-in-browser.ts";

const e2e = useDemoInBrowser("e2e-companies");

// The demo store has one B2B company (Northwind Traders, two locations). A merchant finds it on
// the Companies list, opens it, and presses Sync now: a run of Sync companies reads it.
describe("the Companies page", () => {
  it("is in the navigation; the list shows the demo's company, its page opens, and Sync now runs Sync companies", async () => {
    const data = await e2e.adminGraphql(`{ companies(first: 5) { nodes { id name } } }`);
    const company = (data.data!.companies.nodes as Array<{ id: string; name: string }>).find(
      (c) => c.name === "Northwind Traders",
    );
    expect(company).toBeDefined();
    const [shop] = await e2e.sql<{ id: number }[]>`select id::int from shops order by id limit 1`;
    // As a first run of Sync companies leaves it when it finds no ERP customer (a run may have read it already).
    const [row] = await e2e.sql<{ id: number }[]>`
      insert into shopify_companies (shop_id, shopify_company_id, state, name, email, reason)
      values (${shop!.id}, ${company!.id}, 'unmapped', 'Northwind Traders', 'nina.weber@northwind-traders.example',
        'no ERP company customer has the main contact''s e-mail or phone')
      on conflict (shop_id, shopify_company_id) do update set name = excluded.name
      returning id::int`;
    const [before] = await e2e.sql<{ id: number }[]>`
      select coalesce(max(id), 0)::int as id from task_runs where task = 'companies__sync'`;

    await e2e.page.goto(e2e.demo.info.adminUrl);
    await expect.poll(() => e2e.app().getByRole("heading", { name: "Activity" }).count(), { timeout: 30_000 }).toBe(1);
    await expect
      .poll(() => e2e.page.locator("#app-nav a").allTextContents(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(["Customers", "Companies"]));
    await e2e.page.locator("#app-nav a", { hasText: "Companies" }).click();
    await expect.poll(() => e2e.app().getByRole("heading", { name: "Companies" }).count(), { timeout: 30_000 }).toBe(1);

    const link = e2e.app().locator(`a[data-company="${company!.id}"][href$="/app/companies/${row!.id}"]`);
    await expect.poll(() => link.count(), { timeout: 20_000 }).toBe(1);
    await screenshot(e2e.page, "companies-list");
    await link.click();
    await expect
      .poll(() => e2e.app().getByRole("heading", { name: "Northwind Traders" }).count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    expect(await e2e.app().getByRole("heading", { name: "Locations" }).count()).toBe(1);
    expect(await e2e.app().getByRole("heading", { name: "Shopify company" }).count()).toBe(1);

    await e2e.app().getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => e2e.app().getByTestId("sync-queued").count(), { timeout: 20_000 }).toBe(1);
    // The demo's worker runs it (the demo imports companies with their first order, so this one is read and left as it is).
    await expect
      .poll(
        async () =>
          (
            await e2e.sql<{ status: string }[]>`select status from task_runs
              where task = 'companies__sync' and id > ${before!.id} order by id desc limit 1`
          )[0]?.status,
        { timeout: 60_000 },
      )
      .toBe("succeeded");
    await screenshot(e2e.page, "company-page");
  });
});
