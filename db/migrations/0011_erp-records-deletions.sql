ALTER TABLE "erp_records" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "erp_records" ADD COLUMN "swept_at" timestamp with time zone;