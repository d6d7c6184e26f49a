import { referencedNotFound } from "../bc-error.ts";
import type { JournalInput, JournalLineInput } from "../http/money-schemas.ts";
import type { CompanyData } from "./company-data.ts";
import { definedOnly, isoDate } from "./defaults.ts";
import type { GenJournalAccountType, JournalLineRow, JournalRow } from "./money-row-types.ts";
import { type AccountRow, EMPTY_GUID } from "./row-types.ts";
import { code, dialogError, duplicateKey, relationNotFound, testFieldEqual } from "./validation.ts";

// APIV2 - Journals (page 30016) and APIV2 - JournalLines (page 30049), over Gen. Journal Batch and
// Gen. Journal Line of the GENERAL template. Page texts are the pages' own Error() labels.

const JOURNAL_FILTER_MISSING = "You must specify a journal batch ID or a journal ID to get a journal line.";
const BATCH_NAME_FIXED = "The Journal Batch Display Name isn't editable.";
const BATCH_ID_FIXED = "The Journal Batch Id isn't editable.";
const ACCOUNT_MISMATCH = "The account values do not match to a specific Account.";
const ACCOUNT_ID_UNKNOWN = 'The "accountId" does not match to an Account.';
const ACCOUNT_NUMBER_UNKNOWN = 'The "accountNumber" does not match to an Account.';
const BAL_ACCOUNT_ID_UNKNOWN = 'The "balancingAccountId" does not match to an Account.';

/**
 * The account types the page shows: its OnOpenPage sets Account Type "G/L Account".."Bank Account",
 * which (by the enum's order) includes Customer and Vendor. A line of another type would be outside
 * the page's view; the wording of that refusal is a guess.
 */
const PAGE_ACCOUNT_TYPES: readonly GenJournalAccountType[] = ["G/L Account", "Customer", "Vendor", "Bank Account"];

/** Gen. Journal Batch keys (Template, Name) as BC's messages show them. */
const lineKey = (templateName: string, batchName: string, lineNumber: number) =>
  `Journal Template Name=${templateName}, Journal Batch Name=${batchName}, Line No.=${lineNumber}`;
export { lineKey as journalLineKey };

/** CheckGLAcc + TestField("Direct Posting"), what Account No. validation runs on a G/L account. */
export function checkPostingAccount(account: AccountRow): void {
  const key = `No.=${account.number}`;
  if (account.accountType !== "Posting") {
    throw testFieldEqual("Account Type", "Posting", "G/L Account", key, account.accountType);
  }
  if (account.blocked) throw testFieldEqual("Blocked", "No", "G/L Account", key, "Yes");
  if (!account.directPosting) throw testFieldEqual("Direct Posting", "Yes", "G/L Account", key, "No");
}

export interface ResolvedAccount {
  id: string;
  number: string;
  name: string;
}

/**
 * One side of a journal line (account or balancing account): the page resolves an id only for G/L
 * and bank accounts ("Account Id" relates to G/L Account, so any other id fails the table relation);
 * a number is validated against the type's table.
 */
