/**
 * `npm test` — every test of Yingji, in three tiers run one after the other:
 *
 *   pglite    unit+integration (PGlite)   vitest over contracts/ and server/ *.test.ts, TEST_DB=pglite
 *   postgres  integration (PostgreSQL)    the same files minus *.rules.test.ts on a throwaway cluster
 *                                         (scripts/pg-cluster.ts), TEST_DB=postgres TEST_DATABASE_URL=…
 *   e2e       end-to-end (Chromium)       builds web/ if stale, starts `node server/src/main.ts` on a
 *                                         fresh DATA_DIR in demo mode, runs e2e/**.spec.ts
 *                                         (e2e/vitest.config.ts) with E2E_BASE_URL, E2E_PASSWORD, CHROMIUM_PATH
 *
 * Usage: npm test [-- [--tier pglite|postgres|e2e]... [vitest args, e.g. a file filter or -t name]]
 *
 * A tier whose machine dependency is missing (PostgreSQL binaries, Chromium) prints one SKIPPED
 * line and the others still run; with CI=true a skipped tier counts as one failure. The last line
 * printed is `N passed, N failed` (all tiers); the exit code is 0 only when nothing failed.
 *
 * Runs directly under Node 24 (type stripping): erasable TypeScript only.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { postgresUnavailableReason, startCluster } from "./pg-cluster.ts";
import type { Cluster } from "./pg-cluster.ts";
import { webBuildIsStale } from "./lib/web-build.ts";
import { formatDuration, freePort, interrupted, killAndWait, onCleanup, run, sleep, Tail } from "./lib/proc.ts";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const VITEST = join(ROOT, "node_modules", "vitest", "vitest.mjs");
const CI = /^(1|true|yes)$/i.test(process.env.CI ?? "");

type TierKey = "pglite" | "postgres" | "e2e";
const TIERS: { key: TierKey; name: string }[] = [
  { key: "pglite", name: "unit+integration (PGlite)" },
  { key: "postgres", name: "integration (PostgreSQL)" },
  { key: "e2e", name: "end-to-end (Chromium)" },
];

interface TierResult {
  key: TierKey;
  name: string;
  status: "ran" | "skipped" | "error";
  passed: number;
  failed: number;
  skipped: number;
  ms: number;
  /** Why the tier was skipped or broke, or a remark. */
  note?: string;
}

// ---------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------

function usage(): string {
  return [
    "usage: npm test [-- [--tier pglite|postgres|e2e]... [vitest args]]",
    "  --tier T   run only tier T (repeatable, or comma-separated); default: all three",
    "  anything else is passed to vitest in every tier, e.g. a file filter: npm test -- org.test",
    "env: CI=true makes a skipped tier a failure; CHROMIUM_PATH (default /usr/bin/chromium);",
    "     PG_BIN (directory of initdb/pg_ctl/postgres, default: found in /usr/lib/postgresql/*/bin or PATH)",
  ].join("\n");
}

function parseArgs(argv: string[]): { tiers: Set<TierKey>; vitestArgs: string[] } {
  const tiers = new Set<TierKey>();
  const vitestArgs: string[] = [];
  const addTiers = (value: string | undefined) => {
    if (!value) throw new Error("--tier needs a value: pglite, postgres or e2e");
    for (const t of value.split(",").map((s) => s.trim()).filter(Boolean)) {
      if (!TIERS.some((x) => x.key === t)) throw new Error(`unknown tier "${t}" (pglite, postgres, e2e)`);
      tiers.add(t as TierKey);
    }
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--tier" || a === "--tiers") addTiers(argv[++i]);
    else if (a.startsWith("--tier=") || a.startsWith("--tiers=")) addTiers(a.slice(a.indexOf("=") + 1));
    else if (a === "--help" || a === "-h") {
      console.log(usage());
      process.exit(0);
    } else vitestArgs.push(a);
  }
  if (tiers.size === 0) for (const t of TIERS) tiers.add(t.key);
  return { tiers, vitestArgs };
}

