/**
 * Runs the embedded Postgres for one process (db/embedded-postgres.ts starts this in a session of
 * its own) and stops it when that process goes away.
 *
 * Why a keeper: a Postgres in the terminal's process group gets the terminal's Ctrl-C and shuts
 * down under the app (the demo then crashed with a lost-connection stack). Started in its own
 * session it hears no terminal signal, and the app stops it last, in order. But a Postgres in
 * its own session would outlive an app killed with SIGKILL; this keeper notices that at once
 * (its stdin, a pipe from the app, closes however the app dies) and gives Postgres a fast,
 * clean shutdown, so nothing is left running. Postgres's log goes straight to the app (stderr is
 * inherited); Postgres ignores SIGPIPE, so a dead reader costs it nothing.
 *
 * argv[2]: JSON { bin, args, uid?, gid? }.
 */
import { spawn } from "node:child_process";

import { z } from "zod";

const spec = z
  .object({
    bin: z.string().min(1),
    args: z.array(z.string()),
    uid: z.number().int().optional(),
    gid: z.number().int().optional(),
  })
  .parse(JSON.parse(process.argv[2] ?? "null"));

const postgres = spawn(spec.bin, spec.args, {
  stdio: ["ignore", "ignore", "inherit"],
  ...(spec.uid === undefined ? {} : { uid: spec.uid }),
  ...(spec.gid === undefined ? {} : { gid: spec.gid }),
});

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  // SIGINT is Postgres's fast shutdown: sessions end, a checkpoint is written, nothing is lost.
  postgres.kill("SIGINT");
};
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.on("error", stop);
process.stdin.resume();
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, stop);
process.stderr.on("error", () => {});

postgres.once("error", (error) => {
  process.stderr.write(`postgres keeper: ${error.message}\n`);
  process.exit(1);
});
postgres.once("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
