import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AppProvider, Button, Card, FormLayout, Page, Text, TextField } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import polarisTranslations from "@shopify/polaris/locales/en.json";
import { LoginErrorType } from "@shopify/shopify-app-remix/server";
import { useState } from "react";

import { login } from "../shopify.server.ts";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

/**
 * /auth/login: the page the library sends a merchant to when it cannot tell which shop a request
 * is for (opened outside Shopify admin). `login(request)` answers a GET without a shop with no
 * errors, and a valid shop with a redirect into Shopify's install/auth flow.
 */
type LoginErrors = Awaited<ReturnType<typeof login>>;

function shopError(errors: LoginErrors): string | undefined {
  if (errors.shop === LoginErrorType.MissingShop) return "Enter your shop domain to log in";
  if (errors.shop === LoginErrorType.InvalidShop) return "Enter a valid shop domain, e.g. my-shop.myshopify.com";
  return undefined;
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  return { error: shopError(await login(request)) ?? null, polarisTranslations };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  return { error: shopError(await login(request)) ?? null };
};

export default function Login() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [shop, setShop] = useState("");
  const error = actionData?.error ?? loaderData.error;
  return (
    // Outside Shopify admin: plain Polaris, no App Bridge.
    <AppProvider i18n={loaderData.polarisTranslations}>
      <Page narrowWidth>
        <Card>
          <Form method="post">
            <FormLayout>
              <Text variant="headingMd" as="h1">
                Log in
              </Text>
              <TextField
                type="text"
                name="shop"
                label="Shop domain"
                helpText="example.myshopify.com"
                value={shop}
                onChange={setShop}
                autoComplete="on"
                {...(error ? { error } : {})}
              />
              <Button submit>Log in</Button>
            </FormLayout>
          </Form>
        </Card>
      </Page>
    </AppProvider>
  );
}
