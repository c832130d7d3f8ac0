/**
 * 信息报送 end to end: a village liaison officer reports from a phone, the district duty officer
 * sees it arrive on the board without reloading, a leader adds an instruction (批示) that the
 * village sees, the 专报 downloads as Word; and a report made while the phone is offline waits in
 * the field app's queue and reaches the server exactly once when the network returns.
 */
import { readFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import JSZip from "jszip";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, byTestId, input, journey, launch, login, newPage, pageGet, screenshot, unique, type Journey } from "../helpers.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface IncidentRow {
  id: string;
  title: string;
  level: string;
}

async function incidentsTitled(page: Page, title: string): Promise<IncidentRow[]> {
  const { status, body } = await pageGet<{ items: IncidentRow[] }>(page, "/api/incidents?pageSize=200");
  expect(status).toBe(200);
  return body.items.filter((i) => i.title === title);
}

/** Fills the field app's report form (already open) with a title, a type, a place and a text. */
async function fillReport(page: Page, title: string, opts: { gps: boolean }): Promise<void> {
  await byTestId(page, "m-report-form").waitFor();
  await input(page, "m-inc-title").fill(title);
  // A leaf type: the first option deeper than the categories (native select on the phone).
  const type = page.locator('[data-testid="m-inc-type"]');
  await expect.poll(() => type.locator("option").count()).toBeGreaterThan(3);
  await type.selectOption((await type.locator("option").nth(3).getAttribute("value"))!);
  if (opts.gps) {
    // The form tries GPS on open; the point shows once found.
    await expect.poll(() => byTestId(page, "m-inc-location").getAttribute("data-kind")).toBe("gps");
    expect(await byTestId(page, "m-inc-location-value").textContent()).toMatch(/^31\.7\d*, 119\.95/);
  } else {
    await byTestId(page, "m-inc-manual").tap();
    await input(page, "m-inc-lat").fill("31.71");
    await input(page, "m-inc-lon").fill("119.96");
  }
  await input(page, "m-inc-address").fill("马杭村三组");
  await byTestId(page, "m-inc-level").getByText("III", { exact: true }).tap();
  await page.locator('[data-testid="m-fig-injured"] .adm-stepper-plus, [data-testid="m-fig-injured"] button:last-child').first().tap();
  await textarea(page, "m-inc-body").fill("民房倒塌，1 人受伤，已送医救治。");
}

function textarea(page: Page, testId: string) {
  return page.locator(`textarea[data-testid="${testId}"], [data-testid="${testId}"] textarea`).first();
}

async function openReportForm(page: Page): Promise<void> {
  await byTestId(page, "m-tab-report").tap();
  await page.waitForURL("**/m/report");
  await byTestId(page, "m-report-new").tap();
  await page.waitForURL("**/m/report/new");
}

