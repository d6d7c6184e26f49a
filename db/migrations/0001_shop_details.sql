ALTER TABLE "shops" ADD COLUMN "name" text;--> statement-breakpoint
ALTER TABLE "shops" ADD COLUMN "currency_code" text;--> statement-breakpoint
ALTER TABLE "shops" ADD COLUMN "iana_timezone" text;--> statement-breakpoint
ALTER TABLE "shops" ADD COLUMN "plan_name" text;