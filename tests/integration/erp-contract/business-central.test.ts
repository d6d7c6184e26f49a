import { randomUUID } from "node:crypto";

import { afterAll, beforeAll } from "vitest";

import { systemClock } from "../../../app/.server/adapters/clock.ts";
import { createBusinessCentralAdapter } from "../../../app/.server/adapters/erp/business-central/create-adapter.ts";
import { BcThrottleRegistry } from "../../../app/.server/adapters/erp/business-central/throttle.ts";
import type { ErpCallRecord } from "../../../app/.server/adapters/erp/request-log.ts";
import { createBusinessCentralSandbox } from "../../../sandbox/business-central/create-server.ts";
import type { BusinessCentralSandbox } from "../../../sandbox/business-central/sandbox-api.ts";
import type { ErpContractHarness, ErpContractSetup } from "./harness.ts";
import { runErpContract } from "./run-erp-contract.ts";

const ENV = "Production";
const CLIENT = { clientId: "7f3c1d2e-0000-4000-8000-00000000c11e", clientSecret: "s3cret~Value.0123456789" };

let sandbox: BusinessCentralSandbox;

beforeAll(async () => {
  sandbox = await createBusinessCentralSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

/** A fresh tenant and company per test, so tests do not see each other's records or limits. */
async function setupBusinessCentral(): Promise<ErpContractSetup> {
  sandbox.setKnobs({ latencyMs: 0, maxConcurrent: 5, customApiEnabled: true });
  sandbox.failures.clear();
  const tenant = `t-${randomUUID().slice(0, 8)}.onmicrosoft.com`;
  sandbox.addTenant({ tenantId: tenant, environment: ENV, clients: [CLIENT] });
  const company = sandbox.addCompany(tenant, ENV, { name: "CRONUS USA, Inc." });
  const companyId = company.info.id;
  sandbox.seed(tenant, ENV, companyId, { products: 3, variantsPerProduct: 2, locations: 2, customers: 3 });
  const variant = company.itemVariants.all()[0]!;
  const calls: ErpCallRecord[] = [];
  const log = { record: async (entry: ErpCallRecord) => void calls.push(entry) };
  // One registry per connection, as the composition root would hold: adapters share the 5-slot limit.
  const throttles = new BcThrottleRegistry(systemClock);

  const adapterWith: ErpContractHarness["adapterWith"] = (o) =>
    createBusinessCentralAdapter(
      {
        apiBaseUrl: sandbox.apiBaseUrl(o.tenant ?? tenant, ENV),
        auth: {
          kind: "oauth",
          tokenUrl: sandbox.tokenUrl(o.tenant ?? tenant),
          clientId: o.clientId ?? CLIENT.clientId,
          clientSecret: o.secret ?? CLIENT.clientSecret,
        },
        ...(o.noCompany ? {} : { companyId }),
      },
      {
        log,
        throttles,
        retry: {
          baseDelayMs: 20,
          maxDelayMs: 200,
          ...(o.maxRetries === undefined ? {} : { maxRetries: o.maxRetries }),
        },
      },
    );

  const harness: ErpContractHarness = {
    fixtures: {
      customerNumber: company.customers.all()[0]!.number,
      itemNumber: variant.itemNumber,
      variantCode: variant.code,
      locationCode: company.locations.all()[0]!.code,
    },
    lookupFixtures: (() => {
      const c = company.customers.all()[0]!;
      const barcode = company.itemReferences
        .all()
        .find((r) => r.itemNumber === variant.itemNumber && r.variantCode === variant.code)!;
      return {
        customer: {
          number: c.number,
          displayName: c.displayName,
          email: c.email,
          phone: c.phoneNumber,
          line1: c.addressLine1,
          postalCode: c.postalCode,
          city: c.city,
          countryCode: c.country,
        },
        variantBarcode: barcode.referenceNumber,
        // W1 chart: 6810 posts directly; 6100 is a total, 6110 takes no direct postings.
        accounts: {
          chargeable: { number: "6810", displayName: "Fees and Charges Rec. - Dom." },
          refused: ["6100", "6110"],
        },
      };
    })(),
    catalogFixtures: (() => {
      // Every item of this small seed has a picture; the last one loses it (no new item: the pull tests count pages).
      const [pictured, , bare] = company.items.all();
      company.pictures.delete(bare!.id);
      return { picturedItemId: pictured!.id, unpicturedItemId: bare!.id, priceGroup: "WHOLESALE" };
    })(),
    blockItem: async (id, how) =>
      void company.items.update(id, how === "blocked" ? { blocked: true } : { salesBlocked: true }),
    addPriceRule: async (rule) => {
      const list = rule.priceGroup === "" ? "DEFAULT" : rule.priceGroup;
      const last = Math.max(
        0,
        ...company.priceListLines.filter((l) => l.priceListCode === list).map((l) => l.lineNumber),
      );
      company.priceListLines.insert({
        priceListCode: list,
        lineNumber: last + 10000,
        sourceType: rule.priceGroup === "" ? "All Customers" : "Customer Price Group",
        sourceNumber: rule.priceGroup,
        itemNumber: rule.itemNumber,
        variantCode: rule.variantCode,
        unitOfMeasureCode: "",
        currencyCode: "",
        startingDate: "0001-01-01",
        endingDate: "0001-01-01",
        minimumQuantity: 0,
        amountType: rule.discountPercent === undefined ? "Price" : "Discount",
        unitPrice: rule.unitPrice === undefined ? 0 : Number(rule.unitPrice),
        lineDiscountPercent: rule.discountPercent ?? 0,
        allowLineDiscount: true,
        priceIncludesTax: false,
        status: "Active",
      });
    },
    createItems: async (count, options = {}) =>
      Array.from({ length: count }, (_, i) => {
        const row = company.items.insert({
          ...company.items.all()[0]!,
          id: randomUUID(),
          number: `T${Date.now() % 1e6}-${i}-${randomUUID().slice(0, 4)}`,
          displayName: `Test item ${i}`,
        });
        // Real BC can stamp several rows with one SystemModifiedAt; the sandbox clock never does, so set it.
        if (options.modifiedAt) row.lastModifiedDateTime = options.modifiedAt;
        return { id: row.id, number: row.number };
      }),
    touchItem: async (id) => void company.items.update(id, { displayName: `touched ${Date.now()}` }),
    now: () => new Date().toISOString(),
    shipOrder: async (orderId, t) =>
      void sandbox.postShipment(tenant, ENV, companyId, orderId, {
        packageTrackingNumber: t.number,
        shippingAgentCode: t.agent,
        shippingAgentServiceCode: t.service,
      }),
    injectFailures: (rule) =>
      sandbox.failNext({
        status: rule.status,
        count: rule.count,
        ...(rule.method ? { method: rule.method } : {}),
        ...(rule.pathPattern ? { path: rule.pathPattern } : {}),
        ...(rule.retryAfterSeconds === undefined ? {} : { retryAfter: rule.retryAfterSeconds }),
      }),
    setServerLimits: (limits) => void sandbox.setKnobs(limits),
    maxObservedConcurrency: () => sandbox.requestLog.maxOverlap(),
    resetRequestLog: () => sandbox.requestLog.clear(),
    serverLogText: () => JSON.stringify(sandbox.requestLog.entries()),
    setExtensionInstalled: (installed) => void sandbox.setKnobs({ customApiEnabled: installed }),
    adapterWith,
    calls,
    secrets: [CLIENT.clientSecret],
  };
  return { adapter: adapterWith({}), harness };
}

runErpContract("Business Central (sandbox over HTTP)", setupBusinessCentral);
