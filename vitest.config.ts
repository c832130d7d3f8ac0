/**
 * Vitest for the unit and integration tiers (see scripts/test.ts, which runs it twice):
 *   TEST_DB=pglite   — every contracts/ and server/ test, integration tests on PGlite;
 *   TEST_DB=postgres — the same files except the pure *.rules.test.ts, on the throwaway
 *                      PostgreSQL cluster at TEST_DATABASE_URL.
 * End-to-end specs have their own config: e2e/vitest.config.ts.
 */
import { defineConfig } from "vitest/config";

const onPostgres = process.env.TEST_DB === "postgres";

export default defineConfig({
  test: {
    globalSetup: ["server/test/global-setup.ts"],
    include: ["contracts/**/*.test.ts", "server/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**", ...(onPostgres ? ["**/*.rules.test.ts"] : [])],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    // One retry for timing on a shared 2-core machine; the summary still names any test that fails twice.
    retry: 1,
    hookTimeout: 60_000,
  },
});
