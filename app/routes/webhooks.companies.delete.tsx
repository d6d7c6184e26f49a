import type { ActionFunctionArgs } from "@remix-run/node";

import { handleWebhook } from "../.server/webhooks/handle-webhook.ts";

/** `companies/delete`: verify, record in the webhook inbox, mark the company gone (no longer read), answer 200. */
export const action = ({ request }: ActionFunctionArgs) => handleWebhook(request, "companies/delete");
