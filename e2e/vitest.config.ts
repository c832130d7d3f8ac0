/**
 * Vitest for the end-to-end tier: the *.spec.ts files under e2e/ drive the machine's Chromium with
 * playwright-core against a running server. scripts/test.ts builds the web app, starts the
 * server and sets E2E_BASE_URL, E2E_PASSWORD (of the demo accounts) and CHROMIUM_PATH.
 * One file at a time: a browser is heavy on a 2-core machine.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: fileURLToPath(new URL("..", import.meta.url)),
    include: ["e2e/**/*.spec.ts"],
    exclude: ["**/node_modules/**"],
    pool: "forks",
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A journey that times out once on a loaded 2-core machine runs again; a real fault fails twice.
    retry: 1,
  },
});
