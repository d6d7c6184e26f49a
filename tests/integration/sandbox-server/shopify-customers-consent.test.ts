import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type B2bSandbox, startB2bSandbox, type UserErrors } from "./shopify-b2b-fixture.ts";

const CREATE = `mutation($input: CustomerInput!) { customerCreate(input: $input) {
  customer {
    id taxExempt taxExemptions locale
    defaultEmailAddress { emailAddress marketingState marketingOptInLevel marketingUpdatedAt }
    defaultPhoneNumber { phoneNumber marketingState smsMarketingConsent { state optInLevel } }
  }
  userErrors { field message } } }`;

const EMAIL_CONSENT = `mutation($input: CustomerEmailMarketingConsentUpdateInput!) {
  customerEmailMarketingConsentUpdate(input: $input) {
    customer { id defaultEmailAddress { marketingState marketingOptInLevel marketingUpdatedAt } }
    userErrors { field message code } } }`;

const SMS_CONSENT = `mutation($input: CustomerSmsMarketingConsentUpdateInput!) {
  customerSmsMarketingConsentUpdate(input: $input) {
    customer { id defaultPhoneNumber { marketingState smsMarketingConsent { state optInLevel collectedFrom } } }
    userErrors { field message code } } }`;

type Customer = {
  id: string;
  taxExempt: boolean;
  taxExemptions: string[];
  locale: string;
  defaultEmailAddress: Record<string, unknown> | null;
  defaultPhoneNumber: Record<string, unknown> | null;
};

