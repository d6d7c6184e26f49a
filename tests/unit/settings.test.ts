import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { readShopSettings, shopSettingsSchema } from "../../app/.server/domain/settings-schema.ts";
import {
  hiddenSettingsFields,
  mergeFormIntoSettings,
  offeredFormValues,
  settingsFormFields,
  settingsInputFromForm,
  settingsToFormValues,
} from "../../app/.server/shops/settings-form.ts";

const root = path.resolve(import.meta.dirname, "../..");

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.append(name, value);
  return data;
}

describe("shop settings", () => {
  it("gives a new shop safe defaults: background reconcile on, writes allowed, errors logged", () => {
    expect(readShopSettings({})).toMatchObject({
      allowBackgroundSyncs: true,
      allowOutgoingWrites: true,
      logging: "errors",
      orders: { importEnabled: true, importSince: null, documentType: "sales_order" },
      products: { mapping: "item_no_and_variant_code", skuSeparator: "-" },
    });
  });

  it("turns dotted form fields into the nested settings, with booleans and empty dates", () => {
    const input = settingsInputFromForm(
      form({
        allowBackgroundSyncs: "true",
        "orders.autoProcess": "false",
        "orders.importSince": "",
        "customers.defaultCustomerNo": "C1",
      }),
    );
    expect(input).toEqual({
      allowBackgroundSyncs: true,
      orders: { autoProcess: false, importSince: null },
      customers: { defaultCustomerNo: "C1" },
    });
  });

  it("reads comma lists and 'key = value' lines, and writes them back the same way", () => {
    const input = settingsInputFromForm(
      form({
        "orders.filters.channels": "Online Store, Point of Sale ,",
        "orders.shippingMethods": "Standard = 6100\n\nExpress=6110",
        "customers.defaultCustomerByCountry": "DE = C00020",
      }),
    );
    const settings = shopSettingsSchema.parse(input);
    expect(settings.orders.filters.channels).toEqual(["Online Store", "Point of Sale"]);
    expect(settings.orders.shippingMethods).toEqual({ Standard: "6100", Express: "6110" });
    const values = settingsToFormValues(settings);
    expect(values["orders.shippingMethods"]).toBe("Standard = 6100\nExpress = 6110");
    expect(values["orders.filters.channels"]).toBe("Online Store, Point of Sale");
    expect(shopSettingsSchema.parse(settingsInputFromForm(form(values)))).toEqual(settings);
  });

  it.each([
    [{ customers: { mapping: "default_customer" } }, "customers.defaultCustomerNo"],
    [{ products: { skuSeparator: "" } }, "products.skuSeparator"],
    [{ orders: { importSince: "31/12/2026" } }, "orders.importSince"],
    [{ customers: { defaultCustomerNo: "C 1" } }, "customers.defaultCustomerNo"],
    [{ logging: "verbose" }, "logging"],
    [{ customers: { defaultCustomerByCountry: { Germany: "C1" } } }, "customers.defaultCustomerByCountry.Germany"],
  ])("rejects %j at %s", (input, path) => {
    const result = shopSettingsSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(path);
  });

  it("keeps working when a stored row no longer validates", () => {
    expect(readShopSettings({ logging: 42 }).logging).toBe("errors");
  });

  it("reads the shipments and posting sections: carriers as lines, numbers checked", () => {
    const parsed = shopSettingsSchema.safeParse(
      settingsInputFromForm(
        form({
          "shipments.notifyCustomer": "false",
          "shipments.carriers": "UPS = UPS\nPOST = Royal Mail | https://track.example/{number}",
          "posting.olderThanHours": "48",
        }),
      ),
    );
    expect(parsed.success && parsed.data.shipments).toEqual({
      notifyCustomer: false,
      carriers: { UPS: "UPS", POST: "Royal Mail | https://track.example/{number}" },
      fulfillmentServiceHandle: "",
    });
    expect(parsed.success && parsed.data.posting).toMatchObject({ olderThanHours: 48, batchSize: 50 });

    const bad = shopSettingsSchema.safeParse(
      settingsInputFromForm(form({ "shipments.carriers": "UPS = UPS | ftp://x", "posting.batchSize": "x" })),
    );
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((issue) => issue.path.join(".")).sort();
    expect(paths).toEqual(["posting.batchSize", "shipments.carriers.UPS"]);
  });

  it("reads settings stored before the job queue: the old schedule fields are dropped, the rest kept", () => {
    // Job-queue entries replaced these; a shop row saved before them must still parse as it was.
    const stored = {
      allowBackgroundSyncs: false,
      shipments: { enabled: false, everyMinutes: 3, notifyCustomer: false },
      posting: { enabled: true, everyMinutes: 120, batchSize: 20 },
    };
    const parsed = shopSettingsSchema.safeParse(stored);
    expect(parsed.success).toBe(true);
    expect(readShopSettings(stored)).toMatchObject({
      allowBackgroundSyncs: false,
      shipments: { notifyCustomer: false },
      posting: { batchSize: 20 },
      runs: { keepDays: 30 },
    });
    expect(readShopSettings(stored).shipments).not.toHaveProperty("everyMinutes");
    expect(readShopSettings(stored).posting).not.toHaveProperty("enabled");
    expect(settingsFormFields).not.toContain("shipments.everyMinutes");
  });

  it("keeps run history 30 days by default, and takes 1 to 365 days", () => {
    expect(readShopSettings({}).runs.keepDays).toBe(30);
    const keep = (value: string) =>
      shopSettingsSchema.safeParse(settingsInputFromForm(form({ "runs.keepDays": value })));
    expect(keep("90").data?.runs.keepDays).toBe(90);
    expect(keep("365").data?.runs.keepDays).toBe(365);
    for (const [value, message] of [
      ["0", "must be at least 1"],
      ["366", "must be at most 365"],
      ["1.5", "must be a whole number"],
      ["x", "must be a number"],
    ]) {
      expect(keep(value!).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
        ["runs.keepDays", message],
      ]);
    }
  });
});

