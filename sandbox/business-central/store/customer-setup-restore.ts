import type { CompanyData } from "./company-data.ts";
import { insertContactForCustomer } from "./contact-sync.ts";
import { seedCustomerSetup } from "./customer-setup-seed.ts";

/**
 * A snapshot written before payment terms, templates and contacts were modelled restores with
 * those tables empty. The company is then given what it would have had all along: CRONUS' setup
 * tables, and a contact for each customer (as CustCont-Update would have made on insert).
 * `rawTables` is the snapshot's own `tables` object, to tell "absent" from "emptied by a client".
 */
export function completeCustomerSetup(data: CompanyData, rawTables: unknown): void {
  const has = (name: string) => typeof rawTables === "object" && rawTables !== null && name in rawTables;
  if (!has("paymentTerms")) seedCustomerSetup(data);
  if (!has("contacts")) {
    for (const customer of data.customers.all()) insertContactForCustomer(data, customer);
  }
}
