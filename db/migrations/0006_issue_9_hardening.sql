CREATE TABLE "worker_heartbeats" (
	"worker_id" text PRIMARY KEY NOT NULL,
	"host" text NOT NULL,
	"pid" integer NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "orders_shop_status_idx";--> statement-breakpoint
CREATE INDEX "worker_heartbeats_last_seen_idx" ON "worker_heartbeats" USING btree ("last_seen_at");--> statement-breakpoint
CREATE INDEX "orders_shop_erp_document_idx" ON "orders" USING btree ("shop_id","erp_document_number");--> statement-breakpoint
CREATE INDEX "orders_shop_created_idx" ON "orders" USING btree ("shop_id",("snapshot" ->> 'createdAt'),"id");--> statement-breakpoint
CREATE INDEX "orders_shop_total_idx" ON "orders" USING btree ("shop_id",(("snapshot" #>> '{totals,total,shop}')::numeric),"id");--> statement-breakpoint
CREATE INDEX "orders_shop_number_idx" ON "orders" USING btree ("shop_id",length("name"),"name","id");--> statement-breakpoint
CREATE INDEX "orders_shop_customer_keys_idx" ON "orders" USING gin ((array[
        lower("snapshot" #>> '{customer,email}'),
        lower("snapshot" ->> 'email'),
        lower("snapshot" #>> '{customer,firstName}'),
        lower("snapshot" #>> '{customer,lastName}'),
        lower(("snapshot" #>> '{customer,firstName}') || ' ' || ("snapshot" #>> '{customer,lastName}'))
      ]));--> statement-breakpoint
CREATE INDEX "orders_shop_posting_error_idx" ON "orders" USING btree ("shop_id") WHERE "orders"."posting_status" = 'error';--> statement-breakpoint
CREATE INDEX "orders_shop_errors_idx" ON "orders" USING btree ("shop_id") WHERE "orders"."status" = 'error' or "orders"."posting_status" = 'error';--> statement-breakpoint
CREATE INDEX "orders_shop_status_idx" ON "orders" USING btree ("shop_id","status","id");