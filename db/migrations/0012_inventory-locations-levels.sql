CREATE TABLE "inventory_levels" (
	"shop_id" bigint NOT NULL,
	"inventory_item_id" text NOT NULL,
	"location_id" text NOT NULL,
	"variant_id" text NOT NULL,
	"tracked" boolean DEFAULT true NOT NULL,
	"stocked" boolean DEFAULT true NOT NULL,
	"available" integer,
	"on_hand" integer,
	"shopify_updated_at" timestamp with time zone,
	"target" integer,
	"target_name" text,
	"last_sent_at" timestamp with time zone,
	"recompute" boolean DEFAULT false NOT NULL,
	"drift_shopify" integer,
	"drift_target" integer,
	"drift_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_levels_shop_id_inventory_item_id_location_id_pk" PRIMARY KEY("shop_id","inventory_item_id","location_id")
);
--> statement-breakpoint
CREATE TABLE "shop_locations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"shopify_location_id" text NOT NULL,
	"name" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"fulfillment_service" text,
	"erp_location_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"stock_calculation" text,
	"default_for_products" boolean DEFAULT false NOT NULL,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inventory_levels" ADD CONSTRAINT "inventory_levels_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_locations" ADD CONSTRAINT "shop_locations_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inventory_levels_shop_variant_idx" ON "inventory_levels" USING btree ("shop_id","variant_id");--> statement-breakpoint
CREATE INDEX "inventory_levels_shop_recompute_idx" ON "inventory_levels" USING btree ("shop_id") WHERE "inventory_levels"."recompute";--> statement-breakpoint
CREATE INDEX "inventory_levels_shop_drift_idx" ON "inventory_levels" USING btree ("shop_id","drift_at") WHERE "inventory_levels"."drift_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "shop_locations_shop_location_uq" ON "shop_locations" USING btree ("shop_id","shopify_location_id");--> statement-breakpoint
CREATE INDEX "shop_locations_shop_idx" ON "shop_locations" USING btree ("shop_id");