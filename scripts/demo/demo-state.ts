import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { z } from "zod";

/** The demo's app credentials and shop token, made once and kept under DATA_DIR so a rerun reuses them. */
const stateSchema = z.object({
  apiKey: z.string(),
  apiSecret: z.string(),
  /** Seals ERP credentials in the demo database (ERP_ENCRYPTION_KEY). */
  erpEncryptionKey: z.string(),
  /** The sandbox Business Central's client secret for the demo app registration. */
  bcClientSecret: z.string(),
  accessToken: z.string().optional(),
});
export type DemoState = z.infer<typeof stateSchema>;

export async function loadDemoState(dataDir: string): Promise<DemoState> {
  const file = path.join(dataDir, "demo-state.json");
  try {
    return stateSchema.parse(JSON.parse(await readFile(file, "utf8")));
  } catch {
    const state = {
      apiKey: `demo${randomBytes(12).toString("hex")}`,
      apiSecret: randomBytes(24).toString("hex"),
      erpEncryptionKey: randomBytes(32).toString("base64"),
      bcClientSecret: randomBytes(18).toString("base64url"),
    };
    await saveDemoState(dataDir, state);
    return state;
  }
}

export async function saveDemoState(dataDir: string, state: DemoState): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, "demo-state.json");
  await writeFile(file, JSON.stringify(state, null, 2), { mode: 0o600 });
  // The mode above applies only when the file is created; an existing one keeps its own.
  await chmod(file, 0o600);
}

/** `.data/demo.json`: what scripts need to drive the running demo. */
export interface DemoInfo {
  appUrl: string;
  adminUrl: string;
  databaseUrl: string;
  shopify: { shop: string; adminApiUrl: string; accessToken: string; apiSecret: string };
  businessCentral: {
    apiBaseUrl: string;
    customApiBaseUrl: string;
    tokenUrl: string;
    clientId: string;
    clientSecret: string;
    companyId: string;
  };
}

export async function writeDemoInfo(dataDir: string, info: DemoInfo): Promise<string> {
  const file = path.join(dataDir, "demo.json");
  await writeFile(file, JSON.stringify(info, null, 2), { mode: 0o600 });
  await chmod(file, 0o600);
  return file;
}