describe("the product, price and image settings", () => {
  const catalogFields = settingsFormFields.filter((field) => /^(products|prices|images)\./.test(field));

  it("are all offered, the product direction too", () => {
    expect(catalogFields).toEqual([
      "products.direction",
      "products.mapping",
      "products.skuSeparator",
      "products.findByBarcode",
      "products.createUnknownInErp",
      "products.itemTemplateNo",
      "products.canUpdateShopify",
      "products.shopifyCanUpdateItems",
      "products.statusForCreated",
      "products.blockedAction",
      "products.inventoryTracked",
      "products.inventoryPolicy",
      "products.defaultVendor",
      "prices.customerPriceGroup",
      "prices.pricesIncludeTax",
      "prices.syncUnitCost",
      "images.direction",
    ]);
    expect(hiddenSettingsFields).not.toContain("products.direction");
  });

  it("travel through the form as strings and back, booleans included", () => {
    const posted = {
      "products.direction": "erp_to_shopify",
      "products.findByBarcode": "false",
      "products.canUpdateShopify": "false",
      "products.statusForCreated": "unlisted",
      "products.blockedAction": "archived",
      "products.inventoryTracked": "false",
      "products.inventoryPolicy": "continue",
      "products.defaultVendor": "Cronus Outdoor",
      "prices.customerPriceGroup": "RETAIL",
      "prices.pricesIncludeTax": "true",
      "prices.syncUnitCost": "false",
      "images.direction": "erp_to_shopify",
    };
    const saved = shopSettingsSchema.parse(mergeFormIntoSettings(readShopSettings({}), form(posted)));
    expect(saved.products).toMatchObject({
      direction: "erp_to_shopify",
      findByBarcode: false,
      canUpdateShopify: false,
      statusForCreated: "unlisted",
      blockedAction: "archived",
      inventoryTracked: false,
      inventoryPolicy: "continue",
      defaultVendor: "Cronus Outdoor",
    });
    expect(saved.prices).toEqual({
      customerPriceGroup: "RETAIL",
      pricesIncludeTax: true,
      syncUnitCost: false,
    });
    const shown = offeredFormValues(saved);
    for (const [name, value] of Object.entries(posted)) expect(shown[name], name).toBe(value);
  });

  it.each([
    ["products.direction", "both"],
    ["images.direction", "sideways"],
    ["products.statusForCreated", "archived"],
    ["products.blockedAction", "delete"],
    ["products.inventoryPolicy", "oversell"],
    ["products.defaultVendor", "v".repeat(256)],
    ["prices.customerPriceGroup", "RETAIL/EU"],
    ["prices.pricesIncludeTax", "yes"],
  ])("refuses %s = %j, naming that field only", (field, value) => {
    const result = shopSettingsSchema.safeParse(mergeFormIntoSettings(readShopSettings({}), form({ [field]: value })));
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual([field]);
  });
});

