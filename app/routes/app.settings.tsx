import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import {
  Banner,
  BlockStack,
  Card,
  Checkbox,
  FormLayout,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";

import { shopIdFor } from "../.server/shops/current-shop.ts";
import { loadSettingsForm, saveSettingsForm, type SettingsFormField } from "../.server/shops/settings-form.ts";
import { settingsOptions } from "../.server/shops/settings-options.ts";
import { authenticate } from "../shopify.server.ts";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return { values: await loadSettingsForm(await shopIdFor(session.shop)), options: settingsOptions };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return saveSettingsForm(await shopIdFor(session.shop), await request.formData());
};

type FieldValues = Record<string, string>;

export default function Settings() {
  const { values, options } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const saving = useNavigation().state === "submitting";
  const shopify = useAppBridge();
  const [fields, setFields] = useState<FieldValues>(() => values);
  const errors = result && !result.ok ? result.fieldErrors : {};

  useEffect(() => {
    if (result?.ok) {
      setFields(result.values);
      shopify.toast.show("Settings saved");
    }
  }, [result, shopify]);

  // Only offered fields can be rendered (the type says so), and each gets its name as its id so the
  // setup guide can link straight to it (/app/settings#orders.shippingChargesAccount).
  const text = (name: SettingsFormField) => ({
    value: fields[name] ?? "",
    onChange: (value: string) => setFields((f) => ({ ...f, [name]: value })),
    error: errors[name],
    name,
    id: name,
    autoComplete: "off",
  });
  const check = (name: SettingsFormField) => ({
    checked: fields[name] === "true",
    onChange: (checked: boolean) => setFields((f) => ({ ...f, [name]: String(checked) })),
    name,
    id: name,
  });
  const choice = (name: SettingsFormField) => text(name);

  return (
    <Page
      title="Settings"
      primaryAction={{ content: "Save", loading: saving, onAction: () => submit(fields, { method: "post" }) }}
    >
      <BlockStack gap="400">
        {result && !result.ok ? (
          <Banner tone="critical" title="The settings were not saved">
            <p>Correct the fields marked below and save again.</p>
          </Banner>
        ) : null}
        <Layout>
          <Layout.AnnotatedSection
            title="General"
            description="How Run now runs, and whether any write leaves the app. Schedules are set on the Job queue page."
          >
            <Card>
              <FormLayout>
                <Checkbox
                  label="Allow background syncs"
                  helpText="On: Run now starts a task in the background and you can go on (a message links to the run). Off: the Job queue page shows the run's progress until it ends. Scheduled entries run either way; put them on hold on the Job queue page."
                  {...check("allowBackgroundSyncs")}
                />
                <Checkbox
                  label="Allow outgoing writes"
                  helpText="Off: syncs read but record their writes as skipped."
                  {...check("allowOutgoingWrites")}
                />
                <Select label="Logging" options={options.logging} {...choice("logging")} />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title="Orders" description="How Shopify orders become ERP sales documents.">
            <Card>
              <FormLayout>
                <Checkbox label="Import orders" {...check("orders.importEnabled")} />
                <TextField
                  label="Import orders created since"
                  type="date"
                  helpText="Empty: open orders only on the first run."
                  {...text("orders.importSince")}
                />
                <Checkbox label="Create ERP documents right after import" {...check("orders.autoProcess")} />
                <Select label="Document type" options={options.documentTypes} {...choice("orders.documentType")} />
                <Checkbox
                  label="Use the Shopify order number as the ERP document number"
                  helpText="The ERP's number series must allow manual numbers."
                  {...check("orders.useOrderNameAsDocumentNo")}
                />
                <Select label="Document currency" options={options.currencies} {...choice("orders.currency")} />
                <Checkbox
                  label="Write the ERP document number back to the Shopify order"
                  {...check("orders.writeBackDocumentNo")}
                />
                <Checkbox label="Import paid orders only" {...check("orders.filters.onlyPaid")} />
                <Checkbox label="Skip high-risk orders" {...check("orders.filters.excludeHighRisk")} />
                <TextField
                  label="Only these sales channels"
                  helpText="Comma-separated; empty: all channels."
                  {...text("orders.filters.channels")}
                />
                <TextField
                  label="Only orders with one of these tags"
                  helpText="Comma-separated; empty: all orders."
                  {...text("orders.filters.tags")}
                />
                <TextField label="Shipping charges account" {...text("orders.shippingChargesAccount")} />
                <TextField
                  label="Shipping methods"
                  helpText="One per line: Shopify shipping title or code = ERP account no., or item:<no.> / charge:<no.> (overrides the account above)."
                  multiline={3}
                  {...text("orders.shippingMethods")}
                />
                <TextField label="Tip account" {...text("orders.tipAccount")} />
                <TextField label="Sold gift card account" {...text("orders.giftCardAccount")} />
                <TextField
                  label="Locations"
                  helpText="One per line: Shopify location id = ERP location code."
                  multiline={2}
                  {...text("orders.locations")}
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            title="Customers"
            description="Which ERP customer an order goes to, which customers are imported (Job queue → Sync customers), and how their ERP fields are built."
          >
            <Card>
              <FormLayout>
                <Select label="Customer import" options={options.customerImports} {...choice("customers.import")} />
                <Select label="Customer mapping" options={options.customerMappings} {...choice("customers.mapping")} />
                <TextField label="Default customer no." {...text("customers.defaultCustomerNo")} />
                <TextField
                  label="Default customer per ship-to country"
                  helpText="One per line: country code = ERP customer no. Wins over the mapping."
                  multiline={2}
                  {...text("customers.defaultCustomerByCountry")}
                />
                <Checkbox label="Create unknown customers in the ERP" {...check("customers.createUnknownInErp")} />
                <TextField
                  label="Customer template"
                  helpText="New customers get this template's terms: a customer template code (e.g. CUSTOMER PERSON), or the number of an ERP customer to copy tax, payment and shipment terms from."
                  {...text("customers.templateCustomerNo")}
                />
                <TextField
                  label="Customer template per country"
                  helpText="One per line: country code = template code or customer no. Wins over the template above for customers of that country."
                  multiline={2}
                  {...text("customers.templateCustomerByCountry")}
                />
                <Checkbox
                  label="Shopify can update ERP customers"
                  helpText="Changes of a linked Shopify customer (name, e-mail, phone, address) are written to its ERP customer."
                  {...check("customers.shopifyCanUpdateErp")}
                />
                <Checkbox
                  label="Can update Shopify customers"
                  helpText="Changes of a linked ERP customer are written to Shopify. Only one direction can be on."
                  {...check("customers.canUpdateShopify")}
                />
                <FormLayout.Group>
                  <Select label="Name from" options={options.nameSources} {...choice("customers.nameSource")} />
                  <Select label="Name 2 from" options={options.nameSources} {...choice("customers.name2Source")} />
                  <Select label="Contact from" options={options.nameSources} {...choice("customers.contactSource")} />
                </FormLayout.Group>
                <Select label="County from" options={options.countySources} {...choice("customers.countySource")} />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            title="Companies"
            description="B2B companies (Job queue → Sync companies): which ERP customer a company and its locations are, and which way they are kept in step. Name and address fields follow the customer settings above."
          >
            <Card>
              <FormLayout>
                <Select label="Company import" options={options.companyImports} {...choice("companies.import")} />
                <Select label="Company mapping" options={options.companyMappings} {...choice("companies.mapping")} />
                <Select
                  label="Match the tax id to"
                  options={options.companyTaxIdFields}
                  helpText="The ERP field a company location's tax id is matched to and written in."
                  {...choice("companies.taxIdField")}
                />
                <TextField label="Default company (ERP customer no.)" {...text("companies.defaultCompanyNo")} />
                <Checkbox label="Create unknown companies in the ERP" {...check("companies.createUnknownInErp")} />
                <TextField
                  label="Company template"
                  helpText="A customer template code (e.g. CUSTOMER COMPANY), or the number of an ERP customer to copy terms from."
                  {...text("companies.templateCustomerNo")}
                />
                <Select
                  label="Company locations"
                  options={options.companyLocationCustomers}
                  {...choice("companies.locationCustomers")}
                />
                <TextField
                  label="Payment terms"
                  helpText="One per line: Shopify payment terms = ERP payment terms code (e.g. Net 30 = 30 DAYS)."
                  multiline={2}
                  {...text("companies.paymentTerms")}
                />
                <Checkbox
                  label="Shopify can update ERP companies"
                  helpText="Changes of a linked Shopify company (name, main contact, address, tax id) are written to its ERP customer."
                  {...check("companies.shopifyCanUpdateErp")}
                />
                <Checkbox
                  label="Can update Shopify companies"
                  helpText="Changes of a linked ERP customer (name, address) are written to its Shopify company. Only one direction can be on."
                  {...check("companies.canUpdateShopify")}
                />
                <Select
                  label="Contact permission of companies added to Shopify"
                  options={options.contactPermissions}
                  {...choice("companies.defaultContactPermission")}
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            title="Products"
            description="Which way products sync (when: Job queue → Sync products), and how a Shopify SKU finds its ERP item, for products and order lines alike."
          >
            <Card>
              <FormLayout>
                <Select
                  label="Product sync"
                  options={options.syncDirections}
                  helpText="ERP → Shopify: your ERP items become Shopify products and variants, kept up to date. Shopify → ERP: Shopify products are matched to ERP items, and created there when allowed below. Only one way at a time; Off: no product sync (order lines are still matched by SKU)."
                  {...choice("products.direction")}
                />
                {fields["products.direction"] === "erp_to_shopify" ? (
                  <Checkbox
                    label="Update products already in Shopify"
                    helpText="On: changes to an ERP item (title, description, barcode, weight…) are written to its Shopify product. Off: the sync only creates products for new items and leaves existing ones as they are in Shopify."
                    {...check("products.canUpdateShopify")}
                  />
                ) : null}
                {fields["products.direction"] === "shopify_to_erp" ? (
                  <Checkbox
                    label="Update ERP items from Shopify"
                    helpText="On: a mapped Shopify product's title becomes its ERP item's description when it changes. Off: mapped items stay as they are in the ERP."
                    {...check("products.shopifyCanUpdateItems")}
                  />
                ) : null}
                <Select
                  label="SKU mapping"
                  options={options.productMappings}
                  helpText="How a Shopify SKU names an ERP item: used to match products and order lines, and to write the SKUs of products made from ERP items."
                  {...choice("products.mapping")}
                />
                <TextField
                  label="SKU separator"
                  helpText="Between item number and variant code, e.g. 1000-RED (with the “item number + separator + variant code” mapping)."
                  {...text("products.skuSeparator")}
                />
                <Checkbox
                  label="Find items by barcode when the SKU finds none"
                  helpText="A variant whose SKU matches no ERP item is looked up by its barcode (the item's GTIN or item references)."
                  {...check("products.findByBarcode")}
                />
                <Checkbox
                  label="Create unknown items in the ERP"
                  helpText="A Shopify product or order line that matches no ERP item is created as a new item. Off: it waits on the unmapped products list, where you map, create or ignore it."
                  {...check("products.createUnknownInErp")}
                />
                {fields["products.direction"] === "shopify_to_erp" ? (
                  <TextField
                    label="Item template no."
                    helpText="Items created from Shopify products copy their type, unit of measure and posting groups from this existing ERP item. Empty: the ERP's defaults."
                    {...text("products.itemTemplateNo")}
                  />
                ) : null}
                <Select
                  label="Status of products created in Shopify"
                  options={options.createdProductStatuses}
                  helpText="ERP → Shopify: what a new product is when it arrives in your store. Draft lets you check it before it goes on sale."
                  {...choice("products.statusForCreated")}
                />
                <Select
                  label="When an ERP item is blocked"
                  options={options.blockedItemActions}
                  helpText="What happens to the Shopify product of an item that is blocked, or blocked for sales, in the ERP."
                  {...choice("products.blockedAction")}
                />
                <Checkbox
                  label="Shopify tracks the stock of new variants"
                  helpText="Variants the sync creates count their stock in Shopify (the stock itself comes from the inventory sync)."
                  {...check("products.inventoryTracked")}
                />
                <Select
                  label="When a new variant is out of stock"
                  options={options.inventoryPolicies}
                  helpText="For variants the sync creates; change single products in Shopify."
                  {...choice("products.inventoryPolicy")}
                />
                <TextField
                  label="Vendor of new products"
                  helpText="Used when the ERP item names no vendor. Empty: your shop's name."
                  {...text("products.defaultVendor")}
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            title="Prices and images"
            description="Where Shopify prices come from in the ERP (when: Job queue → Sync prices), and which way pictures go (Sync images)."
          >
            <Card>
              <FormLayout>
                <TextField
                  label="Customer price group"
                  helpText="The ERP's prices for this group are your store's prices. Empty: the prices for all customers."
                  {...text("prices.customerPriceGroup")}
                />
                <Checkbox
                  label="ERP prices include tax"
                  helpText="Turn on when the ERP's prices have tax (VAT) included, as your store shows them. Off: the ERP's prices are before tax."
                  {...check("prices.pricesIncludeTax")}
                />
                <Checkbox
                  label="Send the unit cost to Shopify"
                  helpText="The item's unit cost becomes the variant's cost per item in Shopify, for its profit reports."
                  {...check("prices.syncUnitCost")}
                />
                <Select
                  label="Picture sync"
                  options={options.syncDirections}
                  helpText="ERP → Shopify: an item's picture becomes its product's image, and a variant's own picture its variant's image, replaced when the picture changes (your own images stay). Shopify → ERP: a product's first image becomes its item's picture. Off: pictures are not synced."
                  {...choice("images.direction")}
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            title="Stock"
            description="ERP stock per location becomes Shopify's stock (when: Job queue → Sync inventory)."
          >
            <Card>
              <FormLayout>
                <Checkbox
                  label="Sync stock from the ERP to Shopify"
                  helpText={
                    <>
                      Only Shopify locations that have their ERP locations on the{" "}
                      <Link to="/app/locations">Locations</Link> page get stock, counted by the stock calculation chosen
                      there. Fulfilment services&apos; locations keep their own stock.
                    </>
                  }
                  {...check("inventory.enabled")}
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            title="Shipments"
            description="Posted ERP shipments become Shopify fulfillments with their tracking numbers (when: Job queue → Sync shipments)."
          >
            <Card>
              <FormLayout>
                <Checkbox
                  label="Send the shipping confirmation to the customer"
                  {...check("shipments.notifyCustomer")}
                />
                <TextField
                  label="Carriers"
                  helpText="One per line: ERP shipping agent code = tracking company, optionally | a tracking URL with {number}. Unlisted agents go as their code."
                  multiline={3}
                  {...text("shipments.carriers")}
                />
                <TextField
                  label="Own fulfillment service handle"
                  helpText="Fulfillment requests to this service are accepted before fulfilling; other services' lines are skipped."
                  {...text("shipments.fulfillmentServiceHandle")}
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            title="Payments"
            description="What a payment of a processed order (a successful sale or capture) becomes in the ERP (Job queue → Sync payments): a customer payment applied to the order's posted invoice, once per Shopify transaction."
          >
            <Card>
              <FormLayout>
                <Select label="Payments" options={options.paymentProcesses} {...choice("payments.process")} />
                <TextField
                  label="Payment methods"
                  helpText="One per line: gateway, or gateway/card brand = ERP payment method code, or skip (e.g. shopify_payments/Visa = VISA, manual = CASH, gift_card = skip)."
                  multiline={3}
                  {...text("payments.methods")}
                />
                <TextField
                  label="Default payment method"
                  helpText="For gateways not named above. Empty: their payments are listed in error until mapped."
                  {...text("payments.defaultMethod")}
                />
                <TextField
                  label="Payment journal"
                  helpText="The ERP journal payments are recorded in (Business Central: a customer payment journal batch, e.g. one balancing to a Shopify clearing account). Empty: the first one."
                  {...text("payments.journal")}
                />
                <Select
                  label="Shopify Payments payouts"
                  helpText="Read by Sync payments, so payouts need Payments above on (import only at least)."
                  options={options.payoutProcesses}
                  {...choice("payments.payouts")}
                />
                <TextField
                  label="Payout journal"
                  helpText="The ERP journal payouts are recorded in (Business Central: a general journal batch). Empty: the first one."
                  {...text("payments.payoutJournal")}
                />
                <TextField
                  label="Payout bank account"
                  helpText="Where the payout's net arrives."
                  {...text("payments.bankAccount")}
                />
                <TextField
                  label="Payout clearing account"
                  helpText="The G/L account the payment journal balances to; each payout moves its gross out of it."
                  {...text("payments.clearingAccount")}
                />
                <TextField
                  label="Payout fee account"
                  helpText="Shopify Payments' processing fees."
                  {...text("payments.feeAccount")}
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            title="Refunds"
            description="What a refund of a processed order becomes in the ERP (Job queue → Process refunds). Refunded shipping goes to the shipping charges account above."
          >
            <Card>
              <FormLayout>
                <Select label="Refunds" options={options.refundProcesses} {...choice("refunds.process")} />
                <TextField
                  label="Refund account"
                  helpText="G/L account for cancelled lines and for the difference between what was paid back and the lines."
                  {...text("refunds.refundAccount")}
                />
                <TextField
                  label="Refund account for items not restocked"
                  helpText="Empty: such lines are item lines too."
                  {...text("refunds.nonRestockAccount")}
                />
                <Select
                  label="Returned units go to"
                  options={options.returnLocationPriorities}
                  {...choice("refunds.returnLocationPriority")}
                />
                <TextField label="Default return location" {...text("refunds.defaultReturnLocation")} />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            title="Posting"
            description="Which ERP documents made from Shopify orders are posted, in batches (when: Job queue → Post ERP documents, on hold until you resume it)."
          >
            <Card>
              <FormLayout>
                <Checkbox label="Only orders fulfilled in Shopify" {...check("posting.onlyFulfilled")} />
                <Checkbox label="Only paid orders" {...check("posting.onlyPaid")} />
                <TextField
                  label="Only documents older than (hours)"
                  type="number"
                  {...text("posting.olderThanHours")}
                />
                <TextField label="Documents per batch" type="number" {...text("posting.batchSize")} />
                <Checkbox
                  label="Close the Shopify order once it is paid, fulfilled and posted"
                  {...check("posting.closeShopifyOrders")}
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            title="Run history"
            description="Every run of every task is kept on the Runs page for this long, then removed."
          >
            <Card>
              <FormLayout>
                <TextField
                  label="Keep run history for (days)"
                  type="number"
                  helpText="1 to 365 days."
                  {...text("runs.keepDays")}
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
        </Layout>
        <Text as="p" tone="subdued">
          Changes apply to the next run of each task.
        </Text>
      </BlockStack>
    </Page>
  );
}
