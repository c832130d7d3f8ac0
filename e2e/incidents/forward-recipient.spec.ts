/**
 * 审核转报 on the incident page: a town officer sees, on the report itself, where it goes and
 * by when, and the dialog says the same before they confirm.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, byTestId, journey, launch, login, screenshot, unique } from "../helpers.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("forwarding a report", () => {
  it("does name the unit above and the forwarding deadline on the button and in the dialog", async () => {
    const village = await apiAs("village");
    const me = (await (await village.get("/api/auth/me")).json()) as { unitId: string; csrfToken: string };
    const types = (await (await village.get("/api/incident-types")).json()) as { id: string; parentId: string | null }[];
    const now = new Date().toISOString();
    const created = await village.post("/api/incidents", {
      headers: { "x-csrf-token": me.csrfToken },
      data: {
        title: `E2E 转报 ${unique()}`, typeId: types.find((t) => t.parentId)!.id, unitId: me.unitId, occurredAt: now, learnedAt: now, level: "IV",
        figures: { dead: 0, missing: 0, injured: 0, seriouslyInjured: 0, trapped: 0, directLoss: 0 }, body: "待镇审核转报", reporterName: "王联络",
      },
    });
    expect(created.status()).toBe(201);
    const incident = (await created.json()) as { id: string; reports: { id: string }[] };
    await village.dispose();

    await journey(browser, "desktop", "inc-forward-recipient", async ({ page }) => {
      await login(page, "town");
      await page.goto(`/incidents/${incident.id}`);
      const reportId = incident.reports[0].id;
      const button = byTestId(page, `inc-forward-${reportId}`);
      await button.waitFor();
      expect(await button.textContent()).toContain("审核转报至 武进区");
      expect(await byTestId(page, `inc-forward-due-${reportId}`).textContent()).toMatch(/转报时限：\d{4}-\d{2}-\d{2} \d{2}:\d{2} 前/);
      await screenshot(page, "inc-forward-button");
      await button.click();
      const intro = byTestId(page, "forward-intro");
      await intro.waitFor();
      expect(await intro.textContent()).toMatch(/审核转报至 武进区.*转报时限/);
      await screenshot(page, "inc-forward-dialog");
    });
  });
});
