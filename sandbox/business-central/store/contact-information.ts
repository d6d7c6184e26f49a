import type { CompanyData } from "./company-data.ts";
import type { ContactType } from "./customer-row-types.ts";
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
 * fresh per read as BC does; each row carries its contact's SystemId (the page key) and row
 * version, so its etag moves when the contact changes.
 */
export function contactInformationTable(data: CompanyData): Table<ContactInformationRow> {
  const versions = new Map(data.contacts.entries().map(({ row, version }) => [row.id, version]));
  const entries: Stored<ContactInformationRow>[] = [];
  for (const customer of data.customers.all()) {
    const relation = data.contactBusinessRelations.find(
      (r) => r.linkToTable === "Customer" && r.number === customer.number,
    );
    if (!relation) continue;
    let contacts = data.contacts.filter((c) => c.companyNumber === relation.contactNumber);
    if (contacts.length === 0) contacts = data.contacts.filter((c) => c.number === relation.contactNumber);
    for (const contact of contacts) {
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
  const seen = new Set<string>();
  // A contact related to two customers would repeat its key; the buffer keeps the first.
  table.load(entries.filter((e) => !seen.has(e.row.id) && Boolean(seen.add(e.row.id))));
  return table;
}
