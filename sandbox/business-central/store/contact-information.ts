import type { CompanyData } from "./company-data.ts";
import type { ContactRow, ContactType } from "./customer-row-types.ts";
import type { BaseRow } from "./row-types.ts";
import { type Stored, Table } from "./table.ts";

/** A Contact Information Buffer row (a temporary table the page fills on every read). */
export type ContactInformationRow = BaseRow & {
  contactId: string;
  contactNumber: string;
  contactName: string;
  contactType: ContactType;
  relatedId: string;
  relatedType: "Customer";
};

/**
 * Contact Information Buffer.LoadDataFromFilters for customers: a customer's business relation
 * points at its contact; the rows are every contact whose Company No. is that contact (the
 * company itself and its persons), or the contact alone when none is (a person customer). Built
 * per read as BC does (kept until the next write); each row carries its contact's SystemId (the
 * page key) and row version, so its etag moves when the contact changes.
 */
export function contactInformationTable(data: CompanyData): Table<ContactInformationRow> {
  // Every insert or update bumps the company's row version and every delete shrinks a table, so a
  // buffer built at one (version, sizes) holds until the next write: an $expand builds it once.
  const version = [
    data.clock.state().version,
    data.contacts.size(),
    data.contactBusinessRelations.size(),
    data.customers.size(),
  ].join(":");
  const cached = cache.get(data);
  if (cached?.version === version) return cached.table;
  const table = build(data);
  cache.set(data, { version, table });
  return table;
}

const cache = new WeakMap<CompanyData, { version: string; table: Table<ContactInformationRow> }>();

function build(data: CompanyData): Table<ContactInformationRow> {
  const versions = new Map(data.contacts.entries().map(({ row, version }) => [row.id, version]));
  const byCompany = new Map<string, ContactRow[]>();
  for (const c of data.contacts.all()) {
    const list = byCompany.get(c.companyNumber);
    if (list) list.push(c);
    else byCompany.set(c.companyNumber, [c]);
  }
  const byNumber = new Map(data.contacts.all().map((c) => [c.number, c]));
  const relations = new Map(
    data.contactBusinessRelations
      .filter((r) => r.linkToTable === "Customer")
      .map((r) => [r.number, r.contactNumber] as const)
      .reverse(),
  );
  const entries: Stored<ContactInformationRow>[] = [];
  const seen = new Set<string>();
  for (const customer of data.customers.all()) {
    const contactNumber = relations.get(customer.number);
    if (contactNumber === undefined) continue;
    const own = byNumber.get(contactNumber);
    const contacts = byCompany.get(contactNumber) ?? (own ? [own] : []);
    for (const contact of contacts) {
      // A contact related to two customers would repeat its key; the buffer keeps the first.
      if (seen.has(contact.id)) continue;
      seen.add(contact.id);
      entries.push({
        version: versions.get(contact.id) ?? 1,
        row: {
          id: contact.id,
          contactId: contact.id,
          contactNumber: contact.number,
          contactName: contact.displayName,
          contactType: contact.type,
          relatedId: customer.id,
          relatedType: "Customer",
          lastModifiedDateTime: contact.lastModifiedDateTime,
        },
      });
    }
  }
  const table = new Table<ContactInformationRow>(data.clock);
  table.load(entries);
  return table;
}
