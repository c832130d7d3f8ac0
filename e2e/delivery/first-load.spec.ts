/**
 * The field app's first load on a phone: its own entry, none of the console's code, compressed
 * on the wire and under the target; every file of the field app kept by the service
 * worker, so it opens again with no signal.
 */
import type { Browser, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, byTestId, journey, launch, login, PASSWORD, PHONE } from "../helpers.ts";

/** The target for the field app's first load: compressed JavaScript. */
const TARGET_JS_BYTES = 300 * 1024;

/** Strings that only the console's libraries carry: antd's components and ECharts. */
const CONSOLE_MARKERS = ["ant-table", "ant-picker", "echarts", "zrender"];

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("field app delivery", () => {
  it("does load only the field app's own compressed scripts, under 300 KB, when a village officer opens /m/", async () => {
    // No worker: its background precache is not what the page waits for.
    const context = await browser.newContext({ baseURL: BASE_URL, locale: "zh-CN", serviceWorkers: "block", isMobile: true, hasTouch: true, viewport: PHONE });
    try {
      const signedIn = await context.request.post("/api/auth/login", { data: { username: "village", password: PASSWORD } });
      expect(signedIn.status()).toBe(200);
      const page = await context.newPage();
      const scripts: Request[] = [];
      const styles: Request[] = [];
      page.on("requestfinished", (req) => {
        if (req.resourceType() === "script") scripts.push(req);
        if (req.resourceType() === "stylesheet") styles.push(req);
      });
      await page.goto("/m/");
      await byTestId(page, "m-contact-list").waitFor();
      await page.waitForLoadState("networkidle");

      expect(scripts.length).toBeGreaterThan(0);
      let jsBytes = 0;
      for (const req of scripts) {
        const res = (await req.response())!;
        const path = new URL(req.url()).pathname;
        expect(path, "scripts come from the build's assets").toMatch(/^\/assets\//);
        const bytes = (await req.sizes()).responseBodySize;
        // Chromium asks for br; the server answers with the pre-compressed file (the build leaves files under 512 bytes as they are).
        if (bytes >= 512) expect(await res.headerValue("content-encoding"), path).toBe("br");
        jsBytes += bytes;
        const text = await res.text();
        for (const marker of CONSOLE_MARKERS) expect(text.includes(marker), `${path} carries "${marker}" (console code)`).toBe(false);
      }
      expect(jsBytes, `first-load JS ${jsBytes} bytes`).toBeLessThanOrEqual(TARGET_JS_BYTES);
      for (const req of styles) expect(await (await req.response())!.headerValue("content-encoding"), req.url()).toBe("br");
    } finally {
      await context.close();
    }
  });

  it("does keep every file of the field app in the service worker's cache and open again offline", async () => {
    await journey(browser, "phone", "m-offline-start", async ({ page, context }) => {
      await page.goto("/m/login");
      await login(page, "village", { mobile: true });
      // The worker installs after load and keeps the build's list of the field app's files.
      const list = await page.evaluate(async () => {
        const text = await (await fetch("/sw-precache.js")).text();
        return JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as { version: string; assets: string[] };
      });
      expect(list.assets.length).toBeGreaterThan(3);
      expect(list.assets.some((a) => a.endsWith(".css"))).toBe(true);
      const missing = async () =>
        page.evaluate(async ({ version, assets }) => {
          const cache = await caches.open(`yingji-shell-${version}`);
          const kept = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
          return ["/m/", ...assets].filter((a) => !kept.has(a));
        }, list);
      await expect.poll(missing, { timeout: 20_000 }).toEqual([]);
      // The console's entry is not among them.
      const consolePage = await (await context.request.get("/")).text();
      const consoleEntry = /<script type="module"[^>]*src="([^"]+)"/.exec(consolePage)![1];
      expect(list.assets).not.toContain(consoleEntry);

      // No signal: the app opens from the cache on a page it never showed (its code loads later).
      await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 15_000 }).toBe(true);
      await context.setOffline(true);
      const failed: string[] = [];
      page.on("requestfailed", (req) => {
        if (!new URL(req.url()).pathname.startsWith("/api/")) failed.push(req.url());
      });
      await page.goto("/m/me");
      await page.locator("#root > *").first().waitFor();
      await page.waitForTimeout(1000);
      expect(failed).toEqual([]);
      await context.setOffline(false);
    });
  });
});