describe("incident report chain", () => {
  it("does show a phone report live on the duty board, carry the leader's instruction back to the village, and download the 专报", async () => {
    const duty = await newPage(browser, "desktop");
    const leader = await newPage(browser, "desktop");
    const town = await newPage(browser, "desktop");
    const title = `E2E 民房倒塌 ${unique()}`;
    try {
      await login(duty.page, "duty");
      await duty.page.goto("/incidents/board");
      await byTestId(duty.page, "inc-board").waitFor();
      await duty.page.locator('[data-testid="board-live"][data-live="1"]').waitFor();
      // A marker on the window: it survives only if the board never reloads.
      await duty.page.evaluate(() => ((window as unknown as { __noReload: number }).__noReload = 42));

      await journey(browser, "phone", "inc-village-report", async ({ page, context }) => {
        await context.grantPermissions(["geolocation"]);
        await context.setGeolocation({ latitude: 31.7012, longitude: 119.9512 });
        await page.goto("/m/login");
        await login(page, "village", { mobile: true });
        await openReportForm(page);
        await fillReport(page, title, { gps: true });
        // A photo of the scene, shrunk on the phone and sent beside the initial report.
        await page.locator('[data-testid="m-photo-input"]').setInputFiles({ name: "scene.png", mimeType: "image/png", buffer: scenePng() });
        await page.locator('[data-testid="m-photos"] img').first().waitFor();
        await screenshot(page, "inc-m-form");
        const created = page.waitForResponse((r) => r.url().endsWith("/api/incidents") && r.request().method() === "POST");
        await byTestId(page, "m-inc-submit").tap();
        expect((await created).status()).toBe(201);
        await byTestId(page, "m-incident").waitFor();
        expect(await byTestId(page, "m-incident-title").textContent()).toBe(title);
        await byTestId(page, "m-deadlines").waitFor();
        expect(await byTestId(page, "m-deadlines").textContent()).toContain("书面初报");
        const [incident] = await incidentsTitled(page, title);
        expect(incident).toBeTruthy();
        await byTestId(page, "m-report-photos").locator("img").first().waitFor();
        const withPhoto = await pageGet<{ reports: { attachments: { contentType: string }[] }[] }>(page, `/api/incidents/${incident.id}`);
        expect(withPhoto.body.reports[0].attachments.map((a) => a.contentType.split("/")[0])).toEqual(["image"]);

        // The duty officer's board shows it within a few seconds, without a reload.
        const row = byTestId(duty.page, `board-row-${incident.id}`);
        await row.waitFor({ timeout: 8_000 });
        expect(await row.textContent()).toBe(title);
        await byTestId(duty.page, "board-feed-incident.created").first().waitFor();
        expect(await duty.page.evaluate(() => (window as unknown as { __noReload?: number }).__noReload)).toBe(42);
        await byTestId(duty.page, `board-due-${incident.id}`).waitFor();
        await screenshot(duty.page, "inc-board-live");

        // The leader instructs from the console.
        await login(leader.page, "leader");
        await leader.page.goto(`/incidents/${incident.id}`);
        await byTestId(leader.page, "inc-detail").waitFor();
        await byTestId(leader.page, "inc-instruct").click();
        const text = `请全力救治伤员 ${unique()}`;
        await textarea(leader.page, "instruction-text").fill(text);
        // Wait for the POST itself, so that a refused or lost submission says so rather than timing out on the list.
        const posted = leader.page.waitForResponse((r) => r.url().endsWith(`/api/incidents/${incident.id}/instructions`) && r.request().method() === "POST", { timeout: 20_000 });
        await byTestId(leader.page, "instruction-submit").click();
        expect((await posted).status()).toBeLessThan(300);
        await leader.page.locator('[data-testid^="inc-instruction-"]', { hasText: text }).waitFor({ timeout: 20_000 });

        // The village sees it on the phone (live), and the duty board's feed announces it.
        await page.locator('[data-testid^="m-instruction-"]', { hasText: text }).waitFor();
        await screenshot(page, "inc-m-instruction");
        await byTestId(duty.page, "board-feed-instruction.added").first().waitFor();

        // The town reviews and forwards the initial report to the district, then adds a follow-up.
        await login(town.page, "town");
        await town.page.goto(`/incidents/${incident.id}`);
        await byTestId(town.page, "inc-detail").waitFor();
        const initialId = (await pageGet<{ reports: { id: string }[] }>(town.page, `/api/incidents/${incident.id}`)).body.reports[0].id;
        await byTestId(town.page, `inc-forward-${initialId}`).click();
        await textarea(town.page, "forward-text").fill("已核实，情况属实");
        const forwarded = town.page.waitForResponse((r) => r.url().endsWith(`/reports/${initialId}/forward`) && r.request().method() === "POST");
        await byTestId(town.page, "forward-submit").click();
        expect((await forwarded).status()).toBe(200);
        await byTestId(town.page, "inc-forward-step").first().waitFor();
        expect(await byTestId(town.page, "inc-forward-step").first().textContent()).toContain("湖塘镇");
        await byTestId(town.page, "inc-followup").click();
        await textarea(town.page, "report-body").fill("伤员伤情稳定，倒塌房屋已设警戒。");
        const followed = town.page.waitForResponse((r) => r.url().endsWith(`/api/incidents/${incident.id}/reports`) && r.request().method() === "POST");
        await byTestId(town.page, "report-submit").click();
        expect((await followed).status()).toBe(201);
        await byTestId(town.page, "inc-report-followup-1").waitFor();
        await byTestId(duty.page, "board-feed-report.forwarded").first().waitFor();

        // The village ends the chain with the final report from the phone.
        await page.reload();
        await byTestId(page, "m-final").tap();
        await textarea(page, "m-followup-body").fill("伤员已出院，房屋已拆除重建，事件处置完毕。");
        const finalPosted = page.waitForResponse((r) => r.url().endsWith(`/api/incidents/${incident.id}/reports`) && r.request().method() === "POST");
        await byTestId(page, "m-followup-submit").tap();
        expect((await finalPosted).status()).toBe(201);
        await expect.poll(async () => (await pageGet<{ status: string }>(page, `/api/incidents/${incident.id}`)).body.status).toBe("closed");

        // The 专报 downloads as a valid Word file with the incident's title, its chain and its figures.
        await leader.page.reload();
        await byTestId(leader.page, "inc-report-final-2").waitFor();
        const downloading = leader.page.waitForEvent("download");
        await byTestId(leader.page, "inc-special-report").click();
        const file = await downloading;
        expect(file.suggestedFilename()).toMatch(/\.docx$/);
        const zip = await JSZip.loadAsync(readFileSync((await file.path())!));
        const xml = await zip.file("word/document.xml")!.async("string");
        const docText = xml.replace(/<[^>]+>/g, "");
        expect(docText).toContain(title);
        expect(docText).toContain("终报");
        expect(docText).toContain("受伤");
        await screenshot(leader.page, "inc-detail-leader");
      });
      assertClean(duty);
      assertClean(leader);
      assertClean(town);
    } finally {
      await duty.context.close();
      await leader.context.close();
      await town.context.close();
    }
  });

  it("does send a report made offline exactly once when the phone is back online", async () => {
    const title = `E2E 离线上报 ${unique()}`;
    await journey(browser, "phone", "inc-offline", async ({ page, context }) => {
      await page.goto("/m/login");
      await login(page, "village", { mobile: true });
      await openReportForm(page);
      await fillReport(page, title, { gps: false });

      await context.setOffline(true);
      await byTestId(page, "m-inc-submit").tap();
      // Kept in the queue, with the user told so.
      await page.waitForURL("**/m/report");
      await byTestId(page, "m-queue").waitFor();
      await screenshot(page, "inc-m-queued");
      const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("yingji.m.outbox") ?? "[]") as { key: string; input: unknown }[]);
      expect(stored).toHaveLength(1);
      expect(stored[0].key).toMatch(/^[0-9a-f-]{36}$/);

      await context.setOffline(false);
      // `online` sends it; the queue empties.
      await byTestId(page, "m-queue").waitFor({ state: "detached", timeout: 30_000 });
      await expect.poll(async () => (await incidentsTitled(page, title)).length, { timeout: 10_000 }).toBe(1);

      // A restart of the app sends nothing again, and a replay of the same key creates nothing.
      await page.reload();
      await byTestId(page, "m-inc-list").waitFor();
      await page.waitForTimeout(1500);
      const replay = await page.evaluate(async (item) => {
        const me = (await (await fetch("/api/auth/me")).json()) as { csrfToken: string };
        const res = await fetch("/api/incidents", {
          method: "POST",
          headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken, "idempotency-key": item.key },
          body: JSON.stringify(item.input),
        });
        return { status: res.status, replayed: res.headers.get("idempotency-replayed") };
      }, stored[0]);
      expect(replay).toEqual({ status: 201, replayed: "true" });
      expect(await incidentsTitled(page, title)).toHaveLength(1);
      expect(await page.evaluate(() => localStorage.getItem("yingji.m.outbox"))).toBe("[]");
    });
  });
});

