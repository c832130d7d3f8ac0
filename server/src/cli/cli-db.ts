/** Opens the configured database for a command-line tool, migrated, with a clear message when it cannot. */
import { loadConfig } from "../config.ts";
import { DataDirLockedError, openDatabase, type Database } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { seedReferenceData } from "../db/seed-reference.ts";

export async function openForCli(): Promise<Database> {
  const config = loadConfig();
  try {
    const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2 });
    await migrate(database);
    await seedReferenceData(database.db);
    return database;
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(`${e.message}\nThe embedded database is in use by the running server: stop it first (or use the API while it runs).`);
      process.exit(2);
    }
    throw e;
  }
}
