import { describe, expect, it } from "vitest";

import {
  customerAbilities,
  customerHref,
  customerName,
  shopifyAdminCustomerUrl,
} from "../../../app/.server/customers-page/customer-labels.ts";
import { parseCustomerPageKey } from "../../../app/.server/customers-page/customer-page.ts";

describe("customer labels", () => {
  it("shows the name without the e-mail the sync's label carries, and falls back to the e-mail, then the id", () => {
    expect(customerName("Ann Lee <ann@example.com>", "ann@example.com", "gid://shopify/Customer/1")).toBe("Ann Lee");
    expect(customerName("Ann Lee <other@example.com>", "ann@example.com", "gid://shopify/Customer/1")).toBe(
      "Ann Lee <other@example.com>",
    );
    expect(customerName("<ann@example.com>", "ann@example.com", "gid://shopify/Customer/1")).toBe("ann@example.com");
    expect(customerName("", null, "gid://shopify/Customer/42")).toBe("Shopify customer 42");
  });

  it("links a customer into Shopify admin only for a customer gid", () => {
    expect(shopifyAdminCustomerUrl("gid://shopify/Customer/42")).toBe("shopify://admin/customers/42");
    expect(shopifyAdminCustomerUrl("gid://shopify/Order/42")).toBeNull();
  });

  it("addresses a row by its id and a link-only customer by its link", () => {
    expect(customerHref({ rowId: 7, linkId: 3 })).toBe("/app/customers/7");
    expect(customerHref({ rowId: null, linkId: 3 })).toBe("/app/customers/link-3");
    expect(parseCustomerPageKey("7")).toEqual({ kind: "row", id: 7 });
    expect(parseCustomerPageKey("link-3")).toEqual({ kind: "link", id: 3 });
    for (const bad of ["0", "-1", "1.5", "abc", "link-", "link-0", "7x", "99999999999999999999", undefined]) {
      expect(parseCustomerPageKey(bad), String(bad)).toBeNull();
    }
  });

  it("lets a conflict be resolved but not mapped, and a redacted customer be nothing", () => {
    expect(customerAbilities("conflict")).toMatchObject({ canResolveConflict: true, canMap: false, canSync: true });
    expect(customerAbilities("redacted")).toEqual({
      canMap: false,
      remap: false,
      canCreate: false,
      canIgnore: false,
      canStopIgnoring: false,
      canSync: false,
      canResolveConflict: false,
    });
  });
});
