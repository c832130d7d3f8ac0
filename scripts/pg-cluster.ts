/**
 * A throwaway PostgreSQL cluster for tests and benches, made from the machine's binaries
 * (Debian: apt-get install -y postgresql → /usr/lib/postgresql/<ver>/bin).
 *
 *   import { startCluster } from "./pg-cluster.ts";
 *   const pg = await startCluster();   // pg.url = postgres://yingji@127.0.0.1:<port>/postgres
 *   ...
 *   await pg.stop();                   // stops the server and removes its directory
 *
 * Run directly (`node scripts/pg-cluster.ts`) it starts one, prints the URL and keeps it
 * until Ctrl-C.
 *
 * The cluster lives in a temp directory (data, socket and log), listens on 127.0.0.1 on a
 * free port, runs with fsync off and max_connections 300, and trusts every local connection
 * of the superuser `yingji` (no password). As root (CI), initdb and pg_ctl run as the
 * `postgres` system user, since initdb refuses root. The cluster is stopped and its directory
 * removed on stop(), on Ctrl-C / SIGTERM and at process exit.
 *
 * Env: PG_BIN — a directory holding initdb, pg_ctl and postgres, to use instead of searching.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  accessSync,
  appendFileSync,
  chownSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, onCleanup, run } from "./lib/proc.ts";

export interface Cluster {
  /** postgres://yingji@127.0.0.1:<port>/postgres — superuser, trust auth, no password. */
  url: string;
  port: number;
  /** The temp directory holding data/, sock/ and postgres.log. */
  dir: string;
  /** Directory of the Unix socket. */
  socketDir: string;
  /** Directory of the PostgreSQL binaries used. */
  bin: string;
  /** e.g. "15.14" */
  version: string;
  /** Stops the server and removes the directory. Safe to call more than once. */
  stop(): Promise<void>;
}

/** Extensions the schema needs (from postgresql-contrib). */
export const REQUIRED_EXTENSIONS = ["ltree", "pg_trgm", "cube", "earthdistance", "pgcrypto"];

export const SUPERUSER = "yingji";

const TOOLS = ["initdb", "pg_ctl", "postgres"];

function hasTools(dir: string): boolean {
  return TOOLS.every((t) => isExecutable(join(dir, t)));
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Compares version strings numerically ("9.6" < "15" < "16.2"). */
function compareVersions(a: string, b: string): number {
  const pa = a.split(/\D+/).filter(Boolean).map(Number);
  const pb = b.split(/\D+/).filter(Boolean).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d) return d;
  }
  return 0;
}

/**
 * The directory of the PostgreSQL server binaries (initdb, pg_ctl, postgres), or null.
 * Order: $PG_BIN; the highest version under /usr/lib/postgresql/<ver>/bin (Debian, Ubuntu)
 * or /usr/pgsql-<ver>/bin (RHEL); then the PATH; then /usr/local/pgsql/bin.
 */
export function findPostgresBin(): string | null {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && hasTools(fromEnv)) return resolve(fromEnv);

  const versioned: { version: string; dir: string }[] = [];
  const scan = (parent: string, re: RegExp, toDir: (entry: string) => string) => {
    let entries: string[] = [];
    try {
      entries = readdirSync(parent);
    } catch {
      return;
    }
    for (const e of entries) {
      const m = re.exec(e);
      if (m && hasTools(toDir(e))) versioned.push({ version: m[1], dir: toDir(e) });
    }
  };
  scan("/usr/lib/postgresql", /^(\d+(?:\.\d+)?)$/, (e) => join("/usr/lib/postgresql", e, "bin"));
  scan("/usr", /^pgsql-(\d+(?:\.\d+)?)$/, (e) => join("/usr", e, "bin"));
  versioned.sort((a, b) => compareVersions(b.version, a.version));
  if (versioned.length) return versioned[0].dir;

  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir && hasTools(dir)) return resolve(dir);
  }
  if (hasTools("/usr/local/pgsql/bin")) return "/usr/local/pgsql/bin";
  return null;
}