/** vitest options that take a separate value (so that value is not taken for a file filter). */
const VALUE_OPTIONS = new Set([
  "-t", "--testNamePattern", "--project", "--shard", "--exclude", "--bail", "--retry", "--maxWorkers",
  "--reporter", "--outputFile", "-c", "--config", "-r", "--root", "--dir", "--environment", "--pool",
  "--maxConcurrency", "--testTimeout", "--hookTimeout", "--sequence.seed", "--seed",
]);

/** The positional file filters among the vitest arguments. */
function fileFilters(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (VALUE_OPTIONS.has(args[i])) i++;
    else if (!args[i].startsWith("-")) out.push(args[i]);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Vitest runs
// ---------------------------------------------------------------------------

let workDir = "";

interface VitestCounts {
  passed: number;
  failed: number;
  skipped: number;
  note?: string;
}

interface VitestJson {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  testResults?: { name?: string; status?: string; message?: string; assertionResults?: { status?: string; fullName?: string; failureMessages?: string[] }[] }[];
}

/** Runs vitest with the default reporter on the console and the JSON reporter into a file; returns counts. */
async function runVitest(key: string, configArgs: string[], env: NodeJS.ProcessEnv, extra: string[]): Promise<VitestCounts> {
  const jsonFile = join(workDir, `${key}.json`);
  rmSync(jsonFile, { force: true });
  const args = [
    VITEST,
    "run",
    ...configArgs,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${jsonFile}`,
    "--passWithNoTests",
    ...extra,
  ];
  const r = await run(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "inherit", "inherit"] });
  const how = r.signal ? `was killed by ${r.signal}` : `exited with code ${r.code}`;
  let json: VitestJson;
  try {
    json = JSON.parse(readFileSync(jsonFile, "utf8")) as VitestJson;
  } catch {
    return { passed: 0, failed: 1, skipped: 0, note: `vitest ${how} before writing its report` };
  }
  const passed = json.numPassedTests ?? 0;
  let failed = json.numFailedTests ?? 0;
  const skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  // A file that fails to load, or whose hooks fail, has no failed test of its own: count it once.
  const brokenFiles = (json.testResults ?? []).filter(
    (f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed"),
  );
  failed += brokenFiles.length;
  let note: string | undefined;
  if (brokenFiles.length) {
    note = `${brokenFiles.length} file(s) failed outside any test: ${brokenFiles
      .map((f) => relative(ROOT, f.name ?? "?"))
      .join(", ")}`;
  }
  // Name the failed tests in the summary too: a CI log's tail then says what broke.
  const failedTests = (json.testResults ?? []).flatMap((f) =>
    (f.assertionResults ?? []).filter((a) => a.status === "failed").map((a) => `${relative(ROOT, f.name ?? "?")} › ${a.fullName ?? "?"}: ${(a.failureMessages?.[0] ?? "").split("\n")[0].slice(0, 160)}`),
  );
  if (failedTests.length) note = [`failed: ${failedTests.join(" | ")}`, note].filter(Boolean).join("; ");
  if (r.code !== 0 && failed === 0) {
    failed = 1;
    note = `vitest ${how} without a failed test (unhandled error?)`;
  }
  return { passed, failed, skipped, note };
}

/** The environment for test processes: ours, minus database settings a developer may have exported. */
function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  delete env.TEST_DB;
  return env;
}

/** Never returns once a signal arrived: the signal handler cleans up and exits. */
async function stopIfInterrupted(): Promise<void> {
  if (interrupted()) await new Promise(() => {});
}

// ---------------------------------------------------------------------------
// Tiers
// ---------------------------------------------------------------------------

async function tierPglite(extra: string[]): Promise<Partial<TierResult>> {
  const env = { ...baseEnv(), TEST_DB: "pglite" };
  return { status: "ran", ...(await runVitest("pglite", [], env, extra)) };
}

async function tierPostgres(extra: string[]): Promise<Partial<TierResult>> {
  const unavailable = postgresUnavailableReason();
  if (unavailable) return { status: "skipped", note: unavailable };
  let cluster: Cluster;
  try {
    cluster = await startCluster({ log: (m) => console.log(`[pg] ${m}`) });
  } catch (e) {
    return { status: "error", failed: 1, note: `could not start PostgreSQL: ${(e as Error).message}` };
  }
  try {
    await stopIfInterrupted();
    const env = { ...baseEnv(), TEST_DB: "postgres", TEST_DATABASE_URL: cluster.url };
    const counts = await runVitest("postgres", [], env, extra);
    return { status: "ran", ...counts, note: counts.note ?? `PostgreSQL ${cluster.version}` };
  } finally {
    await stopIfInterrupted();
    await cluster.stop();
    console.log("[pg] cluster stopped and removed");
  }
}

function listFiles(dir: string, re: RegExp): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e.name === "node_modules") continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p, re));
    else if (re.test(e.name)) out.push(p);
  }
  return out;
}

async function buildWebIfStale(): Promise<string | null> {
  if (!webBuildIsStale(ROOT)) {
    console.log("[e2e] web/dist is up to date; not rebuilding");
    return null;
  }
  console.log("[e2e] building the web app (npm run build -w web)");
  const npmCli = process.env.npm_execpath;
  const [cmd, args] =
    npmCli && /npm-cli\.c?js$/.test(npmCli)
      ? [process.execPath, [npmCli, "run", "build", "-w", "web"]]
      : ["npm", ["run", "build", "-w", "web"]];
  const r = await run(cmd, args, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  return r.code === 0 ? null : `the web build failed (npm run build -w web exited with ${r.code ?? r.signal})`;
}

interface Server {
  url: string;
  password: string;
  tail: Tail;
  exited(): boolean;
  stop(): Promise<void>;
}

async function startServer(): Promise<Server> {
  const main = join(ROOT, "server", "src", "main.ts");
  if (!existsSync(main)) {
    throw new Error("cannot start the server: server/src/main.ts does not exist");
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "yingji-e2e-data-"));
  const password = `E2e#${randomBytes(12).toString("hex")}`;
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(),
    DATABASE_URL: "", // empty wins over a .env file and means embedded PGlite
    HOST: "127.0.0.1",
    PORT: String(port),
    DATA_DIR: dataDir,
    DEMO: "true",
    DEMO_PASSWORD: password,
    LOG_LEVEL: "warn",
    RATE_LIMIT_PER_MINUTE: "100000",
    LOGIN_RATE_PER_MINUTE: "10000",
  };
  const tail = new Tail(60);
  const child = spawn(process.execPath, [main], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let exitInfo: string | null = null;
  child.on("exit", (code, signal) => (exitInfo = signal ? `killed by ${signal}` : `exit code ${code}`));
  const forward = (d: Buffer) => {
    const s = d.toString();
    tail.push(s);
    for (const line of s.split(/\r?\n/)) if (line) process.stderr.write(`[server] ${line}\n`);
  };
  child.stdout.on("data", forward);
  child.stderr.on("data", forward);

  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      await killAndWait(child, 10_000);
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      unregister();
    })());
  const unregister = onCleanup(stop);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  const started = Date.now();
  for (;;) {
    await stopIfInterrupted();
    if (exitInfo) {
      await stop();
      throw new Error(
        `the server (node server/src/main.ts) stopped (${exitInfo}) before answering GET /api/health; its last output:\n${tail}`,
      );
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer 200 on GET ${url}/api/health within 60 s; its last output:\n${tail}`);
    }
    await sleep(250);
  }
  console.log(`[e2e] server ready on ${url} after ${formatDuration(Date.now() - started)} (DATA_DIR ${dataDir})`);
  return { url, password, tail, exited: () => exitInfo !== null, stop };
}

async function tierE2e(extra: string[]): Promise<Partial<TierResult>> {
  const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!existsSync(chromium)) {
    const which = process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${chromium} does not exist` : "Chromium not found at /usr/bin/chromium";
    return { status: "skipped", note: `${which} (apt-get install -y chromium, or set CHROMIUM_PATH)` };
  }
  const filters = fileFilters(extra);
  if (filters.length) {
    const specs = listFiles(join(ROOT, "e2e"), /\.spec\.ts$/).map((f) => relative(ROOT, f));
    if (!specs.some((s) => filters.some((f) => s.includes(f)))) {
      console.log(`[e2e] no spec file matches ${filters.join(" ")}; not starting the server`);
      return { status: "ran", note: "no matching spec files" };
    }
  }
  const buildError = await buildWebIfStale();
  if (buildError) return { status: "error", failed: 1, note: buildError };
  await stopIfInterrupted();

  let server: Server;
  try {
    server = await startServer();
  } catch (e) {
    return { status: "error", failed: 1, note: (e as Error).message };
  }
  try {
    const env = {
      ...baseEnv(),
      E2E_BASE_URL: server.url,
      E2E_PASSWORD: server.password,
      CHROMIUM_PATH: chromium,
    };
    const counts = await runVitest("e2e", ["--config", join(ROOT, "e2e", "vitest.config.ts")], env, extra);
    if (server.exited()) {
      counts.failed = Math.max(counts.failed, 1);
      counts.note = `the server stopped during the tests; its last output:\n${server.tail}`;
    }
    return { status: "ran", ...counts };
  } finally {
    await stopIfInterrupted();
    await server.stop();
    console.log("[e2e] server stopped, data dir removed");
  }
}

