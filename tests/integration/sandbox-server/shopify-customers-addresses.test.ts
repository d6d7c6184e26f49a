import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type B2bSandbox, startB2bSandbox, type UserErrors } from "./shopify-b2b-fixture.ts";
import { SHOP } from "./shopify-catalog-fixture.ts";

const ADDRESS = "address { id address1 city countryCodeV2 zip }";
const ADDRESS_CREATE = `mutation($customerId: ID!, $address: MailingAddressInput!, $setAsDefault: Boolean) {
  customerAddressCreate(customerId: $customerId, address: $address, setAsDefault: $setAsDefault) {
    ${ADDRESS} userErrors { field message } } }`;
const ADDRESS_UPDATE = `mutation($customerId: ID!, $addressId: ID!, $address: MailingAddressInput!) {
  customerAddressUpdate(customerId: $customerId, addressId: $addressId, address: $address) {
    ${ADDRESS} userErrors { field message } } }`;
const ADDRESS_DELETE = `mutation($customerId: ID!, $addressId: ID!) {
  customerAddressDelete(customerId: $customerId, addressId: $addressId) { deletedAddressId userErrors { field message } } }`;
const SET_DEFAULT = `mutation($customerId: ID!, $addressId: ID!) {
  customerUpdateDefaultAddress(customerId: $customerId, addressId: $addressId) {
    customer { defaultAddress { id } addressesV2(first: 10) { nodes { id } } } userErrors { field message } } }`;
const DELETE = `mutation($id: ID!) { customerDelete(input: { id: $id }) { deletedCustomerId shop { id } userErrors { field message } } }`;

type Address = { id: string; address1: string; city: string; countryCodeV2: string; zip: string };

