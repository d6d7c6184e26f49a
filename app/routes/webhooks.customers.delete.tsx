import type { ActionFunctionArgs } from "@remix-run/node";

import { handleWebhook } from "../.server/webhooks/handle-webhook.ts";

/** `customers/delete`: verify, record in the webhook inbox, stop reading the customer, answer 200. */
export const action = ({ request }: ActionFunctionArgs) => handleWebhook(request, "customers/delete");