export function resolveJournalAccount(
  data: CompanyData,
  type: GenJournalAccountType,
  id: string | undefined,
  number: string | undefined,
  side: "account" | "balancing",
): ResolvedAccount {
  const field = side === "account" ? "Account" : "Bal. Account";
  const idUnknown = side === "account" ? ACCOUNT_ID_UNKNOWN : BAL_ACCOUNT_ID_UNKNOWN;
  let found: ResolvedAccount | undefined;
  if (id !== undefined && id !== EMPTY_GUID) {
    if (type === "G/L Account") {
      const account = data.accounts.get(id);
      if (!account) throw dialogError(idUnknown);
      checkPostingAccount(account);
      found = { id: account.id, number: account.number, name: account.displayName };
    } else if (type === "Bank Account") {
      const bank = data.bankAccounts.get(id);
      if (!bank) throw dialogError(idUnknown);
      found = { id: bank.id, number: bank.number, name: bank.displayName };
    } else {
      throw relationNotFound(
        `${side === "account" ? "Account Id" : "Balance Account Id"}`,
        "Gen. Journal Line",
        id,
        "G/L Account",
      );
    }
  }
  if (number === undefined || number === "") {
    if (found && number === "") throw dialogError(ACCOUNT_MISMATCH);
    return found ?? { id: EMPTY_GUID, number: "", name: "" };
  }
  const wanted = code(number);
  if (found) {
    if (found.number !== wanted) throw dialogError(ACCOUNT_MISMATCH);
    return found;
  }
  if (type === "G/L Account") {
    const account = data.accounts.find((a) => a.number === wanted);
    if (!account) {
      if (side === "account") throw dialogError(ACCOUNT_NUMBER_UNKNOWN);
      throw relationNotFound(`${field} No.`, "Gen. Journal Line", wanted, "G/L Account");
    }
    checkPostingAccount(account);
    return { id: account.id, number: account.number, name: account.displayName };
  }
  if (type === "Bank Account") {
    const bank = data.bankAccounts.find((b) => b.number === wanted);
    if (!bank) {
      if (side === "account") throw dialogError(ACCOUNT_NUMBER_UNKNOWN);
      throw relationNotFound(`${field} No.`, "Gen. Journal Line", wanted, "Bank Account");
    }
    if (bank.blocked) throw testFieldEqual("Blocked", "No", "Bank Account", `No.=${bank.number}`, "Yes");
    return { id: bank.id, number: bank.number, name: bank.displayName };
  }
  if (type === "Customer") {
    const customer = data.customers.find((c) => c.number === wanted);
    if (!customer) throw relationNotFound(`${field} No.`, "Gen. Journal Line", wanted, "Customer");
    // The page shows Account Id, a G/L Account relation: a customer line keeps it empty.
    return { id: EMPTY_GUID, number: customer.number, name: customer.displayName };
  }
  if (type === "Vendor") {
    const vendor = data.vendors.find((v) => v.number === wanted);
    if (!vendor) throw relationNotFound(`${field} No.`, "Gen. Journal Line", wanted, "Vendor");
    return { id: EMPTY_GUID, number: vendor.number, name: vendor.displayName };
  }
  // Fixed assets, IC partners and employees are not modelled.
  throw relationNotFound(`${field} No.`, "Gen. Journal Line", wanted, type);
}

function checkPageType(type: GenJournalAccountType): void {
  if (!PAGE_ACCOUNT_TYPES.includes(type)) {
    throw dialogError(
      `The Gen. Journal Line is outside the page's filter: Account Type must be G/L Account..Bank Account, not ${type}.`,
    );
  }
}

/** POST journals: a GENERAL batch; Name is the key within the template. */
export function createJournal(data: CompanyData, input: JournalInput): JournalRow {
  if (!input.code) {
    throw dialogError(
      "Name must have a value in Gen. Journal Batch: Journal Template Name=GENERAL, Name=. It cannot be zero or empty.",
    );
  }
  const name = code(input.code);
  const template = code(input.templateDisplayName ?? "GENERAL");
  if (data.journals.find((j) => j.code === name && j.templateDisplayName === template)) {
    throw duplicateKey("Gen. Journal Batch", `Journal Template Name='${template}',Name='${name}'`);
  }
  const bal = resolveJournalAccount(data, "G/L Account", input.balancingAccountId, undefined, "balancing");
  return data.journals.insert({
    ...(input.id ? { id: input.id } : {}),
    code: name,
    displayName: input.displayName ?? "",
    templateDisplayName: template,
    balancingAccountId: bal.id,
    balancingAccountNumber: bal.number,
    balancingAccountType: "G/L Account",
  });
}

export function patchJournal(data: CompanyData, row: JournalRow, input: JournalInput): void {
  const { id: _i, code: newCode, balancingAccountId, ...rest } = input;
  const patch: Partial<JournalRow> = definedOnly(rest);
  if (newCode !== undefined && code(newCode) !== row.code) {
    const name = code(newCode);
    if (data.journals.find((j) => j.code === name && j.templateDisplayName === row.templateDisplayName)) {
      throw duplicateKey("Gen. Journal Batch", `Journal Template Name='${row.templateDisplayName}',Name='${name}'`);
    }
    patch.code = name;
  }
  if (balancingAccountId !== undefined) {
    const bal = resolveJournalAccount(data, row.balancingAccountType, balancingAccountId, undefined, "balancing");
    patch.balancingAccountId = bal.id;
    patch.balancingAccountNumber = bal.number;
  }
  data.journals.update(row.id, patch);
  if (patch.code) {
    for (const line of data.journalLines.filter((l) => l.journalId === row.id)) {
      data.journalLines.update(line.id, { journalDisplayName: patch.code });
    }
  }
}

/** Deleting a batch deletes its lines (Gen. Journal Batch OnDelete). */
export function deleteJournal(data: CompanyData, row: JournalRow): void {
  for (const line of data.journalLines.filter((l) => l.journalId === row.id)) data.journalLines.delete(line.id);
  data.journals.delete(row.id);
}

/**
 * POST journalLines: InitializeLine numbers the line (last + 10000) and takes the batch's No. Series
 * for a blank Document No.; SetJournalLineValues validates the account, then the balancing account
 * (the batch's, unless the body names one).
 */
