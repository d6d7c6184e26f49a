import { afterEach, beforeEach, describe, expect, it } from "vitest";

import {
  type B2bSandbox,
  createCompany,
  type CreatedCompany,
  startB2bSandbox,
  type UserErrors,
} from "./shopify-b2b-fixture.ts";
import { finished, jsonl } from "./shopify-catalog-fixture.ts";

const ORDER_CREATE = `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) {
  order {
    id name
    customer { id }
    purchasingEntity {
      __typename
      ... on Customer { id }
      ... on PurchasingCompany { company { id name } location { id name } contact { id isMainContact } }
    }
    paymentTerms { paymentTermsName paymentTermsType dueInDays paymentSchedules(first: 1) { nodes { issuedAt dueAt balanceDue { amount } } } }
  }
  userErrors { field message code } } }`;

type OrderResult = {
  orderCreate: {
    order: {
      id: string;
      name: string;
      customer: { id: string } | null;
      purchasingEntity: Record<string, unknown> | null;
      paymentTerms: {
        paymentTermsName: string;
        paymentTermsType: string;
        dueInDays: number | null;
        paymentSchedules: { nodes: { issuedAt: string; dueAt: string | null; balanceDue: { amount: string } }[] };
      } | null;
    } | null;
    userErrors: UserErrors;
  };
};

const LINE = { title: "Pallet", quantity: 2, priceSet: { shopMoney: { amount: "50.00", currencyCode: "USD" } } };

describe("orders placed by a B2B buyer in the sandbox store", () => {
  let sandbox: B2bSandbox;
  let company: CreatedCompany;
  beforeEach(async () => {
    sandbox = await startB2bSandbox();
    company = await createCompany(sandbox, {
      company: { name: "Buyer Corp" },
      companyContact: { email: "purchasing@buyer.example", firstName: "Paul" },
      companyLocation: {
        name: "Buyer HQ",
        buyerExperienceConfiguration: { paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/4" },
      },
    });
    await sandbox.clearWebhooks();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  const place = async (order: Record<string, unknown>) =>
    (await sandbox.gql<OrderResult>(ORDER_CREATE, { order })).data!.orderCreate;
  const hq = () => company.locations.nodes[0]!.id;

  it("an order for a company location is the company's, through the buyer's contact, on the location's Net 30 terms", async () => {
    const { order, userErrors } = await place({
      companyLocationId: hq(),
      customer: { toAssociate: { id: company.mainContact!.customer.id } },
      lineItems: [LINE],
    });
    expect(userErrors).toEqual([]);
    expect(order?.customer).toEqual({ id: company.mainContact!.customer.id });
    expect(order?.purchasingEntity).toEqual({
      __typename: "PurchasingCompany",
      company: { id: company.id, name: "Buyer Corp" },
      location: { id: hq(), name: "Buyer HQ" },
      contact: { id: company.mainContact!.id, isMainContact: true },
    });
    const terms = order!.paymentTerms!;
    expect(terms).toMatchObject({ paymentTermsName: "Net 30", paymentTermsType: "NET", dueInDays: 30 });
    const schedule = terms.paymentSchedules.nodes[0]!;
    expect(Date.parse(schedule.dueAt!) - Date.parse(schedule.issuedAt)).toBe(30 * 86_400_000);
    expect(schedule.balanceDue.amount).toBe("100.0");

    const [created, ...more] = await sandbox.delivered("orders/create");
    expect(more).toEqual([]);
    expect(created).toMatchObject({
      admin_graphql_api_id: order!.id,
      company: { id: Number(company.id.split("/").pop()), location_id: Number(hq().split("/").pop()) },
      payment_terms: {
        payment_terms_name: "Net 30",
        payment_terms_type: "NET",
        due_in_days: 30,
        payment_schedules: [{ amount: "100.00", due_at: schedule.dueAt, issued_at: schedule.issuedAt }],
      },
    });

    const counted = await sandbox.gql<{
      company: { ordersCount: { count: number }; orders: { nodes: { id: string }[] } };
    }>(`query($id: ID!) { company(id: $id) { ordersCount { count } orders(first: 5) { nodes { id } } } }`, {
      id: company.id,
    });
    expect(counted.data?.company).toEqual({ ordersCount: { count: 1 }, orders: { nodes: [{ id: order!.id }] } });
  });

  it("a consumer order's purchasing entity is its customer, with no company or terms in the payload", async () => {
    const customer = await sandbox.gql<{ customerCreate: { customer: { id: string } } }>(
      `mutation { customerCreate(input: { email: "consumer@example.com" }) { customer { id } } }`,
    );
    const id = customer.data!.customerCreate.customer.id;
    const { order } = await place({ customer: { toAssociate: { id } }, lineItems: [LINE] });
    expect(order?.purchasingEntity).toEqual({ __typename: "Customer", id });
    expect(order?.paymentTerms).toBeNull();
    const [created] = await sandbox.delivered("orders/create");
    expect(created).toMatchObject({ company: null, payment_terms: null });
  });

  it("refuses an unknown company location and a customer who is no contact of the company", async () => {
    expect(await place({ companyLocationId: "gid://shopify/CompanyLocation/1", lineItems: [LINE] })).toEqual({
      order: null,
      userErrors: [
        { field: ["order", "companyLocationId"], message: "Company location does not exist", code: "INVALID" },
      ],
    });
    const stranger = await sandbox.gql<{ customerCreate: { customer: { id: string } } }>(
      `mutation { customerCreate(input: { email: "stranger@example.com" }) { customer { id } } }`,
    );
    await sandbox.clearWebhooks();
    const refused = await place({
      companyLocationId: hq(),
      customer: { toAssociate: { id: stranger.data!.customerCreate.customer.id } },
      lineItems: [LINE],
    });
    expect(refused.userErrors).toEqual([
      {
        field: ["order", "customer"],
        message: "Customer is not a contact of the company location's company",
        code: "INVALID",
      },
    ]);
    expect(await sandbox.topics()).toEqual([]);
  });

  it("bulk-queries orders with their purchasing company", async () => {
    const { order: b2b } = await place({
      companyLocationId: hq(),
      customer: { toAssociate: { id: company.mainContact!.customer.id } },
      lineItems: [LINE],
    });
    const { order: anonymous } = await place({ lineItems: [LINE] });
    const query = `{ orders { edges { node { id purchasingEntity { __typename ... on PurchasingCompany { company { id } location { id } } } } } } }`;
    const started = await sandbox.gql<{ bulkOperationRunQuery: { bulkOperation: { id: string } } }>(
      `mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id } userErrors { field message } } }`,
      { q: query },
    );
    const op = await finished(sandbox, started.data!.bulkOperationRunQuery.bulkOperation.id);
    expect(op.status).toBe("COMPLETED");
    expect(await jsonl(op.url!)).toEqual([
      {
        id: b2b!.id,
        purchasingEntity: { __typename: "PurchasingCompany", company: { id: company.id }, location: { id: hq() } },
      },
      { id: anonymous!.id, purchasingEntity: null },
    ]);
  });
});