describe("customer tax exemptions and marketing consent in the sandbox store", () => {
  let sandbox: B2bSandbox;
  beforeEach(async () => {
    sandbox = await startB2bSandbox();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  async function create(input: Record<string, unknown>) {
    const body = await sandbox.gql<{ customerCreate: { customer: Customer | null; userErrors: UserErrors } }>(CREATE, {
      input,
    });
    return body.data!.customerCreate;
  }

  it("creates a customer with exemptions and consent, and the webhook carries them REST-shaped", async () => {
    const { customer, userErrors } = await create({
      email: "eva@example.com",
      phone: "+4915112345678",
      firstName: "Eva",
      locale: "de",
      taxExempt: true,
      taxExemptions: ["EU_REVERSE_CHARGE_EXEMPTION_RULE"],
      emailMarketingConsent: { marketingState: "SUBSCRIBED", marketingOptInLevel: "CONFIRMED_OPT_IN" },
      smsMarketingConsent: { marketingState: "SUBSCRIBED" },
    });
    expect(userErrors).toEqual([]);
    expect(customer).toMatchObject({
      taxExempt: true,
      taxExemptions: ["EU_REVERSE_CHARGE_EXEMPTION_RULE"],
      locale: "de",
      defaultEmailAddress: {
        emailAddress: "eva@example.com",
        marketingState: "SUBSCRIBED",
        marketingOptInLevel: "CONFIRMED_OPT_IN",
        marketingUpdatedAt: expect.any(String),
      },
      defaultPhoneNumber: {
        phoneNumber: "+4915112345678",
        marketingState: "SUBSCRIBED",
        smsMarketingConsent: { state: "SUBSCRIBED", optInLevel: "SINGLE_OPT_IN" },
      },
    });
    const [payload, ...more] = await sandbox.delivered("customers/create");
    expect(more).toEqual([]);
    expect(payload).toMatchObject({
      id: Number(customer!.id.split("/").pop()),
      admin_graphql_api_id: customer!.id,
      email: "eva@example.com",
      first_name: "Eva",
      last_name: null,
      phone: "+4915112345678",
      tax_exempt: true,
      tax_exemptions: ["EU_REVERSE_CHARGE_EXEMPTION_RULE"],
      email_marketing_consent: {
        state: "subscribed",
        opt_in_level: "confirmed_opt_in",
        consent_updated_at: expect.any(String),
      },
      sms_marketing_consent: { state: "subscribed", opt_in_level: "single_opt_in", consent_collected_from: "OTHER" },
      addresses: [],
      default_address: null,
    });
  });

  it("refuses an unknown TaxExemption as the schema does, and consent without the channel it is for", async () => {
    const badEnum = await sandbox.gql(CREATE, { input: { email: "x@example.com", taxExemptions: ["NOT_A_RULE"] } });
    expect(badEnum.data).toBeUndefined();
    expect(JSON.stringify(badEnum.errors)).toContain("Value 'NOT_A_RULE' does not exist in 'TaxExemption' enum.");
    const { customer, userErrors } = await create({
      firstName: "No Email",
      emailMarketingConsent: { marketingState: "SUBSCRIBED" },
    });
    expect(customer).toBeNull();
    expect(userErrors).toEqual([
      {
        field: ["emailMarketingConsent"],
        message: "An email address is required to set the email marketing consent state.",
      },
    ]);
  });

  it("customerUpdate sends consent changes to their own mutations; those change the state once and announce it", async () => {
    const { customer } = await create({ email: "max@example.com", phone: "+4917000000001" });
    const id = customer!.id;
    await sandbox.clearWebhooks();
    const viaUpdate = await sandbox.gql<{ customerUpdate: { userErrors: UserErrors } }>(
      `mutation($input: CustomerInput!) { customerUpdate(input: $input) { userErrors { field message } } }`,
      { input: { id, emailMarketingConsent: { marketingState: "SUBSCRIBED" } } },
    );
    expect(viaUpdate.data?.customerUpdate.userErrors).toEqual([
      {
        field: ["emailMarketingConsent"],
        message: "To update emailMarketingConsent, please use the customerEmailMarketingConsentUpdate Mutation instead",
      },
    ]);

    const email = await sandbox.gql<{
      customerEmailMarketingConsentUpdate: { customer: Customer | null; userErrors: UserErrors };
    }>(EMAIL_CONSENT, {
      input: {
        customerId: id,
        emailMarketingConsent: { marketingState: "SUBSCRIBED", consentUpdatedAt: "2026-11-01T10:00:00Z" },
      },
    });
    expect(email.data?.customerEmailMarketingConsentUpdate).toEqual({
      customer: {
        id,
        defaultEmailAddress: {
          marketingState: "SUBSCRIBED",
          marketingOptInLevel: "SINGLE_OPT_IN",
          marketingUpdatedAt: "2026-11-01T10:00:00Z",
        },
      },
      userErrors: [],
    });
    const sms = await sandbox.gql<{
      customerSmsMarketingConsentUpdate: { customer: Customer | null; userErrors: UserErrors };
    }>(SMS_CONSENT, { input: { customerId: id, smsMarketingConsent: { marketingState: "UNSUBSCRIBED" } } });
    expect(sms.data?.customerSmsMarketingConsentUpdate.customer?.defaultPhoneNumber).toEqual({
      marketingState: "UNSUBSCRIBED",
      smsMarketingConsent: { state: "UNSUBSCRIBED", optInLevel: "SINGLE_OPT_IN", collectedFrom: "OTHER" },
    });

    expect(await sandbox.topics()).toEqual([
      "customers/update",
      "customers_email_marketing_consent/update",
      "customers/update",
      "customers_marketing_consent/update",
    ]);
    const updates = await sandbox.delivered("customers/update");
    expect(updates.map((u) => [u.email_marketing_consent, u.sms_marketing_consent])).toEqual([
      [
        { state: "subscribed", opt_in_level: "single_opt_in", consent_updated_at: "2026-11-01T10:00:00Z" },
        { state: "not_subscribed", opt_in_level: null, consent_updated_at: null, consent_collected_from: "OTHER" },
      ],
      [
        { state: "subscribed", opt_in_level: "single_opt_in", consent_updated_at: "2026-11-01T10:00:00Z" },
        {
          state: "unsubscribed",
          opt_in_level: "single_opt_in",
          consent_updated_at: expect.any(String),
          consent_collected_from: "OTHER",
        },
      ],
    ]);
    expect(await sandbox.delivered("customers_email_marketing_consent/update")).toEqual([
      {
        customer_id: Number(id.split("/").pop()),
        email_address: "max@example.com",
        email_marketing_consent: {
          state: "subscribed",
          opt_in_level: "single_opt_in",
          consent_updated_at: "2026-11-01T10:00:00Z",
        },
      },
    ]);
  });

  it("refuses consent updates for unknown customers, states only Shopify sets, and customers without the channel", async () => {
    const { customer } = await create({ firstName: "Nameonly" });
    await sandbox.clearWebhooks();
    const run = async (input: Record<string, unknown>) =>
      (
        await sandbox.gql<{ customerEmailMarketingConsentUpdate: { customer: unknown; userErrors: UserErrors } }>(
          EMAIL_CONSENT,
          { input },
        )
      ).data!.customerEmailMarketingConsentUpdate;
    expect(
      await run({
        customerId: "gid://shopify/Customer/999999",
        emailMarketingConsent: { marketingState: "SUBSCRIBED" },
      }),
    ).toEqual({
      customer: null,
      userErrors: [{ field: ["input", "customerId"], message: "Customer not found", code: "INVALID" }],
    });
    expect(
      (await run({ customerId: customer!.id, emailMarketingConsent: { marketingState: "SUBSCRIBED" } })).userErrors,
    ).toEqual([
      {
        field: ["input", "emailMarketingConsent"],
        message: "Customer must have an email address to update email marketing consent.",
        code: "INVALID",
      },
    ]);
    const { customer: withEmail } = await create({ email: "redact@example.com" });
    await sandbox.clearWebhooks();
    expect(
      (await run({ customerId: withEmail!.id, emailMarketingConsent: { marketingState: "REDACTED" } })).userErrors,
    ).toEqual([
      {
        field: ["input", "emailMarketingConsent", "marketingState"],
        message: "Marketing state is not included in the list",
        code: "INCLUSION",
      },
    ]);
    expect(await sandbox.topics()).toEqual([]);
  });
});
