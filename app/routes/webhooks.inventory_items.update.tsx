import type { ActionFunctionArgs } from "@remix-run/node";

import { handleWebhook } from "../.server/webhooks/handle-webhook.ts";

/** `inventory_items/update`: verify, record, and note in the stock shadow whether the item is tracked. */
export const action = ({ request }: ActionFunctionArgs) => handleWebhook(request, "inventory_items/update");
