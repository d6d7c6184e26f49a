import { describe, expect, it } from "vitest";

import {
  bcConnectionConfigSchema,
  customApiUrl,
  onlineUrls,
} from "../../../app/.server/adapters/erp/business-central/config.ts";
import { fromDecimal, toDecimal } from "../../../app/.server/adapters/erp/business-central/schemas.ts";
import { redact } from "../../../app/.server/adapters/erp/redact.ts";

describe("BC connection config", () => {
  it("builds the online URLs", () => {
    expect(onlineUrls("contoso.onmicrosoft.com", "Production")).toEqual({
      apiBaseUrl: "https://api.businesscentral.dynamics.com/v2.0/contoso.onmicrosoft.com/Production/api/v2.0",
      tokenUrl: "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token",
    });
  });

  it("defaults the scope and the companion extension's names", () => {
    const config = bcConnectionConfigSchema.parse({
      apiBaseUrl: "https://bc.example/v2.0/t/prod/api/v2.0/",
      auth: { kind: "oauth", tokenUrl: "https://login.example/t/oauth2/v2.0/token", clientId: "c", clientSecret: "s" },
      companyId: "5d115c9c-44e3-ea11-bb43-000d3a2feca1",
    });
    expect(config.apiBaseUrl).toBe("https://bc.example/v2.0/t/prod/api/v2.0");
    expect(config.auth).toMatchObject({ scope: "https://api.businesscentral.dynamics.com/.default" });
    expect(customApiUrl(config, config.companyId!, "inventoryByLocation")).toBe(
      "https://bc.example/v2.0/t/prod/api/shopifyErpConnector/connector/v1.0/companies(5d115c9c-44e3-ea11-bb43-000d3a2feca1)/inventoryByLocation",
    );
  });

  it("refuses a base URL that is not the v2.0 API", () => {
    const result = bcConnectionConfigSchema.safeParse({
      apiBaseUrl: "https://bc.example/v2.0/t/prod/ODataV4",
      auth: { kind: "basic", username: "u", password: "p" },
    });
    expect(result.success).toBe(false);
  });
});

describe("boundary helpers", () => {
  it("redacts every occurrence of long secrets only", () => {
    expect(redact("bad secret s3cr3t-value in s3cr3t-value", ["s3cr3t-value", "ab", undefined])).toBe(
      "bad secret [redacted] in [redacted]",
    );
  });

  it("turns BC numbers into decimal strings and back", () => {
    expect(toDecimal(12)).toBe("12");
    expect(toDecimal(12.5)).toBe("12.5");
    expect(toDecimal(0.1 + 0.2)).toBe("0.3");
    expect(fromDecimal("-3.25", "amount")).toBe(-3.25);
    expect(() => fromDecimal("1,5", "amount")).toThrow(/decimal/);
  });
});
