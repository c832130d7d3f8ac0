/**
 * Duty (值班值守) through the browser: the district duty officer finds who is on duty now and
 * the number to call; the administrator records a spot check of a town's duty room and finds it
 * in the pass-rate statistics; a village liaison officer may not open the spot-check page.
 */
import type { Browser, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byTestId, input, journey, launch, login, pageGet, screenshot, unitsByName } from "../helpers.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Stats {
  units: { unitId: string; unitName: string; checks: number; passed: number; rate: number }[];
  failures: { id: string; unitId: string }[];
}

describe("duty", () => {
  it("does show the district duty officer the current shift of the district with its duty phone as a tel: link", async () => {
    await journey(browser, "desktop", "duty-now", async ({ page }) => {
      await login(page, "duty");
      await byTestId(page, "nav-duty-now").click();
      await page.waitForURL("**/duty/now");
      const district = (await unitsByName(page)).get("武进区")!;
      expect(district).toBeDefined();
      const card = byTestId(page, `on-duty-${district.id}`);
      await card.waitFor();
      expect(await card.textContent()).toContain("武进区");
      // The duty phone is a big tap-to-call link.
      const tel = byTestId(page, `on-duty-tel-${district.id}`);
      expect(await tel.getAttribute("href")).toBe("tel:" + district.dutyPhone!.replace(/\D/g, ""));
      // The shift shows its leader and at least one officer.
      expect(await byTestId(card, `on-duty-leader-${district.id}`).count()).toBe(1);
      expect(await card.locator(".duty-person").count()).toBeGreaterThan(1);
      await screenshot(page, "duty-now-duty");
    });
  });

  it("does record a spot check of a town as the administrator and count it in the pass-rate statistics", async () => {
    await journey(browser, "desktop", "duty-spot-check", async ({ page }) => {
      await login(page, "admin");
      await byTestId(page, "nav-duty-spot-checks").click();
      await page.waitForURL("**/duty/spot-checks");
      await byTestId(page, "spot-stats").waitFor();
      const town = (await unitsByName(page)).get("湖塘镇")!;
      expect(town).toBeDefined();
      const before = await pageGet<Stats>(page, "/api/duty/spot-checks/stats");
      expect(before.status).toBe(200);
      const checksBefore = before.body.units.find((u) => u.unitId === town.id)?.checks ?? 0;

      // Record a check: answered in 12 seconds, officer and leader present, the log incomplete (a failure).
      await byTestId(page, "spot-create").click();
      await input(page, "spot-unit").click();
      await input(page, "spot-unit").fill("湖塘镇");
      await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper[title="湖塘镇"]').click();
      await input(page, "spot-seconds").fill("12");
      await page.getByText("值班日志完整", { exact: true }).click();
      await page.locator('textarea[data-testid="spot-note"]').fill("日志缺 02:00 后记录");
      await screenshot(page, "duty-spot-form-admin");
      const saved = page.waitForResponse((r: Response) => r.url().endsWith("/api/duty/spot-checks") && r.request().method() === "POST");
      await byTestId(page, "spot-save").click();
      const res = await saved;
      expect(res.status()).toBe(201);
      const check = (await res.json()) as { id: string; passed: boolean; faults: string[] };
      expect(check.passed).toBe(false);
      expect(check.faults).toEqual(["log_incomplete"]);

      // The statistics count it, and the failure is listed.
      const row = byTestId(page, "spot-stats").locator(`tr[data-row-key="${town.id}"]`);
      await expect.poll(async () => (await row.count()) && (await row.locator("td").nth(1).textContent())).toBe(String(checksBefore + 1));
      await byTestId(page, "spot-failures").locator(`tr[data-row-key="${check.id}"]`).waitFor();
      expect(await byTestId(page, "spot-failures").locator(`tr[data-row-key="${check.id}"]`).textContent()).toContain("日志不完整");
      await screenshot(page, "duty-spot-stats-admin");
    });
  });

  it("does show a village liaison officer a no-permission result on the spot-check page, and the server answers 403", async () => {
    await journey(browser, "desktop", "duty-spot-forbidden", async ({ page }) => {
      await login(page, "village");
      await byTestId(page, "main-menu").waitFor();
      expect(await byTestId(page, "nav-duty-spot-checks").count()).toBe(0);
      await page.goto("/duty/spot-checks");
      const forbidden = byTestId(page, "forbidden");
      await forbidden.waitFor();
      expect(await forbidden.textContent()).toContain("403");
      expect(await byTestId(page, "spot-stats").count()).toBe(0);
      expect(await byTestId(page, "spot-create").count()).toBe(0);
      await screenshot(page, "duty-spot-forbidden-village");
      expect((await pageGet(page, "/api/duty/spot-checks/failures.xlsx")).status).toBe(403);
      const draw = await page.evaluate(async () => (await fetch("/api/duty/spot-checks/draw", { method: "POST", headers: { "content-type": "application/json" }, body: '{"count":1}' })).status);
      expect(draw).toBe(403);
    });
  });
});
