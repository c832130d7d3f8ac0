/**
 * The field app with no signal and no GPS, on a phone, as the village liaison officer:
 * - a cold start offline (the page closed, /m/ opened again in a new page of the same browser,
 *   no network): the app opens from its service worker, the kept contacts are searchable, a
 *   report is queued, and it reaches the server exactly once when the network is back;
 * - a session that expired while offline: what is kept still shows, and back online the app asks
 *   for the password, then sends the queue;
 * - reporting with location refused: the officer's village is the place, marked approximate,
 *   and a greyed-out 提交 says what is missing.
 */
import type { APIRequestContext, Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, byTestId, input, journey, launch, login, PASSWORD, screenshot, unique } from "../helpers.ts";

let browser: Browser;
let town: APIRequestContext;
beforeAll(async () => {
  browser = await launch();
  // The town sees the village's incidents, and its session survives the village officer signing out everywhere.
  town = await apiAs("town");
});
afterAll(async () => {
  await browser?.close();
  await town?.dispose();
});

interface IncidentRow {
  id: string;
  title: string;
  lat: number;
  lon: number;
  address: string;
  locationSource: string;
  approximate: boolean;
  placeUnitId: string | null;
}

async function incidentsTitled(title: string): Promise<IncidentRow[]> {
  const res = await town.get("/api/incidents?pageSize=200");
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: IncidentRow[] }).items.filter((i) => i.title === title);
}

function textarea(page: Page, testId: string) {
  return page.locator(`textarea[data-testid="${testId}"], [data-testid="${testId}"] textarea`).first();
}

/** What the app keeps in IndexedDB: the storage ids of the kept datasets. */
async function keptIds(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const req = indexedDB.open("yingji-field-kept");
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains("datasets")) return resolve([]);
          const all = db.transaction("datasets").objectStore("datasets").getAllKeys();
          all.onsuccess = () => resolve(all.result.map(String));
        };
        req.onerror = () => resolve([]);
      }),
  );
}

/**
 * Signs in on the phone and waits until the app can open offline: the service worker controls
 * the page and the datasets an officer needs (user, contacts, duty phones, incident types) are kept.
 */
async function signInAndKeep(page: Page): Promise<void> {
  await page.goto("/m/login");
  await login(page, "village", { mobile: true });
  await byTestId(page, "m-contact-list").waitFor();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 20_000 }).toBe(true);
  // Every script and style the page loaded is in the worker's cache (the shell's, and the chunks it was told of).
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const assets = performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).filter((p) => p.startsWith("/assets/"));
        const hits = await Promise.all(assets.map((p) => caches.match(p, { ignoreVary: true })));
        return assets.length > 0 && hits.every(Boolean);
      }), { timeout: 20_000 })
    .toBe(true);
  await expect
    .poll(async () => {
      const ids = (await keptIds(page)).join(" ");
      return ["[\"me\"]", "[\"org\",\"people\",\"kept\"]", "[\"org\",\"duty-phones\"]", "[\"incident-types\"]"].every((k) => ids.includes(k));
    }, { timeout: 20_000 })
    .toBe(true);
  // The report form's chunk too, so it is in the worker's cache before the network goes.
  await byTestId(page, "m-tab-report").tap();
  await byTestId(page, "m-report-new").tap();
  await byTestId(page, "m-report-form").waitFor();
  await byTestId(page, "m-tab-contacts").tap();
}

/** Closes the page and opens /m/ again in a new page of the same browser context (no network). */
async function coldStartOffline(context: BrowserContext, page: Page): Promise<Page> {
  await context.setOffline(true);
  await page.close();
  const again = await context.newPage();
  await again.goto("/m/");
  return again;
}

async function queueReport(page: Page, title: string): Promise<void> {
  await byTestId(page, "m-tab-report").tap();
  await byTestId(page, "m-report-new").tap();
  await byTestId(page, "m-report-form").waitFor();
  await input(page, "m-inc-title").fill(title);
  const type = page.locator('[data-testid="m-inc-type"]');
  await expect.poll(() => type.locator("option").count()).toBeGreaterThan(3);
  await type.selectOption((await type.locator("option").nth(3).getAttribute("value"))!);
  await textarea(page, "m-inc-body").fill("村口道路积水约 40 厘米，已设置警示。");
  await byTestId(page, "m-inc-submit").tap();
  await page.waitForURL("**/m/report");
  await byTestId(page, "m-queue").waitFor();
}

