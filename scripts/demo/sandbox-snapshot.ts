import { chmod } from "node:fs/promises";
import path from "node:path";

import { type PersistenceFiles, PRIVATE_FILE_MODE } from "../../sandbox/common/journal-file.ts";

/**
 * Where the demo keeps the sandbox store between runs, beside the app's own data: the snapshot a
 * clean stop writes, and the journal of every change since (so a kill loses nothing acknowledged).
 */
export function shopifyPersistenceFiles(dataDir: string): PersistenceFiles {
  return {
    snapshotFile: path.join(dataDir, "sandbox-shopify.json"),
    journalFile: path.join(dataDir, "sandbox-shopify.journal"),
  };
}

/** Where the demo keeps the sandbox Business Central between runs. */
export function businessCentralPersistenceFiles(dataDir: string): PersistenceFiles {
  return {
    snapshotFile: path.join(dataDir, "sandbox-business-central.json"),
    journalFile: path.join(dataDir, "sandbox-business-central.journal"),
  };
}

/** Every file the demo writes under its data folder (the database has its own folder and modes). */
export function demoFiles(dataDir: string): string[] {
  return [
    path.join(dataDir, "demo.json"),
    path.join(dataDir, "demo-state.json"),
    ...Object.values(shopifyPersistenceFiles(dataDir)),
    ...Object.values(businessCentralPersistenceFiles(dataDir)),
  ];
}

/**
 * Makes the demo's files owner-only (0600): they hold the app secret, the access token, the ERP
 * encryption key and the sandbox BC's client secret. Files an older run wrote world-readable are
 * fixed on start; a mode given at creation does not change an existing file.
 */
export async function restrictDemoFiles(dataDir: string): Promise<void> {
  for (const file of demoFiles(dataDir)) {
    try {
      await chmod(file, PRIVATE_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
}