function sharedirOf(bin: string): string | null {
  const pgConfig = join(bin, "pg_config");
  if (isExecutable(pgConfig)) {
    try {
      return execFileSync(pgConfig, ["--sharedir"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      /* fall through to guesses */
    }
  }
  // Debian: /usr/lib/postgresql/15/bin → /usr/share/postgresql/15
  const m = /^\/usr\/lib\/postgresql\/([^/]+)\/bin\/?$/.exec(bin);
  if (m) return `/usr/share/postgresql/${m[1]}`;
  for (const guess of [join(bin, "../share/postgresql"), join(bin, "../share")]) {
    if (existsSync(join(guess, "extension"))) return resolve(guess);
  }
  return null;
}

/** Required extensions whose control file is missing; [] when all are there or the share dir is unknown. */
export function missingExtensions(bin: string): string[] {
  const share = sharedirOf(bin);
  if (!share || !existsSync(join(share, "extension"))) return [];
  return REQUIRED_EXTENSIONS.filter((e) => !existsSync(join(share, "extension", `${e}.control`)));
}

/**
 * Why a cluster cannot be started here, as one line with the fix; null when it can.
 * (Does not check the `postgres` user when running as root: startCluster reports that.)
 */
export function postgresUnavailableReason(): string | null {
  const bin = findPostgresBin();
  if (!bin) return "PostgreSQL binaries not found (apt-get install -y postgresql)";
  const missing = missingExtensions(bin);
  if (missing.length) {
    return `PostgreSQL in ${bin} lacks the extensions ${missing.join(", ")} (apt-get install -y postgresql-contrib)`;
  }
  return null;
}

// ---------------------------------------------------------------------------

interface RunAs {
  /** Wraps a command so that it runs as the cluster's owner. */
  wrap(cmd: string, args: string[]): [string, string[]];
  uid: number;
  gid: number;
}

function idOf(user: string, flag: "-u" | "-g"): number | null {
  try {
    return Number(execFileSync("id", [flag, user], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  } catch {
    return null;
  }
}

function which(cmd: string): string | null {
  for (const dir of ["/usr/sbin", "/sbin", "/usr/bin", "/bin", ...(process.env.PATH ?? "").split(delimiter)]) {
    if (dir && isExecutable(join(dir, cmd))) return join(dir, cmd);
  }
  return null;
}

function shellQuote(parts: string[]): string {
  return parts.map((p) => `'${p.replace(/'/g, `'\\''`)}'`).join(" ");
}

/** null when not root (run commands as ourselves). */
function runAsPostgres(): RunAs | null {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return null;
  const user = process.env.PG_OS_USER || "postgres";
  const uid = idOf(user, "-u");
  const gid = idOf(user, "-g");
  if (uid === null || gid === null) {
    throw new Error(
      `Running as root, and initdb refuses root, but there is no "${user}" system user to run PostgreSQL as ` +
        `(the Debian postgresql package creates it; or set PG_OS_USER)`,
    );
  }
  const runuser = which("runuser");
  if (runuser) return { uid, gid, wrap: (cmd, args) => [runuser, ["-u", user, "--", cmd, ...args]] };
  const setpriv = which("setpriv");
  if (setpriv) {
    return {
      uid,
      gid,
      wrap: (cmd, args) => [setpriv, [`--reuid=${uid}`, `--regid=${gid}`, "--init-groups", cmd, ...args]],
    };
  }
  const su = which("su");
  if (su) return { uid, gid, wrap: (cmd, args) => [su, ["-s", "/bin/sh", user, "-c", shellQuote([cmd, ...args])]] };
  throw new Error("Running as root, but none of runuser, setpriv or su is available to drop to the postgres user");
}

/** A temp parent that the postgres user can traverse (TMPDIR may be private to root). */
function tempParent(asPg: RunAs | null): string {
  const t = tmpdir();
  if (!asPg) return t;
  for (let d = resolve(t); ; d = dirname(d)) {
    try {
      if ((statSync(d).mode & 0o001) === 0) return "/tmp";
    } catch {
      return "/tmp";
    }
    if (d === dirname(d)) return t;
  }
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith("PG")) env[k] = v;
  }
  env.LC_ALL = "C";
  env.LANG = "C";
  return env;
}

function pgVersion(bin: string): string {
  try {
    const out = execFileSync(join(bin, "postgres"), ["--version"], { encoding: "utf8" });
    return /(\d+(?:\.\d+)*)/.exec(out)?.[1] ?? "?";
  } catch {
    return "?";
  }
}

export interface StartOptions {
  /** Progress messages (default: none). */
  log?: (msg: string) => void;
}

/** Starts a throwaway cluster; see the file comment. Rejects with a message naming the cause. */
export async function startCluster(opts: StartOptions = {}): Promise<Cluster> {
  const log = opts.log ?? (() => {});
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL binaries not found (apt-get install -y postgresql)");
  const missing = missingExtensions(bin);
  if (missing.length) {
    throw new Error(`PostgreSQL in ${bin} lacks the extensions ${missing.join(", ")} (apt-get install -y postgresql-contrib)`);
  }
  const asPg = runAsPostgres();
  const version = pgVersion(bin);
  const dir = mkdtempSync(join(tempParent(asPg), "yingji-pg-"));
  const dataDir = join(dir, "data");
  const socketDir = join(dir, "sock");
  const logFile = join(dir, "postgres.log");
  mkdirSync(socketDir, { mode: 0o700 });
  if (asPg) {
    chownSync(dir, asPg.uid, asPg.gid);
    chownSync(socketDir, asPg.uid, asPg.gid);
  }
  const env = cleanEnv();
  const exec = (tool: string, args: string[]) => {
    const [cmd, argv] = asPg ? asPg.wrap(join(bin, tool), args) : [join(bin, tool), args];
    return run(cmd, argv, { capture: true, cwd: dir, env });
  };

  let stopped = false;
  let stopping: Promise<void> | null = null;
  let started = false;

  const pidOfPostmaster = (): number | null => {
    try {
      const pid = Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
      return pid > 0 ? pid : null;
    } catch {
      return null;
    }
  };
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === "EPERM";
    }
  };
  const removeDir = () => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });

  // Last resort at process exit (uncaught error, process.exit): synchronous immediate stop.
  const onExit = () => {
    if (stopped) return;
    stopped = true;
    if (started || pidOfPostmaster()) {
      const [cmd, argv] = asPg
        ? asPg.wrap(join(bin, "pg_ctl"), ["stop", "-D", dataDir, "-m", "immediate", "-w", "-t", "10"])
        : [join(bin, "pg_ctl"), ["stop", "-D", dataDir, "-m", "immediate", "-w", "-t", "10"]];
      spawnSync(cmd, argv, { stdio: "ignore", cwd: dir, env });
      const pid = pidOfPostmaster();
      if (pid && alive(pid)) process.kill(pid, "SIGKILL");
    }
    try {
      removeDir();
    } catch {
      /* best effort */
    }
  };
  process.on("exit", onExit);

  const stop = (): Promise<void> => {
    if (stopping) return stopping;
    stopping = (async () => {
      if (stopped) return;
      if (started || pidOfPostmaster()) {
        log("stopping PostgreSQL");
        let r = await exec("pg_ctl", ["stop", "-D", dataDir, "-m", "fast", "-w", "-t", "30"]);
        if (r.code !== 0 && pidOfPostmaster()) {
          r = await exec("pg_ctl", ["stop", "-D", dataDir, "-m", "immediate", "-w", "-t", "10"]);
        }
        const pid = pidOfPostmaster();
        if (pid && alive(pid)) process.kill(pid, "SIGKILL");
      }
      stopped = true;
      removeDir();
      process.off("exit", onExit);
      unregister();
    })();
    return stopping;
  };
  const unregister = onCleanup(stop);

  try {
    log(`initdb (PostgreSQL ${version}, ${bin}) in ${dir}${asPg ? " as the postgres user" : ""}`);
    const init = await exec("initdb", [
      "-D",
      dataDir,
      "-U",
      SUPERUSER,
      "--auth=trust",
      "-E",
      "UTF8",
      "--no-locale",
      "--no-sync",
    ]);
    if (init.code !== 0) throw new Error(`initdb failed (exit ${init.code}):\n${init.output.trim()}`);

    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      appendFileSync(
        join(dataDir, "postgresql.conf"),
        [
          "",
          "# yingji throwaway test cluster",
          `port = ${port}`,
          "listen_addresses = '127.0.0.1'",
          `unix_socket_directories = '${socketDir}'`,
          "max_connections = 300",
          "fsync = off",
          "synchronous_commit = off",
          "full_page_writes = off",
          "log_min_messages = warning",
          "logging_collector = off",
          "",
        ].join("\n"),
      );
      const r = await exec("pg_ctl", ["start", "-D", dataDir, "-l", logFile, "-w", "-t", "60"]);
      if (r.code === 0) break;
      const pgLog = existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
      if (attempt < 3 && /could not bind|address already in use/i.test(pgLog)) {
        log(`port ${port} was taken; retrying`);
        continue;
      }
      throw new Error(
        `pg_ctl start failed (exit ${r.code}):\n${r.output.trim()}\n--- ${logFile} ---\n${pgLog.trim().split("\n").slice(-30).join("\n")}`,
      );
    }
    started = true;
    const url = `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
    log(`PostgreSQL ${version} listening on ${url}`);
    return { url, port, dir, socketDir, bin, version, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

// ---------------------------------------------------------------------------

const isMain = !!process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  try {
    const pg = await startCluster({ log: (m) => console.error(m) });
    console.log(pg.url);
    console.error(`socket dir: ${pg.socketDir}   (psql: ${join(pg.bin, "psql")} "${pg.url}")`);
    console.error("Ctrl-C stops the cluster and removes its directory.");
    setInterval(() => {}, 1 << 30); // keep running until a signal
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
