import { defineConfig } from "vitest/config";

import { testEnv } from "./tests/setup/test-env.ts";

// Unit tests (no I/O) and integration tests (real Postgres, real HTTP to the sandboxes).
export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    env: testEnv,
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
