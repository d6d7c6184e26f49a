/**
 * `npm run demo`: the whole product offline, on its embedded defaults. Prints the admin frame's
 * URL and writes .data/demo.json for scripts. Ctrl-C stops everything in order; a rerun reuses
 * the database and both sandboxes (saved to .data/sandbox-shopify.json and
 * .data/sandbox-business-central.json on stop).
 */
import path from "node:path";

import { DemoRefusal } from "./demo/consistency-check.ts";
import { startDemo } from "./demo/start-demo.ts";

const root = path.resolve(import.meta.dirname, "..");
// DEMO_DATA_DIR: another data folder (tests run a real demo in a temp one).
const dataDir = process.env.DEMO_DATA_DIR ? path.resolve(process.env.DEMO_DATA_DIR) : path.join(root, ".data");
const demo = await startDemo({ root, dataDir }).catch((error: unknown) => {
  // A refusal is a message for the user, not a crash: no stack trace.
  if (!(error instanceof DemoRefusal)) throw error;
  console.error(`\n${error.message}\n`);
  process.exit(1);
});
console.log(`\nApp:   ${demo.info.appUrl}`);
console.log(`Admin: ${demo.info.adminUrl}`);
console.log(`Scripts: ${path.join(dataDir, "demo.json")}\n`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    void demo.stop().then(() => process.exit(0));
  });
}
