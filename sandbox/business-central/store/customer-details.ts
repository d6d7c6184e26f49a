import type { CustomerDetailsInput } from "../http/customer-schemas.ts";
import { checkRelations } from "./code-lists.ts";
import type { CompanyData } from "./company-data.ts";
import { applyCustomerChange } from "./customers.ts";
import { definedOnly } from "./defaults.ts";
import type { CustomerRow } from "./row-types.ts";
import { checkLengths, checkPhone, code, fieldError } from "./validation.ts";

/** PATCH customerDetails: the Customer fields API v2.0 leaves out, on the same record (same etag). */
export function patchCustomerDetails(data: CompanyData, customer: CustomerRow, input: CustomerDetailsInput): void {
  const key = `No.='${customer.number}'`;
  // Name 2 Text[50], Contact Text[100], Mobile Phone No. Text[30], Registration Number Text[50]
  // (its trigger allows 20), Customer Price Group Code[10], Customer Disc. Group, posting groups and
  // Tax Area Code Code[20], the three method/terms codes Code[10].
  checkLengths([
    [input.name2, 50],
    [input.contact, 100],
    [input.mobilePhoneNumber, 30],
    [input.registrationNumber, 50],
    [input.customerPriceGroup, 10],
    [input.customerDiscountGroup, 20],
    [input.customerPostingGroup, 20],
    [input.genBusPostingGroup, 20],
    [input.vatBusPostingGroup, 20],
    [input.taxAreaCode, 20],
    [input.paymentTermsCode, 10],
    [input.shipmentMethodCode, 10],
    [input.paymentMethodCode, 10],
  ]);
  if (input.registrationNumber !== undefined && input.registrationNumber.length > 20) {
    throw fieldError("Registration No.", "must not have the length more than 20 symbols", "Customer", key);
  }
  checkPhone(input.mobilePhoneNumber, "Mobile Phone No.", "Customer", key);
  const fields = definedOnly({
    ...input,
    customerPriceGroup: code(input.customerPriceGroup),
    customerDiscountGroup: code(input.customerDiscountGroup),
    customerPostingGroup: code(input.customerPostingGroup),
    genBusPostingGroup: code(input.genBusPostingGroup),
    vatBusPostingGroup: code(input.vatBusPostingGroup),
    taxAreaCode: code(input.taxAreaCode),
    paymentTermsCode: code(input.paymentTermsCode),
    shipmentMethodCode: code(input.shipmentMethodCode),
    paymentMethodCode: code(input.paymentMethodCode),
  });
  checkRelations(data, "Customer", fields);
  applyCustomerChange(data, customer, fields);
}
