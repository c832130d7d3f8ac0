/**
 * Shared helpers of the end-to-end specs: one Chromium per spec file, a fresh context per
 * journey, sign-in through the real login forms, screenshots into test-results/screenshots/.
 *
 * scripts/test.ts starts the server and sets E2E_BASE_URL, E2E_PASSWORD (of every demo
 * account) and CHROMIUM_PATH; the specs fail fast with a clear message when run without them.
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  chromium,
  request,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from "playwright-core";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
export const SCREENSHOT_DIR = join(ROOT, "test-results", "screenshots");

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the e2e tier with \`npm test -- --tier e2e\``);
  return v;
}

export const BASE_URL = required("E2E_BASE_URL").replace(/\/$/, "");
export const PASSWORD = required("E2E_PASSWORD");

/** The console is used at an office desk, the field app on a phone. */
export const DESKTOP = { width: 1440, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** Long enough for a cold page on a busy 2-core machine, short enough to fail quickly. */
export const WAIT = 15_000;

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

export interface Journey {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page (pageerror), for asserting the app did not crash. */
  pageErrors: string[];
}

/** A fresh context (no cookies, no storage) with one page at the given viewport. */
export async function newPage(browser: Browser, kind: "desktop" | "phone" = "desktop"): Promise<Journey> {
  const context = await browser.newContext(
    kind === "phone"
      ? { viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: "zh-CN", baseURL: BASE_URL }
      : { viewport: DESKTOP, locale: "zh-CN", baseURL: BASE_URL },
  );
  context.setDefaultTimeout(WAIT);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (err) => pageErrors.push(err.message));
  return { context, page, pageErrors };
}

/**
 * Runs one journey in a fresh context: on failure it saves test-results/screenshots/failed-<name>.png
 * (what the page showed when the step gave up); on success it checks the page threw no uncaught error.
 * The context is closed either way.
 */
export async function journey(
  browser: Browser,
  kind: "desktop" | "phone",
  name: string,
  steps: (j: Journey) => Promise<void>,
): Promise<void> {
  const j = await newPage(browser, kind);
  try {
    await steps(j);
    if (j.pageErrors.length) throw new Error(`uncaught error(s) in the page: ${j.pageErrors.join(" | ")}`);
  } catch (err) {
    await screenshot(j.page, `failed-${name}`).catch(() => {});
    throw err;
  } finally {
    await j.context.close();
  }
}

/** The element with a test id, or the input inside it when antd put the id on a wrapper. */
export function input(page: Page | Locator, testId: string): Locator {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

export function byTestId(page: Page | Locator, testId: string): Locator {
  return page.locator(`[data-testid="${testId}"]`);
}

/**
 * Signs in through the real login form: the console's (/login) or the field app's (/m/login).
 * Waits until the app shows the signed-in frame.
 */
export async function login(page: Page, username: string, opts: { mobile?: boolean } = {}): Promise<void> {
  const mobile = opts.mobile ?? false;
  if (!/\/login$/.test(new URL(page.url() === "about:blank" ? BASE_URL : page.url()).pathname)) {
    await page.goto(mobile ? "/m/login" : "/login");
  }
  await input(page, "login-username").fill(username);
  await input(page, "login-password").fill(PASSWORD);
  await byTestId(page, "login-submit").click();
  if (mobile) await byTestId(page, "m-tab-contacts").waitFor();
  else await byTestId(page, "header-user-name").waitFor();
}

/** Signs out through the user menu of the console; waits for the login form. */
export async function logout(page: Page): Promise<void> {
  await byTestId(page, "user-menu").click();
  await byTestId(page, "logout").click();
  await page.waitForURL(/\/login$/);
  await input(page, "login-username").waitFor();
}

/** Saves a full-window screenshot as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  // Let fonts and antd's entry animations settle so the picture shows the page at rest.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(300);
  // scale "css": one image pixel per CSS pixel, so a phone shot is 390×844 like the viewport.
  await page.screenshot({ path, scale: "css" });
  return path;
}

/** A request context signed in through POST /api/auth/login (for setting up or looking up data). */
export async function apiAs(username: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: BASE_URL });
  const res = await api.post("/api/auth/login", { data: { username, password: PASSWORD } });
  if (res.status() !== 200) throw new Error(`API login as ${username} answered ${res.status()}: ${await res.text()}`);
  return api;
}

/** Same-origin GET from inside the page (with its session cookie): the status and the JSON body. */
export async function pageGet<T = unknown>(page: Page, path: string): Promise<{ status: number; body: T }> {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { headers: { accept: "application/json" } });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: body as never };
  }, path);
}

export interface UnitSummary {
  id: string;
  name: string;
  parentId: string | null;
  kind: string;
  dutyPhone: string | null;
}

/** Every unit in the page user's scope, by name (GET /api/org/units). */
export async function unitsByName(page: Page): Promise<Map<string, UnitSummary>> {
  const { status, body } = await pageGet<UnitSummary[]>(page, "/api/org/units");
  if (status !== 200) throw new Error(`GET /api/org/units answered ${status}`);
  return new Map(body.map((u) => [u.name, u]));
}

/** A suffix that keeps the data of one run (and one journey) apart from every other. */
export function unique(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`.toUpperCase();
}

/** 11 digits starting 139, unique enough per run. */
export function uniqueMobile(): string {
  return "139" + String(Date.now() % 1e8).padStart(8, "0");
}

/** The server's masking of a mainland mobile: 138****1234. */
export function masked(mobile: string): string {
  return `${mobile.slice(0, 3)}****${mobile.slice(7)}`;
}
