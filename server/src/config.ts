/**
 * The one place that reads the environment. Every setting is validated at start;
 * a wrong value stops the process with a message naming the variable.
 */
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

/**
 * WARNING_FEED_HOSTS: comma-separated `host`, `host:port`, `*.suffix` or `*.suffix:port` (IPv6 in
 * brackets), normalised as URLs spell hosts (lower case, punycode, canonical IPv4). Without a port
 * an entry allows the scheme's standard port only (80 for http, 443 for https); `*.suffix` allows
 * every name under suffix at any depth, not suffix itself.
 */
const hostList = z.string().transform((value, ctx) => {
  const out: string[] = [];
  for (const raw of value.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    const wildcard = raw.startsWith("*.");
    const m = /^(\[[0-9a-f:.]+\]|[^:[\]/?#@*\s]+)(?::(\d{1,5}))?$/.exec(wildcard ? raw.slice(2) : raw);
    let hostname: string | null = null;
    try {
      if (m) hostname = new URL(`http://${m[1]}`).hostname;
    } catch {
      /* not a host name */
    }
    const port = m?.[2] === undefined ? null : Number(m[2]);
    if (!hostname || (port !== null && (port < 1 || port > 65535))) {
      ctx.addIssue({ code: "custom", message: `"${raw}" is not a host name, host:port or *.suffix` });
      return z.NEVER;
    }
    out.push(`${wildcard ? "*." : ""}${hostname}${port === null ? "" : `:${port}`}`);
  }
  return out;
});

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
  /**
   * Longest wait, in seconds, of a login attempt from an address that failed many times across
   * accounts (platform/auth/throttle.rules.ts): such an address is slowed down, never locked,
   * so colleagues behind the same address still sign in.
   */
  LOGIN_ADDRESS_DELAY_MAX_SECONDS: z.coerce.number().int().min(0).max(60).default(10),
  /** Requests per minute per address on the API (login has its own, stricter limit). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(10).default(1200),
  /** Login attempts per minute per address and account (on top of the account lockout; never per address alone, which would lock out an office). */
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Trust X-Forwarded-* from a reverse proxy (needed for the client address and HTTPS detection behind nginx). */
  TRUST_PROXY: bool.default(false),
  /** A spot check passes only when the duty phone was answered within this many seconds (抽查合格标准). */
  SPOT_CHECK_MAX_ANSWER_SECONDS: z.coerce.number().int().min(5).max(600).default(30),
  /** Seconds between two scans of the deadline worker, which flags missed reporting deadlines (0: off). */
  DEADLINE_SCAN_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Seconds between two rounds of the to-do alert worker, which pushes new to-do items to subscribed phones (0: off). */
  TODO_PUSH_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
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
  /** Minutes a target unit has to acknowledge a warning (已收到), per level: red, orange, yellow, blue (rules.md defaults). */
  WARNING_ACK_MINUTES_RED: z.coerce.number().int().min(1).max(24 * 60).default(15),
  WARNING_ACK_MINUTES_ORANGE: z.coerce.number().int().min(1).max(24 * 60).default(30),
  WARNING_ACK_MINUTES_YELLOW: z.coerce.number().int().min(1).max(24 * 60).default(60),
  WARNING_ACK_MINUTES_BLUE: z.coerce.number().int().min(1).max(24 * 60).default(120),
  /** Run the warning delivery workers (and the escalation/expiry scan) in this process. */
  WARNING_WORKERS: bool.default(true),
  /** Tries of one delivery (SMS, e-mail, push) before it is marked failed. */
  WARNING_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
  /** First retry delay in seconds; each further retry waits twice as long (capped at one hour). */
  WARNING_RETRY_BASE_SECONDS: z.coerce.number().min(0.01).max(3600).default(10),
  /** Seconds a worker holds a claimed delivery; a crashed worker's claims are taken over after this. */
  WARNING_LEASE_SECONDS: z.coerce.number().min(1).max(3600).default(60),
  /** Deliveries one worker claims at a time. */
  WARNING_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  /** Parallel sends per worker (HTTP requests to the SMS gateway, SMTP messages). */
  WARNING_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(64),
  /** Seconds between scans for overdue acknowledgements (escalation) and expired warnings. */
  WARNING_SCAN_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  /**
   * SMS gateway: the URL the adapter POSTs each message to (JSON {to, text, key}, header Idempotency-Key).
   * "simulator" starts the loopback gateway simulator in this process (the default in demo mode: the
   * messages go nowhere but are counted); absent outside demo mode: no SMS is sent.
   */
  SMS_GATEWAY_URL: z.string().optional(),
  /**
   * Messages per gateway request: 1 sends each alone (POST …/send, Idempotency-Key header); more
   * posts that many to …/send-batch, each with its key (bulk gateways). A crash may repeat one request's worth.
   */
  SMS_GATEWAY_BATCH: z.coerce.number().int().min(1).max(1000).default(1),
  /** Credentials of the SMS gateway (HTTP basic authentication). */
  SMS_GATEWAY_USER: z.string().optional(),
  SMS_GATEWAY_PASSWORD: z.string().optional(),
  /** SMS text; placeholders {sender} {level} {headline} {instruction} {link}. */
  SMS_TEMPLATE: z.string().min(1).max(500).default("【{sender}】{level}：{headline}。{instruction} 请登录平台签收：{link}"),
  /** Signature shown in SMS and e-mail (the issuing office). */
  WARNING_SIGNATURE: z.string().min(1).max(50).default("应急管理"),
  /** SMTP server for warning e-mail, as a URL: smtp://user:pass@host:587 (absent: no e-mail). */
  SMTP_URL: z.string().url().optional(),
  /** From address of warning e-mail. */
  MAIL_FROM: z.string().min(3).default("yingji@localhost"),
  /** Web Push (VAPID) keys; absent: no push (generate with `npx web-push generate-vapid-keys`). */
  VAPID_PUBLIC_KEY: z.string().optional(),
  VAPID_PRIVATE_KEY: z.string().optional(),
  VAPID_SUBJECT: z.string().default("mailto:yingji@localhost"),
  /** CAP sender of our own warnings (an e-mail-like identifier of the issuing office). */
  CAP_SENDER: z.string().min(1).max(200).default("yingji@localhost"),
  /**
   * Identifier format of our own CAP messages; placeholders {area} {sender} {time} (YYYYMMDDhhmmss,
   * Asia/Shanghai) {seq}. The default follows GB/T 35965.1 (ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N; unconfirmed).
   */
  CAP_IDENTIFIER_FORMAT: z.string().min(1).max(200).default("{area}{sender}_{time}_{seq}"),
  /** GB/T 2260 area code (6 digits) and sender code (8 characters) in our identifiers. */
  CAP_AREA_CODE: z.string().regex(/^\d{6}$/).default("000000"),
  CAP_SENDER_CODE: z.string().regex(/^[0-9A-Za-z]{1,16}$/).default("00000000"),
  /**
   * Certificates (or public keys) that received CAP alerts may be signed with: PEM files or folders
   * of *.pem/*.crt, comma-separated. Absent: signed alerts are shown as "signed, not verified".
   */
  CAP_TRUSTED_CERTS: z.string().optional(),
  /** Poll the configured CAP feeds (预警信息源, /api/warning-feeds) in this process; several processes share the feeds. */
  WARNING_FEEDS_POLL: bool.default(true),
  /** Seconds one feed request (or one linked CAP document) may take before that feed's poll fails; the others go on. */
  WARNING_FEED_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(300).default(15),
  /** Seconds between the poller's looks for due feeds (each feed has its own interval). */
  WARNING_FEED_TICK_SECONDS: z.coerce.number().min(0.1).max(3600).default(5),
  /**
   * Hosts the feed poller may fetch from: feed addresses, the CAP links inside a feed and every
   * redirect (see hostList for the syntax). Empty: a feed's links and redirects must stay on the
   * feed's own origin (scheme, host and port). Guards the server against fetching intranet
   * addresses that a feed's content points to (SSRF).
   */
  WARNING_FEED_HOSTS: hostList.default([]),
  /**
   * Hosts the feed poller may reach although they are (or resolve to) loopback, private,
   * link-local, carrier-grade NAT or cloud-metadata addresses — e.g. a provincial CAP hub on the
   * e-government extranet (政务外网) — same syntax as WARNING_FEED_HOSTS. Every other host is
   * checked on the address actually connected to (so DNS rebinding cannot slip through) and,
   * when it is in one of those ranges, fails with the same neutral error as an unreachable one.
   */
  WARNING_FEED_PRIVATE_HOSTS: hostList.default([]),
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
