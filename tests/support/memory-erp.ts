import { z } from "zod";

import { ErpError } from "../../app/.server/adapters/erp/errors.ts";
import type { ErpAdapter, ErpCapabilities } from "../../app/.server/adapters/erp/port.ts";
import { defineErpKind } from "../../app/.server/erp/erp-kind.ts";

/**
 * A second ERP kind for tests only: an "ERP" that lives in memory, whose one company answers to
 * one API key. It exists to show that a kind is added beside the core, not in it: this file is all
 * it takes (no change to the connection service, the page, the table or the sync core).
 */
export const MEMORY_ERP_KEY = "memory-erp-key";

const formSchema = z.object({
  workspace: z.string().trim().min(1, "is required").max(50),
  apiKey: z.string().max(200).default(""),
  companyId: z.string().trim().max(100).optional(),
});
const settingsSchema = formSchema.omit({ apiKey: true });

const MEMORY_LIMITS = {
  itemNumberMaxLength: 50,
  externalDocumentNumberMaxLength: 80,
  address: { line1: 200, line2: 200, city: 100, state: 100, postalCode: 20, name: 200 },
};

const capabilities: ErpCapabilities = {
  perLocationStock: false,
  stockCalculations: [],
  priceLists: false,
  trackingNumbers: false,
  barcodes: false,
  companies: false,
  webhooks: false,
  posting: false,
  itemPictures: false,
  variantPictures: false,
  itemWrites: false,
  itemDetails: false,
  batchSize: 1,
  maxConcurrency: 1,
  maxPageSize: 100,
};

function memoryAdapter(settings: z.infer<typeof settingsSchema>, secret: string): ErpAdapter {
  const unsupported = () =>
    Promise.reject(new ErpError({ code: "UNSUPPORTED", message: "the in-memory ERP only tests connections" }));
  return {
    kind: "memory",
    limits: MEMORY_LIMITS,
    capabilities: () => Promise.resolve(capabilities),
    testConnection: () =>
      secret === MEMORY_ERP_KEY
        ? Promise.resolve({
            companies: [
              { id: `${settings.workspace}-1`, name: settings.workspace, displayName: `${settings.workspace} Ltd.` },
            ],
          })
        : Promise.reject(
            new ErpError({ code: "AUTH", message: "wrong key", userMessage: "The API key is not valid." }),
          ),
    pull: unsupported,
    listKeys: unsupported,
    createSalesDocument: unsupported,
    findSalesDocument: unsupported,
    deleteSalesDocument: unsupported,
    postDocument: unsupported,
    upsertCustomer: unsupported,
    findCustomer: unsupported,
    findItem: unsupported,
    searchCustomers: unsupported,
    searchItems: unsupported,
    upsertItem: unsupported,
    updateItem: unsupported,
    createItemVariant: unsupported,
    upsertBarcode: unsupported,
    readItemPicture: unsupported,
    writeItemPicture: unsupported,
    pricesFor: unsupported,
    listSalesLineAccounts: unsupported,
    findPayment: unsupported,
    createReturnOrder: unsupported,
    recordJournalEntry: unsupported,
    findJournalEntry: unsupported,
    recordPayment: unsupported,
    createCreditMemo: unsupported,
  };
}

export const memoryErpKind = defineErpKind({
  id: "memory",
  displayName: "Memory ERP",
  fields: [
    { name: "workspace", label: "Workspace", type: "text", secret: false },
    { name: "apiKey", label: "API key", type: "text", secret: true },
  ],
  formSchema,
  settingsSchema,
  secretField: () => ({ name: "apiKey", label: "API key" }),
  sameLogin: (a, b) => a.workspace === b.workspace,
  createAdapter: (settings, secret) => memoryAdapter(settings, secret),
  limits: MEMORY_LIMITS,
  capabilities,
  setupHelp: "Any workspace name; the key is memory-erp-key.",
});
