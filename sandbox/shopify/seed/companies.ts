/**
 * The demo's B2B buyer: one company with two locations in Germany and a main contact. Fixed data
 * (not drawn from the seed's random numbers), so the demo always shows the same company; it is
 * kept out of the catalog's customers, which the Business Central sandbox mirrors.
 */
export interface SeedCompanyAddress {
  address1: string;
  city: string;
  zip: string;
  zoneCode: string;
  countryCode: string;
}

export interface SeedCompanyLocation {
  name: string;
  externalId: string;
  address: SeedCompanyAddress;
  taxRegistrationId: string | null;
  /** A payment terms template name ("Net 30"), or null for none. */
  paymentTerms: string | null;
}

export interface SeedCompany {
  name: string;
  externalId: string;
  note: string;
  mainContact: { firstName: string; lastName: string; email: string; phone: string; title: string; locale: string };
  locations: SeedCompanyLocation[];
}

export const SEED_COMPANIES: readonly SeedCompany[] = [
  {
    name: "Northwind Traders",
    externalId: "NORTHWIND",
    note: "Demo B2B customer: orders on account for its head office and its warehouse.",
    mainContact: {
      firstName: "Nina",
      lastName: "Weber",
      email: "nina.weber@northwind-traders.example",
      phone: "+4930123456",
      title: "Head of Purchasing",
      locale: "de",
    },
    locations: [
      {
        name: "Northwind HQ",
        externalId: "NORTHWIND-HQ",
        address: { address1: "Friedrichstraße 123", city: "Berlin", zip: "10117", zoneCode: "BE", countryCode: "DE" },
        taxRegistrationId: "DE123456789",
        paymentTerms: "Net 30",
      },
      {
        name: "Northwind Warehouse",
        externalId: "NORTHWIND-WH",
        address: { address1: "Am Sandtorkai 50", city: "Hamburg", zip: "20457", zoneCode: "HH", countryCode: "DE" },
        taxRegistrationId: null,
        paymentTerms: null,
      },
    ],
  },
];
