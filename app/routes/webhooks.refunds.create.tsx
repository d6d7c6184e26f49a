import type { ActionFunctionArgs } from "@remix-run/node";

import { handleWebhook } from "../.server/webhooks/handle-webhook.ts";

/** `refunds/create`: verify, record in the webhook inbox, note the refund and queue "Process refunds", answer 200. */
export const action = ({ request }: ActionFunctionArgs) => handleWebhook(request, "refunds/create");
