import { eq, sql } from "drizzle-orm";

import { erpConnections } from "../../../db/schema/erp-connections.ts";
import type { DbOrTx } from "../db.ts";

export interface ErpConnectionRow {
  /** The adapter kind's id; the app's registry of kinds (`erp/erp-kinds.ts`) says what it means. */
  kind: string;
  settings: unknown;
  sealedSecret: string;
  companyName: string;
  connectedAt: Date;
}

export async function getErpConnection(db: DbOrTx, shopId: number): Promise<ErpConnectionRow | undefined> {
  const [row] = await db
    .select({
      kind: erpConnections.kind,
      settings: erpConnections.settings,
      sealedSecret: erpConnections.sealedSecret,
      companyName: erpConnections.companyName,
      connectedAt: erpConnections.connectedAt,
    })
    .from(erpConnections)
    .where(eq(erpConnections.shopId, shopId));
  return row;
}

export async function saveErpConnection(
  db: DbOrTx,
  input: { shopId: number; kind: string; settings: Record<string, unknown>; sealedSecret: string; companyName: string },
): Promise<void> {
  const now = new Date();
  await db
    .insert(erpConnections)
    .values({ ...input, connectedAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: erpConnections.shopId,
      set: {
        kind: sql`excluded.kind`,
        settings: sql`excluded.settings`,
        sealedSecret: sql`excluded.sealed_secret`,
        companyName: sql`excluded.company_name`,
        connectedAt: now,
        updatedAt: now,
      },
    });
}
