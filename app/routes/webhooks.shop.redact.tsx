import type { ActionFunctionArgs } from "@remix-run/node";

import { handleWebhook } from "../.server/webhooks/handle-webhook.ts";

/** `shop/redact`: verify, record in the webhook inbox, queue follow-up work, answer 200. */
export const action = ({ request }: ActionFunctionArgs) => handleWebhook(request, "shop/redact");
