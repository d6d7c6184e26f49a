ALTER TABLE "variant_links" ADD COLUMN "picture_version" text;--> statement-breakpoint
ALTER TABLE "variant_links" ADD COLUMN "picture_hash" text;--> statement-breakpoint
ALTER TABLE "variant_links" ADD COLUMN "shopify_media_id" text;--> statement-breakpoint
ALTER TABLE "product_links" ADD COLUMN "shopify_image_id" text;--> statement-breakpoint
ALTER TABLE "product_links" ADD COLUMN "shopify_image_version" text;