import { randomUUID } from "node:crypto";

/**
 * A Business Central API error: `{"error":{"code","message"}}` where the message ends with
 * "  CorrelationId:  <guid>." (BC pads with two spaces; clients should not rely on that).
 */
export class BcError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
  body(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: `${this.message}  CorrelationId:  ${randomUUID()}.` } };
  }
}

export function recordNotFound(entity: string, fields: string): BcError {
  return new BcError(
    404,
    "Internal_RecordNotFound",
    `The ${entity} does not exist. Identification fields and values: ${fields}`,
  );
}

/** A referenced record (customer, item, …) named in a request body does not exist: BC answers 400 here. */
export function referencedNotFound(entity: string, fields: string): BcError {
  const e = recordNotFound(entity, fields);
  return new BcError(400, e.code, e.message);
}

export function badRequest(message: string, code = "BadRequest"): BcError {
  return new BcError(400, code, message);
}

export function noResource(url: string): BcError {
  return new BcError(404, "BadRequest_NotFound", `No HTTP resource was found that matches the request URI '${url}'.`);
}

export function methodNotAllowed(method: string, entitySet: string): BcError {
  return new BcError(
    405,
    "BadRequest_MethodNotAllowed",
    `'${method}' requests for '${entitySet}' of EdmType 'EntitySet' are not allowed within Dynamics 365 Business Central OData web services.`,
  );
}

export function stringTooLong(value: string, max: number): BcError {
  return new BcError(
    400,
    "Application_StringExceededLength",
    `The length of the string is ${value.length}, but it must be less than or equal to ${max} characters. Value: ${value}`,
  );
}
