/**
 * 待办 and home by role, end to end: the town's to-do item appears within seconds of a village
 * report and leaves once the town forwards it; the leader finds a warning waiting for release
 * on the home page; the department (区交通运输局) sees a traffic incident of its sector; and a
 * picture of every role's home page, on a desk and on a phone.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, byTestId, input, journey, launch, pageGet, PASSWORD, screenshot, unique } from "../helpers.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A journey through several pages on a 2-core machine shared with other work. */
const SLOW = 150_000;
const ZERO = { dead: 0, missing: 0, injured: 0, seriouslyInjured: 0, trapped: 0, directLoss: 0 };

async function typeId(page: Page, code: string): Promise<string> {
  const { body } = await pageGet<{ id: string; code: string }[]>(page, "/api/incident-types");
  return body.find((t) => t.code === code)!.id;
}

async function unitIdOf(page: Page, name: string): Promise<string> {
  const { body } = await pageGet<{ id: string; name: string }[]>(page, "/api/org/units");
  return body.find((u) => u.name === name)!.id;
}

/** Signs in through the console's login form on a desk or a phone (the phone header hides the user's name): waits for the bell. */
async function signIn(page: Page, username: string): Promise<void> {
  await page.goto("/login");
  await byTestId(page, "login-submit").waitFor();
  // On a loaded machine the form may render again after the first keystrokes: fill until the values stay.
  await expect.poll(async () => {
    await input(page, "login-username").fill(username);
    await input(page, "login-password").fill(PASSWORD);
    return (await input(page, "login-username").inputValue()) === username && (await input(page, "login-password").inputValue()) === PASSWORD;
  }).toBe(true);
  await byTestId(page, "login-submit").click();
  await byTestId(page, "notif-bell").waitFor();
}

/** The to-do item of a kind whose title is `title`, on the page. */
const todoItem = (page: Page, kind: string, title: string) => page.locator(`[data-testid="todo-item-${kind}"]`).filter({ hasText: title });

