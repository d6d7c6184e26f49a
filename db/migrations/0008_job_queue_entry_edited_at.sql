ALTER TABLE "job_queue_entries" ADD COLUMN "edited_at" timestamp with time zone;--> statement-breakpoint
-- Entries changed well after they were made (the install's own time-zone update comes within seconds) were the merchant's.
UPDATE "job_queue_entries" SET "edited_at" = "updated_at" WHERE "updated_at" > "created_at" + interval '1 minute';
