/**
 * The one place that reads the environment. Every setting is validated at start;
 * a wrong value stops the process with a message naming the variable.
 */
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

const Env = z.object({
  /** HTTP port. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Address to listen on. */
  HOST: z.string().default("0.0.0.0"),
  /** PostgreSQL connection string; absent means embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** Connections per app process to PostgreSQL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  /** Embedded database, uploaded files and the generated session secret live here. */
  DATA_DIR: z.string().default("./data"),
  /** Where uploaded files go; a shared directory when several app processes run. Default DATA_DIR/files. */
  FILES_DIR: z.string().optional(),
  /** The address users reach the console at, e.g. https://yingji.example.gov.cn (used for links and Secure cookies). */
  PUBLIC_URL: z.string().url().optional(),
  /** Secret for signing; generated into DATA_DIR on first embedded start, required with DATABASE_URL. */
  SESSION_SECRET: z.string().min(32).optional(),
  /** Seed the demo district on an empty database. Default: on in embedded mode, off with DATABASE_URL. */
  DEMO: bool.optional(),
  /** Password of every demo account; absent: a random one printed once at first start. */
  DEMO_PASSWORD: z.string().min(8).max(64).optional(),
  /** Second factor required for administrators and warning issuers. Default: on in production, off in demo. */
  REQUIRE_2FA: bool.optional(),
  /** Minutes of inactivity after which a session ends. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** Hours after login after which a session ends whatever the activity. */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  /** Failed logins from one address for one account before that pair is locked. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  /** Minutes a locked (account, address) pair stays locked. */
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** Requests per minute per address on the API (login has its own, stricter limit). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(10).default(1200),
  /** Login attempts per minute per address (on top of the account lockout). */
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Trust X-Forwarded-* from a reverse proxy (needed for the client address and HTTPS detection behind nginx). */
  TRUST_PROXY: bool.default(false),
  /** A spot check passes only when the duty phone was answered within this many seconds (抽查合格标准). */
  SPOT_CHECK_MAX_ANSWER_SECONDS: z.coerce.number().int().min(5).max(600).default(30),
  /** Seconds between two scans of the deadline worker, which flags missed reporting deadlines (0: off). */
  DEADLINE_SCAN_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Serve the built console from web/dist. */
  SERVE_WEB: bool.default(true),
  /** Refuse resource coordinates far outside the district (a typo, or lat and lon swapped). */
  GEO_DISTRICT_CHECK: bool.default(true),
  /** How far from the district's centre (the root unit's location) a resource may lie, in km. */
  GEO_DISTRICT_RADIUS_KM: z.coerce.number().min(1).max(20_000).default(60),
  /** Usable area per sheltered person, m² (GB 21734 practice; rules.md "Shelters", unconfirmed). */
  SHELTER_M2_PER_PERSON: z.coerce.number().positive().max(100).default(1.5),
  /** Stock alerts: batches expiring within this many days. */
  STOCK_EXPIRY_WARN_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Stock alerts: warehouses not inspected (盘点) for this many days. */
  WAREHOUSE_INSPECTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Online map tiles, e.g. 天地图 with its key: https://t{s}.tianditu.gov.cn/vec_w/wmts?...&tk=KEY. Absent: the offline base layer only. */
  MAP_TILE_URL: z.string().url().optional(),
  /** Datum of MAP_TILE_URL's tiles: wgs84 (天地图, OpenStreetMap) or gcj02 (高德, 腾讯). */
  MAP_TILE_DATUM: z.enum(["wgs84", "gcj02"]).default("wgs84"),
  /** Attribution shown with MAP_TILE_URL's tiles. */
  MAP_TILE_ATTRIBUTION: z.string().max(200).optional(),
  /** Log level of the server (fatal, error, warn, info, debug, trace, silent). */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = z.infer<typeof Env> & {
  db: "pglite" | "postgres";
  demo: boolean;
  require2fa: boolean;
  filesDir: string;
};

/** Reads KEY=VALUE lines from .env without overriding the real environment. */
function readDotEnv(path = ".env"): Record<string, string> {
  if (!existsSync(path)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, "utf8").split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (m) out[m[1]] = m[2].replace(/^(['"])(.*)\1$/, "$2");
  }
  return out;
}

export function loadConfig(env: Record<string, string | undefined> = { ...readDotEnv(), ...process.env }): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = Env.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  const db = c.DATABASE_URL ? "postgres" : "pglite";
  const demo = c.DEMO ?? db === "pglite";
  if (db === "postgres" && !c.SESSION_SECRET) {
    throw new ConfigError("Invalid configuration:\n  SESSION_SECRET: required with DATABASE_URL (at least 32 characters)");
  }
  return {
    ...c,
    db,
    demo,
    require2fa: c.REQUIRE_2FA ?? !demo,
    filesDir: c.FILES_DIR ?? `${c.DATA_DIR}/files`,
  };
}

export class ConfigError extends Error {}
