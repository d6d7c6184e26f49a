CREATE TABLE "order_refunds" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"shopify_refund_id" text NOT NULL,
	"shopify_order_id" text NOT NULL,
	"order_id" bigint,
	"state" text DEFAULT 'pending' NOT NULL,
	"facts" jsonb,
	"reason" text,
	"erp_document_number" text,
	"shopify_created_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "erp_customer_number" text;--> statement-breakpoint
ALTER TABLE "order_refunds" ADD CONSTRAINT "order_refunds_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_refunds" ADD CONSTRAINT "order_refunds_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "order_refunds_shop_refund_uq" ON "order_refunds" USING btree ("shop_id","shopify_refund_id");--> statement-breakpoint
CREATE INDEX "order_refunds_shop_state_idx" ON "order_refunds" USING btree ("shop_id","state");--> statement-breakpoint
CREATE INDEX "order_refunds_shop_order_idx" ON "order_refunds" USING btree ("shop_id","shopify_order_id");