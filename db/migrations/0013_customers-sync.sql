CREATE TABLE "shopify_customers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"shopify_customer_id" text NOT NULL,
	"state" text NOT NULL,
	"display_name" text DEFAULT '' NOT NULL,
	"email" text,
	"phone" text,
	"city" text,
	"country_code" text,
	"erp_customer_number" text,
	"shopify_updated_at" timestamp with time zone,
	"shopify_hash" text,
	"erp_hash" text,
	"reason" text,
	"conflict" jsonb,
	"last_synced_at" timestamp with time zone,
	"last_direction" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shopify_customers" ADD CONSTRAINT "shopify_customers_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "shopify_customers_shop_customer_uq" ON "shopify_customers" USING btree ("shop_id","shopify_customer_id");--> statement-breakpoint
CREATE INDEX "shopify_customers_shop_state_idx" ON "shopify_customers" USING btree ("shop_id","state");--> statement-breakpoint
CREATE INDEX "shopify_customers_shop_erp_idx" ON "shopify_customers" USING btree ("shop_id","erp_customer_number") WHERE "shopify_customers"."erp_customer_number" is not null;--> statement-breakpoint
CREATE INDEX "erp_records_customer_email_idx" ON "erp_records" USING btree ("shop_id",lower("data" ->> 'email')) WHERE "erp_records"."entity" = 'customers';--> statement-breakpoint
CREATE INDEX "erp_records_customer_phone_idx" ON "erp_records" USING btree ("shop_id",regexp_replace("data" ->> 'phoneNumber', '[^0-9]', '', 'g')) WHERE "erp_records"."entity" = 'customers';