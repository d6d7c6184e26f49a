CREATE TABLE "order_returns" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"shopify_return_id" text NOT NULL,
	"shopify_order_id" text NOT NULL,
	"order_id" bigint,
	"name" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"quantity" integer DEFAULT 0 NOT NULL,
	"decline_reason" text,
	"shopify_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "order_returns" ADD CONSTRAINT "order_returns_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_returns" ADD CONSTRAINT "order_returns_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "order_returns_shop_return_uq" ON "order_returns" USING btree ("shop_id","shopify_return_id");--> statement-breakpoint
CREATE INDEX "order_returns_shop_order_idx" ON "order_returns" USING btree ("shop_id","shopify_order_id");