/**
 * Opens the database: embedded PGlite in DATA_DIR, or PostgreSQL over DATABASE_URL.
 * Both speak the same SQL; the rest of the code sees one drizzle handle.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { cube } from "@electric-sql/pglite/contrib/cube";
import { earthdistance } from "@electric-sql/pglite/contrib/earthdistance";
import { ltree } from "@electric-sql/pglite/contrib/ltree";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { pgcrypto } from "@electric-sql/pglite/contrib/pgcrypto";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema.ts";

export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** A handle that runs queries: the database or an open transaction. */
export type Q = Db | Tx;

export interface Database {
  kind: "pglite" | "postgres";
  db: Db;
  /** Raw driver, for migrations and LISTEN/NOTIFY. */
  pglite?: PGlite;
  pool?: pg.Pool;
  close(): Promise<void>;
}

export class DataDirLockedError extends Error {}

/**
 * PGlite does not lock its directory, and two processes on one directory corrupt it.
 * A pid file stops a second process; a stale one (the owner died, e.g. kill -9) is taken over.
 */
function lockDataDir(dir: string): () => void {
  const file = join(dir, "yingji.pid");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, "utf8").trim() === String(process.pid)) rmSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = Number(readFileSync(file, "utf8").trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLockedError(
          `The data directory ${resolve(dir)} is in use by another Yingji process (pid ${owner}). ` +
            `Stop that process first; the embedded database serves one process only (use DATABASE_URL for several).`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock the data directory ${resolve(dir)}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const extensions = { ltree, pg_trgm, cube, earthdistance, pgcrypto };

/** PGlite in a directory, or in memory when dataDir is "memory://" (optionally loaded from a dumped data directory). */
export async function openPglite(dataDir: string, opts: { loadDataDir?: Blob } = {}): Promise<Database> {
  let unlock = () => {};
  let dir: string | undefined;
  if (dataDir !== "memory://") {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
    dir = join(dataDir, "pglite");
  }
  try {
    const client = await PGlite.create(dir, { extensions, loadDataDir: opts.loadDataDir });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      kind: "pglite",
      db,
      pglite: client,
      async close() {
        await client.close();
        unlock();
      },
    };
  } catch (e) {
    unlock();
    throw e;
  }
}

export async function openPostgres(url: string, poolSize = 20): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on("error", () => {
    /* an idle client died; the pool replaces it */
  });
  await pool.query("select 1");
  const db = drizzlePg(pool, { schema });
  return { kind: "postgres", db, pool, close: () => pool.end() };
}

export function openDatabase(opts: { databaseUrl?: string; dataDir: string; poolSize?: number }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.poolSize) : openPglite(opts.dataDir);
}

