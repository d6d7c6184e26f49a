import type { ActionFunctionArgs } from "@remix-run/node";

import { handleWebhook } from "../.server/webhooks/handle-webhook.ts";

/** `companies/create`: verify, record in the webhook inbox, queue a run of "Sync companies", answer 200. */
export const action = ({ request }: ActionFunctionArgs) => handleWebhook(request, "companies/create");
