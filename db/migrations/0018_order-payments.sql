CREATE TABLE "order_payments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"shopify_transaction_id" text NOT NULL,
	"shopify_order_id" text NOT NULL,
	"order_id" bigint,
	"kind" text NOT NULL,
	"gateway" text DEFAULT '' NOT NULL,
	"card_brand" text,
	"amount" text NOT NULL,
	"presentment_amount" text NOT NULL,
	"currency" text NOT NULL,
	"presentment_currency" text NOT NULL,
	"processed_at" timestamp with time zone,
	"state" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"payment_method" text,
	"erp_document_number" text,
	"applied_to_invoice" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "order_payments" ADD CONSTRAINT "order_payments_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_payments" ADD CONSTRAINT "order_payments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "order_payments_shop_transaction_uq" ON "order_payments" USING btree ("shop_id","shopify_transaction_id");--> statement-breakpoint
CREATE INDEX "order_payments_shop_state_idx" ON "order_payments" USING btree ("shop_id","state");--> statement-breakpoint
CREATE INDEX "order_payments_shop_order_idx" ON "order_payments" USING btree ("shop_id","shopify_order_id");