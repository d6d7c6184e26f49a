import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

/** A sandbox that can hand out its whole state and take it back (the Shopify engine, the BC sandbox). */
export interface Snapshottable {
  snapshot(): unknown;
  /** Throws, changing nothing, on a value it cannot use. */
  restore(snapshot: unknown): void;
}

/** Where the demo keeps the sandbox store between runs, beside the app's own data. */
export function sandboxSnapshotFile(dataDir: string): string {
  return path.join(dataDir, "sandbox-shopify.json");
}

/** Where the demo keeps the sandbox Business Central between runs. */
export function businessCentralSnapshotFile(dataDir: string): string {
  return path.join(dataDir, "sandbox-business-central.json");
}

/**
 * Loads the state saved by the last run, so the records the app's database refers to still exist.
 * False when there is no file or it cannot be used (the caller seeds instead). `label` names the
 * sandbox in the warning.
 */
export async function restoreSandboxStore(
  sandbox: Snapshottable,
  file: string,
  log: (line: string) => void,
  label = "sandbox store",
): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
  try {
    sandbox.restore(JSON.parse(text));
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log(`warning: could not restore the ${label} from ${file} (${reason}); seeding a fresh one, saved over it on stop`);
    return false;
  }
}

/** Writes a temp file then renames it, so a crash mid-write never leaves a half-written snapshot. */
export async function saveSandboxStore(sandbox: Snapshottable, file: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(sandbox.snapshot()));
  await rename(temp, file);
}