describe("customer addresses and deleting customers in the sandbox store", () => {
  let sandbox: B2bSandbox;
  let customerId: string;
  beforeEach(async () => {
    sandbox = await startB2bSandbox();
    const created = await sandbox.gql<{ customerCreate: { customer: { id: string } } }>(
      `mutation { customerCreate(input: { email: "addr@example.com", firstName: "Ada" }) { customer { id } } }`,
    );
    customerId = created.data!.customerCreate.customer.id;
    await sandbox.clearWebhooks();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  const createAddress = async (address: Record<string, unknown>, setAsDefault?: boolean) =>
    (
      await sandbox.gql<{ customerAddressCreate: { address: Address | null; userErrors: UserErrors } }>(
        ADDRESS_CREATE,
        {
          customerId,
          address,
          setAsDefault,
        },
      )
    ).data!.customerAddressCreate;

  it("adds, changes, makes default and deletes addresses, each change one customers/update with the addresses", async () => {
    const first = await createAddress({ address1: "Hauptstr. 1", city: "Berlin", countryCode: "DE", zip: "10115" });
    expect(first).toEqual({
      address: {
        id: expect.stringMatching(/^gid:\/\/shopify\/MailingAddress\/\d+\?model_name=CustomerAddress$/),
        address1: "Hauptstr. 1",
        city: "Berlin",
        countryCodeV2: "DE",
        zip: "10115",
      },
      userErrors: [],
    });
    const second = await createAddress({ address1: "Elbchaussee 2", city: "Hamburg", countryCode: "DE", zip: "22763" });
    const updated = await sandbox.gql<{ customerAddressUpdate: { address: Address; userErrors: UserErrors } }>(
      ADDRESS_UPDATE,
      { customerId, addressId: second.address!.id, address: { zip: "22765" } },
    );
    expect(updated.data?.customerAddressUpdate.address).toMatchObject({ city: "Hamburg", zip: "22765" });
    const madeDefault = await sandbox.gql<{
      customerUpdateDefaultAddress: {
        customer: { defaultAddress: { id: string }; addressesV2: { nodes: { id: string }[] } };
      };
    }>(SET_DEFAULT, { customerId, addressId: second.address!.id });
    expect(madeDefault.data?.customerUpdateDefaultAddress.customer.defaultAddress.id).toBe(second.address!.id);
    const deleted = await sandbox.gql<{ customerAddressDelete: { deletedAddressId: string; userErrors: UserErrors } }>(
      ADDRESS_DELETE,
      { customerId, addressId: first.address!.id },
    );
    expect(deleted.data?.customerAddressDelete).toEqual({ deletedAddressId: first.address!.id, userErrors: [] });

    expect(await sandbox.topics()).toEqual(Array(5).fill("customers/update"));
    const payloads = await sandbox.delivered("customers/update");
    // The first address became the default by itself; the last payload has only the second, as default.
    expect(payloads[0]).toMatchObject({
      default_address: { address1: "Hauptstr. 1", country_code: "DE", default: true },
    });
    expect(payloads.at(-1)).toMatchObject({
      addresses: [{ address1: "Elbchaussee 2", zip: "22765", default: true }],
      default_address: { address1: "Elbchaussee 2", city: "Hamburg", zip: "22765" },
    });
    expect(payloads.at(-1)!.addresses).toHaveLength(1);
  });

  it("refuses a duplicate address, unknown ids and deleting the default address while others remain", async () => {
    const home = { address1: "Hauptstr. 1", city: "Berlin", countryCode: "DE", zip: "10115" };
    const first = await createAddress(home);
    await createAddress({ address1: "Nebenstr. 2", city: "Berlin", countryCode: "DE", zip: "10117" });
    await sandbox.clearWebhooks();
    expect(await createAddress(home)).toEqual({
      address: null,
      userErrors: [{ field: ["address"], message: "Address already exists" }],
    });
    const unknown = await sandbox.gql<{ customerAddressUpdate: { address: null; userErrors: UserErrors } }>(
      ADDRESS_UPDATE,
      { customerId, addressId: "gid://shopify/MailingAddress/1?model_name=CustomerAddress", address: { zip: "1" } },
    );
    expect(unknown.data?.customerAddressUpdate).toEqual({
      address: null,
      userErrors: [{ field: ["addressId"], message: "Address does not exist" }],
    });
    const defaultDelete = await sandbox.gql<{
      customerAddressDelete: { deletedAddressId: null; userErrors: UserErrors };
    }>(ADDRESS_DELETE, { customerId, addressId: first.address!.id });
    expect(defaultDelete.data?.customerAddressDelete).toEqual({
      deletedAddressId: null,
      userErrors: [{ field: ["addressId"], message: "Cannot delete the customer's default address" }],
    });
    expect(await sandbox.topics()).toEqual([]);
  });

  it("customerDelete removes the customer and sends customers/delete once; a customer with orders stays", async () => {
    const gone = await sandbox.gql<{ customerDelete: { deletedCustomerId: string; userErrors: UserErrors } }>(DELETE, {
      id: customerId,
    });
    expect(gone.data?.customerDelete).toEqual({
      deletedCustomerId: customerId,
      shop: { id: expect.any(String) },
      userErrors: [],
    });
    const after = await sandbox.gql<{ customer: null }>(`query($id: ID!) { customer(id: $id) { id } }`, {
      id: customerId,
    });
    expect(after.data?.customer).toBeNull();
    expect(await sandbox.delivered("customers/delete")).toEqual([
      {
        id: Number(customerId.split("/").pop()),
        admin_graphql_api_id: customerId,
        phone: null,
        addresses: [],
        tax_exemptions: [],
        email_marketing_consent: null,
        sms_marketing_consent: null,
      },
    ]);

    const buyer = await sandbox.gql<{ customerCreate: { customer: { id: string } } }>(
      `mutation { customerCreate(input: { email: "buyer@example.com" }) { customer { id } } }`,
    );
    const buyerId = buyer.data!.customerCreate.customer.id;
    const order = await sandbox.gql<{ orderCreate: { userErrors: UserErrors } }>(
      `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { userErrors { field message } } }`,
      {
        order: {
          customer: { toAssociate: { id: buyerId } },
          lineItems: [
            { title: "Thing", quantity: 1, priceSet: { shopMoney: { amount: "5.00", currencyCode: "USD" } } },
          ],
        },
      },
    );
    expect(order.data?.orderCreate.userErrors).toEqual([]);
    const kept = await sandbox.gql<{ customerDelete: { deletedCustomerId: null; userErrors: UserErrors } }>(DELETE, {
      id: buyerId,
    });
    expect(kept.data?.customerDelete.userErrors).toEqual([
      { field: ["id"], message: "Customer can’t be deleted because they have associated orders" },
    ]);
    const missing = await sandbox.gql<{ customerDelete: { userErrors: UserErrors } }>(DELETE, { id: customerId });
    expect(missing.data?.customerDelete.userErrors).toEqual([{ field: ["id"], message: "Customer does not exist" }]);
    expect(await sandbox.delivered("customers/delete")).toHaveLength(1);
  });

  it("announces a change another app makes (the merchant's admin, say) to our app as well, once", async () => {
    sandbox.server.registerApp({
      apiKey: "merchant-admin",
      apiSecret: "merchant-secret",
      appUrl: "http://127.0.0.1:1",
    });
    const { accessToken } = sandbox.server.installApp(SHOP, "merchant-admin");
    const changed = await sandbox.gql<{ customerAddressCreate: { userErrors: UserErrors } }>(
      ADDRESS_CREATE,
      { customerId, address: { address1: "Admin Weg 3", city: "Köln", countryCode: "DE" } },
      accessToken,
    );
    expect(changed.data?.customerAddressCreate.userErrors).toEqual([]);
    const [payload, ...more] = await sandbox.delivered("customers/update");
    expect(more).toEqual([]);
    expect(payload).toMatchObject({ admin_graphql_api_id: customerId, default_address: { address1: "Admin Weg 3" } });
  });
});
