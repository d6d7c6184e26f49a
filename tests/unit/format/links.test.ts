import { describe, expect, it } from "vitest";

import { businessCentralDocumentUrl, shopifyAdminOrderUrl } from "../../../app/.server/format/links.ts";

describe("links out of the order page", () => {
  it("open the order in Shopify admin through App Bridge", () => {
    expect(shopifyAdminOrderUrl("gid://shopify/Order/820982911946154508")).toBe(
      "shopify://admin/orders/820982911946154508",
    );
    expect(shopifyAdminOrderUrl("not a gid")).toBeNull();
  });

  const online = {
    mode: "online",
    tenant: "contoso.onmicrosoft.com",
    environment: "Production",
    clientId: "app",
    companyId: "",
  } as const;

  it("open a Business Central online document on its card page in the web client", () => {
    const url = businessCentralDocumentUrl({
      settings: online,
      companyName: "CRONUS USA, Inc.",
      type: "invoice",
      number: "S-INV1'01",
      sandbox: false,
    });
    const parsed = new URL(url ?? "");
    expect(parsed.origin + parsed.pathname).toBe(
      "https://businesscentral.dynamics.com/contoso.onmicrosoft.com/Production/",
    );
    expect(Object.fromEntries(parsed.searchParams)).toEqual({
      company: "CRONUS USA, Inc.",
      page: "43",
      filter: "'No.' IS 'S-INV1''01'",
    });
  });

  it("give no web client link where its address is not known (on-premises, the offline sandbox)", () => {
    const onPrem = {
      mode: "onprem",
      apiBaseUrl: "https://bc.example.com:7048/bc/api/v2.0",
      username: "u",
      companyId: "",
    } as const;
    const base = { companyName: "C", type: "order", number: "S-ORD1" } as const;
    expect(businessCentralDocumentUrl({ ...base, settings: onPrem, sandbox: false })).toBeNull();
    expect(businessCentralDocumentUrl({ ...base, settings: online, sandbox: true })).toBeNull();
  });
});
