import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { Banner, Page } from "@shopify/polaris";
import { useEffect } from "react";
import { z } from "zod";

import { runIdOfJob } from "../.server/job-queue/run-progress.ts";
import { shopIdFor } from "../.server/shops/current-shop.ts";
import { authenticate } from "../shopify.server.ts";

const jobIdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * The link a Run now toast carries: the job's run page once a worker started it (the run record
 * is made then); until then a page that looks again every second.
 */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session, redirect } = await authenticate.admin(request);
  const jobId = jobIdSchema.safeParse(params.jobId);
  if (!jobId.success) throw new Response("No such run", { status: 404 });
  const found = await runIdOfJob(await shopIdFor(session.shop), jobId.data);
  if (found.runId !== null) throw redirect(`/app/runs/${found.runId}`);
  if (!found.waiting) throw new Response("No such run", { status: 404 });
  return { jobId: jobId.data };
};

export default function RunOfJob() {
  const { jobId } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  useEffect(() => {
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1000);
    return () => clearInterval(timer);
  }, [revalidator]);
  return (
    <Page title="Run" backAction={{ content: "Job queue", url: "/app/jobs" }}>
      <Banner tone="info" title="Waiting for a worker to start this run">
        <p>Job {jobId} is queued; its run page opens as soon as it starts.</p>
      </Banner>
    </Page>
  );
}
