import { Badge, BlockStack, Button, Card, Checkbox, ChoiceList, InlineStack, Select, Text } from "@shopify/polaris";
import { useState } from "react";

/** One Shopify location as the page's loader serves it (see locations-page.ts LocationCard). */
export interface LocationCardData {
  shopifyLocationId: string;
  legacyId: string;
  name: string;
  isActive: boolean;
  fulfillmentService: string | null;
  removed: string | null;
  editable: boolean;
  erpLocationCodes: string[];
  stockCalculation: string;
  defaultForProducts: boolean;
  codeChoices: { value: string; label: string }[];
}

export interface LocationValues {
  erpLocationCodes: string[];
  stockCalculation: string;
  defaultForProducts: boolean;
}

export type LocationFieldErrors = Partial<
  Record<"location" | "erpLocationCodes" | "stockCalculation" | "defaultForProducts", string>
>;

/**
 * A Shopify location and what the ERP counts for it. A fulfilment service's location and a
 * removed one are shown for what they are, with nothing to edit; the others save on their own.
 */
export function LocationCard({
  location,
  calculations,
  perLocationStock,
  codesEditable,
  saving,
  errors,
  onSave,
}: {
  location: LocationCardData;
  calculations: { value: string; label: string; description: string }[];
  perLocationStock: boolean;
  /** The ERP's list is here, so codes can be chosen (else the stored ones are shown). */
  codesEditable: boolean;
  saving: boolean;
  errors: LocationFieldErrors;
  onSave: (values: LocationValues) => void;
}) {
  const [values, setValues] = useState<LocationValues>({
    erpLocationCodes: location.erpLocationCodes,
    stockCalculation: location.stockCalculation,
    defaultForProducts: location.defaultForProducts,
  });
  const calculation = calculations.find((c) => c.value === values.stockCalculation);
  const codesText =
    location.erpLocationCodes.length > 0 ? location.erpLocationCodes.join(" + ") : "none: stock is not synced here";

  return (
    <div data-location={location.shopifyLocationId} data-location-name={location.name}>
      <Card>
        <BlockStack gap="300">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h2" variant="headingMd">
              {location.name}
            </Text>
            {location.removed ? (
              <Badge>Removed</Badge>
            ) : (
              <Badge tone={location.isActive ? "success" : undefined}>
                {location.isActive ? "Active" : "Inactive"}
              </Badge>
            )}
            {location.fulfillmentService ? (
              <Badge tone="info">{`Fulfilment service: ${location.fulfillmentService}`}</Badge>
            ) : null}
            {location.defaultForProducts ? <Badge tone="attention">Default for new products</Badge> : null}
            <Text as="span" tone="subdued">
              {`id ${location.legacyId}`}
            </Text>
          </InlineStack>
          {errors.location ? (
            <Text as="p" tone="critical">
              {`This location ${errors.location}.`}
            </Text>
          ) : null}
          {location.removed ? (
            <Text as="p" tone="subdued">
              {`${location.removed}. Its mapping is kept for the history and nothing is synced to it. ERP locations: ${codesText}.`}
            </Text>
          ) : location.fulfillmentService ? (
            <Text as="p" tone="subdued">
              Keeps its own stock — not synced. The fulfilment service reports its stock to Shopify itself.
            </Text>
          ) : (
            <>
              {location.isActive ? null : (
                <Text as="p" tone="subdued">
                  Inactive in Shopify: nothing is synced here until it is active again; the mapping is kept.
                </Text>
              )}
              {codesEditable ? (
                <ChoiceList
                  allowMultiple
                  title="ERP locations whose stock is summed here"
                  choices={location.codeChoices}
                  selected={values.erpLocationCodes}
                  onChange={(selected) => setValues((v) => ({ ...v, erpLocationCodes: selected }))}
                  error={errors.erpLocationCodes}
                />
              ) : (
                <BlockStack gap="100">
                  <Text as="p">{`ERP locations whose stock is summed here: ${codesText}.`}</Text>
                  {errors.erpLocationCodes ? (
                    <Text as="p" tone="critical">{`ERP locations ${errors.erpLocationCodes}.`}</Text>
                  ) : null}
                </BlockStack>
              )}
              {values.erpLocationCodes.length === 0 ? (
                <Text as="p" tone="subdued">
                  None chosen: the stock sync leaves this location alone.
                </Text>
              ) : null}
              {perLocationStock && codesEditable ? (
                <Select
                  label="Stock calculation"
                  options={calculations.map(({ value, label }) => ({ value, label }))}
                  value={values.stockCalculation}
                  onChange={(value) => setValues((v) => ({ ...v, stockCalculation: value }))}
                  helpText={calculation?.description}
                  error={errors.stockCalculation}
                />
              ) : (
                <Text as="p" tone="subdued">
                  {perLocationStock
                    ? "Stock calculation: as saved (the ERP's list is not available now)."
                    : "Stock calculation: not offered, because this ERP connection reports no stock per location (for Business Central, the companion extension's inventory page is missing)."}
                </Text>
              )}
              <Checkbox
                label="Default location for new products"
                helpText="New products get their stock here. Only one location can be the default: choosing this one clears it elsewhere."
                checked={values.defaultForProducts}
                onChange={(checked) => setValues((v) => ({ ...v, defaultForProducts: checked }))}
                error={errors.defaultForProducts}
              />
              <InlineStack>
                <Button
                  variant="primary"
                  loading={saving}
                  onClick={() => onSave(values)}
                  accessibilityLabel={`Save ${location.name}`}
                >
                  Save
                </Button>
              </InlineStack>
            </>
          )}
        </BlockStack>
      </Card>
    </div>
  );
}
