import { isErpError } from "../../adapters/erp/errors.ts";
import type { ErpAdapter } from "../../adapters/erp/port.ts";
import type { ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { coerceError } from "../../errors/coerce-error.ts";
import {
  payoutReadFrom,
  payoutsToHandle,
  savePayoutOutcome,
  savePayoutTransactions,
  type ShopifyPayoutRow,
  transactionsOfPayout,
  upsertPayouts,
} from "../../queries/shopify-payouts.ts";
import type { RunContext } from "../../runs/define-task.ts";
import { payoutKey, type PayoutPlan, type PayoutSettings, payoutSums, planPayout } from "./plan-payout.ts";
import { readPayouts, readPayoutTransactions } from "./read-payouts.ts";

const MAX_PAGES = 10;
const BATCH = 50;

export interface PayoutCounts {
  seen: number;
  recorded: number;
  imported: number;
  waiting: number;
  unbalanced: number;
  failed: number;
}

export function payoutSettings(ctx: RunContext): PayoutSettings {
  const p = ctx.settings.payments;
  return {
    process: p.payouts,
    journal: p.payoutJournal,
    bankAccount: p.bankAccount,
    clearingAccount: p.clearingAccount,
    feeAccount: p.feeAccount,
  };
}

/**
 * "Sync payments", the payouts half (BC: Sync Payouts, 30105): payouts read by id from the lowest
 * one Shopify has not settled (so unpaid ones are re-polled), each with its balance transactions
 * when first seen or when its status changes; a paid one that balances is kept or recorded as one
 * ERP journal entry (net to the bank, fees, the gross out of the clearing account), exactly once.
 */
export async function syncPayouts(
  ctx: RunContext,
  admin: ShopifyAdmin,
): Promise<{ counts: PayoutCounts; more: boolean }> {
  const counts: PayoutCounts = { seen: 0, recorded: 0, imported: 0, waiting: 0, unbalanced: 0, failed: 0 };
  const settings = payoutSettings(ctx);
  if (settings.process === "off") return { counts, more: false };
  let pages = 0;
  for await (const payouts of readPayouts(admin, await payoutReadFrom(ctx.db, ctx.shopId), { maxPages: MAX_PAGES })) {
    pages++;
    counts.seen += payouts.length;
    // Our own bookkeeping: a preview reads and notes as a run does.
    await upsertPayouts(ctx.db, { shopId: ctx.shopId, payouts, now: ctx.clock.now() });
  }
  const rows = await payoutsToHandle(ctx.db, { shopId: ctx.shopId, limit: BATCH });
  const adapter = settings.process === "record" && rows.length > 0 ? await ctx.erp() : null;
  for (const row of rows) {
    try {
      await handle(ctx, admin, adapter, row, settings, counts);
    } catch (error) {
      // A spent request budget ends the run; it goes on when the ERP has room (runs/execute-run.ts).
      if (!isErpError(error) || error.code === "RATE_LIMITED") throw error;
      counts.failed++;
      const message = coerceError(error).message;
      await outcome(ctx, row, "error", message);
      ctx.record({ type: "payout", key: String(row.legacyId), label: label(row), outcome: "failed", reason: message });
    }
  }
  return { counts, more: pages >= MAX_PAGES || rows.length >= BATCH };
}

const label = (row: ShopifyPayoutRow) => `Payout ${row.legacyId} (${row.net} ${row.currency})`;

async function outcome(
  ctx: RunContext,
  row: ShopifyPayoutRow,
  state: ShopifyPayoutRow["state"],
  reason: string | null,
  extra: { difference?: string | null; erpDocumentNumber?: string } = {},
) {
  if (ctx.dryRun) return;
  await savePayoutOutcome(ctx.db, { shopId: ctx.shopId, id: row.id, state, reason, now: ctx.clock.now(), ...extra });
}

async function handle(
  ctx: RunContext,
  admin: ShopifyAdmin,
  adapter: ErpAdapter | null,
  row: ShopifyPayoutRow,
  settings: PayoutSettings,
  counts: PayoutCounts,
) {
  const facts = {
    legacyId: row.legacyId,
    status: row.status,
    issuedAt: row.issuedAt.toISOString(),
    currency: row.currency,
    net: row.net,
  };
  if (row.state === "pending" && row.status === "PAID") {
    // Read whole once it is paid (what it settles is final then); shown on the Payouts page.
    const transactions = await readPayoutTransactions(admin, row);
    // Shopify's facts, kept in a preview too (as the payouts themselves): only ERP writes are held back.
    await savePayoutTransactions(ctx.db, {
      shopId: ctx.shopId,
      payout: row,
      transactions,
      sums: payoutSums(facts, transactions),
    });
    return carryOut(ctx, adapter, row, planPayout(facts, transactions, settings), counts);
  }
  const transactions = await transactionsOfPayout(ctx.db, { shopId: ctx.shopId, shopifyPayoutId: row.shopifyPayoutId });
  const plan = planPayout(facts, transactions, settings);
  if (row.state === "recording" && adapter && plan.kind === "record")
    {return resume(ctx, adapter, row, plan.draft, counts);}
  return carryOut(ctx, adapter, row, plan, counts);
}

async function carryOut(
  ctx: RunContext,
  adapter: ErpAdapter | null,
  row: ShopifyPayoutRow,
  plan: PayoutPlan,
  counts: PayoutCounts,
) {
  const key = String(row.legacyId);
  switch (plan.kind) {
    case "wait":
      counts.waiting++;
      if (row.state !== "waiting" || row.reason !== plan.reason) await outcome(ctx, row, "waiting", plan.reason);
      return;
    case "skip":
      await outcome(ctx, row, "skipped", plan.reason);
      ctx.record({
        type: "payout",
        key,
        label: label(row),
        outcome: ctx.dryRun ? "planned" : "skipped",
        reason: plan.reason,
      });
      return;
    case "import":
      counts.imported++;
      await outcome(ctx, row, "imported", null, { difference: "0" });
      ctx.record({
        type: "payout",
        key,
        label: label(row),
        outcome: ctx.dryRun ? "planned" : "updated",
        reason: "imported (not recorded in the ERP: Settings → Payments)",
      });
      return;
    case "unbalanced":
      counts.unbalanced++;
      await outcome(ctx, row, "unbalanced", plan.reason, { difference: plan.difference });
      ctx.record({
        type: "payout",
        key,
        label: label(row),
        outcome: "skipped",
        reason: `not recorded: ${plan.reason}`,
      });
      return;
    case "error":
      counts.failed++;
      await outcome(ctx, row, "error", plan.reason);
      ctx.record({ type: "payout", key, label: label(row), outcome: "failed", reason: plan.reason });
      return;
    case "record":
      return record(ctx, adapter!, row, plan.draft, counts);
  }
}

type Draft = Extract<PayoutPlan, { kind: "record" }>["draft"];

const describe = (draft: Draft) => draft.lines.map((l) => `${l.account.number} ${l.amount}`).join(", ");

async function record(ctx: RunContext, adapter: ErpAdapter, row: ShopifyPayoutRow, draft: Draft, counts: PayoutCounts) {
  const key = String(row.legacyId);
  const what = `journal entry ${draft.externalDocumentNumber}: ${describe(draft)}`;
  if (ctx.dryRun) {
    ctx.record({ type: "payout", key, label: label(row), outcome: "planned", reason: `record ${what}` });
    return;
  }
  if (!ctx.writesAllowed) {
    ctx.record({
      type: "payout",
      key,
      label: label(row),
      outcome: "skipped",
      reason: `outgoing writes are off in Settings: record ${what}`,
    });
    return;
  }
  // Committed before the ERP is asked: a run that dies from here on leaves the next one to look.
  await outcome(ctx, row, "recording", "being recorded in the ERP", { difference: "0" });
  const written = await adapter.recordJournalEntry(draft);
  counts.recorded++;
  await outcome(ctx, row, "recorded", null, { erpDocumentNumber: written.ref.number });
  ctx.record({ type: "payout", key, label: label(row), outcome: "created", reason: `${what} (${written.ref.number})` });
}

/**
 * A payout a run left while recording: when the ERP still has any of its lines, the entry is
 * unposted and completed (only missing lines are added). When it has none, it may have been posted
 * since, so nothing is sent on a guess: an error with the reason, and Retry records it.
 */
async function resume(ctx: RunContext, adapter: ErpAdapter, row: ShopifyPayoutRow, draft: Draft, counts: PayoutCounts) {
  if (ctx.dryRun) {
    const reason = `look in the ERP for ${draft.externalDocumentNumber}: a run stopped while recording it`;
    ctx.record({ type: "payout", key: String(row.legacyId), label: label(row), outcome: "planned", reason });
    return;
  }
  const found = await adapter.findJournalEntry({
    externalDocumentNumber: draft.externalDocumentNumber,
    ...(draft.journalCode ? { journalCode: draft.journalCode } : {}),
  });
  if (found) {
    const written = await adapter.recordJournalEntry(draft);
    counts.recorded++;
    await outcome(ctx, row, "recorded", null, { erpDocumentNumber: written.ref.number });
    return;
  }
  counts.failed++;
  const reason = `a run stopped while recording this payout and the ERP's journal does not have ${payoutKey(row.legacyId)}: if the journal was posted since, check the bank account's ledger; Retry records it`;
  await outcome(ctx, row, "error", reason);
  ctx.record({ type: "payout", key: String(row.legacyId), label: label(row), outcome: "failed", reason });
}