/** Every source file that could read a setting: the app and the worker, minus the settings' own code. */
function readerSources(): { file: string; text: string }[] {
  const skip = [/^app\/types\//, /^app\/\.server\/shops\//, /^app\/routes\/app\.settings\.tsx$/];
  const found: { file: string; text: string }[] = [];
  for (const dir of ["app", "worker"]) {
    for (const entry of readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
      const file = path.relative(root, path.join(entry.parentPath, entry.name));
      if (!skip.some((pattern) => pattern.test(file))) found.push({ file, text: readFileSync(file, "utf8") });
    }
  }
  return found;
}

describe("the settings form offers only settings that work", () => {
  const allFields = Object.keys(settingsToFormValues(readShopSettings({}))).sort();
  const leafCount = new Map<string, number>();
  for (const field of allFields) {
    const leaf = field.split(".").at(-1) ?? field;
    leafCount.set(leaf, (leafCount.get(leaf) ?? 0) + 1);
  }
  /**
   * How code reads a field: `.tipAccount` for a name the schema uses once; for a name several
   * sections share (`enabled`, `direction`, `mapping`), the section too (`inventory.enabled`).
   */
  const readerPattern = (field: string) => {
    const parts = field.split(".");
    const leaf = parts.at(-1) ?? field;
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const parent = parts.at(-2);
    // SQL reads a setting by its JSON path: settings #>> '{runs,keepDays}' (runs/run-records.ts).
    const jsonPath = `\\{${parts.map(escape).join(",")}\\}`;
    // A task's setting requirement names it as data: setting: { path: ["images", "direction"], … } (runs/requirements.ts).
    const requirement = `path: \\[${parts.map((p) => `"${escape(p)}"`).join(", ")}\\]`;
    // A hidden field is looked for with its section: a bare `.enabled` is read all over the code.
    return ((leafCount.get(leaf) ?? 0) > 1 || (hiddenSettingsFields as readonly string[]).includes(field)) && parent
      ? new RegExp(`\\b${escape(parent)}\\.${escape(leaf)}\\b|${jsonPath}|${requirement}`)
      : new RegExp(`\\.${escape(leaf)}\\b|${jsonPath}|${requirement}`);
  };

  it("decides for every schema field whether the form offers it", () => {
    expect([...settingsFormFields, ...hiddenSettingsFields].sort()).toEqual(allFields);
  });

  it("has code outside the settings' own that reads every offered field", () => {
    const sources = readerSources();
    const unread = settingsFormFields.filter((field) => !sources.some(({ text }) => readerPattern(field).test(text)));
    expect(unread, "offered settings nothing reads (hide them until their task exists)").toEqual([]);
  });

  it("would notice the hidden ones: nothing reads them yet", () => {
    // Fails when a task starts reading one: then offer it on the form (settings-form.ts).
    const sources = readerSources();
    const read = hiddenSettingsFields.filter((field) => sources.some(({ text }) => readerPattern(field).test(text)));
    expect(read).toEqual([]);
  });

  it("takes only offered fields from a post; the rest keep their stored value", () => {
    const stored = readShopSettings({
      companies: { import: "all" },
      inventory: { enabled: true },
      orders: { tipAccount: "6200" },
    });
    const posted = form({
      ...offeredFormValues(stored),
      "orders.tipAccount": "6210",
      "companies.import": "none",
      "inventory.enabled": "false",
      "orders.notASetting": "x",
    });
    const merged = mergeFormIntoSettings(stored, posted) as { orders: Record<string, unknown> };
    expect(merged.orders).not.toHaveProperty("notASetting");
    const saved = shopSettingsSchema.parse(merged);
    expect(saved.orders.tipAccount).toBe("6210");
    // Offered since "Sync companies" reads it: a post sets it.
    expect(saved.companies.import).toBe("none");
    expect(saved.inventory.enabled).toBe(false);
  });
});
