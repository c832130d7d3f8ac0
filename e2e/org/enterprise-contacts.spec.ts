/**
 * An enterprise account may read the directory but not reveal numbers: the contacts say why
 * there is no call button, on the phone and in the console.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byTestId, journey, launch, login, screenshot } from "../helpers.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("enterprise contacts", () => {
  it("does say why there is no call button when an enterprise account opens the contacts on a phone", async () => {
    await journey(browser, "phone", "m-enterprise-contacts", async ({ page }) => {
      await page.goto("/m/login");
      await login(page, "enterprise", { mobile: true });
      await byTestId(page, "m-contact-list").waitFor();
      expect(await byTestId(page, "m-call-reason").textContent()).toContain("您的角色不能查看完整号码");
      expect(await page.locator('[data-testid^="m-call-"]:not([data-testid="m-call-reason"])').count()).toBe(0);
      await screenshot(page, "m-enterprise-contacts");
    });
  });

  it("does say why there is no reveal button when an enterprise account opens the people list", async () => {
    await journey(browser, "desktop", "enterprise-people", async ({ page }) => {
      await login(page, "enterprise");
      await page.goto("/org/people");
      await byTestId(page, "people-no-call-reason").waitFor();
      expect(await page.locator('[data-testid^="unmask-"]').count()).toBe(0);
    });
  });
});
