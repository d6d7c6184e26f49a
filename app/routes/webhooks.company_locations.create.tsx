import type { ActionFunctionArgs } from "@remix-run/node";

import { handleWebhook } from "../.server/webhooks/handle-webhook.ts";

/** `company_locations/create`: verify, record in the webhook inbox, queue a run of "Sync companies", answer 200. */
export const action = ({ request }: ActionFunctionArgs) => handleWebhook(request, "company_locations/create");
