/**
 * What becomes of one Shopify Payments payout: pure. A paid payout is recorded as the accountant
 * would book the bank statement line: the net to the bank, the processing fees to the fee account,
 * and the gross out of the clearing account the customer payments were booked against (which
 * settles them). It must add up: a payout whose transactions do not make its amount is shown with
 * the difference, never recorded.
 */
import { fromMicros, sum, toMicros } from "../../domain/money.ts";

export interface PayoutFacts {
  legacyId: number;
  status: string;
  issuedAt: string;
  currency: string;
  /** Signed: a withdrawal is negative. */
  net: string;
}

export interface PayoutTransactionFacts {
  amount: string;
  fee: string;
  net: string;
}

export interface PayoutSettings {
  process: "off" | "import_only" | "record";
  journal: string;
  bankAccount: string;
  clearingAccount: string;
  feeAccount: string;
}

export interface JournalLineDraft {
  account: { type: "bank" | "gl"; number: string };
  /** Debit positive, credit negative. */
  amount: string;
  description: string;
}

export interface PayoutDraft {
  externalDocumentNumber: string;
  postingDate: string;
  journalCode?: string;
  lines: JournalLineDraft[];
}

export interface PayoutSums {
  gross: string;
  fees: string;
  transactionsNet: string;
  /** The payout's net less its transactions' (zero when it balances). */
  difference: string;
}

export type PayoutPlan =
  | { kind: "wait"; reason: string }
  | { kind: "skip"; reason: string }
  | { kind: "import" }
  | { kind: "unbalanced"; reason: string; difference: string }
  | { kind: "error"; reason: string }
  | { kind: "record"; draft: PayoutDraft };

/** Shopify's statuses of a payout still on its way (BC re-polls all but Paid and Canceled). */
const OPEN = new Set(["SCHEDULED", "IN_TRANSIT", "ACTION_REQUIRED"]);

export const payoutKey = (legacyId: number) => `PAYOUT-${legacyId}`;

export function payoutSums(payout: PayoutFacts, transactions: readonly PayoutTransactionFacts[]): PayoutSums {
  const gross = sum(transactions.map((t) => toMicros(t.amount)));
  const fees = sum(transactions.map((t) => toMicros(t.fee)));
  const net = sum(transactions.map((t) => toMicros(t.net)));
  return {
    gross: fromMicros(gross),
    fees: fromMicros(fees),
    transactionsNet: fromMicros(net),
    // What the journal entry needs to balance: the payout's net against its transactions' gross less fees.
    difference: fromMicros(toMicros(payout.net) - (gross - fees)),
  };
}

export function isOpenPayout(status: string): boolean {
  return OPEN.has(status);
}

export function planPayout(
  payout: PayoutFacts,
  transactions: readonly PayoutTransactionFacts[],
  settings: PayoutSettings,
): PayoutPlan {
  if (isOpenPayout(payout.status)) {
    return { kind: "wait", reason: `waits until Shopify has paid it out (it is ${payout.status.toLowerCase()})` };
  }
  if (payout.status !== "PAID") {
    return { kind: "skip", reason: `Shopify did not pay it out (${payout.status.toLowerCase()})` };
  }
  const sums = payoutSums(payout, transactions);
  if (transactions.length === 0 || toMicros(sums.difference) !== 0n) {
    return {
      kind: "unbalanced",
      difference: sums.difference,
      reason:
        transactions.length === 0
          ? "Shopify lists no balance transactions for it: nothing to balance it against"
          : `its transactions add up to ${fromMicros(toMicros(sums.gross) - toMicros(sums.fees))} ${payout.currency}, not its ${payout.net}: a difference of ${sums.difference}`,
    };
  }
  if (settings.process !== "record") return { kind: "import" };
  const missing = [
    settings.bankAccount ? null : "bank account",
    settings.clearingAccount ? null : "clearing account",
    settings.feeAccount || toMicros(sums.fees) === 0n ? null : "fee account",
  ].filter((m) => m !== null);
  if (missing.length > 0)
    {return { kind: "error", reason: `set the payout ${missing.join(" and ")} in Settings → Payments` };}
  const what = `Shopify payout ${payout.legacyId}`;
  const lines: JournalLineDraft[] = [
    { account: { type: "bank", number: settings.bankAccount }, amount: payout.net, description: what },
    ...(toMicros(sums.fees) === 0n
      ? []
      : [
          {
            account: { type: "gl" as const, number: settings.feeAccount },
            amount: sums.fees,
            description: `${what} fees`,
          },
        ]),
    {
      account: { type: "gl", number: settings.clearingAccount },
      amount: fromMicros(-toMicros(sums.gross)),
      description: `${what} payments settled`,
    },
  ];
  return {
    kind: "record",
    draft: {
      externalDocumentNumber: payoutKey(payout.legacyId),
      postingDate: payout.issuedAt.slice(0, 10),
      ...(settings.journal ? { journalCode: settings.journal } : {}),
      lines,
    },
  };
}