describe("late reports", () => {
  it("does show a report made past its deadline as late on the incident and in the unit's statistics", async () => {
    const village = await apiAs("village");
    const types = (await (await village.get("/api/incident-types")).json()) as { id: string; parentId: string | null }[];
    const lateFlags = async (page: Page) => {
      const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date()));
      const { body } = await pageGet<{ flags: { unitName: string; kind: string; count: number }[] }>(page, `/api/incidents/stats?year=${year}`);
      return body.flags.find((f) => f.unitName === "马杭村" && f.kind === "late")?.count ?? 0;
    };
    await journey(browser, "desktop", "inc-late", async ({ page }) => {
      await login(page, "duty");
      const before = await lateFlags(page);
      // Learned three hours ago, a level IV report is due within two: it arrives late.
      const at = new Date(Date.now() - 3 * 3_600_000).toISOString();
      const title = `E2E 迟报 ${unique()}`;
      const created = await village.post("/api/incidents", { data: {
        title, typeId: types.find((t) => t.parentId)!.id, unitId: (await (await village.get("/api/auth/me")).json()).unitId, lat: 31.71, lon: 119.96,
        address: "马杭村", occurredAt: at, learnedAt: at, level: "IV", figures: { dead: 0, missing: 0, injured: 0, seriouslyInjured: 0, trapped: 0, directLoss: 0 },
        body: "迟到的初报", reporterName: "王联络",
      }, headers: { "x-csrf-token": (await (await village.get("/api/auth/me")).json()).csrfToken } });
      expect(created.status()).toBe(201);
      const incident = (await created.json()) as { id: string };

      await page.goto(`/incidents/${incident.id}`);
      await byTestId(page, "inc-detail").waitFor();
      await byTestId(page, "flag-late").first().waitFor();
      expect(await byTestId(page, "inc-report-initial-0").textContent()).toContain("迟报");
      await screenshot(page, "inc-late-detail");

      await page.goto("/incidents/stats");
      await byTestId(page, "inc-stats").waitFor();
      const flagsTable = byTestId(page, "stats-flags");
      const row = flagsTable.locator("tr", { hasText: "马杭村" }).filter({ hasText: "迟报" });
      await row.first().waitFor();
      expect(await lateFlags(page)).toBe(before + 1);
      expect(await row.first().textContent()).toContain(String(before + 1));
      const onTime = byTestId(page, "stats-ontime").locator("tr", { hasText: "马杭村" }).first();
      expect(await onTime.textContent()).not.toContain("100%");
      await screenshot(page, "inc-late-stats");
    });
    await village.dispose();
  });
});

/** A 64×48 PNG of one colour: a real image the browser can decode and the phone can shrink. */
function scenePng(): Buffer {
  const width = 64, height = 48;
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([200, 80, 40]))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", pixels), chunk("IEND", Buffer.alloc(0))]);
}

function assertClean(j: Journey) {
  if (j.pageErrors.length) throw new Error(`uncaught error(s) in the page: ${j.pageErrors.join(" | ")}`);
}
