ALTER TABLE "erp_records" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "erp_records" ADD COLUMN "swept_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "variant_links" ADD COLUMN "picture_version" text;--> statement-breakpoint
ALTER TABLE "variant_links" ADD COLUMN "picture_hash" text;--> statement-breakpoint
ALTER TABLE "variant_links" ADD COLUMN "shopify_media_id" text;--> statement-breakpoint
ALTER TABLE "product_links" ADD COLUMN "shopify_image_id" text;--> statement-breakpoint
ALTER TABLE "product_links" ADD COLUMN "shopify_image_version" text;--> statement-breakpoint
ALTER TABLE "product_links" ADD COLUMN "variant_wait_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "product_links" ADD COLUMN "variants_waiting" integer;--> statement-breakpoint
CREATE INDEX "product_links_shop_variant_wait_idx" ON "product_links" USING btree ("shop_id","variant_wait_since") WHERE "product_links"."variant_wait_since" is not null;