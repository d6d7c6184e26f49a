import { describe, expect, it } from "vitest";

import {
  and,
  anyGuid,
  buildQuery,
  eq,
  modifiedSince,
  ne,
  odataString,
} from "../../../app/.server/adapters/erp/business-central/odata.ts";

describe("OData filter building", () => {
  it("doubles single quotes in string literals", () => {
    expect(odataString("O'Brien")).toBe("'O''Brien'");
    expect(eq("externalDocumentNumber", "#1001' or 1 eq 1 or '")).toBe(
      "externalDocumentNumber eq '#1001'' or 1 eq 1 or '''",
    );
  });

  it("writes numbers and booleans bare", () => {
    expect(eq("quantity", 3)).toBe("quantity eq 3");
    expect(ne("blocked", false)).toBe("blocked ne false");
  });

  it("refuses field names that are not identifiers", () => {
    expect(() => eq("number eq 'x' or id", "y")).toThrow(/field name/);
  });

  it("normalises timestamps and filters inclusively", () => {
    expect(modifiedSince("lastModifiedDateTime", "2026-01-01T10:00:00+02:00")).toBe(
      "lastModifiedDateTime ge 2026-01-01T08:00:00.000Z",
    );
  });

  it("groups clauses with parentheses and drops empty ones", () => {
    expect(and("a eq 1", null, "b eq 2 or b eq 3")).toBe("(a eq 1) and (b eq 2 or b eq 3)");
    expect(and("a eq 1", undefined)).toBe("a eq 1");
    expect(and()).toBe("");
  });

  it("writes GUIDs unquoted and refuses anything else", () => {
    const id = "5d115c9c-44e3-ea11-bb43-000d3a2feca1";
    expect(anyGuid("id", [id, id])).toBe(`id eq ${id} or id eq ${id}`);
    expect(() => anyGuid("id", ["1 or 1 eq 1"])).toThrow(/GUID/);
  });

  it("percent-encodes values with %20, not +", () => {
    const q = buildQuery({
      filter: "number eq 'A B'",
      select: ["id", "number"],
      orderby: ["lastModifiedDateTime", "id"],
      top: 1,
    });
    expect(q).toBe("?$filter=number%20eq%20'A%20B'&$select=id,number&$orderby=lastModifiedDateTime%2Cid&$top=1");
    expect(decodeURIComponent(q)).toContain("number eq 'A B'");
    expect(buildQuery({})).toBe("");
  });
});
