import { describe, expect, it } from "vitest";

import {
  type AppLinks,
  danglingLinksMessage,
  findDanglingLinks,
  freshStartCommand,
} from "../../scripts/demo/consistency-check.ts";

const links: AppLinks = {
  orders: [
    { shopifyOrderId: "gid://shopify/Order/1001", name: "#1001", erpDocumentNumber: "S-ORD101001" },
    { shopifyOrderId: "gid://shopify/Order/1002", name: "#1002", erpDocumentNumber: "S-ORD101002" },
    { shopifyOrderId: "gid://shopify/Order/1003", name: "#1003", erpDocumentNumber: null },
  ],
  shipments: [{ erpShipmentNo: "S-SHPT102001" }],
};
const everything = {
  store: { hasOrder: () => true },
  erp: {
    documentNumbers: new Set(["S-ORD101001", "S-ORD101002"]),
    shipmentNumbers: new Set(["S-SHPT102001"]),
  },
};

describe("the demo's check of the app's links into its sandboxes", () => {
  it("passes when every order, document and shipment is there", () => {
    const dangling = findDanglingLinks(links, everything.store, everything.erp);
    expect(dangling).toEqual({ shopifyOrders: [], erpDocuments: [], erpShipments: [] });
    expect(danglingLinksMessage(dangling, "rm -rf .data && npm run demo")).toBeNull();
  });

  it("names how many of which kind are missing, and the command that starts afresh", () => {
    const dangling = findDanglingLinks(
      links,
      { hasOrder: (id) => id === "gid://shopify/Order/1001" },
      { documentNumbers: new Set(["S-ORD101001"]), shipmentNumbers: new Set() },
    );
    expect(dangling).toEqual({
      shopifyOrders: ["#1002", "#1003"],
      erpDocuments: ["S-ORD101002"],
      erpShipments: ["S-SHPT102001"],
    });
    const message = danglingLinksMessage(dangling, freshStartCommand("/repo", "/repo/.data"));
    expect(message).toContain(
      "2 Shopify orders missing from the sandbox store (#1002, #1003); 1 ERP document missing from the sandbox Business Central (S-ORD101002); 1 ERP shipment missing from the sandbox Business Central (S-SHPT102001)",
    );
    expect(message).toMatch(/\n {2}rm -rf \.data && npm run demo$/);
  });

  it("lists five names and counts the rest", () => {
    const many: AppLinks = {
      orders: Array.from({ length: 8 }, (_, i) => ({
        shopifyOrderId: `gid://shopify/Order/${1001 + i}`,
        name: `#${1001 + i}`,
        erpDocumentNumber: null,
      })),
      shipments: [],
    };
    const message = danglingLinksMessage(findDanglingLinks(many, { hasOrder: () => false }, everything.erp), "x");
    expect(message).toContain(
      "8 Shopify orders missing from the sandbox store (#1001, #1002, #1003, #1004, #1005, and 3 more)",
    );
  });

  it("starts afresh in the data folder the demo ran on", () => {
    expect(freshStartCommand("/repo", "/tmp/it's here")).toBe(
      `rm -rf '/tmp/it'\\''s here' && DEMO_DATA_DIR='/tmp/it'\\''s here' npm run demo`,
    );
  });
});
