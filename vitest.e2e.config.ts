import { defineConfig } from "vitest/config";

// Browser tests: the demo stack in-process, Debian's Chromium driven by playwright-core.
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
