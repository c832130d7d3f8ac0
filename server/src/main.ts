/** Starts Yingji: reads the config, opens and migrates the database, seeds, serves HTTP. */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildApp } from "./app.ts";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { DataDirLockedError, openDatabase } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { DEMO_ACCOUNTS, demoPassword, isDatabaseEmpty, seedDemo } from "./db/seed-demo.ts";
import { seedReferenceData } from "./db/seed-reference.ts";

/** Embedded mode keeps a generated secret beside the data; production must set SESSION_SECRET. */
function ensureSessionSecret(config: Config): Config {
  if (config.SESSION_SECRET) return config;
  const file = join(config.DATA_DIR, "session-secret");
  mkdirSync(config.DATA_DIR, { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return { ...config, SESSION_SECRET: readFileSync(file, "utf8").trim() };
}

async function main() {
  const config = ensureSessionSecret(loadConfig());
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: config.DATABASE_POOL_SIZE });
  await migrate(database);
  await seedReferenceData(database.db);
  let demoNote: string | null = null;
  if (config.demo) {
    if (await isDatabaseEmpty(database.db)) {
      const { password, generated } = demoPassword(config.DEMO_PASSWORD);
      await seedDemo(database.db, password);
      demoNote = generated
        ? `密码 password: ${password}   (generated now and shown only this once; set DEMO_PASSWORD to choose one)`
        : "密码 password: the value of DEMO_PASSWORD";
    } else {
      demoNote = "密码 password: as set when the demo data was created (DEMO_PASSWORD, or the one printed at first start)";
    }
  }
  const app = await buildApp({ config, database, db: database.db });
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  const url = config.PUBLIC_URL ?? `http://localhost:${port}`;
  const lines = [
    "",
    `Yingji (应急) is running: ${url}   field app: ${url.replace(/\/$/, "")}/m/   API docs: ${url.replace(/\/$/, "")}/api/docs`,
    `database: ${database.kind === "pglite" ? `embedded PGlite in ${config.DATA_DIR}` : "PostgreSQL"}; two-factor required: ${config.require2fa ? "yes" : "no"}`,
  ];
  if (demoNote) {
    lines.push(`demo accounts 演示账号: ${DEMO_ACCOUNTS.map((a) => a.username).join(", ")}`, demoNote);
  }
  console.log(lines.join("\n") + "\n");

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    await app.close().catch(() => {});
    await database.close().catch(() => {});
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((e) => {
  if (e instanceof ConfigError || e instanceof DataDirLockedError) {
    console.error(`\n${e.message}\n`);
  } else {
    console.error(e);
  }
  process.exit(1);
});
