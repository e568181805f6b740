import { defineConfig } from "vitest/config";

// Machines start one worker per virtual CPU: test files run one at a time so that timing-
// sensitive runs do not compete for the 2 cores CI has. No test asserts a timing.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    globalSetup: ["test/global-setup.ts"],
  },
});
