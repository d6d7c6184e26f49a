import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../app/.server/db.ts";
import { enqueueJob } from "../../app/.server/jobs/enqueue.ts";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";

let db: TestDatabase;
let worker: postgres.Sql;

beforeAll(async () => {
  db = await useTestDatabase();
  // Plays the worker that locks the keyed job, on a connection of its own.
  worker = postgres(db.url, { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await worker.end();
});

const KEY = "orders__import:1";
const entry = (orderId: string) => [{ shopId: 1, orderId }];

describe("a keyed enqueue racing a worker that locks the keyed job", () => {
  it("still reaches a run: the add whose insert graphile-worker skipped is asked again", async () => {
    await enqueueJob(getDb(), { task: "orders__import", payload: entry("gid://shopify/Order/1"), jobKey: KEY });
    const [first] = await db.sql<{ id: string }[]>`select id from graphile_worker._private_jobs where key = ${KEY}`;

    // The worker is taking the job: it holds the row while it marks it locked. graphile-worker's
    // add_jobs has already passed the step that takes keys off running jobs (the job was not
    // running yet), and its insert waits on the row…
    let add: Promise<string | null> | undefined;
    await worker.begin(async (tx) => {
      await tx`select id from graphile_worker._private_jobs where id = ${first!.id} for update`;
      add = enqueueJob(getDb(), {
        task: "orders__import",
        payload: entry("gid://shopify/Order/2"),
        jobKey: KEY,
        jobKeyMode: "preserve_run_at",
      });
      // …until the worker commits the lock: then `do update … where locked_at is null` skips.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await tx`update graphile_worker._private_jobs set locked_at = now(), locked_by = 'w1' where id = ${first!.id}`;
    });
    await add;

    const jobs = await db.sql<{ id: string; key: string | null; payload: unknown; locked_by: string | null }[]>`
      select id, key, payload, locked_by from graphile_worker._private_jobs order by id`;
    // The running job keeps what it read; order 2 is in a new job under the key.
    expect(jobs).toEqual([
      { id: first!.id, key: null, payload: entry("gid://shopify/Order/1"), locked_by: "w1" },
      { id: expect.any(String), key: KEY, payload: entry("gid://shopify/Order/2"), locked_by: null },
    ]);
  });
});
