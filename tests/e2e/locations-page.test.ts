import { describe, expect, it } from "vitest";

import { screenshot } from "./browser.ts";
import { useDemoInBrowser } from "./demo-in-browser.ts";

const e2e = useDemoInBrowser("e2e-locations");

// The Locations page as a merchant uses it in the sandbox admin: the demo store's locations read
// from Shopify, the demo's Business Central offering its locations, one mapped and saved.
describe("the Locations page", () => {
  it("is in the navigation, maps a Shopify location to ERP locations and keeps it", async () => {
    await e2e.page.goto(e2e.demo.info.adminUrl);
    await expect.poll(() => e2e.app().getByRole("heading", { name: "Activity" }).count(), { timeout: 30_000 }).toBe(1);
    await expect
      .poll(() => e2e.page.locator("#app-nav a").allTextContents(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(["Products", "Locations"]));
    await e2e.page.locator("#app-nav a", { hasText: "Locations" }).click();
    await expect.poll(() => e2e.app().getByRole("heading", { name: "Locations" }).count(), { timeout: 30_000 }).toBe(1);

    const [stored] = await e2e.sql<{ shopify_location_id: string; name: string }[]>`
      select shopify_location_id, name from shop_locations
      where removed_at is null and fulfillment_service is null and is_active order by name limit 1`;
    expect(stored).toBeDefined();
    const card = e2e.app().locator(`[data-location="${stored!.shopify_location_id}"]`);
    await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
    // The demo's BC has the store's locations (same codes): sum two of them here.
    const choices = card.getByRole("checkbox", { name: /·/ });
    expect(await choices.count()).toBeGreaterThanOrEqual(2);
    const labels = await card.locator("label").filter({ hasText: "·" }).allTextContents();
    const codes = labels.slice(0, 2).map((label) => label.split(" · ")[0]!.trim());
    await choices.nth(0).check({ force: true });
    await choices.nth(1).check({ force: true });
    await card.getByLabel("Stock calculation").selectOption("onHand");
    await card.getByRole("button", { name: `Save ${stored!.name}` }).click();
    await expect
      .poll(() => e2e.page.getByText(`${stored!.name} saved: stock from ${codes.join(" + ")}.`).count(), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    const [row] = await e2e.sql`
      select erp_location_codes, stock_calculation from shop_locations
      where shopify_location_id = ${stored!.shopify_location_id}`;
    expect(row).toEqual({ erp_location_codes: codes, stock_calculation: "onHand" });
    await screenshot(e2e.page, "locations-page");

    // A new visit reads the store again and shows the mapping as saved.
    await e2e.page.reload();
    const again = e2e.app().locator(`[data-location="${stored!.shopify_location_id}"]`);
    await expect.poll(() => again.count(), { timeout: 30_000 }).toBe(1);
    expect(await again.getByRole("checkbox", { name: new RegExp(`^${codes[0]} ·`) }).isChecked()).toBe(true);
    expect(await again.getByRole("checkbox", { name: new RegExp(`^${codes[1]} ·`) }).isChecked()).toBe(true);
  });
});
