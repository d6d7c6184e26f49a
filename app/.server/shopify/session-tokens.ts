import { looksSealed, type SecretCipher } from "../secrets/cipher.ts";
import { getSecretCipher } from "../secrets/secret-cipher.ts";

/**
 * Shopify access and refresh tokens are sealed in the `sessions` table (AES-256-GCM, the app's
 * secret cipher), so a dump of the database gives no Admin API access. The context names the
 * session row and which token it is: a sealed token copied into another shop's row, or an access
 * token pasted into the refresh column, does not open.
 */
export type SessionTokenKind = "access" | "refresh";

const context = (sessionId: string, kind: SessionTokenKind) => `shopify-session:${sessionId}:${kind}`;

export function sealSessionToken(
  token: string,
  sessionId: string,
  kind: SessionTokenKind,
  cipher: SecretCipher = getSecretCipher(),
): string {
  return cipher.seal(token, context(sessionId, kind));
}

export interface OpenedToken {
  token: string;
  /** Stored in plain text (a row from before sealing) or with the previous key: seal it again. */
  needsReseal: boolean;
}

/**
 * The token in a stored value. A plain-text value (rows written before tokens were sealed) is
 * read as it is, once: the caller re-seals it at once, so each row is upgraded on first use.
 */
export function openSessionToken(
  stored: string,
  sessionId: string,
  kind: SessionTokenKind,
  cipher: SecretCipher = getSecretCipher(),
): OpenedToken {
  if (!looksSealed(stored)) return { token: stored, needsReseal: stored !== "" };
  return { token: cipher.open(stored, context(sessionId, kind)), needsReseal: !cipher.sealedWithCurrentKey(stored) };
}
