import { badRequest, BcError, referencedNotFound } from "../bc-error.ts";
import type { LineInput } from "../http/body-schemas.ts";
import type { CompanyData } from "./company-data.ts";
import { round2 } from "./defaults.ts";
import { type AccountRow, EMPTY_GUID, type SalesLineRow } from "./row-types.ts";

export type LineFields = Omit<SalesLineRow, "id" | "lastModifiedDateTime" | "documentId" | "sequence">;

/** Amounts of one line before the header's invoice discount is allocated. Tax is always 0 here. */
export function lineAmounts(
  quantity: number,
  unitPrice: number,
  discount: { amount?: number | undefined; percent?: number | undefined },
): { discountAmount: number; discountPercent: number; amountExcludingTax: number } {
  const gross = round2(quantity * unitPrice);
  let discountAmount = 0;
  let discountPercent = 0;
  if (discount.percent !== undefined) {
    discountPercent = discount.percent;
    discountAmount = round2((gross * discount.percent) / 100);
  } else if (discount.amount !== undefined) {
    discountAmount = round2(discount.amount);
    discountPercent = gross === 0 ? 0 : round2((discountAmount / gross) * 100);
  }
  if (discountAmount > gross && gross >= 0) {
    throw new BcError(
      400,
      "Application_FieldValidationException",
      `Line Discount Amount must not be greater than ${gross}.`,
    );
  }
  return { discountAmount, discountPercent, amountExcludingTax: round2(gross - discountAmount) };
}

/** BC's Error() dialogs reach API callers as 400 Application_DialogException. */
function dialog(message: string): BcError {
  return new BcError(400, "Application_DialogException", message);
}

/**
 * The G/L account of an Account line, checked as BC does: the API page looks it up by accountId or
 * number ("Account does not exist."), then the Sales Line's "No." validation runs CheckGLAcc and
 * TestField("Direct Posting") (APIV2SalesOrderLines.Page.al; Sales Line table). TestField messages
 * keep BC's wording; their error code is a guess.
 */
function postingAccount(data: CompanyData, accountId: string | undefined, number: string): AccountRow {
  const account =
    accountId !== undefined && accountId !== EMPTY_GUID
      ? data.accounts.get(accountId)
      : data.accounts.find((a) => a.number.toUpperCase() === number.toUpperCase());
  if (!account) throw dialog("Account does not exist.");
  const testField = (field: string, must: string, current: string) =>
    dialog(
      `${field} must be equal to '${must}'  in G/L Account: No.=${account.number}. Current value is '${current}'.`,
    );
  if (account.accountType !== "Posting") throw testField("Account Type", "Posting", account.accountType);
  if (account.blocked) throw testField("Blocked", "No", "Yes");
  if (!account.directPosting) throw testField("Direct Posting", "Yes", "No");
  return account;
}

/**
 * Validates a line the way BC's Sales Line OnValidate triggers would, resolving item, variant and location.
 * Throws a BcError before anything is written, which is what makes deep insert all-or-nothing.
 */
