/**
 * Test helpers: a real app on a real, fresh database (in-memory PGlite by default; a new
 * database in the throwaway PostgreSQL cluster when TEST_DB=postgres), seeded with the
 * demo district, and signed-in clients per role.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { inject } from "vitest";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import pg from "pg";
import { sql } from "drizzle-orm";
import { buildApp, type AppContext } from "../src/app.ts";
import { loadConfig, type Config } from "../src/config.ts";
import { openPglite, openPostgres, type Database, type Db } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { seedDemo } from "../src/db/seed-demo.ts";
import { seedReferenceData } from "../src/db/seed-reference.ts";
import type { RouteInfo } from "../src/platform/http.ts";
import type { EventHub } from "../src/platform/events.ts";
import type { Me } from "@yingji/contracts";

export const DEMO_PASSWORD = "Test#2030pass";
export const usePostgres = process.env.TEST_DB === "postgres";

export interface TestApp {
  app: FastifyInstance & { routeList: RouteInfo[]; hub: EventHub };
  db: Db;
  database: Database;
  config: Config;
  /** The test database's URL on PostgreSQL (to open a second app process on it); null on PGlite. */
  databaseUrl: string | null;
  close(): Promise<void>;
}

/** In-memory PGlite, started from the migrated and seeded template that global-setup.ts dumped once per run. */
async function fromTemplate(): Promise<Database | null> {
  const path = inject("pgliteTemplate");
  if (!path) return null;
  return openPglite("memory://", { loadDataDir: new Blob([readFileSync(path)]) });
}

async function freshDatabase(seeded: boolean): Promise<{ database: Database; drop: () => Promise<void>; seeded: boolean; url?: string }> {
  if (!usePostgres) {
    const template = seeded ? await fromTemplate() : null;
    return { database: template ?? (await openPglite("memory://")), drop: async () => {}, seeded: !!template };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DB=postgres needs TEST_DATABASE_URL (npm test starts a throwaway cluster and sets it)");
  const name = `yj_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), 10);
  return {
    database,
    url: url.toString(),
    seeded: false,
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function migrateAndSeed(database: Database, demo = true) {
  await migrate(database);
  await seedReferenceData(database.db);
  if (demo) await seedDemo(database.db, DEMO_PASSWORD, { activity: false });
}

export async function buildTestApp(env: Record<string, string> = {}, opts: { demo?: boolean } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), "yj-test-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    SESSION_SECRET: "test-secret-0123456789abcdef0123456789abcdef",
    RATE_LIMIT_PER_MINUTE: "100000",
    LOGIN_RATE_PER_MINUTE: "100000",
    SERVE_WEB: "false",
    DEMO: "true",
    // Tests run the deadline worker's scan themselves, at a clock they control.
    DEADLINE_SCAN_SECONDS: "0",
    ...env,
  });
  const { database, drop, seeded, url } = await freshDatabase(opts.demo !== false);
  if (!seeded) await migrateAndSeed(database, opts.demo !== false);
  const ctx: AppContext = { config, database, db: database.db };
  const app = await buildApp(ctx);
  await app.ready();
  return {
    app, db: database.db, database, config, databaseUrl: url ?? null,
    async close() {
      await app.close();
      await database.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed-in browser-like client: session cookie, CSRF header, same-origin header. */
export class Client {
  readonly app: FastifyInstance;
  cookie: string;
  me: Me;
  ip: string;
  constructor(app: FastifyInstance, cookie: string, me: Me, ip: string) {
    this.app = app;
    this.cookie = cookie;
    this.me = me;
    this.ip = ip;
  }
  request(method: InjectOptions["method"], url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const isRaw = Buffer.isBuffer(body) || typeof body === "string";
    return this.app.inject({
      method, url, remoteAddress: this.ip,
      headers: { cookie: this.cookie, "x-csrf-token": this.me.csrfToken, ...(body !== undefined && !isRaw ? { "content-type": "application/json" } : {}), ...headers },
      payload: body === undefined ? undefined : isRaw ? (body as Buffer | string) : JSON.stringify(body),
    });
  }
  get = (url: string) => this.request("GET", url);
  post = (url: string, body?: unknown, headers?: Record<string, string>) => this.request("POST", url, body ?? {}, headers);
  put = (url: string, body?: unknown) => this.request("PUT", url, body ?? {});
  patch = (url: string, body?: unknown) => this.request("PATCH", url, body ?? {});
  delete = (url: string) => this.request("DELETE", url);
}

export async function login(app: FastifyInstance, username: string, password = DEMO_PASSWORD, ip = "127.0.0.1", totp?: string): Promise<LightMyRequestResponse> {
  return app.inject({ method: "POST", url: "/api/auth/login", remoteAddress: ip, payload: { username, password, ...(totp ? { totp } : {}) } });
}

export async function loginAs(app: FastifyInstance, username: string, opts: { password?: string; ip?: string; totp?: string } = {}): Promise<Client> {
  const ip = opts.ip ?? "127.0.0.1";
  const res = await login(app, username, opts.password, ip, opts.totp);
  if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  return new Client(app, cookie, res.json() as Me, ip);
}

/** Named units of the demo district, by name. */
export async function unitId(db: Db, name: string): Promise<string> {
  const { rows } = await db.execute<{ id: string }>(sql`select id from org_units where name = ${name}`);
  if (!rows[0]) throw new Error(`no unit ${name}`);
  return rows[0].id;
}

export async function countRows(db: Db, table: string): Promise<number> {
  const { rows } = await db.execute<{ n: string | number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return Number(rows[0].n);
}