export function createJournalLine(
  data: CompanyData,
  now: () => number,
  input: JournalLineInput,
  parentJournalId: string | undefined,
): JournalLineRow {
  const journalId = parentJournalId ?? input.journalId;
  if (!journalId || journalId === EMPTY_GUID) throw dialogError(JOURNAL_FILTER_MISSING);
  if (parentJournalId && input.journalId && input.journalId.toLowerCase() !== parentJournalId) {
    throw dialogError(BATCH_ID_FIXED);
  }
  const journal = data.journals.get(journalId);
  if (!journal) throw referencedNotFound("Gen. Journal Batch", `SystemId='${journalId}'`);
  if (input.journalDisplayName !== undefined) throw dialogError(BATCH_NAME_FIXED);
  const accountType = input.accountType ?? "G/L Account";
  checkPageType(accountType);
  const account = resolveJournalAccount(data, accountType, input.accountId, input.accountNumber, "account");
  const namesBalancing =
    input.balanceAccountType !== undefined ||
    input.balancingAccountId !== undefined ||
    input.balancingAccountNumber !== undefined;
  const balanceAccountType = input.balanceAccountType ?? journal.balancingAccountType;
  const balancing = namesBalancing
    ? resolveJournalAccount(
        data,
        balanceAccountType,
        input.balancingAccountId,
        input.balancingAccountNumber,
        "balancing",
      )
    : { id: journal.balancingAccountId, number: journal.balancingAccountNumber, name: "" };
  const lines = data.journalLines.filter((l) => l.journalId === journal.id);
  return data.journalLines.insert({
    ...(input.id ? { id: input.id } : {}),
    journalId: journal.id,
    journalDisplayName: journal.code,
    lineNumber: input.lineNumber || Math.max(0, ...lines.map((l) => l.lineNumber)) + 10000,
    accountType,
    accountId: account.id,
    accountNumber: account.number,
    postingDate: input.postingDate ?? isoDate(now()),
    documentNumber: input.documentNumber || data.series.take("generalJournal"),
    externalDocumentNumber: input.externalDocumentNumber ?? "",
    amount: input.amount ?? 0,
    description: input.description || account.name,
    comment: input.comment ?? "",
    taxCode: input.taxCode ?? "",
    balanceAccountType,
    balancingAccountId: balancing.id,
    balancingAccountNumber: balancing.number,
  });
}

export function patchJournalLine(data: CompanyData, row: JournalLineRow, input: JournalLineInput): void {
  if (input.journalId !== undefined && input.journalId.toLowerCase() !== row.journalId) {
    throw dialogError(BATCH_ID_FIXED);
  }
  if (input.journalDisplayName !== undefined) throw dialogError(BATCH_NAME_FIXED);
  const accountType = input.accountType ?? row.accountType;
  checkPageType(accountType);
  const patch: Partial<JournalLineRow> = definedOnly({
    lineNumber: input.lineNumber,
    postingDate: input.postingDate,
    documentNumber: input.documentNumber,
    externalDocumentNumber: input.externalDocumentNumber,
    amount: input.amount,
    description: input.description,
    comment: input.comment,
    taxCode: input.taxCode,
  });
  if (input.accountType !== undefined || input.accountId !== undefined || input.accountNumber !== undefined) {
    // A new type clears the account (Account Type OnValidate), unless the body names one.
    const keep = input.accountType === undefined || input.accountType === row.accountType;
    const account = resolveJournalAccount(
      data,
      accountType,
      input.accountId,
      input.accountNumber ?? (keep && input.accountId === undefined ? row.accountNumber : undefined),
      "account",
    );
    Object.assign(patch, { accountType, accountId: account.id, accountNumber: account.number });
    if (input.description === undefined && account.number !== row.accountNumber) patch.description = account.name;
  }
  if (
    input.balanceAccountType !== undefined ||
    input.balancingAccountId !== undefined ||
    input.balancingAccountNumber !== undefined
  ) {
    const type = input.balanceAccountType ?? row.balanceAccountType;
    const keep = input.balanceAccountType === undefined || input.balanceAccountType === row.balanceAccountType;
    const bal = resolveJournalAccount(
      data,
      type,
      input.balancingAccountId,
      input.balancingAccountNumber ??
        (keep && input.balancingAccountId === undefined ? row.balancingAccountNumber : undefined),
      "balancing",
    );
    Object.assign(patch, { balanceAccountType: type, balancingAccountId: bal.id, balancingAccountNumber: bal.number });
  }
  data.journalLines.update(row.id, patch);
}
