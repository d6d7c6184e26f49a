import { describe, expect, it } from "vitest";

import {
  advancePosition,
  decodeCursor,
  deltaFloor,
  EMPTY_POSITION,
  encodeCursor,
} from "../../../app/.server/adapters/erp/cursor.ts";
import { ErpError } from "../../../app/.server/adapters/erp/errors.ts";

describe("pull cursor", () => {
  it("round-trips watermark, tie id, nextLink and the source index", () => {
    const state = {
      entity: "salesDocuments",
      source: 1,
      positions: {
        salesOrders: { watermark: "2026-01-01T10:00:00.000Z", tieId: "a", nextLink: null },
        salesInvoices: { watermark: null, tieId: null, nextLink: "https://bc/x?$skiptoken=1" },
      },
    };
    const cursor = encodeCursor(state);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, "salesDocuments")).toEqual(state);
  });

  it("treats null and empty as the beginning", () => {
    expect(decodeCursor(null, "items")).toBeNull();
    expect(decodeCursor("", "items")).toBeNull();
  });

  it("refuses garbage, another version and another entity's cursor as VALIDATION", () => {
    const other = encodeCursor({ entity: "customers", source: 0, positions: {} });
    const v2 = Buffer.from(JSON.stringify({ v: 2, e: "items", i: 0, p: {} })).toString("base64url");
    for (const bad of ["%%%", "bm90IGpzb24", v2, other]) {
      const error = (() => {
        try {
          decodeCursor(bad, "items");
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ErpError);
      expect((error as ErpError).code).toBe("VALIDATION");
      expect((error as ErpError).retryable).toBe(false);
    }
  });

  it("subtracts the overlap from the watermark", () => {
    expect(deltaFloor("2026-01-01T10:00:05.000Z", 5_000)).toBe("2026-01-01T10:00:00.000Z");
    expect(deltaFloor(null, 5_000)).toBeNull();
  });

  it("advances to the last record and keeps the watermark on an empty page", () => {
    const p = advancePosition(EMPTY_POSITION, { id: "b", modifiedAt: "2026-01-01T00:00:01Z" }, "next");
    expect(p).toEqual({ watermark: "2026-01-01T00:00:01Z", tieId: "b", nextLink: "next" });
    expect(advancePosition(p, undefined, null)).toEqual({ ...p, nextLink: null });
  });

  it("never moves the watermark backwards", () => {
    const p = { watermark: "2026-01-01T00:00:09Z", tieId: "z", nextLink: null };
    expect(advancePosition(p, { id: "a", modifiedAt: "2026-01-01T00:00:01Z" }, null).watermark).toBe(
      "2026-01-01T00:00:09Z",
    );
  });
});
