import { describe, expect, it } from "vitest";

import { settingsInputFromForm, settingsToFormValues } from "../../app/.server/shops/settings-form.ts";
import { readShopSettings, shopSettingsSchema } from "../../app/.server/shops/settings-schema.ts";

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

  it("reads the shipments and posting sections: carriers as lines, numbers checked, posting off by default", () => {
    const parsed = shopSettingsSchema.safeParse(
      settingsInputFromForm(
        form({
          "shipments.everyMinutes": "1",
          "shipments.notifyCustomer": "false",
          "shipments.carriers": "UPS = UPS\nPOST = Royal Mail | https://track.example/{number}",
          "posting.olderThanHours": "48",
        }),
      ),
    );
    expect(parsed.success && parsed.data.shipments).toEqual({
      enabled: true,
      everyMinutes: 1,
      notifyCustomer: false,
      carriers: { UPS: "UPS", POST: "Royal Mail | https://track.example/{number}" },
      fulfillmentServiceHandle: "",
    });
    expect(parsed.success && parsed.data.posting).toMatchObject({ enabled: false, olderThanHours: 48, batchSize: 50 });

    const bad = shopSettingsSchema.safeParse(
      settingsInputFromForm(
        form({ "shipments.carriers": "UPS = UPS | ftp://x", "shipments.everyMinutes": "0", "posting.batchSize": "x" }),
      ),
    );
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((issue) => issue.path.join(".")).sort();
    expect(paths).toEqual(["posting.batchSize", "shipments.carriers.UPS", "shipments.everyMinutes"]);
  });
});
