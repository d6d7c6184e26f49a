import { type ChildProcess, spawn } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";

import type { DemoInfo } from "../../scripts/demo/demo-state.ts";

const root = path.resolve(import.meta.dirname, "../..");

/** A real `npm run demo` in its own process group, on a data folder of its own. */
export interface DemoProcess {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

export function spawnDemo(dataDir: string): DemoProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, DEMO_DATA_DIR: dataDir };
  // The demo must embed its own Postgres under dataDir, not join the test run's.
  delete env.DATABASE_URL;
  const child = spawn("npm", ["run", "demo"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
  );
  return { child, output: () => text, exited };
}

/** Waits for the demo to be up: demo.json is written last in a start (remove an old one before spawning). */
export async function waitForDemo(demo: DemoProcess, dataDir: string, timeoutMs = 240_000): Promise<DemoInfo> {
  const file = path.join(dataDir, "demo.json");
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | string | undefined;
  void demo.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`the demo exited (${exitCode}) before it was up:\n${demo.output()}`);
    try {
      return JSON.parse(await readFile(file, "utf8")) as DemoInfo;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`the demo was not up within ${timeoutMs} ms:\n${demo.output()}`);
}

/** SIGKILL to the whole group (npm, node, embedded Postgres), then waits until it is gone. */
export async function killGroup(demo: DemoProcess): Promise<void> {
  if (demo.child.exitCode !== null || demo.child.signalCode !== null) return;
  try {
    process.kill(-(demo.child.pid ?? 0), "SIGKILL");
  } catch {
    // Already gone.
  }
  await demo.exited;
  // Postgres (same group) dies too, but until the kernel has reaped it, its pid answers signals and a
  // restart would take its postmaster.pid for a live server: wait until nothing of the group is left.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      process.kill(-(demo.child.pid ?? 0), 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the demo's process group did not go away within 30 s of SIGKILL");
}

export async function startDemoProcess(dataDir: string): Promise<{ demo: DemoProcess; info: DemoInfo }> {
  await rm(path.join(dataDir, "demo.json"), { force: true });
  const demo = spawnDemo(dataDir);
  return { demo, info: await waitForDemo(demo, dataDir) };
}
