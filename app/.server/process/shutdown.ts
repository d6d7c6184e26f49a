import { coerceError } from "../errors/coerce-error.ts";

export interface ShutdownStep {
  name: string;
  run(): Promise<void>;
}

/**
 * Run `steps` in order on SIGINT/SIGTERM, then exit. Order matters: the worker first (it finishes
 * or releases its jobs while the database is still up), then connection pools, then Postgres.
 * A second signal (a second after the first or later) exits at once.
 */
export function shutdownOnSignals(steps: ShutdownStep[], log: (line: string) => void = console.log): void {
  let stoppingSince: number | undefined;
  const handler = (signal: NodeJS.Signals) => {
    if (stoppingSince !== undefined) {
      // One Ctrl-C can arrive twice: the terminal signals the whole group, and `npm run` also
      // forwards it to its script. Only a later one means "stop waiting".
      if (Date.now() - stoppingSince < 1_000) return;
      log(`${signal} again: exiting now`);
      process.exit(1);
    }
    stoppingSince = Date.now();
    log(`${signal}: shutting down`);
    void runSteps(steps, log).then((ok) => process.exit(ok ? 0 : 1));
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}

export async function runSteps(steps: ShutdownStep[], log: (line: string) => void): Promise<boolean> {
  let ok = true;
  for (const step of steps) {
    try {
      await step.run();
      log(`stopped ${step.name}`);
    } catch (error) {
      ok = false;
      log(`stopping ${step.name} failed: ${coerceError(error).message}`);
    }
  }
  return ok;
}