export function resolveLine(data: CompanyData, input: LineInput, shipmentDate: string): LineFields {
  const lineType = input.lineType ?? (input.itemId !== undefined ? "Item" : "Comment");
  let itemId = EMPTY_GUID;
  let accountId = EMPTY_GUID;
  let lineObjectNumber = input.lineObjectNumber ?? "";
  let description = input.description ?? "";
  let unitPrice = input.unitPrice ?? 0;
  let itemVariantId = EMPTY_GUID;
  let locationId = EMPTY_GUID;
  if (lineType === "Item") {
    const item = input.itemId
      ? data.items.get(input.itemId)
      : data.items.find((i) => i.number.toUpperCase() === lineObjectNumber.toUpperCase());
    if (!item) {
      throw input.itemId
        ? referencedNotFound("Item", `SystemId='${input.itemId}'`)
        : referencedNotFound("Item", `No.='${lineObjectNumber}'`);
    }
    if (item.blocked) {
      throw new BcError(
        400,
        "Application_DialogException",
        `Blocked must be equal to 'No'  in Item: No.=${item.number}. Current value is 'Yes'.`,
      );
    }
    itemId = item.id;
    lineObjectNumber = item.number;
    description = input.description ?? item.displayName;
    unitPrice = input.unitPrice ?? item.unitPrice;
    if (input.itemVariantId && input.itemVariantId !== EMPTY_GUID) {
      const variant = data.itemVariants.get(input.itemVariantId);
      if (!variant || variant.itemId !== item.id) {
        throw referencedNotFound("Item Variant", `SystemId='${input.itemVariantId}'`);
      }
      itemVariantId = variant.id;
    }
  } else if (lineType === "Account") {
    if (input.itemId !== undefined && input.itemId !== EMPTY_GUID) {
      throw dialog('Both "itemId" and "accountId" are specified. Specify only one of them.');
    }
    const account = postingAccount(data, input.accountId, lineObjectNumber);
    accountId = account.id;
    lineObjectNumber = account.number;
    description = input.description ?? account.displayName;
  } else if (lineType === "Charge (Item)" || lineType === "Resource") {
    // Guess: we do not model item charges or resources, so any non-empty number is accepted.
    if (!lineObjectNumber) throw badRequest(`lineObjectNumber must have a value for lineType '${lineType}'.`);
  } else {
    unitPrice = 0;
  }
  if (input.locationId && input.locationId !== EMPTY_GUID) {
    const location = data.locations.get(input.locationId);
    if (!location) throw referencedNotFound("Location", `SystemId='${input.locationId}'`);
    locationId = location.id;
  }
  const quantity = lineType === "Comment" ? 0 : (input.quantity ?? 0);
  const amounts = lineAmounts(quantity, unitPrice, { amount: input.discountAmount, percent: input.discountPercent });
  return {
    itemId,
    accountId,
    lineType,
    lineObjectNumber,
    description: description.slice(0, 100),
    description2: input.description2 ?? "",
    unitOfMeasureCode: lineType === "Item" ? (input.unitOfMeasureCode ?? "PCS") : (input.unitOfMeasureCode ?? ""),
    quantity,
    unitPrice,
    ...amounts,
    discountAppliedBeforeTax: true,
    taxCode: input.taxCode ?? "",
    taxPercent: 0,
    totalTaxAmount: 0,
    amountIncludingTax: amounts.amountExcludingTax,
    invoiceDiscountAllocation: 0,
    netAmount: amounts.amountExcludingTax,
    netTaxAmount: 0,
    netAmountIncludingTax: amounts.amountExcludingTax,
    shipmentDate: input.shipmentDate ?? shipmentDate,
    itemVariantId,
    locationId,
  };
}

/**
 * Spreads the header's invoice discount over lines in proportion to their amounts (BC allocates it the
 * same way; rounding leftovers go to the last line) and returns the header totals.
 */
export function allocateInvoiceDiscount<L extends SalesLineRow>(
  lines: L[],
  headerDiscount: number,
): { lines: { id: string; patch: Partial<SalesLineRow> }[]; totals: { total: number } } {
  const base = lines.reduce((sum, l) => sum + Math.max(0, l.amountExcludingTax), 0);
  let left = round2(Math.min(headerDiscount, base));
  const eligible = lines.filter((l) => l.amountExcludingTax > 0);
  const out: { id: string; patch: Partial<SalesLineRow> }[] = [];
  let total = 0;
  for (const line of lines) {
    let allocation = 0;
    if (line.amountExcludingTax > 0 && base > 0) {
      allocation =
        line === eligible[eligible.length - 1] ? left : round2((headerDiscount * line.amountExcludingTax) / base);
      allocation = Math.min(allocation, left);
      left = round2(left - allocation);
    }
    const net = round2(line.amountExcludingTax - allocation);
    total = round2(total + net);
    out.push({
      id: line.id,
      patch: { invoiceDiscountAllocation: allocation, netAmount: net, netAmountIncludingTax: net, netTaxAmount: 0 },
    });
  }
  return { lines: out, totals: { total } };
}
