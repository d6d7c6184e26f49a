import type { ActionFunctionArgs } from "@remix-run/node";

import { handleWebhook } from "../.server/webhooks/handle-webhook.ts";

/** `inventory_levels/update`: verify, record, and update the stock shadow's available quantity if newer. */
export const action = ({ request }: ActionFunctionArgs) => handleWebhook(request, "inventory_levels/update");
