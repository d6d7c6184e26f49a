import type { PaymentJournalInput } from "../http/money-schemas.ts";
import type { CompanyData } from "./company-data.ts";
import { definedOnly } from "./defaults.ts";
import { resolveJournalAccount } from "./journals.ts";
import type { PaymentJournalRow } from "./row-types.ts";
import { code, duplicateKey, mustHaveValue } from "./validation.ts";

// APIV2 - Cust. Paym. Journals (page 30013): Gen. Journal Batches of the CASHRCPT template.

/** POST customerPaymentJournals: Name (code) is the key within the template; BalAccountId is a G/L account. */
export function createPaymentJournal(data: CompanyData, input: PaymentJournalInput): PaymentJournalRow {
  if (!input.code) throw mustHaveValue("Name", "Gen. Journal Batch", "Journal Template Name=CASHRCPT, Name=");
  const name = code(input.code);
  if (data.customerPaymentJournals.find((j) => j.code === name)) {
    throw duplicateKey("Gen. Journal Batch", `Journal Template Name='CASHRCPT',Name='${name}'`);
  }
  const bal = resolveJournalAccount(data, "G/L Account", input.balancingAccountId, undefined, "balancing");
  return data.customerPaymentJournals.insert({
    ...(input.id ? { id: input.id } : {}),
    code: name,
    displayName: input.displayName ?? "",
    balancingAccountId: bal.id,
    balancingAccountNumber: bal.number,
  });
}

export function patchPaymentJournal(data: CompanyData, row: PaymentJournalRow, input: PaymentJournalInput): void {
  const { id: _i, code: newCode, balancingAccountId, ...rest } = input;
  const patch: Partial<PaymentJournalRow> = definedOnly(rest);
  if (newCode !== undefined && code(newCode) !== row.code) {
    const name = code(newCode);
    if (data.customerPaymentJournals.find((j) => j.code === name)) {
      throw duplicateKey("Gen. Journal Batch", `Journal Template Name='CASHRCPT',Name='${name}'`);
    }
    patch.code = name;
  }
  if (balancingAccountId !== undefined) {
    const bal = resolveJournalAccount(data, "G/L Account", balancingAccountId, undefined, "balancing");
    patch.balancingAccountId = bal.id;
    patch.balancingAccountNumber = bal.number;
  }
  data.customerPaymentJournals.update(row.id, patch);
  if (patch.code) {
    for (const line of data.customerPayments.filter((l) => l.journalId === row.id)) {
      data.customerPayments.update(line.id, { journalDisplayName: patch.code });
    }
  }
}

/** Deleting a batch deletes its lines (Gen. Journal Batch OnDelete). */
export function deletePaymentJournal(data: CompanyData, row: PaymentJournalRow): void {
  for (const line of data.customerPayments.filter((l) => l.journalId === row.id)) data.customerPayments.delete(line.id);
  data.customerPaymentJournals.delete(row.id);
}
