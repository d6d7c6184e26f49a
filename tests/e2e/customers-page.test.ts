import { describe, expect, it } from "vitest";

import { screenshot } from "./browser.ts";
import { useDemoInBrowser } from "./demo-in-browser.ts";

const e2e = useDemoInBrowser("e2e-customers");

// The demo's Business Central has the store's seeded customers (same e-mails, numbers C00010,
// C00020, …). A merchant adds one to Shopify from the Customers list (Shopify already has that
// e-mail, so the two are linked, not doubled), and maps another, unmapped one, on its page.
const seededNumbers = Array.from({ length: 10 }, (_, i) => `C${String((i + 1) * 10).padStart(5, "0")}`);

/** Seeded ERP customers no Shopify customer is linked to yet (order processing may have linked some). */
async function unlinkedNumbers(): Promise<string[]> {
  const linked = await e2e.sql<{ number: string }[]>`select erp_customer_number as number from customer_links`;
  const taken = new Set(linked.map((l) => l.number));
  return seededNumbers.filter((n) => !taken.has(n));
}

describe("the Customers page", () => {
  it("is in the navigation; Add to Shopify links an ERP customer, and its page shows both sides", async () => {
    await e2e.page.goto(e2e.demo.info.adminUrl);
    await expect.poll(() => e2e.app().getByRole("heading", { name: "Activity" }).count(), { timeout: 30_000 }).toBe(1);
    await expect
      .poll(() => e2e.page.locator("#app-nav a").allTextContents(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(["Products", "Customers"]));
    await e2e.page.locator("#app-nav a", { hasText: "Customers" }).click();
    await expect.poll(() => e2e.app().getByRole("heading", { name: "Customers" }).count(), { timeout: 30_000 }).toBe(1);

    const [number] = await unlinkedNumbers();
    expect(number).toBeDefined();
    await e2e.app().getByLabel("ERP customer number").fill(number!);
    await e2e.app().getByRole("button", { name: "Add to Shopify" }).click();
    // The page of the customer it became: the ERP customer's number on its ERP card.
    await expect.poll(() => e2e.app().getByText(`Customer no.`).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await e2e.app().getByText(number!, { exact: true }).count()).toBeGreaterThan(0);
    expect(await e2e.app().getByText("Added to Shopify from the ERP").count()).toBe(1);
    const [link] = await e2e.sql<{ shopify_customer_id: string; source: string }[]>`
      select shopify_customer_id, source from customer_links where erp_customer_number = ${number!}`;
    expect(link).toMatchObject({ source: "exported" });
    const [row] = await e2e.sql<{ state: string }[]>`
      select state from shopify_customers where shopify_customer_id = ${link!.shopify_customer_id}`;
    expect(row).toEqual({ state: "linked" });
    await screenshot(e2e.page, "customer-page");

    // Back on the list, the ERP number finds it, mapped.
    await e2e.page.locator("#app-nav a", { hasText: "Customers" }).click();
    await expect.poll(() => e2e.app().getByLabel("Search customers").count(), { timeout: 20_000 }).toBe(1);
    await e2e.app().getByLabel("Search customers").fill(number!);
    await e2e.app().getByLabel("Search customers").press("Enter");
    const found = e2e.app().locator(`[data-customer="${link!.shopify_customer_id}"]`);
    await expect.poll(() => found.count(), { timeout: 20_000 }).toBe(1);
    expect(await e2e.app().getByText("Mapped", { exact: true }).count()).toBeGreaterThan(0);
    await screenshot(e2e.page, "customers-list");
  });

  it("an unmapped customer is mapped on its page to an ERP customer by number", async () => {
    const numbers = await unlinkedNumbers();
    const number = numbers[0]!;
    // A store customer no sync has mapped yet, as "Sync customers" leaves one it cannot match.
    const data = await e2e.adminGraphql(`{ customers(first: 20) { nodes { id firstName lastName } } }`);
    const linked = new Set(
      (await e2e.sql<{ id: string }[]>`select shopify_customer_id as id from customer_links`).map((l) => l.id),
    );
    const customer = (data.data!.customers.nodes as Array<{ id: string; firstName: string; lastName: string }>).find(
      (c) => !linked.has(c.id),
    );
    expect(customer).toBeDefined();
    const name = `${customer!.firstName} ${customer!.lastName}`;
    const [shop] = await e2e.sql<{ id: number }[]>`select id::int from shops order by id limit 1`;
    const [inserted] = await e2e.sql<{ id: number }[]>`
      insert into shopify_customers (shop_id, shopify_customer_id, state, display_name, reason)
      values (${shop!.id}, ${customer!.id}, 'unmapped', ${name}, 'no ERP customer has this e-mail, phone or address')
      on conflict (shop_id, shopify_customer_id) do update set state = 'unmapped', erp_customer_number = null
      returning id::int`;

    await e2e.page.goto(e2e.demo.info.adminUrl);
    await expect.poll(() => e2e.app().getByRole("heading", { name: "Activity" }).count(), { timeout: 30_000 }).toBe(1);
    await e2e.page.locator("#app-nav a", { hasText: "Customers" }).click();
    await e2e
      .app()
      .getByRole("tab", { name: /Unmapped/ })
      .click();
    const row = e2e.app().locator(`a[href$="/app/customers/${inserted!.id}"]`);
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    await row.click();
    await expect.poll(() => e2e.app().getByTestId("customer-reason").count(), { timeout: 20_000 }).toBe(1);

    // A number the ERP does not have is refused, in words, and nothing changes.
    await e2e.app().getByLabel("ERP customer number").fill("NOPE-1");
    await e2e.app().getByRole("button", { name: "Map", exact: true }).click();
    await expect
      .poll(() => e2e.app().getByTestId("action-error").textContent(), { timeout: 20_000 })
      .toBe("Customer NOPE-1 does not exist in the ERP.");

    await e2e.app().getByLabel("ERP customer number").fill(number);
    await e2e.app().getByRole("button", { name: "Map", exact: true }).click();
    await expect.poll(() => e2e.app().getByText("Mapped by you").count(), { timeout: 20_000 }).toBe(1);
    const [link] = await e2e.sql`select erp_customer_number, source from customer_links
      where shopify_customer_id = ${customer!.id}`;
    expect(link).toEqual({ erp_customer_number: number, source: "merchant" });
    const [after] = await e2e.sql`select state, erp_customer_number from shopify_customers where id = ${inserted!.id}`;
    expect(after).toEqual({ state: "linked", erp_customer_number: number });
    await screenshot(e2e.page, "customer-mapped");
  });

  it("a conflict shows both versions side by side, and Keep Shopify's ends it", async () => {
    const [number] = await unlinkedNumbers();
    const data = await e2e.adminGraphql(`{ customers(first: 20) { nodes { id firstName lastName
      defaultEmailAddress { emailAddress } } } }`);
    const linked = new Set(
      (await e2e.sql<{ id: string }[]>`select shopify_customer_id as id from customer_links`).map((l) => l.id),
    );
    type Node = { id: string; firstName: string; lastName: string; defaultEmailAddress: { emailAddress: string } };
    const customer = (data.data!.customers.nodes as Node[]).find((c) => !linked.has(c.id))!;
    expect(customer).toBeDefined();
    const [shop] = await e2e.sql<{ id: number }[]>`select id::int from shops order by id limit 1`;
    // As the sync leaves a customer both sides changed: linked, with both versions recorded (the
    // Shopify one made up, as if Shopify changed again since).
    const side = (phoneNumber: string) => ({
      displayName: `${customer.firstName} ${customer.lastName}`,
      email: customer.defaultEmailAddress.emailAddress,
      phoneNumber,
      address: { line1: "Main St 1", line2: "", city: "Lakeside", state: "", postalCode: "12345", countryCode: "US" },
    });
    await e2e.sql`insert into customer_links (shop_id, shopify_customer_id, erp_customer_number, source)
      values (${shop!.id}, ${customer.id}, ${number!}, 'matched')`;
    const [inserted] = await e2e.sql<{ id: number }[]>`
      insert into shopify_customers (shop_id, shopify_customer_id, state, display_name, erp_customer_number, reason,
        shopify_hash, erp_hash, conflict)
      values (${shop!.id}, ${customer.id}, 'conflict', ${`${customer.firstName} ${customer.lastName}`}, ${number!},
        'changed in Shopify and in the ERP since the last sync: choose which to keep', 'old', 'old',
        ${e2e.sql.json({ shopify: side("+1 555 0100"), erp: side("+1 555 0199"), erpVersion: null, detectedAt: new Date().toISOString() })})
      on conflict (shop_id, shopify_customer_id) do update set state = 'conflict', erp_customer_number = excluded.erp_customer_number,
        conflict = excluded.conflict, reason = excluded.reason
      returning id::int`;

    await e2e.page.goto(e2e.demo.info.adminUrl);
    await expect.poll(() => e2e.app().getByRole("heading", { name: "Activity" }).count(), { timeout: 30_000 }).toBe(1);
    await e2e.page.locator("#app-nav a", { hasText: "Customers" }).click();
    await e2e
      .app()
      .getByRole("tab", { name: /Conflicts/ })
      .click();
    const row = e2e.app().locator(`a[href$="/app/customers/${inserted!.id}"]`);
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    await row.click();
    const versions = e2e.app().getByTestId("conflict-versions");
    await expect.poll(() => versions.count(), { timeout: 20_000 }).toBe(1);
    expect(await versions.getByText("+1 555 0100").count()).toBe(1);
    expect(await versions.getByText("+1 555 0199").count()).toBe(1);
    expect(await versions.getByText("Phone ≠").count()).toBe(1);
    await screenshot(e2e.page, "customer-conflict");

    // The recorded Shopify version is not what Shopify has now: the page shows the new one first.
    await e2e.app().getByRole("button", { name: "Keep Shopify's" }).click();
    await expect
      .poll(() => e2e.app().getByTestId("action-error").textContent(), { timeout: 20_000 })
      .toMatch(/^The customer changed in Shopify again since this conflict was found/);
    // The refusal's message comes with the action's answer; the page's new data with the revalidation after it.
    await expect.poll(() => versions.getByText("+1 555 0100").count(), { timeout: 20_000 }).toBe(0);

    await e2e.app().getByRole("button", { name: "Keep Shopify's" }).click();
    await expect.poll(() => e2e.app().getByTestId("conflict-versions").count(), { timeout: 20_000 }).toBe(0);
    const [after] =
      await e2e.sql`select state, conflict, last_direction from shopify_customers where id = ${inserted!.id}`;
    expect(after).toEqual({ state: "linked", conflict: null, last_direction: "shopify_to_erp" });
  });
});
