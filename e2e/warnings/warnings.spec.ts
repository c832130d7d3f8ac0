/**
 * 预警发布 end to end: the district duty officer imports a city CAP alert in the console and
 * relays it to two towns; a leader releases it (two-person rule); a town's phone, already open
 * on the field app's inbox, shows it arrive live; the town acknowledges (已收到) and reports its
 * response measures; once every unit of that town has answered, the tracking page shows the
 * town complete and the other one pending, and its map a marker per located unit in the colour
 * of its state, the units without a location listed under it; the public page shows the warning;
 * and the CAP the API exports imports back as the same warning.
 */
import { readFileSync } from "node:fs";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { APIRequestContext, Browser, Page } from "playwright-core";
import { request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, byTestId, input, journey, launch, login, newPage, PASSWORD, screenshot, unique, type Journey } from "../helpers.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const FIXTURE = new URL("../../server/src/modules/warnings/cap/fixtures/changzhou-rainstorm-alert.xml", import.meta.url);

/** ISO with +08:00, as CAP wants it. */
function shanghai(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, "+08:00");
}

/** The Changzhou rainstorm alert with an identifier of this run and times around now. */
function cityAlert(tag: string): { xml: string; headline: string } {
  const now = Date.now();
  const stamp = shanghai(new Date(now)).slice(0, 19).replace(/\D/g, "");
  const headline = `常州市气象台发布暴雨橙色预警信号 ${tag}`;
  const xml = readFileSync(FIXTURE, "utf8")
    .replace("32040041600000_20260720073000_1", `32040041600000_${stamp}_${tag}`)
    .replace("<sent>2026-07-20T07:30:00+08:00</sent>", `<sent>${shanghai(new Date(now - 60_000))}</sent>`)
    .replace("<effective>2026-07-20T07:30:00+08:00</effective>", `<effective>${shanghai(new Date(now - 60_000))}</effective>`)
    .replace("<onset>2026-07-20T08:00:00+08:00</onset>", `<onset>${shanghai(new Date(now + 1_800_000))}</onset>`)
    .replace("<expires>2026-07-21T07:30:00+08:00</expires>", `<expires>${shanghai(new Date(now + 24 * 3_600_000))}</expires>`)
    .replace("<headline>常州市气象台发布暴雨橙色预警信号</headline>", `<headline>${headline}</headline>`);
  return { xml, headline };
}

