import { getConfig } from "../config.ts";
import { createSecretCipher, type SecretCipher } from "./cipher.ts";

let cipher: SecretCipher | undefined;

/** The cipher for ERP credentials, keyed from ERP_ENCRYPTION_KEY (and the previous key, if rotating). */
export function getErpCipher(): SecretCipher {
  if (cipher) return cipher;
  const config = getConfig();
  const keys = [config.ERP_ENCRYPTION_KEY, config.ERP_ENCRYPTION_KEY_PREVIOUS]
    .filter((key): key is string => key !== undefined)
    .map((key) => Buffer.from(key, "base64"));
  cipher = createSecretCipher(keys);
  return cipher;
}

/** The authenticated context of a shop's ERP secret: it opens only on that shop's row. */
export const erpSecretContext = (shopId: number) => `erp-connection:shop:${shopId}`;
