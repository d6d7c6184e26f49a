import { BcError, stringTooLong } from "../bc-error.ts";

// BC's field validation, in its words. The HTTP codes follow what the sandbox answers elsewhere:
// an AL Error() is Application_DialogException, FieldError/TestField and table relations
// Application_FieldValidationException (guesses at the codes; the messages are BC's formats).

/** Text[n] / Code[n]: a longer value is refused before anything is written. */
export function checkLength(value: string | undefined, max: number): void {
  if (value !== undefined && value.length > max) throw stringTooLong(value, max);
}

/** Checks every `[value, max]` pair. */
export function checkLengths(pairs: readonly (readonly [string | undefined, number])[]): void {
  for (const [value, max] of pairs) checkLength(value, max);
}

/** An AL `Error(...)` raised by a page or table trigger. */
export function dialogError(message: string): BcError {
  return new BcError(400, "Application_DialogException", message);
}

/** `Rec.FieldError(Field, Text)`: "<Field> <text> in <Table> <key>." */
export function fieldError(field: string, text: string, table: string, key: string): BcError {
  return new BcError(400, "Application_FieldValidationException", `${field} ${text} in ${table} ${key}.`);
}

/** A TableRelation that finds nothing. */
export function relationNotFound(field: string, table: string, value: string, related: string): BcError {
  return new BcError(
    400,
    "Application_FieldValidationException",
    `The field ${field} of table ${table} contains a value (${value}) that cannot be found in the related table (${related}).`,
  );
}

/** `TestField(Field, Value)` on an option field. */
export function testFieldEqual(field: string, expected: string, table: string, key: string, actual: string) {
  return new BcError(
    400,
    "Application_FieldValidationException",
    `${field} must be equal to '${expected}'  in ${table}: ${key}. Current value is '${actual}'.`,
  );
}

/** `TestField(Field)` on a blank value. */
export function mustHaveValue(field: string, table: string, key: string): BcError {
  return new BcError(
    400,
    "Application_FieldValidationException",
    `${field} must have a value in ${table}: ${key}. It cannot be zero or empty.`,
  );
}

/** Guess at status and wording: BC refuses a duplicate primary key on insert or rename. */
export function duplicateKey(table: string, fields: string): BcError {
  return new BcError(
    400,
    "Internal_EntityWithSameKeyExists",
    `The record in table ${table} already exists. Identification fields and values: ${fields}`,
  );
}

// MailManagement.CheckValidEmailAddress accepts one address or several separated by ; or ,.
const EMAIL = /^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+$/;

/** Table fields of ExtendedDatatype EMail (customer, contact, ship-to): MailManagement's check. */
export function checkEmail(value: string | undefined): void {
  if (!value) return;
  for (const address of value.split(/[;,]/).map((a) => a.trim())) {
    if (address !== "" && !EMAIL.test(address)) throw dialogError(`The email address "${address}" is not valid.`);
  }
}

/** Phone No. and Mobile Phone No. triggers: no letters (Char.IsLetter). */
export function checkPhone(value: string | undefined, field: string, table: string, key: string): void {
  if (value && /\p{L}/u.test(value)) throw fieldError(field, "must not contain letters", table, key);
}

/** Code fields are stored in upper case (the platform does it on assignment). */
export function code(value: string): string;
export function code(value: string | undefined): string | undefined;
export function code(value: string | undefined): string | undefined {
  return value === undefined ? undefined : value.toUpperCase();
}
