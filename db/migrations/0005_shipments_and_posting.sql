ALTER TABLE "orders" ADD COLUMN "erp_lines" jsonb;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "posting_status" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "posting_error" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "posted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shopify_closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "erp_shipment_id" text;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "erp_order_no" text;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "external_document_no" text;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "posting_date" text;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "order_id" bigint;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "content" jsonb;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "plan" jsonb;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "fulfillment_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "synced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "shipments_shop_order_idx" ON "shipments" USING btree ("shop_id","order_id");