describe("field app offline", () => {
  it("does open with no signal, search the kept contacts, queue a report and send it exactly once when back online", async () => {
    const title = `E2E 冷启动离线 ${unique()}`;
    await journey(browser, "phone", "m-offline-cold", async ({ context, page: first }) => {
      await signInAndKeep(first);
      const page = await coldStartOffline(context, first);
      const errors: string[] = [];
      page.on("pageerror", (err) => errors.push(err.message));
      // The shell and the kept user: no spinner, no "无法连接服务器".
      await page.waitForURL("**/m/contacts");
      await byTestId(page, "m-kept-notice").waitFor();
      expect(await byTestId(page, "m-kept-notice").textContent()).toMatch(/无网络.*\d{2}:\d{2}.*更新/);
      const list = byTestId(page, "m-contact-list");
      await list.waitFor();
      await screenshot(page, "m-offline-contacts");

      // Search filters the kept list on the phone.
      await input(page, "m-contacts-search").fill("值班员");
      await input(page, "m-contacts-search").press("Enter");
      await byTestId(page, "m-offline-search").waitFor();
      await expect.poll(() => list.locator('[data-testid^="m-contact-"]').count()).toBe(1);
      expect(await list.textContent()).toContain("值班员");
      // No reveal offline, and the page says why.
      expect(await byTestId(page, "m-call-reason").textContent()).toContain("无网络");
      await screenshot(page, "m-offline-search");
      await input(page, "m-contacts-search").fill("没有这个人");
      await input(page, "m-contacts-search").press("Enter");
      await expect.poll(() => page.locator('[data-testid="m-contact-list"] [data-testid^="m-contact-"]').count()).toBe(0);

      // The duty phones above are there too.
      await input(page, "m-contacts-search").fill("");
      await page.locator(".adm-capsule-tabs-tab", { hasText: "单位值班电话" }).tap();
      await byTestId(page, "m-duty-group-above").waitFor();
      expect(await byTestId(page, "m-duty-group-above").textContent()).toContain("湖塘镇");

      // A report made now waits on the phone.
      await queueReport(page, title);
      await screenshot(page, "m-offline-queued");
      expect(await incidentsTitled(title)).toHaveLength(0);

      await context.setOffline(false);
      await byTestId(page, "m-queue").waitFor({ state: "detached", timeout: 30_000 });
      await expect.poll(async () => (await incidentsTitled(title)).length, { timeout: 10_000 }).toBe(1);
      // Another start sends nothing again.
      await page.reload();
      await byTestId(page, "m-inc-list").waitFor();
      await page.waitForTimeout(1500);
      expect(await incidentsTitled(title)).toHaveLength(1);
      expect(errors).toEqual([]);
    });
  });

  it("does keep showing what is kept when the session expired offline, and ask for the password once back online before sending", async () => {
    const title = `E2E 离线过期 ${unique()}`;
    await journey(browser, "phone", "m-offline-expired", async ({ context, page: first }) => {
      await signInAndKeep(first);
      const page = await coldStartOffline(context, first);
      await byTestId(page, "m-contact-list").waitFor();
      await queueReport(page, title);

      // Meanwhile every session of the officer ends (signed out everywhere from another device).
      const other = await apiAs("village");
      const me = (await (await other.get("/api/auth/me")).json()) as { csrfToken: string };
      expect((await other.post("/api/auth/logout-all", { data: {}, headers: { "x-csrf-token": me.csrfToken } })).status()).toBeLessThan(300);
      await other.dispose();

      await context.setOffline(false);
      await page.waitForURL("**/m/login", { timeout: 20_000 });
      await byTestId(page, "m-session-expired").waitFor();
      expect(await byTestId(page, "m-session-queue").textContent()).toContain("1");
      expect(await input(page, "login-username").inputValue()).toBe("village");
      await screenshot(page, "m-session-expired");
      expect(await incidentsTitled(title)).toHaveLength(0);

      await input(page, "login-password").fill(PASSWORD);
      await byTestId(page, "login-submit").click();
      await expect.poll(async () => (await incidentsTitled(title)).length, { timeout: 30_000 }).toBe(1);
      await page.waitForTimeout(1500);
      expect(await incidentsTitled(title)).toHaveLength(1);
    });
  });
});

