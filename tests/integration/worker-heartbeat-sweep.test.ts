import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../app/.server/db.ts";
import { enqueueJob } from "../../app/.server/jobs/enqueue.ts";
import { startHeartbeat } from "../../worker/heartbeat.ts";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";

let db: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  db = await useTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
});

afterAll(async () => {
  await pool.end();
});

describe("the dead-worker sweep", () => {
  it("hands a dead worker's import back with an attempt left, even after a new add spent its attempts", async () => {
    const key = "orders__import:7";
    const entry = (n: number) => [{ shopId: 7, orderId: `gid://shopify/Order/${n}` }];
    await enqueueJob(getDb(), { task: "orders__import", payload: entry(1), jobKey: key, maxAttempts: 3 });
    // A worker took it (attempt 1) and was SIGKILLed two minutes ago, before it had a heartbeat row.
    await db.sql`update graphile_worker._private_jobs
                 set locked_at = now() - interval '2 minutes', locked_by = 'dead-worker', attempts = 1`;
    // Meanwhile the next webhook's add took the key: graphile-worker spends the locked job's attempts.
    await enqueueJob(getDb(), { task: "orders__import", payload: entry(2), jobKey: key, maxAttempts: 3 });

    const heartbeat = await startHeartbeat({
      pool,
      workerIds: ["live-worker"],
      intervalMs: 60_000,
      deadAfterMs: 60_000,
      log: () => {},
    });
    const jobs = () => db.sql<{ payload: unknown; key: string | null; available: boolean }[]>`
      select payload, key, is_available as available from graphile_worker._private_jobs order by id`;
    try {
      // The sweep a worker runs at start (and every other beat) finds the dead one.
      await expect.poll(jobs, { timeout: 10_000 }).toEqual([
        // Both will run: the interrupted one (its order 1 would otherwise wait for the reconcile)…
        { payload: entry(1), key: null, available: true },
        // …and the new one.
        { payload: entry(2), key, available: true },
      ]);
      expect(await db.sql`select worker_id from worker_heartbeats`).toEqual([{ worker_id: "live-worker" }]);
    } finally {
      await heartbeat.stop();
    }
  });
});