describe("to-do and home by role", () => {
  it("does show the town a village report to forward within seconds, and take it off once forwarded", async () => {
    await journey(browser, "desktop", "todo-town-forward", async ({ page }) => {
      await signIn(page, "town");
      await byTestId(page, "home-unit").waitFor();
      await byTestId(page, "todo-card").waitFor();
      const title = `E2E 马杭村河道漫堤 ${unique()}`;
      const village = await apiAs("village");
      const at = new Date(Date.now() - 5 * 60_000).toISOString();
      const created = await village.post("/api/incidents", {
        headers: { "x-csrf-token": (await (await village.get("/api/auth/me")).json()).csrfToken },
        data: { title, typeId: await typeId(page, "11100"), unitId: await unitIdOf(page, "马杭村"), lat: 31.72, lon: 119.97, address: "马杭村", occurredAt: at, learnedAt: at, level: "IV", figures: ZERO, body: "河水漫堤，已组织群众转移。", reporterName: "联络员" },
      });
      expect(created.status(), await created.text()).toBe(201);
      const incident = await created.json();
      // No reload: the live stream (or the poll) brings it in.
      const item = todoItem(page, "incident.forward", title);
      await item.waitFor({ timeout: 10_000 });
      await expect.poll(async () => item.locator('[data-testid="todo-due"]').textContent()).toMatch(/剩余|内/);
      await expect.poll(async () => Number(await byTestId(page, "notif-unread").getAttribute("data-unread"))).toBeGreaterThan(0);
      await screenshot(page, "home-town");

      // 办理 opens the incident, where the town forwards the report.
      await item.getByTestId("todo-act").click();
      await page.waitForURL(`**/incidents/${incident.id}`);
      await byTestId(page, `inc-forward-${incident.reports[0].id}`).click();
      await page.locator(".ant-modal-footer .ant-btn-primary").click();
      await page.locator(".ant-modal").waitFor({ state: "hidden" });
      // Back home through the menu (no reload): the item has left.
      await byTestId(page, "nav-dashboard").click();
      await byTestId(page, "todo-card").waitFor();
      await expect.poll(async () => todoItem(page, "incident.forward", title).count(), { timeout: 15_000 }).toBe(0);
      await village.dispose();
    });
  }, SLOW);

  it("does show the leader a warning waiting for release on the home page", async () => {
    await journey(browser, "desktop", "todo-leader-release", async ({ page }) => {
      const headline = `E2E 暴雨橙色预警 ${unique()}`;
      const duty = await apiAs("duty");
      const csrf = (await (await duty.get("/api/auth/me")).json()).csrfToken;
      const headers = { "x-csrf-token": csrf };
      await signIn(page, "leader");
      const draft = await duty.post("/api/warnings", {
        headers,
        data: {
          level: "orange", incidentTypeId: null, headline, description: "预计未来 6 小时有暴雨。", instruction: "做好防汛准备。",
          area: { description: "湖塘镇", polygons: [], circles: [], unitIds: [] }, effectiveAt: new Date(Date.now() + 3_600_000).toISOString(),
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(), public: false,
          targets: { unitIds: [await unitIdOf(page, "湖塘镇")], inArea: false, roles: [], channels: ["inapp"] },
        },
      });
      expect(draft.status(), await draft.text()).toBe(201);
      const w = await draft.json();
      expect((await duty.post(`/api/warnings/${w.id}/submit`, { headers, data: { version: w.version } })).status()).toBe(200);
      await page.goto("/");
      await byTestId(page, "home-leader").waitFor();
      const item = page.locator('[data-testid="home-decide"] [data-testid="todo-item-warning.release"]').filter({ hasText: headline });
      await item.waitFor();
      await byTestId(page, "home-overdue").waitFor();
      await screenshot(page, "home-leader");
      await item.getByTestId("todo-act").click();
      await page.waitForURL(`**/warnings/${w.id}`);
      await duty.dispose();
    });
  }, SLOW);

  it("does show 区交通运输局 the traffic incidents of its sector, on its home and in the incident list", async () => {
    await journey(browser, "desktop", "todo-dept-sector", async ({ page }) => {
      const title = `E2E S232 追尾 ${unique()}`;
      const admin = await apiAs("admin");
      const csrf = (await (await admin.get("/api/auth/me")).json()).csrfToken;
      await signIn(page, "dept");
      const adminPage = page; // unit ids are the same for every caller
      const at = new Date(Date.now() - 20 * 60_000).toISOString();
      const units = await (await admin.get("/api/org/units")).json() as { id: string; name: string }[];
      const types = await (await admin.get("/api/incident-types")).json() as { id: string; code: string }[];
      const res = await admin.post("/api/incidents", {
        headers: { "x-csrf-token": csrf },
        data: { title, typeId: types.find((t) => t.code === "22100")!.id, unitId: units.find((u) => u.name === "牛塘镇")!.id, lat: 31.70, lon: 119.90, address: "牛塘镇 S232", occurredAt: at, learnedAt: at, level: "IV", figures: { ...ZERO, injured: 2 }, body: "两车追尾，2 人轻伤。", reporterName: "牛塘镇应急办" },
      });
      expect(res.status(), await res.text()).toBe(201);
      await adminPage.goto("/");
      await byTestId(page, "home-sector").waitFor();
      await page.locator('[data-testid="home-sector"]').getByText(title).waitFor();
      await screenshot(page, "home-dept");
      await page.goto("/incidents");
      await page.getByText(title).first().waitFor();
      await page.getByText(title).first().click();
      await page.waitForURL("**/incidents/*");
      await page.getByText("两车追尾").first().waitFor();
      await admin.dispose();
    });
  }, SLOW);

  for (const role of ["admin", "duty", "leader", "dept", "town", "village", "enterprise", "expert"] as const) {
    // A phone picture for the roles that work away from a desk.
    const kinds = ["duty", "leader", "dept", "town", "village"].includes(role) ? (["desktop", "phone"] as const) : (["desktop"] as const);
    for (const kind of kinds) {
      it(`does give ${role} a home page that reads well (${kind})`, async () => {
        await journey(browser, kind, `home-${role}-${kind}`, async ({ page }) => {
          await signIn(page, role);
          const marker = role === "admin" ? "dashboard" : role === "duty" ? "inc-board" : role === "leader" ? "home-leader" : "home-unit";
          await byTestId(page, marker).waitFor();
          if (role !== "admin") await page.locator('[data-testid="todo-card"], [data-testid="home-decide"]').first().waitFor();
          await page.locator('[data-testid="todo-card"] .ant-spin, [data-testid="home-decide"] .ant-spin').first().waitFor({ state: "detached" }).catch(() => {});
          await screenshot(page, `home-${role}-${kind}`);
        });
      }, SLOW);
    }
  }
});
