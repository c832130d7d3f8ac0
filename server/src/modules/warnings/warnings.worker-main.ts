/**
 * A process that only sends warnings: the delivery workers and the escalation/expiry scan, without
 * HTTP. Run beside the app processes on PostgreSQL to add sending capacity (and used by the crash
 * test and the bench): `node server/src/modules/warnings/warnings.worker-main.ts`, same settings as the app.
 */
import { loadConfig } from "../../config.ts";
import { openDatabase } from "../../db/client.ts";
import { startWarningWorkers } from "./warnings.dispatch.ts";
import { warningSettings } from "./warnings.settings.ts";

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: config.DATABASE_POOL_SIZE });
const workers = await startWarningWorkers(database, warningSettings(config), { log: (m) => console.log(m) });
console.log(`WARNING_WORKER_READY ${workers.workerId}`);
const stop = async () => {
  await workers.stop();
  await database.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
