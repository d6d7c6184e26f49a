import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

import type { ShopifyEngine } from "../../sandbox/shopify/contracts.ts";

/** Where the demo keeps the sandbox store between runs, beside the app's own data. */
export function sandboxSnapshotFile(dataDir: string): string {
  return path.join(dataDir, "sandbox-shopify.json");
}

/**
 * Loads the store saved by the last run, so the orders and products the app's database refers
 * to still exist. False when there is no file or it cannot be used (the caller seeds instead).
 */
export async function restoreSandboxStore(
  engine: ShopifyEngine,
  file: string,
  log: (line: string) => void,
): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
  try {
    engine.restore(JSON.parse(text));
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log(
      `warning: could not restore the sandbox store from ${file} (${reason}); seeding a fresh one, saved over it on stop`,
    );
    return false;
  }
}

/** Writes a temp file then renames it, so a crash mid-write never leaves a half-written store. */
export async function saveSandboxStore(engine: ShopifyEngine, file: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(engine.snapshot()));
  await rename(temp, file);
}
