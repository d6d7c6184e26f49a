import { closeSync, fsyncSync, ftruncateSync, openSync, writeSync } from "node:fs";
import { chmod, readFile, rename, writeFile } from "node:fs/promises";

/**
 * The files a sandbox keeps its state in: a snapshot (the whole state, rewritten on a clean stop)
 * and an append-only journal of what changed since (one JSON line per flush, written before the
 * request that made the change is answered). Both hold secrets (client secrets, customer data),
 * so both are created and kept owner-only (0600).
 */
export interface PersistenceFiles {
  snapshotFile: string;
  journalFile: string;
}

/** What a sandbox server calls around its requests; a sandbox without files has none. */
export interface SandboxJournal {
  /** Appends every change since the last flush, synchronously; a no-op when nothing changed. */
  flush(): void;
}

export const PRIVATE_FILE_MODE = 0o600;

export class JournalError extends Error {
  override name = "JournalError";
}

/**
 * The journal's lines, oldest first. A last line without its newline is a write the process was
 * killed in the middle of: its request was never answered, so it is dropped (`torn`). A bad line
 * anywhere else is corruption and throws.
 */
export async function readJournal(file: string): Promise<{ entries: unknown[]; torn: boolean }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { entries: [], torn: false };
    throw error;
  }
  const lines = text.split("\n");
  // After the last newline: "" when the file ends cleanly, else the torn remainder of a write.
  const tail = lines.pop() ?? "";
  const entries = lines.map((line, index) => {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      throw new JournalError(`${file}: line ${index + 1} is not JSON; the journal is damaged`);
    }
  });
  return { entries, torn: tail.length > 0 };
}

/** An open journal: appends are synchronous single writes, so a line is in the file before the caller answers. */
export class JournalWriter {
  readonly #fd: number;
  constructor(file: string) {
    this.#fd = openSync(file, "a", PRIVATE_FILE_MODE);
  }
  append(entry: unknown): void {
    const bytes = Buffer.from(`${JSON.stringify(entry)}\n`);
    // In the OS's page cache once writeSync returns: survives a SIGKILL of the process (not a
    // power cut; the sandboxes are for demos and tests, and fsync per request would cost ~1 ms).
    for (let offset = 0; offset < bytes.length;) offset += writeSync(this.#fd, bytes, offset);
  }
  /** Empties the journal once a snapshot holds everything in it. */
  truncate(): void {
    ftruncateSync(this.#fd, 0);
  }
  close(): void {
    fsyncSync(this.#fd);
    closeSync(this.#fd);
  }
}

/** Reads a JSON file; undefined when there is none. */
export async function readJsonFile(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Writes a temp file (0600) then renames it, so a crash mid-write never leaves a half-written file. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text, { mode: PRIVATE_FILE_MODE });
  // writeFile's mode applies only to a new file; a temp left by a killed run keeps its own.
  await chmod(temp, PRIVATE_FILE_MODE);
  await rename(temp, file);
}

/**
 * Wraps functions so `flush` runs after each, even when one throws (a change it made before
 * throwing is journaled too): how in-process calls are persisted before they return.
 */
export function flushingAfter(flush: () => void) {
  return <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      try {
        return fn(...args);
      } finally {
        flush();
      }
    };
}
