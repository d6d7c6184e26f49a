import { mkdtempSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createBusinessCentralSandbox } from "../../../sandbox/business-central/create-server.ts";
import type { BusinessCentralSandbox } from "../../../sandbox/business-central/sandbox-api.ts";
import { makeJpeg } from "../../../sandbox/business-central/store/seed-images.ts";
import { BC_SCOPE, CLIENT, COMPANY_ID, ENV, requestToken, TENANT } from "./bc-fixture.ts";

/**
 * Catalog changes made over HTTP (a picture upload, a price line change, a new variant, the
 * companion page's fields) are journaled like every other row: after a kill and a restart they
 * are back with the same etags. Snapshots from before price sources were modelled still load.
 */
let dir: string;
const open: BusinessCentralSandbox[] = [];
const clock = { now: Date.parse("2026-03-01T10:00:00.000Z") };

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "bc-catalog-journal-"));
});
afterEach(async () => {
  // close() drops the journal's file handle without a save, as a kill leaves the files.
  for (const sandbox of open.splice(0)) await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

const files = () => ({
  snapshotFile: path.join(dir, "sandbox-business-central.json"),
  journalFile: path.join(dir, "sandbox-business-central.journal"),
});

async function start() {
  const sandbox = await createBusinessCentralSandbox({ now: () => clock.now, persistence: files() });
  open.push(sandbox);
  return sandbox;
}

async function client(sandbox: BusinessCentralSandbox) {
  const { body } = await requestToken(sandbox, {
    grant_type: "client_credentials",
    client_id: CLIENT.clientId,
    client_secret: CLIENT.clientSecret,
    scope: BC_SCOPE,
  });
  const auth = { Authorization: `Bearer ${String(body.access_token)}` };
  const company = `${sandbox.apiBaseUrl(TENANT, ENV)}/companies(${COMPANY_ID})`;
  const custom = `${sandbox.customApiBaseUrl(TENANT, ENV)}/companies(${COMPANY_ID})`;
  const call = async (method: string, url: string, json?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(url, {
      method,
      headers: { ...auth, ...(json === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
  };
  const upload = (url: string, bytes: Uint8Array<ArrayBuffer>) =>
    fetch(url, { method: "PATCH", headers: { ...auth, "If-Match": "*" }, body: bytes });
  const download = async (url: string) => new Uint8Array(await (await fetch(url, { headers: auth })).arrayBuffer());
  return { call, upload, download, company, custom };
}

async function kill(sandbox: BusinessCentralSandbox) {
  open.splice(open.indexOf(sandbox), 1);
  await sandbox.close();
}

describe("catalog changes in the journal", () => {
  it("a picture, a price line, a variant and the companion fields survive a kill and a restart", async () => {
    const first = await start();
    first.addTenant({ tenantId: TENANT, environment: ENV, clients: [CLIENT] });
    first.addCompany(TENANT, ENV, { id: COMPANY_ID, name: "CRONUS USA, Inc." });
    first.seed(TENANT, ENV, COMPANY_ID, { products: 4 });
    const api = await client(first);
    const items = (await api.call("GET", `${api.company}/items?$expand=picture`)).body.value;
    const bare = items.find((i: any) => i.picture.contentType === "");
    const jpeg = makeJpeg(24, [120, 30, 200]);
    expect((await api.upload(`${api.company}/items(${bare.id})/picture/pictureContent`, jpeg)).status).toBe(204);
    const line = (await api.call("GET", `${api.custom}/priceListLines?$top=1`)).body.value[0];
    const price = await api.call(
      "PATCH",
      `${api.custom}/priceListLines(${line.id})`,
      { unitPrice: 77.7 },
      { "If-Match": "*" },
    );
    const variant = await api.call("POST", `${api.company}/items(${bare.id})/itemVariants`, {
      code: "NEW",
      description: "New one",
    });
    const details = await api.call(
      "PATCH",
      `${api.custom}/itemDetails(${bare.id})`,
      { salesBlocked: true },
      { "If-Match": "*" },
    );
    const picture = (await api.call("GET", `${api.company}/items(${bare.id})/picture`)).body;
    const before = JSON.parse(JSON.stringify(first.snapshot()));
    await kill(first);

    const next = await start();
    expect(next.restored).toBe(true);
    expect(next.snapshot()).toEqual(before);
    const again = await client(next);
    expect(await again.download(`${again.company}/items(${bare.id})/picture/pictureContent`)).toEqual(jpeg);
    expect((await again.call("GET", `${again.company}/items(${bare.id})/picture`)).body["@odata.etag"]).toBe(
      picture["@odata.etag"],
    );
    expect((await again.call("GET", `${again.custom}/priceListLines(${line.id})`)).body).toMatchObject({
      unitPrice: 77.7,
      "@odata.etag": price.body["@odata.etag"],
    });
    expect((await again.call("GET", `${again.company}/itemVariants(${variant.body.id})`)).body.code).toBe("NEW");
    const item = (await again.call("GET", `${again.custom}/itemDetails(${bare.id})`)).body;
    expect(item.salesBlocked).toBe(true);
    expect(item["@odata.etag"]).toBe(details.body["@odata.etag"]);
  });

  it("loads a snapshot whose price lines name only a customer price group", async () => {
    const seeded = await createBusinessCentralSandbox({ now: () => clock.now });
    seeded.addTenant({ tenantId: TENANT, environment: ENV, clients: [CLIENT] });
    seeded.addCompany(TENANT, ENV, { id: COMPANY_ID, name: "CRONUS USA, Inc." });
    seeded.seed(TENANT, ENV, COMPANY_ID, { products: 1 });
    const snapshot = seeded.snapshot() as any;
    await seeded.close();
    const company = snapshot.tenants[0].environments[0].companies[0];
    // As the sandbox stored lines and items before: no source, no line number, no companion fields.
    for (const { row } of company.tables.priceListLines) {
      row.customerPriceGroup = row.sourceNumber;
      for (const key of ["lineNumber", "sourceType", "sourceNumber", "amountType", "lineDiscountPercent"]) {
        delete row[key];
      }
      for (const key of ["allowLineDiscount", "priceIncludesTax", "status"]) delete row[key];
    }
    for (const { row } of company.tables.items) delete row.salesBlocked;
    delete company.tables.vendors;
    delete company.tables.pictures;
    writeFileSync(files().snapshotFile, JSON.stringify(snapshot));
    const sandbox = await start();
    expect(sandbox.restored).toBe(true);
    const lines = sandbox.company(TENANT, ENV, COMPANY_ID).priceListLines.all();
    expect(lines.map((l) => [l.priceListCode, l.sourceType, l.sourceNumber, l.status])).toContainEqual([
      "WHOLESALE",
      "Customer Price Group",
      "WHOLESALE",
      "Active",
    ]);
    expect(lines.find((l) => l.priceListCode === "DEFAULT")?.sourceType).toBe("All Customers");
    expect(Object.keys(lines[0]!).at(-1)).toBe("lastModifiedDateTime");
    expect(sandbox.company(TENANT, ENV, COMPANY_ID).items.all()[0]?.salesBlocked).toBe(false);
  });
});
