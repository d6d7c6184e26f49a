import type { ActionFunctionArgs } from "@remix-run/node";

import { handleWebhook } from "../.server/webhooks/handle-webhook.ts";

/** `customers/data_request`: verify, record in the webhook inbox, queue follow-up work, answer 200. */
export const action = ({ request }: ActionFunctionArgs) => handleWebhook(request, "customers/data_request");