const RUNNERS: Record<TierKey, (extra: string[]) => Promise<Partial<TierResult>>> = {
  pglite: tierPglite,
  postgres: tierPostgres,
  e2e: tierE2e,
};

// ---------------------------------------------------------------------------

async function main(): Promise<number> {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n${usage()}`);
    return 2;
  }
  if (!existsSync(VITEST)) {
    console.error(`vitest is not installed (${relative(ROOT, VITEST)} missing): run npm install first`);
    console.log("0 passed, 1 failed");
    return 1;
  }
  workDir = mkdtempSync(join(tmpdir(), "yingji-test-"));
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
  onCleanup(removeWorkDir);

  const results: TierResult[] = [];
  const t0 = Date.now();
  for (const tier of TIERS) {
    if (!opts.tiers.has(tier.key)) continue;
    await stopIfInterrupted();
    console.log(`\n━━━ tier ${tier.name} ━━━`);
    const start = Date.now();
    let r: Partial<TierResult>;
    try {
      r = await RUNNERS[tier.key](opts.vitestArgs);
    } catch (e) {
      await stopIfInterrupted();
      r = { status: "error", failed: 1, note: `crashed: ${(e as Error).stack ?? e}` };
    }
    const result: TierResult = {
      key: tier.key,
      name: tier.name,
      status: r.status ?? "error",
      passed: r.passed ?? 0,
      failed: r.failed ?? 0,
      skipped: r.skipped ?? 0,
      ms: Date.now() - start,
      note: r.note,
    };
    if (result.status === "skipped") {
      if (CI) result.failed = 1;
      console.log(`tier ${tier.name}: SKIPPED — ${result.note}${CI ? " — a failure with CI=true" : ""}`);
    } else if (result.status === "error") {
      console.log(`tier ${tier.name}: FAILED — ${result.note}`);
    }
    results.push(result);
  }
  await stopIfInterrupted();
  removeWorkDir();

  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log("\n━━━ summary ━━━");
  const width = Math.max(...results.map((r) => r.name.length)) + 6;
  for (const r of results) {
    const label = `tier ${r.name}:`.padEnd(width);
    let line: string;
    if (r.status === "skipped") line = `SKIPPED${CI ? " (counted as 1 failed: CI=true)" : ""} — ${r.note}`;
    else {
      line = `${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ""}  (${formatDuration(r.ms)})`;
      if (r.status === "error") line = `FAILED — ${line}`;
      if (r.note) line += ` — ${r.note.split("\n")[0].replace(/[;:,]?\s*its last output:$/, " (its output is above)")}`;
    }
    console.log(`${label} ${line}`);
  }
  console.log(`total ${formatDuration(Date.now() - t0)}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    console.log("0 passed, 1 failed");
    process.exit(1);
  },
);
