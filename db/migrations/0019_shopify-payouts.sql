CREATE TABLE "payout_transactions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"shopify_balance_transaction_id" text NOT NULL,
	"shopify_payout_id" text NOT NULL,
	"type" text NOT NULL,
	"amount" text NOT NULL,
	"fee" text NOT NULL,
	"net" text NOT NULL,
	"currency" text NOT NULL,
	"shopify_order_id" text,
	"order_name" text,
	"shopify_transaction_id" text,
	"transaction_date" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "shopify_payouts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"shopify_payout_id" text NOT NULL,
	"legacy_id" bigint NOT NULL,
	"status" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"currency" text NOT NULL,
	"net" text NOT NULL,
	"gross" text,
	"fees" text,
	"transactions_net" text,
	"transaction_count" bigint DEFAULT 0 NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"difference" text,
	"erp_document_number" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payout_transactions" ADD CONSTRAINT "payout_transactions_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shopify_payouts" ADD CONSTRAINT "shopify_payouts_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payout_transactions_shop_bt_uq" ON "payout_transactions" USING btree ("shop_id","shopify_balance_transaction_id");--> statement-breakpoint
CREATE INDEX "payout_transactions_shop_payout_idx" ON "payout_transactions" USING btree ("shop_id","shopify_payout_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shopify_payouts_shop_payout_uq" ON "shopify_payouts" USING btree ("shop_id","shopify_payout_id");--> statement-breakpoint
CREATE INDEX "shopify_payouts_shop_legacy_idx" ON "shopify_payouts" USING btree ("shop_id","legacy_id");--> statement-breakpoint
CREATE INDEX "shopify_payouts_shop_state_idx" ON "shopify_payouts" USING btree ("shop_id","state");