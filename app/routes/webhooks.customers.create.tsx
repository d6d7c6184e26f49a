import type { ActionFunctionArgs } from "@remix-run/node";

import { handleWebhook } from "../.server/webhooks/handle-webhook.ts";

/** `customers/create`: verify, record in the webhook inbox, queue a run of "Sync customers", answer 200. */
export const action = ({ request }: ActionFunctionArgs) => handleWebhook(request, "customers/create");
