import type { IncomingMessage } from "node:http";

import { BcError } from "../bc-error.ts";

/**
 * BC's optimistic concurrency on PATCH and DELETE: an If-Match header is required (without one,
 * 400 BadRequest_InvalidToken, the wording Microsoft's docs quote), `*` matches whatever is there,
 * and an etag the row no longer has is refused with 412 Precondition Failed and
 * Request_EntityChanged, before anything is changed.
 */
export function checkIfMatch(req: IncomingMessage, current: string | undefined): void {
  const header = req.headers["if-match"]?.trim();
  if (!header) {
    throw new BcError(
      400,
      "BadRequest_InvalidToken",
      "Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.",
    );
  }
  if (header === "*") return;
  // A client may send several etags (RFC 9110); any one current is enough.
  const sent = header.split(/,\s*(?=W\/|")/).map((tag) => tag.trim());
  if (current === undefined || !sent.includes(current)) {
    throw new BcError(412, "Request_EntityChanged", "Another user has already changed the record.");
  }
}
