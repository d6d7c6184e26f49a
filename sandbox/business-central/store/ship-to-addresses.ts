import type { ShipToAddressInput } from "../http/customer-schemas.ts";
import type { CompanyData } from "./company-data.ts";
import type { ShipToAddressRow } from "./customer-row-types.ts";
import { definedOnly } from "./defaults.ts";
import {
  checkEmail,
  checkLengths,
  checkPhone,
  code,
  duplicateKey,
  mustHaveValue,
  relationNotFound,
} from "./validation.ts";

/**
 * Ship-to Address (table 222) on the companion page `shipToAddresses` (API v2.0 has none):
 * GET/POST/PATCH/DELETE, keyed in BC by (Customer No., Code) and on the page by SystemId. A PATCH
 * of either key field renames the record. A customer's delete takes its ship-to addresses along.
 */

const TABLE = "Ship-to Address";
const keyText = (customerNumber: string, shipTo: string) => `Customer No.='${customerNumber}',Code='${shipTo}'`;

function fields(input: ShipToAddressInput, key: string) {
  const { id: _id, ...rest } = input;
  // Customer No. Code[20], Code Code[10], Name Text[100], Name 2 Text[50], Address Text[100],
  // Address 2 Text[50], City/County Text[30], Post Code Code[20], Country Code[10], Phone Text[30],
  // E-Mail Text[80], Contact Text[100].
  checkLengths([
    [rest.customerNumber, 20],
    [rest.code, 10],
    [rest.name, 100],
    [rest.name2, 50],
    [rest.addressLine1, 100],
    [rest.addressLine2, 50],
    [rest.city, 30],
    [rest.state, 30],
    [rest.postalCode, 20],
    [rest.country, 10],
    [rest.phoneNumber, 30],
    [rest.email, 80],
    [rest.contact, 100],
  ]);
  checkPhone(rest.phoneNumber, "Phone No.", TABLE, key);
  checkEmail(rest.email);
  return definedOnly({
    ...rest,
    customerNumber: code(rest.customerNumber),
    code: code(rest.code),
    postalCode: code(rest.postalCode),
    country: code(rest.country),
  });
}

function checkKey(data: CompanyData, customerNumber: string, shipTo: string, except?: string): void {
  if (customerNumber === "") throw mustHaveValue("Customer No.", TABLE, `Customer No.=, Code=${shipTo}`);
  if (!data.customers.find((c) => c.number === customerNumber)) {
    throw relationNotFound("Customer No.", TABLE, customerNumber, "Customer");
  }
  if (shipTo === "") throw mustHaveValue("Code", TABLE, `Customer No.=${customerNumber}, Code=`);
  const clash = data.shipToAddresses.find(
    (s) => s.id !== except && s.customerNumber === customerNumber && s.code === shipTo,
  );
  if (clash) throw duplicateKey(TABLE, keyText(customerNumber, shipTo));
}

export function createShipToAddress(data: CompanyData, input: ShipToAddressInput): ShipToAddressRow {
  const values = fields(input, keyText(input.customerNumber ?? "", input.code ?? ""));
  checkKey(data, values.customerNumber ?? "", values.code ?? "");
  return data.shipToAddresses.insert({
    customerNumber: "",
    code: "",
    name: "",
    name2: "",
    addressLine1: "",
    addressLine2: "",
    city: "",
    state: "",
    country: "",
    postalCode: "",
    phoneNumber: "",
    email: "",
    contact: "",
    ...values,
    ...(input.id ? { id: input.id } : {}),
  });
}

export function patchShipToAddress(data: CompanyData, row: ShipToAddressRow, input: ShipToAddressInput): void {
  const values = fields(input, keyText(row.customerNumber, row.code));
  const customerNumber = values.customerNumber ?? row.customerNumber;
  const shipTo = values.code ?? row.code;
  if (customerNumber !== row.customerNumber || shipTo !== row.code) checkKey(data, customerNumber, shipTo, row.id);
  data.shipToAddresses.update(row.id, values);
}
