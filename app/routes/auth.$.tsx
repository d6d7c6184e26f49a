import type { LoaderFunctionArgs } from "@remix-run/node";

import { authenticate } from "../shopify.server.ts";

/** /auth/* (session-token bounce, exit-iframe): handled entirely by the Shopify library. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};
