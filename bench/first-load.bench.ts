/**
 * First-load figures (daily-use issue, section 5): the bytes a browser transfers to show
 *  - the field app (/m/) signed in, on its first page (the contact list), and signed out (its sign-in page);
 *  - the console (/) signed in, for comparison;
 * measured in Chromium from a cold cache with the service worker blocked (its background
 * precache is not part of what the page waits for). Bytes are the encoded (on-the-wire) body
 * sizes Chromium reports per response, summed by kind, beside the figure before the change.
 *
 * Builds web/ first when it is missing or older than its sources (as `npm start` does).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { webBuildIsStale } from "../scripts/lib/web-build.ts";
import { root, startChild } from "./lib/server.ts";
import { printTable } from "./lib/stats.ts";

/**
 * First loads before the change, in bytes, measured by this bench (measureAll) on a copy of
 * commit 8b0c11b (main, 2026-12-03): one entry that chose the shell at run time, one shared
 * chunk of 937 KB, and a server that ignored Accept-Encoding (these are the raw sizes).
 */
export const BEFORE = {
  commit: "8b0c11b",
  mobileSignedIn: { js: 1_427_738, css: 47_890, total: 1_479_441 },
  mobileSignedOut: { js: 1_427_738, css: 47_890, total: 1_477_297 },
  console: { js: 1_537_120, css: 7_455, total: 1_546_896 },
} as const;

/** The target of the issue: the field app's first load, compressed JavaScript. */
const TARGET_JS = 300 * 1024;
const PASSWORD = "Bench#first-load-2026";

type Kind = "js" | "css" | "html" | "api" | "other";
export type Bytes = Record<Kind | "total", number> & { requests: number; files: { url: string; kind: Kind; bytes: number; encoding: string }[] };

function kindOf(resourceType: string, url: string): Kind {
  if (resourceType === "script") return "js";
  if (resourceType === "stylesheet") return "css";
  if (resourceType === "document") return "html";
  if (new URL(url).pathname.startsWith("/api/")) return "api";
  return "other";
}

/** Loads `path` in a fresh context (signed in as `username` when given) and sums what came over the wire. */
export async function measure(browser: Browser, base: string, path: string, ready: (page: Page) => Promise<unknown>, username?: string, phone = true): Promise<Bytes> {
  const context = await browser.newContext({
    baseURL: base, locale: "zh-CN", serviceWorkers: "block",
    ...(phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : { viewport: { width: 1440, height: 900 } }),
  });
  try {
    if (username) {
      const res = await context.request.post("/api/auth/login", { data: { username, password: PASSWORD } });
      if (!res.ok()) throw new Error(`login ${username}: ${res.status()} ${await res.text()}`);
    }
    const page = await context.newPage();
    const pending: Promise<void>[] = [];
    const bytes: Bytes = { js: 0, css: 0, html: 0, api: 0, other: 0, total: 0, requests: 0, files: [] };
    page.on("requestfinished", (req) => {
      pending.push((async () => {
        const [sizes, response] = await Promise.all([req.sizes(), req.response()]);
        const kind = kindOf(req.resourceType(), req.url());
        const n = sizes.responseBodySize;
        bytes[kind] += n;
        bytes.total += n;
        bytes.requests++;
        bytes.files.push({ url: new URL(req.url()).pathname, kind, bytes: n, encoding: (await response?.headerValue("content-encoding")) ?? "identity" });
      })());
    });
    await page.goto(path, { waitUntil: "load" });
    await ready(page);
    await page.waitForLoadState("networkidle");
    await Promise.all(pending);
    return bytes;
  } finally {
    await context.close();
  }
}

const kb = (n: number) => (n / 1024).toFixed(1);
const ratio = (after: number, before: number) => (before ? `${((after / before) * 100).toFixed(0)} %` : "—");

function buildWebIfStale() {
  if (!webBuildIsStale(root)) return;
  console.log("building web/ (missing or older than its sources)…");
  const r = spawnSync("npm", ["run", "build", "-w", "web"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) throw new Error("the web build failed");
}

/** Starts the server on a fresh demo database, measures every first load, stops it. */
export async function measureAll() {
  buildWebIfStale();
  const dataDir = mkdtempSync(join(tmpdir(), "yj-bench-first-load-"));
  const server = await startChild("server/src/main.ts", {
    DATABASE_URL: "", DATA_DIR: dataDir, DEMO: "true", DEMO_PASSWORD: PASSWORD,
    RATE_LIMIT_PER_MINUTE: "100000", LOGIN_RATE_PER_MINUTE: "10000", WARNING_FEEDS_POLL: "false",
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const base = `http://127.0.0.1:${server.port}`;
  try {
    const testId = (id: string) => (page: Page) => page.locator(`[data-testid="${id}"]`).first().waitFor({ timeout: 30_000 });
    const mobileSignedIn = await measure(browser, base, "/m/", testId("m-contact-list"), "village");
    const mobileSignedOut = await measure(browser, base, "/m/", testId("login-username"));
    const consoleSignedIn = await measure(browser, base, "/", testId("header-user-name"), "duty", false);
    return { mobileSignedIn, mobileSignedOut, console: consoleSignedIn };
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

export async function benchFirstLoad() {
  const now = await measureAll();
  const rows = ([
    ["field app /m/ signed in (contact list)", now.mobileSignedIn, BEFORE.mobileSignedIn],
    ["field app /m/ signed out (sign-in page)", now.mobileSignedOut, BEFORE.mobileSignedOut],
    ["console / signed in (duty)", now.console, BEFORE.console],
  ] as const).map(([page, after, before]) => ({
    page,
    "JS KB (before)": kb(before.js), "JS KB": kb(after.js), "JS vs before": ratio(after.js, before.js),
    "CSS KB (before)": kb(before.css), "CSS KB": kb(after.css),
    "total KB (before)": kb(before.total), "total KB": kb(after.total), "total vs before": ratio(after.total, before.total),
    requests: after.requests,
  }));
  printTable(`First load, bytes on the wire (before: commit ${BEFORE.commit}; JS target for /m/ ≤ ${kb(TARGET_JS)} KB)`, rows);
  const js = now.mobileSignedIn.js;
  console.log(`field app first-load JS: ${kb(js)} KB compressed — ${js <= TARGET_JS ? "within" : "OVER"} the ${kb(TARGET_JS)} KB target`);
  if (process.env.BENCH_VERBOSE) {
    for (const [name, b] of Object.entries(now)) {
      printTable(`${name}: every response`, b.files.map((f) => ({ url: f.url, kind: f.kind, encoding: f.encoding, KB: kb(f.bytes) })));
    }
  }
}

// `node bench/first-load.bench.ts`: this bench alone.
if (import.meta.main) {
  await benchFirstLoad();
  process.exit(0);
}
