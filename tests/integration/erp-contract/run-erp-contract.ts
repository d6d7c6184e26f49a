import { describe } from "vitest";

import { catalogContract } from "./contract-catalog.ts";
import { connectionContract } from "./contract-connection.ts";
import { lookupContract } from "./contract-lookups.ts";
import { pullContract } from "./contract-pull.ts";
import { writeContract } from "./contract-writes.ts";
import type { ErpContractSetup } from "./harness.ts";

/**
 * The ERP port's contract, written once (STYLE.md habit 5). `setup` runs per test and must return
 * an adapter on a fresh, isolated ERP company plus the harness that drives the ERP side.
 */
export function runErpContract(name: string, setup: () => Promise<ErpContractSetup>): void {
  describe(`ERP contract: ${name}`, () => {
    describe("paged pull", () => pullContract(setup));
    describe("idempotent writes", () => writeContract(setup));
    describe("connection, errors and limits", () => connectionContract(setup));
    describe("lookups for order processing", () => lookupContract(setup));
    describe("catalog: items, pictures, prices", () => catalogContract(setup));
  });
}