describe("reporting without GPS", () => {
  it("does report at the officer's village, approximate, when location is refused, and name what is missing before 提交", async () => {
    const title = `E2E 无定位 ${unique()}`;
    // No geolocation permission granted: the browser refuses, as a phone whose owner said no.
    await journey(browser, "phone", "m-no-gps", async ({ page }) => {
      await page.goto("/m/login");
      await login(page, "village", { mobile: true });
      await byTestId(page, "m-tab-report").tap();
      await byTestId(page, "m-report-new").tap();
      await byTestId(page, "m-report-form").waitFor();
      await byTestId(page, "m-inc-gps-denied").waitFor();
      const where = byTestId(page, "m-inc-location");
      expect(await where.getAttribute("data-kind")).toBe("place");
      expect(await byTestId(page, "m-inc-location-value").textContent()).toBe("马杭村");
      await byTestId(page, "m-inc-approx").waitFor();

      // 提交 is grey, and the page says why.
      expect(await byTestId(page, "m-inc-submit").isDisabled()).toBe(true);
      expect(await byTestId(page, "m-inc-missing").textContent()).toBe("还需填写：事件标题、事件类型、报告正文");
      await byTestId(page, "m-inc-submit").scrollIntoViewIfNeeded();
      await screenshot(page, "m-no-gps-missing");

      await input(page, "m-inc-title").fill(title);
      const type = page.locator('[data-testid="m-inc-type"]');
      await expect.poll(() => type.locator("option").count()).toBeGreaterThan(3);
      await type.selectOption((await type.locator("option").nth(3).getAttribute("value"))!);
      expect(await byTestId(page, "m-inc-missing").textContent()).toBe("还需填写：报告正文");
      await textarea(page, "m-inc-body").fill("室内无法定位，按本村上报。");
      expect(await byTestId(page, "m-inc-missing").count()).toBe(0);
      await byTestId(page, "m-inc-title").scrollIntoViewIfNeeded();
      await screenshot(page, "m-no-gps-form");

      const created = page.waitForResponse((r) => r.url().endsWith("/api/incidents") && r.request().method() === "POST");
      await byTestId(page, "m-inc-submit").tap();
      expect((await created).status()).toBe(201);
      await byTestId(page, "m-incident").waitFor();
      expect(await byTestId(page, "m-incident-place").textContent()).toContain("约略位置");
      const [row] = await incidentsTitled(title);
      expect(row).toMatchObject({ address: "马杭村", locationSource: "place", approximate: true });
      expect(row.placeUnitId).toBeTruthy();
    });
  });

  it("does report a point picked on the map as approximate", async () => {
    const title = `E2E 地图选点 ${unique()}`;
    await journey(browser, "phone", "m-map-pick", async ({ page }) => {
      await page.goto("/m/login");
      await login(page, "village", { mobile: true });
      await byTestId(page, "m-tab-report").tap();
      await byTestId(page, "m-report-new").tap();
      await byTestId(page, "m-inc-gps-denied").waitFor();
      await byTestId(page, "m-inc-map").tap();
      const map = page.locator(".adm-popup-body .map-canvas, .adm-popup-body .leaflet-container").first();
      await map.waitFor();
      // A locator click waits for the popup to stop sliding (a box read mid-animation lands on the mask).
      await map.click();
      await expect.poll(() => byTestId(page, "m-inc-map-done").isDisabled()).toBe(false);
      await screenshot(page, "m-map-pick");
      await byTestId(page, "m-inc-map-done").tap();
      expect(await byTestId(page, "m-inc-location").getAttribute("data-kind")).toBe("map");
      await byTestId(page, "m-inc-approx").waitFor();

      await input(page, "m-inc-title").fill(title);
      const type = page.locator('[data-testid="m-inc-type"]');
      await expect.poll(() => type.locator("option").count()).toBeGreaterThan(3);
      await type.selectOption((await type.locator("option").nth(3).getAttribute("value"))!);
      await input(page, "m-inc-address").fill("桥头");
      await textarea(page, "m-inc-body").fill("地图选点上报。");
      const created = page.waitForResponse((r) => r.url().endsWith("/api/incidents") && r.request().method() === "POST");
      await byTestId(page, "m-inc-submit").tap();
      expect((await created).status()).toBe(201);
      const [row] = await incidentsTitled(title);
      expect(row).toMatchObject({ address: "桥头", locationSource: "map", approximate: true });
      expect(Math.abs(row.lat - 31.7)).toBeLessThan(1);
    });
  });
});
