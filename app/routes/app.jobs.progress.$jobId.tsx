import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { loadRunProgress } from "../.server/job-queue/run-progress.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { authenticate } from "../shopify.server.ts";

const jobIdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Resource route: how the run of a job is doing, polled by the Job queue page's progress bar. */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const jobId = jobIdSchema.safeParse(params.jobId);
  if (!jobId.success) throw new Response("No such run", { status: 404 });
  return loadRunProgress(await shopIdFor(session.shop), jobId.data);
};
