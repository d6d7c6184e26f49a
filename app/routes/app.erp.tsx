import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";

import { handleConnectionAction } from "../.server/erp/connection-actions.ts";
import { getConnectionSummary } from "../.server/erp/connections.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { authenticate } from "../shopify.server.ts";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return { connection: await getConnectionSummary(await shopIdFor(session.shop)) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return handleConnectionAction(await shopIdFor(session.shop), await request.formData());
};

type Fields = Record<string, string>;

export default function ErpConnection() {
  const { connection } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const shopify = useAppBridge();
  const [fields, setFields] = useState<Fields>(() => ({
    mode: "online",
    environment: "Production",
    ...Object.fromEntries(Object.entries(connection?.settings ?? {}).map(([k, v]) => [k, String(v ?? "")])),
  }));
  const [companies, setCompanies] = useState<{ label: string; value: string }[]>([]);

  useEffect(() => {
    if (result?.ok && result.intent === "test") {
      const options = result.companies.map((c) => ({ label: c.displayName || c.name, value: c.id }));
      setCompanies(options);
      setFields((f) => ({
        ...f,
        companyId: options.some((o) => o.value === f.companyId) ? f.companyId! : (options[0]?.value ?? ""),
      }));
    }
    if (result?.ok && result.intent === "save") shopify.toast.show("ERP connection saved");
  }, [result, shopify]);

  const errors = result && !result.ok ? result.fieldErrors : {};
  const text = (name: string, label: string, extra: Partial<React.ComponentProps<typeof TextField>> = {}) => (
    <TextField
      label={label}
      name={name}
      value={fields[name] ?? ""}
      onChange={(value) => setFields((f) => ({ ...f, [name]: value }))}
      error={errors[name]}
      autoComplete="off"
      {...extra}
    />
  );
  const send = (intent: "test" | "save") => submit({ ...fields, intent }, { method: "post" });
  const keepHint = connection ? "Leave empty to keep the stored one." : undefined;

  return (
    <Page title="ERP connection">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {connection ? (
              <Banner tone="success" title={`Connected to Business Central: ${connection.companyName}`}>
                <p>
                  Since {new Date(connection.connectedAt).toLocaleString()}. Credentials are stored encrypted and are
                  never shown again.
                </p>
              </Banner>
            ) : (
              <Banner tone="warning" title="No ERP connected">
                <p>Connect Business Central to start syncing.</p>
              </Banner>
            )}
            {result && !result.ok ? (
              <Banner tone="critical" title={result.intent === "save" ? "Not saved" : "Connection failed"}>
                <p>{result.message}</p>
                {connection ? <p>The previous connection is still in use.</p> : null}
              </Banner>
            ) : null}
            <Card>
              <FormLayout>
                <Select
                  label="Business Central"
                  name="mode"
                  options={[
                    { label: "Online (Microsoft Entra ID)", value: "online" },
                    { label: "On-premises (user name and password)", value: "onprem" },
                  ]}
                  value={fields.mode ?? "online"}
                  onChange={(value) => setFields((f) => ({ ...f, mode: value }))}
                  error={errors.mode}
                />
                {fields.mode === "onprem" ? (
                  <>
                    {text("apiBaseUrl", "API URL", { helpText: "e.g. https://bc.example.com:7048/bc/api/v2.0" })}
                    {text("username", "User name")}
                    {text("password", "Password or web service access key", { type: "password", helpText: keepHint })}
                  </>
                ) : (
                  <>
                    {text("tenant", "Tenant", { helpText: "Tenant id or domain, e.g. contoso.onmicrosoft.com" })}
                    {text("environment", "Environment")}
                    {text("clientId", "Client id")}
                    {text("clientSecret", "Client secret", { type: "password", helpText: keepHint })}
                  </>
                )}
                <Select
                  label="Company"
                  name="companyId"
                  options={
                    companies.length > 0
                      ? companies
                      : connection
                        ? [{ label: connection.companyName, value: fields.companyId ?? "" }]
                        : [{ label: "Test the connection to list companies", value: "" }]
                  }
                  value={fields.companyId ?? ""}
                  onChange={(value) => setFields((f) => ({ ...f, companyId: value }))}
                  error={errors.companyId}
                />
                <InlineStack gap="200">
                  <Button onClick={() => send("test")} loading={busy}>
                    Test connection
                  </Button>
                  <Button variant="primary" onClick={() => send("save")} loading={busy} disabled={!fields.companyId}>
                    Save connection
                  </Button>
                </InlineStack>
              </FormLayout>
            </Card>
            <Text as="p" tone="subdued">
              The app needs a Microsoft Entra application with the Business Central permission API.ReadWrite.All,
              registered in Business Central on the “Microsoft Entra Applications” page.
            </Text>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
