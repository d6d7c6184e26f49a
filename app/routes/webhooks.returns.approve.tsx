import type { ActionFunctionArgs } from "@remix-run/node";

import { handleWebhook } from "../.server/webhooks/handle-webhook.ts";

/** `returns/approve`: verify, record in the webhook inbox, keep the return's new status (order page), answer 200. */
export const action = ({ request }: ActionFunctionArgs) => handleWebhook(request, "returns/approve");
