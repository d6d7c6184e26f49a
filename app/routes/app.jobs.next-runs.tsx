import type { LoaderFunctionArgs } from "@remix-run/node";

import { entryTaskName, previewNextRuns } from "../.server/job-queue/job-queue-actions.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { authenticate } from "../shopify.server.ts";

/**
 * Resource route: the next five runs of the edit form's current values (`?task=…&kind=…&every=…`),
 * in the shop's zone, or each bad field's message. Nothing is saved.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const params = new URL(request.url).searchParams;
  const task = entryTaskName.safeParse(params.get("task") ?? "");
  if (!task.success) throw new Response("No such task", { status: 404 });
  const preview = await previewNextRuns(await shopIdFor(session.shop), task.data, params);
  if (!preview) throw new Response("No such entry", { status: 404 });
  return preview;
};
