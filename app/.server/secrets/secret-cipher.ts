import { getConfig } from "../config.ts";
import { createSecretCipher, type SecretCipher } from "./cipher.ts";

let cipher: SecretCipher | undefined;

/**
 * The app's one cipher for secrets at rest (ERP credentials, Shopify access and refresh tokens),
 * keyed from ERP_ENCRYPTION_KEY and, while rotating, ERP_ENCRYPTION_KEY_PREVIOUS. One key for all
 * secrets keeps rotation a single operation; the context string keeps each secret to its row.
 */
export function getSecretCipher(): SecretCipher {
  if (cipher) return cipher;
  const config = getConfig();
  const keys = [config.ERP_ENCRYPTION_KEY, config.ERP_ENCRYPTION_KEY_PREVIOUS]
    .filter((key): key is string => key !== undefined)
    .map((key) => Buffer.from(key, "base64"));
  cipher = createSecretCipher(keys);
  return cipher;
}
