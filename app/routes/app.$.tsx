import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link as RemixLink } from "@remix-run/react";
import { BlockStack, Card, Page, Text } from "@shopify/polaris";

import { authenticate } from "../shopify.server.ts";

/**
 * Any /app/* URL no route claims: a not-found page inside the app layout (so the navigation and
 * App Bridge stay), answered with status 404. Without it Remix fell back to its bare root "404",
 * outside the AppProvider, and the admin frame lost its navigation.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return new Response(JSON.stringify({ path: new URL(request.url).pathname }), {
    status: 404,
    headers: { "Content-Type": "application/json; charset=utf-8" },
  });
};

export default function NotFound() {
  return (
    <Page title="Page not found">
      <Card>
        <BlockStack gap="300">
          <Text as="p" variant="bodyMd">
            This page does not exist in the ERP Connector. It may have moved, or the link is mistyped.
          </Text>
          <Text as="p" variant="bodyMd">
            <RemixLink to="/app" data-testid="back-to-dashboard">
              Back to the Activity dashboard
            </RemixLink>
          </Text>
        </BlockStack>
      </Card>
    </Page>
  );
}
