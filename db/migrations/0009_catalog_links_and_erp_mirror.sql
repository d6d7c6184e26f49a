CREATE SEQUENCE "public"."erp_record_change_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "erp_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"entity" text NOT NULL,
	"erp_id" text NOT NULL,
	"item_number" text NOT NULL,
	"data" jsonb NOT NULL,
	"hash" text NOT NULL,
	"erp_modified_at" timestamp with time zone,
	"change_seq" bigint DEFAULT nextval('erp_record_change_seq') NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_links" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"erp_item_number" text,
	"erp_item_id" text,
	"shopify_product_id" text,
	"handle" text,
	"state" text NOT NULL,
	"origin" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"reason" text,
	"last_written_hash" text,
	"last_written_at" timestamp with time zone,
	"last_seen_shopify_hash" text,
	"attempted_at" timestamp with time zone,
	"picture_version" text,
	"picture_hash" text,
	"shopify_media_id" text,
	"last_synced_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "variant_links" ADD COLUMN "shopify_product_id" text;--> statement-breakpoint
ALTER TABLE "variant_links" ADD COLUMN "sku" text;--> statement-breakpoint
ALTER TABLE "variant_links" ADD COLUMN "last_written_hash" text;--> statement-breakpoint
ALTER TABLE "variant_links" ADD COLUMN "price" text;--> statement-breakpoint
ALTER TABLE "variant_links" ADD COLUMN "compare_at_price" text;--> statement-breakpoint
ALTER TABLE "variant_links" ADD COLUMN "unit_cost" text;--> statement-breakpoint
ALTER TABLE "variant_links" ADD COLUMN "prices_written_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "erp_records" ADD CONSTRAINT "erp_records_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_links" ADD CONSTRAINT "product_links_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "erp_records_shop_entity_id_uq" ON "erp_records" USING btree ("shop_id","entity","erp_id");--> statement-breakpoint
CREATE INDEX "erp_records_shop_seq_idx" ON "erp_records" USING btree ("shop_id","change_seq");--> statement-breakpoint
CREATE INDEX "erp_records_shop_item_idx" ON "erp_records" USING btree ("shop_id","item_number");--> statement-breakpoint
CREATE UNIQUE INDEX "product_links_shop_item_uq" ON "product_links" USING btree ("shop_id","erp_item_number") WHERE "product_links"."erp_item_number" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "product_links_shop_product_uq" ON "product_links" USING btree ("shop_id","shopify_product_id") WHERE "product_links"."shopify_product_id" is not null;--> statement-breakpoint
CREATE INDEX "product_links_shop_state_idx" ON "product_links" USING btree ("shop_id","state");--> statement-breakpoint
CREATE INDEX "variant_links_shop_item_idx" ON "variant_links" USING btree ("shop_id","erp_item_number","erp_variant_code");--> statement-breakpoint
CREATE INDEX "variant_links_shop_product_idx" ON "variant_links" USING btree ("shop_id","shopify_product_id");