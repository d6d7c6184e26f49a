import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Banner, BlockStack, EmptyState, Layout, Page, Text } from "@shopify/polaris";
import { useEffect } from "react";

import { loadLocationsPage, saveLocationForm } from "../.server/locations/locations-page.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { LocationCard, type LocationCardData, type LocationValues } from "../components/locations/location-card.tsx";
import { authenticate } from "../shopify.server.ts";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return loadLocationsPage(await shopIdFor(session.shop), { now: new Date() });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return saveLocationForm(await shopIdFor(session.shop), await request.formData(), { now: new Date() });
};

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

/** One card with its own save, so saving one location leaves the others' edits alone. */
function SavedLocationCard({ location, erp }: { location: LocationCardData; erp: PageData["erp"] }) {
  const fetcher = useFetcher<typeof action>();
  const shopify = useAppBridge();
  const result = fetcher.data;
  useEffect(() => {
    if (result?.ok) shopify.toast.show(result.message);
  }, [result, shopify]);
  const save = (values: LocationValues) => {
    const form = new FormData();
    form.set("location", location.shopifyLocationId);
    for (const code of values.erpLocationCodes) form.append("erpLocationCodes", code);
    form.set("stockCalculation", values.stockCalculation);
    form.set("defaultForProducts", String(values.defaultForProducts));
    fetcher.submit(form, { method: "post" });
  };
  return (
    <BlockStack gap="200">
      {result && !result.ok ? (
        <Banner tone="critical" title={`${location.name} was not saved`}>
          <p>{result.message}</p>
        </Banner>
      ) : null}
      <LocationCard
        location={location}
        calculations={erp.stockCalculations}
        perLocationStock={erp.perLocationStock}
        codesEditable={erp.status === "ready"}
        saving={fetcher.state !== "idle"}
        errors={result && !result.ok ? result.fieldErrors : {}}
        onSave={save}
      />
    </BlockStack>
  );
}

export default function Locations() {
  const { locations, storeWarning, erp } = useLoaderData<typeof loader>();
  return (
    <Page
      title="Locations"
      subtitle="Which ERP locations' stock each Shopify location shows. Read from your store on every visit."
      backAction={{ content: "Activity", url: "/app" }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {storeWarning ? (
              <Banner tone="warning" title="The store's locations could not be read">
                <p>{storeWarning}</p>
              </Banner>
            ) : null}
            {erp.warning ? (
              <Banner tone="warning" title="ERP locations">
                <p>{erp.warning}</p>
              </Banner>
            ) : null}
            {locations.length === 0 ? (
              <EmptyState heading="No locations yet" image="">
                <p>Your store's locations show here once Shopify has been read.</p>
              </EmptyState>
            ) : null}
            {locations.map((location) => (
              // Keyed by what is stored too: a save elsewhere (a cleared default) resets this card's form.
              <SavedLocationCard
                key={`${location.shopifyLocationId}|${location.erpLocationCodes.join(",")}|${location.stockCalculation}|${location.defaultForProducts}`}
                location={location}
                erp={erp}
              />
            ))}
            <Text as="p" tone="subdued">
              Stock of the chosen ERP locations is summed and sent by the inventory sync (Settings: Sync stock from the
              ERP to Shopify). Order lines take their ERP location from the Locations setting in Settings.
            </Text>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
