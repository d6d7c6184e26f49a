CREATE TABLE "shopify_companies" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"shopify_company_id" text NOT NULL,
	"state" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"email" text,
	"phone" text,
	"tax_id" text,
	"city" text,
	"country_code" text,
	"location_count" integer DEFAULT 0 NOT NULL,
	"locations" jsonb DEFAULT '[]'::jsonb NOT NULL,
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
ALTER TABLE "shopify_companies" ADD CONSTRAINT "shopify_companies_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "shopify_companies_shop_company_uq" ON "shopify_companies" USING btree ("shop_id","shopify_company_id");--> statement-breakpoint
CREATE INDEX "shopify_companies_shop_state_idx" ON "shopify_companies" USING btree ("shop_id","state");--> statement-breakpoint
CREATE INDEX "shopify_companies_shop_erp_idx" ON "shopify_companies" USING btree ("shop_id","erp_customer_number") WHERE "shopify_companies"."erp_customer_number" is not null;