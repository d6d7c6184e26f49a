CREATE TABLE "job_queue_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"task" text NOT NULL,
	"on_hold" boolean DEFAULT false NOT NULL,
	"recurrence" jsonb NOT NULL,
	"cron" text NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"next_run_at" timestamp with time zone,
	"last_enqueued_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_run_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"run_id" bigint NOT NULL,
	"record_type" text NOT NULL,
	"record_key" text NOT NULL,
	"label" text,
	"outcome" text NOT NULL,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "task_runs" ADD COLUMN "dry_run" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "task_runs" ADD COLUMN "job_id" bigint;--> statement-breakpoint
ALTER TABLE "task_runs" ADD COLUMN "counts" jsonb DEFAULT '{"created":0,"updated":0,"unchanged":0,"skipped":0,"failed":0,"planned":0}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "task_runs" ADD COLUMN "progress_done" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "task_runs" ADD COLUMN "progress_total" integer;--> statement-breakpoint
ALTER TABLE "task_runs" ADD COLUMN "summary" text;--> statement-breakpoint
ALTER TABLE "task_runs" ADD COLUMN "heartbeat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "job_queue_entries" ADD CONSTRAINT "job_queue_entries_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_run_records" ADD CONSTRAINT "task_run_records_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_run_records" ADD CONSTRAINT "task_run_records_run_id_task_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."task_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "job_queue_entries_shop_task_uq" ON "job_queue_entries" USING btree ("shop_id","task");--> statement-breakpoint
CREATE INDEX "job_queue_entries_due_idx" ON "job_queue_entries" USING btree ("next_run_at") WHERE not "job_queue_entries"."on_hold";--> statement-breakpoint
CREATE INDEX "task_run_records_run_idx" ON "task_run_records" USING btree ("run_id","id");--> statement-breakpoint
CREATE INDEX "task_run_records_record_idx" ON "task_run_records" USING btree ("shop_id","record_type","record_key","run_id");--> statement-breakpoint
CREATE INDEX "task_runs_shop_queued_idx" ON "task_runs" USING btree ("shop_id","queued_at");--> statement-breakpoint
CREATE INDEX "task_runs_queued_idx" ON "task_runs" USING btree ("queued_at");--> statement-breakpoint
CREATE INDEX "task_runs_job_idx" ON "task_runs" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "task_runs_running_idx" ON "task_runs" USING btree ("heartbeat_at") WHERE "task_runs"."status" = 'running';--> statement-breakpoint
-- Shops installed before the job queue get each task's default entry (the worker adds entries of
-- later tasks to every shop that has a job queue). "Every N minutes" is spread by shop id as
-- runs/recurrence.ts toCron does; the first tick computes each next run in the shop's zone.
INSERT INTO "job_queue_entries" ("shop_id", "task", "on_hold", "recurrence", "cron", "timezone", "next_run_at")
SELECT s.id, d.task, d.on_hold, d.recurrence::jsonb,
  CASE WHEN d.every IS NULL THEN d.cron ELSE (s.id % d.every) || '-59/' || d.every || ' * * * *' END,
  coalesce(s.iana_timezone, 'UTC'), now()
FROM "shops" s
CROSS JOIN (VALUES
  ('orders__reconcile', false, '{"kind":"minutes","every":5}', 5, NULL),
  ('orders__process', false, '{"kind":"minutes","every":5}', 5, NULL),
  ('shipments__sync', false, '{"kind":"minutes","every":15}', 15, NULL),
  ('documents__post', true, '{"kind":"hourly","minute":0}', NULL, '0 * * * *')
) AS d(task, on_hold, recurrence, every, cron)
WHERE s.installed_at IS NOT NULL AND s.uninstalled_at IS NULL
ON CONFLICT ("shop_id", "task") DO NOTHING;
