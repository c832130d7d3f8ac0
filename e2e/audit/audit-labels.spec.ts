/**
 * The audit log as the auditor reads it: actions by their Chinese label, a filter that takes
 * the label ("登录"), details as named fields with Shanghai times instead of codes and UTC ISO.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byTestId, input, journey, launch, login, screenshot } from "../helpers.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("audit log labels", () => {
  it("does find sign-ins by 登录 and show an entry's fields by name with local times", async () => {
    await journey(browser, "desktop", "audit-labels", async ({ page }) => {
      await login(page, "auditor");
      await page.goto("/audit");
      const table = byTestId(page, "audit-table");
      await table.locator("tbody tr.ant-table-row").first().waitFor();

      await input(page, "audit-filter-action").fill("登录");
      const answered = page.waitForResponse((r) => r.url().includes("/api/audit?") && decodeURIComponent(r.url()).includes("action=登录"));
      await byTestId(page, "audit-search").click();
      expect((await answered).status()).toBe(200);
      await expect.poll(async () => (await table.locator("tbody tr.ant-table-row").allTextContents()).every((t) => t.includes("登录"))).toBe(true);
      expect(await table.locator("tbody tr.ant-table-row").count()).toBeGreaterThan(0);
      await screenshot(page, "audit-filter-label");

      // An entry with before/after: the unit edits of the demo data or any write; open the first expandable one.
      await input(page, "audit-filter-action").fill("");
      await byTestId(page, "audit-search").click();
      await table.locator(".ant-table-row-expand-icon:not(.ant-table-row-expand-icon-spaced)").first().click();
      const diff = byTestId(page, "audit-diff");
      await diff.waitFor();
      const text = (await diff.textContent()) ?? "";
      // No UTC ISO times and no whole UUIDs on the page that the auditor reads.
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
      const fields = await byTestId(diff, "audit-field").allTextContents();
      expect(fields.some((f) => /[\u4e00-\u9fa5]/.test(f)), fields.join(",")).toBe(true);
      await screenshot(page, "audit-details");
    });
  });
});