/** An API session (cookie and CSRF token) for writes outside the browser. */
async function session(username: string, password = PASSWORD): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await request.newContext({ baseURL: BASE_URL });
  const res = await api.post("/api/auth/login", { data: { username, password } });
  if (res.status() !== 200) throw new Error(`login as ${username}: ${res.status()} ${await res.text()}`);
  return { api, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** Ticks the unit named `name` in a UnitsPicker (searching for it first). */
async function pickUnit(page: Page, testId: string, name: string): Promise<void> {
  const picker = byTestId(page, testId);
  await picker.click();
  await picker.locator("input").fill(name);
  const node = page.locator(".ant-select-dropdown:visible .ant-select-tree-treenode").filter({ has: page.locator(`.ant-select-tree-title:text-is("${name}")`) });
  await node.locator(".ant-select-tree-checkbox").click();
  await page.keyboard.press("Escape");
}

interface TrackedUnit { unitId: string; name: string; lat: number | null; ackedAt: string | null; feedbackAt: string | null; overdue: boolean }

/** The map's four states, as the tracking page colours them. */
const stateOf = (u: TrackedUnit) => (u.feedbackAt ? "feedback" : u.ackedAt ? "acked" : u.overdue ? "overdue" : "waiting");

describe("warnings relay journey", () => {
  it("does relay a city CAP alert to two towns, show it live to a town, and track that town complete and the other pending", async () => {
    const duty = await newPage(browser, "desktop");
    const leader = await newPage(browser, "desktop");
    const town: Journey = await newPage(browser, "phone");
    const tag = unique();
    const city = cityAlert(tag);
    const dir = mkdtempSync(join(tmpdir(), "yj-e2e-cap-"));
    const capFile = join(dir, `city-rainstorm-${tag}.xml`);
    writeFileSync(capFile, city.xml);
    const apis: APIRequestContext[] = [];
    try {
      // 1. The duty officer imports the city's CAP alert in the console.
      await login(duty.page, "duty");
      await duty.page.goto("/warnings");
      await byTestId(duty.page, "warn-table").waitFor();
      const imported = duty.page.waitForResponse((r) => r.url().endsWith("/api/warnings/import") && r.request().method() === "POST");
      await duty.page.locator('[data-testid="warn-import-file"]').setInputFiles(capFile);
      expect((await imported).status()).toBe(201);
      await byTestId(duty.page, "warn-detail").waitFor();
      expect(await byTestId(duty.page, "warn-detail-title").textContent()).toBe(city.headline);
      const receivedId = duty.page.url().split("/").pop()!;
      expect(await byTestId(duty.page, "warn-signature-unsigned").textContent()).toBe("未签名");
      await screenshot(duty.page, "warn-received-detail");

      // 2. … and relays it to 湖塘镇 and 牛塘镇 (each with its subtree), previewing the recipients first.
      await byTestId(duty.page, "warn-relay").click();
      await input(duty.page, "warn-headline").waitFor();
      expect(await input(duty.page, "warn-headline").inputValue()).toBe(city.headline);
      await input(duty.page, "warn-headline").fill(`【转发】${city.headline}`);
      await pickUnit(duty.page, "warn-target-units", "湖塘镇");
      await pickUnit(duty.page, "warn-target-units", "牛塘镇");
      // A member department: it has no location, so the tracking map lists it under the map.
      await pickUnit(duty.page, "warn-target-units", "区交通运输局");
      await byTestId(duty.page, "warn-preview-btn").click();
      await byTestId(duty.page, "warn-preview-total").waitFor();
      expect(await byTestId(duty.page, "warn-preview-total").textContent()).toMatch(/将发送至 \d+ 个单位、\d+ 人/);
      await screenshot(duty.page, "warn-relay-drawer");
      const created = duty.page.waitForResponse((r) => r.url().endsWith("/api/warnings") && r.request().method() === "POST");
      const submitted = duty.page.waitForResponse((r) => /\/api\/warnings\/[^/]+\/submit$/.test(r.url()));
      await byTestId(duty.page, "warn-save-submit").click();
      expect((await created).status()).toBe(201);
      expect((await submitted).status()).toBe(200);
      await duty.page.waitForURL((u) => /\/warnings\/[0-9a-f-]{36}$/.test(u.pathname) && !u.pathname.endsWith(receivedId));
      const warningId = duty.page.url().split("/").pop()!;
      await byTestId(duty.page, "warn-status-pending_approval").waitFor();
      await byTestId(duty.page, "warn-relay-of").waitFor();

      // 3. The town's phone is open on the field app's inbox before the release.
      await login(town.page, "town", { mobile: true });
      await byTestId(town.page, "m-tab-warnings").tap();
      await byTestId(town.page, "m-warn-inbox").waitFor();
      expect(await byTestId(town.page, `m-warn-${warningId}`).count()).toBe(0);

      // 4. A leader releases it (签发): the drafter cannot.
      expect(await byTestId(duty.page, "warn-approve").count()).toBe(0);
      await login(leader.page, "leader");
      await leader.page.goto(`/warnings/${warningId}`);
      await byTestId(leader.page, "warn-approve").click();
      await byTestId(leader.page, "warn-approve-help").waitFor();
      await screenshot(leader.page, "warn-approve-dialog");
      const approved = leader.page.waitForResponse((r) => r.url().endsWith(`/api/warnings/${warningId}/approve`));
      await byTestId(leader.page, "warn-action-ok").click();
      expect((await approved).status()).toBe(200);
      await byTestId(leader.page, "warn-status-released").waitFor();
      await screenshot(leader.page, "warn-released-detail");

      // 5. The town's phone shows it without a reload; the town acknowledges and reports its measures.
      const item = byTestId(town.page, `m-warn-${warningId}`);
      await item.waitFor({ timeout: 10_000 });
      await screenshot(town.page, "warn-m-inbox");
      await item.tap();
      await byTestId(town.page, "m-warning").waitFor();
      expect(await byTestId(town.page, "m-warning-title").textContent()).toBe(`【转发】${city.headline}`);
      await screenshot(town.page, "warn-m-detail");
      const acked = town.page.waitForResponse((r) => r.url().endsWith(`/api/warnings/${warningId}/ack`));
      await byTestId(town.page, "m-warn-ack").tap();
      expect((await acked).status()).toBeLessThan(300);
      await byTestId(town.page, "m-warn-acked").waitFor();
      await byTestId(town.page, "m-warn-feedback").tap();
      await town.page.locator('[data-testid="m-fb-measures"] textarea, textarea[data-testid="m-fb-measures"]').first().fill("已通知各村（社区）转移低洼地带群众 36 人，巡查河道涵闸");
      await input(town.page, "m-fb-watchers").fill("镇值班室 张三、李四");
      await town.page.locator('[data-testid="m-fb-people"] .adm-stepper-plus, [data-testid="m-fb-people"] button:last-child').first().tap();
      await screenshot(town.page, "warn-m-feedback");
      const fed = town.page.waitForResponse((r) => r.url().endsWith(`/api/warnings/${warningId}/feedback`) && r.request().method() === "POST");
      await byTestId(town.page, "m-fb-send").tap();
      expect((await fed).status()).toBe(201);

      // 6. Every other unit of 湖塘镇 (its villages, communities and enterprises) answers too, each with its own account.
      const admin = await session("admin");
      apis.push(admin.api);
      const tracking = async () => (await (await admin.api.get(`/api/warnings/${warningId}/tracking`)).json()) as { units: TrackedUnit[]; towns: { name: string }[] };
      const before = await tracking();
      const units = (await (await admin.api.get("/api/org/units")).json()) as { id: string; name: string; parentId: string | null }[];
      const hutang = units.find((u) => u.name === "湖塘镇")!;
      const below = new Set<string>([hutang.id]);
      for (let grew = true; grew;) {
        grew = false;
        for (const u of units) if (u.parentId && below.has(u.parentId) && !below.has(u.id)) { below.add(u.id); grew = true; }
      }
      const others = before.units.filter((u) => below.has(u.unitId) && u.unitId !== hutang.id);
      expect(others.length).toBeGreaterThan(0);
      for (const [n, u] of others.entries()) {
        const username = `e2e${tag.toLowerCase()}${n}`;
        const made = await admin.api.post("/api/users", {
          headers: { "x-csrf-token": admin.csrf },
          data: { username, displayName: `${u.name}联络员`, role: "village", unitId: u.unitId, password: "First#Pass2030" },
        });
        expect(made.status(), await made.text()).toBe(201);
        const first = await session(username, "First#Pass2030");
        apis.push(first.api);
        const changed = await first.api.post("/api/auth/password", { headers: { "x-csrf-token": first.csrf }, data: { currentPassword: "First#Pass2030", newPassword: "Second#Pass2030" } });
        expect(changed.status(), await changed.text()).toBeLessThan(300);
        const them = await session(username, "Second#Pass2030");
        apis.push(them.api);
        expect((await them.api.post(`/api/warnings/${warningId}/ack`, { headers: { "x-csrf-token": them.csrf }, data: {} })).status()).toBeLessThan(300);
        const fb = await them.api.post(`/api/warnings/${warningId}/feedback`, {
          headers: { "x-csrf-token": them.csrf },
          data: { measures: "已巡查辖区低洼地带", responseLevel: "none", peopleSent: 2, teamsSent: 0, watchers: "村值班员" },
        });
        expect(fb.status(), await fb.text()).toBe(201);
      }

      // 牛塘镇 itself acknowledges, without feedback yet.
      const niutang = units.find((u) => u.name === "牛塘镇")!;
      const niutangUser = `e2e${tag.toLowerCase()}nt`;
      const madeNt = await admin.api.post("/api/users", {
        headers: { "x-csrf-token": admin.csrf },
        data: { username: niutangUser, displayName: "牛塘镇应急办", role: "town", unitId: niutang.id, password: "First#Pass2030" },
      });
      expect(madeNt.status(), await madeNt.text()).toBe(201);
      const ntFirst = await session(niutangUser, "First#Pass2030");
      apis.push(ntFirst.api);
      expect((await ntFirst.api.post("/api/auth/password", { headers: { "x-csrf-token": ntFirst.csrf }, data: { currentPassword: "First#Pass2030", newPassword: "Second#Pass2030" } })).status()).toBeLessThan(300);
      const nt = await session(niutangUser, "Second#Pass2030");
      apis.push(nt.api);
      expect((await nt.api.post(`/api/warnings/${warningId}/ack`, { headers: { "x-csrf-token": nt.csrf }, data: {} })).status()).toBeLessThan(300);

      // 7. The tracking page shows 湖塘镇 complete and 牛塘镇 pending.
      await duty.page.goto(`/warnings/${warningId}/tracking`);
      await byTestId(duty.page, "warn-tracking").waitFor();
      await expect.poll(() => byTestId(duty.page, "warn-town-state-湖塘镇").textContent(), { timeout: 10_000 }).toBe("已完成");
      expect(await byTestId(duty.page, "warn-town-state-牛塘镇").textContent()).toMatch(/待处理|超时未签收/);
      expect(await byTestId(duty.page, `warn-unit-${hutang.id}`).count()).toBe(1);
      await byTestId(duty.page, "warn-coverage-inapp").waitFor();
      // The map: one marker per located target unit, in the colour of its state; the department listed under it.
      const after = await tracking();
      const placed = after.units.filter((u) => u.lat !== null);
      const unplaced = after.units.filter((u) => u.lat === null);
      const expected = { feedback: 0, acked: 0, waiting: 0, overdue: 0 };
      for (const u of placed) expected[stateOf(u)]++;
      // (Earlier journeys may have added units without a location under 湖塘镇: counts come from the API.)
      expect(expected.feedback).toBeGreaterThan(0);
      expect(expected.acked).toBe(1);
      expect(expected.waiting + expected.overdue).toBeGreaterThan(0);
      await expect.poll(() => duty.page.locator('[data-testid="warn-map-canvas"] path.warn-marker').count(), { timeout: 10_000 }).toBe(placed.length);
      for (const [state, n] of Object.entries(expected)) {
        expect(await duty.page.locator(`[data-testid="warn-map-canvas"] path.warn-marker-${state}`).count(), state).toBe(n);
        expect(await byTestId(duty.page, `warn-legend-${state}`).getAttribute("data-count"), state).toBe(String(n));
      }
      expect(await duty.page.locator(`path.warn-marker-acked[data-unit-id="${niutang.id}"]`).count()).toBe(1);
      expect(unplaced.map((u) => u.name)).toContain("区交通运输局");
      expect(await byTestId(duty.page, "warn-map-unplaced").textContent()).toContain(`无坐标的单位（${unplaced.length}）`);
      for (const u of unplaced) {
        expect(await byTestId(duty.page, `warn-unplaced-${u.unitId}`).textContent()).toBe(u.name);
        expect(await byTestId(duty.page, `warn-unplaced-${u.unitId}`).getAttribute("data-state")).toBe(stateOf(u));
      }
      // The warning's area (the city's polygon, relayed with it) is drawn, and a marker tells its unit, state and times.
      expect(await duty.page.locator('[data-testid="warn-map-canvas"] path.warn-area').count()).toBe(1);
      await duty.page.locator(`path.warn-marker[data-unit-id="${hutang.id}"]`).dispatchEvent("mouseover");
      const tip = duty.page.locator(".warn-map-tip");
      await tip.waitFor();
      expect(await tip.textContent()).toMatch(/^湖塘镇已反馈签收时限.+签收时间.+反馈时间.+$/);
      expect(await byTestId(duty.page, "warn-feedback-list").textContent()).toContain("转移低洼地带群众 36 人");
      await screenshot(duty.page, "warn-tracking");
      await duty.page.setViewportSize({ width: 390, height: 844 });
      await screenshot(duty.page, "warn-tracking-phone");
      await duty.page.setViewportSize({ width: 1440, height: 900 });

      // 8. The public page (no login) shows the warning.
      await journey(browser, "phone", "warn-public", async ({ page }) => {
        await page.goto("/public/warnings");
        await page.getByText(`【转发】${city.headline}`).first().waitFor();
        await screenshot(page, "warn-public-phone");
      });

      // 9. CAP out and back in: the exported document imports as the same warning.
      const cap = await admin.api.get(`/api/warnings/${warningId}/cap`);
      expect(cap.status()).toBe(200);
      expect(cap.headers()["content-type"]).toContain("application/cap+xml");
      const xml = await cap.text();
      expect(xml).toContain("urn:oasis:names:tc:emergency:cap:1.2");
      const back = await admin.api.post("/api/warnings/import", { headers: { "x-csrf-token": admin.csrf, "content-type": "application/cap+xml" }, data: Buffer.from(xml) });
      expect(back.status(), await back.text()).toBeLessThan(300);
      const { warningId: againId } = (await back.json()) as { warningId: string };
      const [ours, again] = await Promise.all([warningId, againId].map(async (id) => (await (await admin.api.get(`/api/warnings/${id}`)).json()) as Record<string, unknown>));
      for (const key of ["level", "headline", "description", "instruction", "effectiveAt", "expiresAt", "public"]) {
        expect(again![key], key).toEqual(ours![key]);
      }

      // 10. The leader updates the warning (a new version, sent again), then lifts it (解除).
      await leader.page.reload();
      await byTestId(leader.page, "warn-revise").click();
      await input(leader.page, "warn-action-headline").fill(`【更新】${city.headline}`);
      await leader.page.locator('[data-testid="warn-action-note"] textarea, textarea[data-testid="warn-action-note"]').first().fill("降雨范围扩大，更新标题");
      await screenshot(leader.page, "warn-revise-dialog");
      const revised = leader.page.waitForResponse((r) => r.url().endsWith(`/api/warnings/${warningId}/revise`));
      await byTestId(leader.page, "warn-action-ok").click();
      expect((await revised).status(), await (await revised).text()).toBe(200);
      await byTestId(leader.page, "warn-status-updated").waitFor();
      expect(await byTestId(leader.page, "warn-detail-title").textContent()).toBe(`【更新】${city.headline}`);
      await byTestId(leader.page, "warn-cancel").click();
      await leader.page.locator('[data-testid="warn-action-note"] textarea, textarea[data-testid="warn-action-note"]').first().fill("降雨已减弱，解除预警");
      const lifted = leader.page.waitForResponse((r) => r.url().endsWith(`/api/warnings/${warningId}/cancel`));
      await byTestId(leader.page, "warn-action-ok").click();
      expect((await lifted).status()).toBe(200);
      await byTestId(leader.page, "warn-status-cancelled").waitFor();
      await byTestId(leader.page, "warn-action-ok").waitFor({ state: "detached" });
      expect(await byTestId(leader.page, "warn-versions").textContent()).toMatch(/发布[\s\S]*更新[\s\S]*解除/);
      await screenshot(leader.page, "warn-cancelled-detail");
    } finally {
      for (const api of apis) await api.dispose();
      for (const j of [duty, leader, town]) await j.context.close();
    }
  }, 240_000);

  it("does show the console pages of warnings readably, on a desk and on a phone", async () => {
    await journey(browser, "desktop", "warn-pages", async ({ page }) => {
      await login(page, "admin");
      await page.goto("/warnings");
      await byTestId(page, "warn-table").waitFor();
      await page.locator('[data-testid^="warn-row-"]').first().waitFor();
      await screenshot(page, "warn-list");
      await byTestId(page, "warn-create").click();
      await input(page, "warn-headline").waitFor();
      await screenshot(page, "warn-draft-drawer");
      await page.keyboard.press("Escape");
      await page.goto("/warnings/calls");
      await byTestId(page, "warn-calls-page").waitFor();
      await screenshot(page, "warn-calls");
      await page.goto("/warnings/feeds");
      await byTestId(page, "feeds-page").waitFor();
      await byTestId(page, "feed-add").click();
      await input(page, "feed-name").fill("常州市预警信息发布中心");
      await input(page, "feed-url").fill("http://127.0.0.1:65000/cap/atom.xml");
      await byTestId(page, "feed-save").click();
      await page.getByText("常州市预警信息发布中心").first().waitFor();
      const feedId = ((await page.evaluate(async () => (await (await fetch("/api/warning-feeds")).json()) as { id: string; name: string }[])).find((f) => f.name === "常州市预警信息发布中心"))!.id;
      await byTestId(page, `feed-poll-${feedId}`).click();
      await byTestId(page, `feed-status-${feedId}`).waitFor();
      expect(await byTestId(page, `feed-status-${feedId}`).textContent()).toBe("失败");
      await screenshot(page, "warn-feeds");
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto("/warnings");
      await byTestId(page, "warn-table").waitFor();
      await screenshot(page, "warn-list-phone");
      await page.locator('[data-testid^="warn-row-"]').first().click();
      await byTestId(page, "warn-detail").waitFor();
      await screenshot(page, "warn-detail-phone");
    });
  });

  it("does refuse the warning pages to a role without their permission", async () => {
    await journey(browser, "desktop", "warn-unauthorised", async ({ page }) => {
      await login(page, "auditor");
      await page.goto("/warnings");
      await page.getByText("您的角色无权访问此页面").waitFor();
      const res = await page.evaluate(async () => (await fetch("/api/warnings")).status);
      expect(res).toBe(403);
    });
  });
});
