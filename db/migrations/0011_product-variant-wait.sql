ALTER TABLE "product_links" ADD COLUMN "variant_wait_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "product_links" ADD COLUMN "variants_waiting" integer;--> statement-breakpoint
CREATE INDEX "product_links_shop_variant_wait_idx" ON "product_links" USING btree ("shop_id","variant_wait_since") WHERE "product_links"."variant_wait_since" is not null;