import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * AES-256-GCM for secrets at rest (ERP credentials). A sealed value is
 * `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts); the key id lets a rotated key be told
 * apart, and `context` (e.g. the shop id) is authenticated, so a value copied into another shop's
 * row does not open there.
 */
export interface SecretCipher {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
  /** Sealed with the current key (false: sealed with a previous key, or not sealed at all). */
  sealedWithCurrentKey(value: string): boolean;
}

/** Whether a stored value has the shape of a sealed secret (a plain-text value from before sealing has not). */
export function looksSealed(value: string): boolean {
  const parts = value.split(".");
  return parts.length === 5 && parts[0] === "v1";
}

export class SecretCipherError extends Error {
  override name = "SecretCipherError";
}

const IV_BYTES = 12;

/** `keys[0]` seals; every key may open (so a previous key keeps working during rotation). */
export function createSecretCipher(keys: Buffer[]): SecretCipher {
  const [current] = keys;
  if (!current) throw new SecretCipherError("no encryption key configured");
  for (const key of keys) {
    if (key.length !== 32) throw new SecretCipherError("encryption keys must be 32 bytes (base64 of 32 random bytes)");
  }
  const byId = new Map(keys.map((key) => [keyId(key), key]));
  const currentId = keyId(current);

  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", current, iv);
      cipher.setAAD(Buffer.from(context, "utf8"));
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return ["v1", currentId, b64(iv), b64(cipher.getAuthTag()), b64(ciphertext)].join(".");
    },
    open(sealed, context) {
      const [version, id, iv, tag, ciphertext] = sealed.split(".");
      if (version !== "v1" || !id || !iv || !tag || ciphertext === undefined) {
        throw new SecretCipherError("not a sealed secret");
      }
      const key = byId.get(id);
      if (!key) throw new SecretCipherError(`sealed with an unknown key (${id}); was the encryption key changed?`);
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
        decipher.setAAD(Buffer.from(context, "utf8"));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString(
          "utf8",
        );
      } catch {
        throw new SecretCipherError("the sealed secret does not open with this key and context");
      }
    },
    sealedWithCurrentKey(value) {
      return looksSealed(value) && value.split(".")[1] === currentId;
    },
  };
}

function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

function b64(data: Buffer): string {
  return data.toString("base64url");
}
