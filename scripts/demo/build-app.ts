import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";

/** Build the Remix app unless build/ is newer than every file under app/. */
export async function buildAppIfStale(root: string, log: (line: string) => void): Promise<void> {
  const built = path.join(root, "build/server/index.js");
  if (existsSync(built) && statSync(built).mtimeMs > (await newestMtime(path.join(root, "app")))) return;
  log("building the app (vite)…");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules/.bin/remix"), ["vite:build"], { cwd: root, stdio: "ignore" });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`remix vite:build exited with ${code}`))));
  });
}

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}
