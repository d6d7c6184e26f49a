/**
 * `npm run demo`: the whole product offline, on its embedded defaults. Prints the admin frame's
 * URL and writes <data dir>/demo.json for scripts. Ctrl-C (or SIGTERM) stops everything in
 * order and exits 0; a rerun reuses the database and both sandboxes (their snapshots and journals
 * in the data dir: a kill loses nothing they acknowledged).
 *
 * `npm run demo -- --data-dir <dir>` (or DEMO_DATA_DIR=<dir>): keep all of it in another folder
 * (default .data), e.g. a second demo beside the first, or a throwaway one in tests.
 */
import path from "node:path";
import { parseArgs } from "node:util";

import { shutdownOnSignals } from "../app/.server/process/shutdown.ts";
import { DemoRefusal } from "./demo/consistency-check.ts";
import { startDemo } from "./demo/start-demo.ts";

const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({ options: { "data-dir": { type: "string" } } });
const dataDir = path.resolve(values["data-dir"] ?? process.env.DEMO_DATA_DIR ?? path.join(root, ".data"));
const log = (line: string) => console.log(`[demo] ${line}`);
const demo = await startDemo({ root, dataDir, log }).catch((error: unknown) => {
  // A refusal is a message for the user, not a crash: no stack trace.
  if (!(error instanceof DemoRefusal)) throw error;
  console.error(`\n${error.message}\n`);
  process.exit(1);
});
console.log(`\nApp:   ${demo.info.appUrl}`);
console.log(`Admin: ${demo.info.adminUrl}`);
console.log(`Scripts: ${path.join(dataDir, "demo.json")}\n`);

shutdownOnSignals([{ name: "demo", run: demo.stop }], log);
