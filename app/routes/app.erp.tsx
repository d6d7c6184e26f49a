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
import type { ConnectionField } from "../.server/erp/erp-kind.ts";
import { erpKinds } from "../.server/erp/erp-kinds.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { authenticate } from "../shopify.server.ts";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const kinds = erpKinds.kinds.map(({ id, displayName, fields, setupHelp }) => ({
    id,
    displayName,
    fields,
    setupHelp,
  }));
  return { connection: await getConnectionSummary(await shopIdFor(session.shop)), kinds };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return handleConnectionAction(await shopIdFor(session.shop), await request.formData());
};

type Fields = Record<string, string>;

/** A new form of the kind: each field's initial value, then what is stored (never a secret). */
function initialFields(fields: readonly ConnectionField[], stored: Record<string, unknown> | undefined): Fields {
  const initial = Object.fromEntries(fields.flatMap((f) => (f.initial === undefined ? [] : [[f.name, f.initial]])));
  return { ...initial, ...Object.fromEntries(Object.entries(stored ?? {}).map(([k, v]) => [k, String(v ?? "")])) };
}

function shown(field: ConnectionField, fields: Fields): boolean {
  return !field.shownWhen || fields[field.shownWhen.field] === field.shownWhen.equals;
}

export default function ErpConnection() {
  const { connection, kinds } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const shopify = useAppBridge();
  const [kindId, setKindId] = useState(connection?.kind ?? kinds[0]!.id);
  const kind = kinds.find((k) => k.id === kindId) ?? kinds[0]!;
  const [fields, setFields] = useState<Fields>(() =>
    initialFields(kind.fields, connection?.kind === kind.id ? connection.settings : undefined),
  );
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
  const keepHint = connection?.kind === kind.id ? "Leave empty to keep the stored one." : undefined;
  const visible = kind.fields.filter((f) => shown(f, fields));
  // Only the chosen kind's visible fields are sent: a hidden mode's values are not this form's.
  const send = (intent: "test" | "save") =>
    submit(
      {
        ...Object.fromEntries(
          visible.flatMap((f) => (fields[f.name] === undefined ? [] : [[f.name, fields[f.name]!]])),
        ),
        ...(fields.companyId ? { companyId: fields.companyId } : {}),
        kind: kind.id,
        intent,
      },
      { method: "post" },
    );
  const chooseKind = (id: string) => {
    const next = kinds.find((k) => k.id === id) ?? kinds[0]!;
    setKindId(next.id);
    setCompanies([]);
    setFields(initialFields(next.fields, connection?.kind === next.id ? connection.settings : undefined));
  };
  const input = (field: ConnectionField) => {
    const common = {
      label: field.label,
      name: field.name,
      value: fields[field.name] ?? "",
      onChange: (value: string) => setFields((f) => ({ ...f, [field.name]: value })),
      error: errors[field.name],
    };
    if (field.type === "select") {
      return <Select key={field.name} {...common} options={[...(field.options ?? [])]} helpText={field.helpText} />;
    }
    return (
      <TextField
        key={field.name}
        {...common}
        type={field.secret ? "password" : "text"}
        helpText={field.secret ? (keepHint ?? field.helpText) : field.helpText}
        autoComplete="off"
      />
    );
  };

  return (
    <Page title="ERP connection">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {connection ? (
              <Banner tone="success" title={`Connected to ${connection.kindName}: ${connection.companyName}`}>
                <p>
                  Since {new Date(connection.connectedAt).toLocaleString()}. Credentials are stored encrypted and are
                  never shown again.
                </p>
              </Banner>
            ) : (
              <Banner tone="warning" title="No ERP connected">
                <p>Connect {kinds.length === 1 ? kind.displayName : "your ERP"} to start syncing.</p>
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
                {kinds.length > 1 ? (
                  <Select
                    label="ERP"
                    name="kind"
                    options={kinds.map((k) => ({ label: k.displayName, value: k.id }))}
                    value={kind.id}
                    onChange={chooseKind}
                    error={errors.kind}
                  />
                ) : null}
                {visible.map(input)}
                <Select
                  label="Company"
                  name="companyId"
                  options={
                    companies.length > 0
                      ? companies
                      : connection?.kind === kind.id
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
              {kind.setupHelp}
            </Text>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
