CREATE TABLE "api_log_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"system" text NOT NULL,
	"operation" text NOT NULL,
	"method" text,
	"path" text,
	"status" integer,
	"duration_ms" integer,
	"cost" integer,
	"is_error" boolean DEFAULT false NOT NULL,
	"error_code" text,
	"error_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dismissed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "customer_data_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"data_request_id" text NOT NULL,
	"shopify_customer_id" text NOT NULL,
	"orders_requested" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"fulfilled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"shopify_order_id" text NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'unprocessed' NOT NULL,
	"has_conflict" boolean DEFAULT false NOT NULL,
	"error_message" text,
	"shopify_updated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"shop" text NOT NULL,
	"state" text NOT NULL,
	"isOnline" boolean DEFAULT false NOT NULL,
	"scope" text,
	"expires" timestamp,
	"accessToken" text NOT NULL,
	"userId" bigint,
	"firstName" text,
	"lastName" text,
	"email" text,
	"accountOwner" boolean,
	"locale" text,
	"collaborator" boolean,
	"emailVerified" boolean,
	"refreshToken" text,
	"refreshTokenExpires" timestamp
);
--> statement-breakpoint
CREATE TABLE "shipments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"erp_shipment_no" text NOT NULL,
	"shopify_order_id" text,
	"status" text DEFAULT 'unprocessed' NOT NULL,
	"error_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shops" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"domain" text NOT NULL,
	"scopes" text,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"installed_at" timestamp with time zone,
	"uninstalled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "skipped_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"entity" text NOT NULL,
	"record_key" text NOT NULL,
	"reason" text NOT NULL,
	"task_run_id" bigint,
	"skipped_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sync_cursors" (
	"shop_id" bigint NOT NULL,
	"stream" text NOT NULL,
	"cursor" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_cursors_shop_id_stream_pk" PRIMARY KEY("shop_id","stream")
);
--> statement-breakpoint
CREATE TABLE "task_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"task" text NOT NULL,
	"category" text NOT NULL,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error_code" text,
	"error_message" text,
	"stats" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"dismissed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "unmapped_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"entity" text NOT NULL,
	"shopify_id" text NOT NULL,
	"label" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_inbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"webhook_id" text NOT NULL,
	"event_id" text,
	"topic" text NOT NULL,
	"api_version" text,
	"triggered_at" timestamp with time zone,
	"payload" jsonb,
	"status" text DEFAULT 'received' NOT NULL,
	"error" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "api_log_entries" ADD CONSTRAINT "api_log_entries_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_data_requests" ADD CONSTRAINT "customer_data_requests_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skipped_records" ADD CONSTRAINT "skipped_records_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skipped_records" ADD CONSTRAINT "skipped_records_task_run_id_task_runs_id_fk" FOREIGN KEY ("task_run_id") REFERENCES "public"."task_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_cursors" ADD CONSTRAINT "sync_cursors_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_runs" ADD CONSTRAINT "task_runs_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unmapped_records" ADD CONSTRAINT "unmapped_records_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_inbox" ADD CONSTRAINT "webhook_inbox_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_log_shop_created_idx" ON "api_log_entries" USING btree ("shop_id","created_at");--> statement-breakpoint
CREATE INDEX "api_log_shop_open_errors_idx" ON "api_log_entries" USING btree ("shop_id") WHERE "api_log_entries"."is_error" and "api_log_entries"."dismissed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "customer_data_requests_shop_request_uq" ON "customer_data_requests" USING btree ("shop_id","data_request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_shop_shopify_id_uq" ON "orders" USING btree ("shop_id","shopify_order_id");--> statement-breakpoint
CREATE INDEX "orders_shop_status_idx" ON "orders" USING btree ("shop_id","status");--> statement-breakpoint
CREATE INDEX "orders_shop_conflict_idx" ON "orders" USING btree ("shop_id") WHERE "orders"."has_conflict";--> statement-breakpoint
CREATE INDEX "sessions_shop_idx" ON "sessions" USING btree ("shop");--> statement-breakpoint
CREATE UNIQUE INDEX "shipments_shop_erp_no_uq" ON "shipments" USING btree ("shop_id","erp_shipment_no");--> statement-breakpoint
CREATE INDEX "shipments_shop_status_idx" ON "shipments" USING btree ("shop_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "shops_domain_uq" ON "shops" USING btree ("domain");--> statement-breakpoint
CREATE UNIQUE INDEX "skipped_records_open_uq" ON "skipped_records" USING btree ("shop_id","entity","record_key") WHERE "skipped_records"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "skipped_records_shop_idx" ON "skipped_records" USING btree ("shop_id","skipped_at");--> statement-breakpoint
CREATE INDEX "task_runs_shop_task_idx" ON "task_runs" USING btree ("shop_id","task","queued_at");--> statement-breakpoint
CREATE INDEX "task_runs_shop_failed_idx" ON "task_runs" USING btree ("shop_id") WHERE "task_runs"."status" = 'failed' and "task_runs"."dismissed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "unmapped_records_shop_entity_id_uq" ON "unmapped_records" USING btree ("shop_id","entity","shopify_id");--> statement-breakpoint
CREATE INDEX "unmapped_records_open_idx" ON "unmapped_records" USING btree ("shop_id","entity") WHERE "unmapped_records"."resolved_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_inbox_shop_webhook_uq" ON "webhook_inbox" USING btree ("shop_id","webhook_id");--> statement-breakpoint
CREATE INDEX "webhook_inbox_shop_received_idx" ON "webhook_inbox" USING btree ("shop_id","received_at");