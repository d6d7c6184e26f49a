import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type BcFixture, startBcSandbox } from "./bc-fixture.ts";

let fx: BcFixture;
beforeEach(async () => {
  fx = await startBcSandbox({ products: 1 });
});
afterEach(async () => {
  await fx.sandbox.close();
});

const shipTo = (rest = "") => `${fx.custom}/shipToAddresses${rest}`;

describe("sandbox BC ship-to addresses (companion page)", () => {
  it("GET/POST/PATCH/DELETE, keyed by customer number and code", async () => {
    const customer = (await fx.call("POST", `${fx.company}/customers`, { body: { displayName: "Ship Co" } })).body;
    const created = await fx.call("POST", shipTo(), {
      body: {
        customerNumber: customer.number,
        code: "warehouse",
        name: "Ship Co Warehouse",
        addressLine1: "5 Dock Rd",
        city: "Tacoma",
        country: "us",
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      customerNumber: customer.number,
      code: "WAREHOUSE",
      country: "US",
      name2: "",
    });
    expect(Object.keys(created.body).filter((k) => !k.startsWith("@odata."))).toEqual([
      "id",
      "customerNumber",
      "code",
      "name",
      "name2",
      "addressLine1",
      "addressLine2",
      "city",
      "state",
      "country",
      "postalCode",
      "phoneNumber",
      "email",
      "contact",
      "lastModifiedDateTime",
    ]);
    const list = await fx.call("GET", shipTo(`?$filter=customerNumber eq '${customer.number}'`));
    expect(list.body.value.map((s: { code: string }) => s.code)).toEqual(["WAREHOUSE"]);
    const patched = await fx.call("PATCH", shipTo(`(${created.body.id})`), {
      body: { contact: "Dock manager", phoneNumber: "555-0199" },
      headers: { "If-Match": created.headers.get("etag")! },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ contact: "Dock manager", phoneNumber: "555-0199" });
    const stale = await fx.call("PATCH", shipTo(`(${created.body.id})`), {
      body: { city: "Olympia" },
      headers: { "If-Match": created.headers.get("etag")! },
    });
    expect(stale.status).toBe(412);
    expect(
      (
        await fx.call("DELETE", shipTo(`(${created.body.id})`), {
          headers: { "If-Match": patched.body["@odata.etag"] },
        })
      ).status,
    ).toBe(204);
    expect((await fx.call("GET", shipTo(`(${created.body.id})`))).status).toBe(404);
  });

  it("refuses a second address under the same key, an unknown customer and a blank code", async () => {
    const customer = (await fx.call("POST", `${fx.company}/customers`, { body: { displayName: "Ship Co" } })).body;
    expect((await fx.call("POST", shipTo(), { body: { customerNumber: customer.number, code: "HOME" } })).status).toBe(
      201,
    );
    const again = await fx.call("POST", shipTo(), { body: { customerNumber: customer.number, code: "home" } });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toContain(
      `The record in table Ship-to Address already exists. Identification fields and values: Customer No.='${customer.number}',Code='HOME'`,
    );
    // Another customer may use the same code.
    const other = (await fx.call("POST", `${fx.company}/customers`, { body: { displayName: "Other" } })).body;
    expect((await fx.call("POST", shipTo(), { body: { customerNumber: other.number, code: "HOME" } })).status).toBe(
      201,
    );
    const unknown = await fx.call("POST", shipTo(), { body: { customerNumber: "C99999", code: "X" } });
    expect(unknown.body.error.message).toContain(
      "The field Customer No. of table Ship-to Address contains a value (C99999) that cannot be found in the related table (Customer).",
    );
    const blank = await fx.call("POST", shipTo(), { body: { customerNumber: customer.number } });
    expect(blank.body.error.message).toContain("Code must have a value in Ship-to Address");
    const badMail = await fx.call("POST", shipTo(), {
      body: { customerNumber: customer.number, code: "M", email: "nope" },
    });
    expect(badMail.body.error.message).toContain('The email address "nope" is not valid.');
  });

  it("go with their customer when it is deleted", async () => {
    const customer = (await fx.call("POST", `${fx.company}/customers`, { body: { displayName: "Short-lived" } })).body;
    await fx.call("POST", shipTo(), { body: { customerNumber: customer.number, code: "A" } });
    await fx.call("POST", shipTo(), { body: { customerNumber: customer.number, code: "B" } });
    await fx.call("DELETE", `${fx.company}/customers(${customer.id})`, { headers: { "If-Match": "*" } });
    expect((await fx.call("GET", shipTo(`?$filter=customerNumber eq '${customer.number}'`))).body.value).toEqual([]);
  });
});
