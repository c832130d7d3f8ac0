/**
 * Once per test run: a PGlite database migrated and seeded with the demo district, dumped to
 * a file that every integration test file loads (a second instead of five for each).
 */
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openPglite } from "../src/db/client.ts";
import { migrateAndSeed } from "./helpers.ts";

declare module "vitest" {
  interface ProvidedContext {
    /** Path of the dumped, seeded PGlite data directory; empty on PostgreSQL. */
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.TEST_DB === "postgres") {
    project.provide("pgliteTemplate", "");
    return;
  }
  const database = await openPglite("memory://");
  await migrateAndSeed(database);
  const dump = await database.pglite!.dumpDataDir("none");
  await database.close();
  const path = join(tmpdir(), `yingji-pglite-template-${process.pid}.tar`);
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", path);
  return () => rmSync(path, { force: true });
}
