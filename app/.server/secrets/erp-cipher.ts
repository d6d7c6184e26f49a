import type { SecretCipher } from "./cipher.ts";
import { getSecretCipher } from "./secret-cipher.ts";

/** The cipher for ERP credentials: the app's one secret cipher (ERP_ENCRYPTION_KEY, and the previous key). */
export function getErpCipher(): SecretCipher {
  return getSecretCipher();
}

/** The authenticated context of a shop's ERP secret: it opens only on that shop's row. */
export const erpSecretContext = (shopId: number) => `erp-connection:shop:${shopId}`;
