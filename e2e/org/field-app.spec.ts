/**
 * The field app (/m/) on a phone, as a village liaison officer: the contact list with
 * tap-to-call (audited reveal), the duty phones of the units around them, their own unit,
 * and the installable-app plumbing (web manifest, service worker scoped to /m/).
 */
import type { Browser, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byTestId, input, journey, launch, login, pageGet, screenshot } from "../helpers.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Opens /m/ without a session and signs in as the village officer through the app's own form. */
async function signInOnPhone(page: Page, loginShot?: string): Promise<void> {
  await page.goto("/m/");
  // Without a session the app sends the visitor to its own sign-in page.
  await page.waitForURL("**/m/login");
  await input(page, "login-username").waitFor();
  if (loginShot) await screenshot(page, loginShot);
  await login(page, "village", { mobile: true });
  await page.waitForURL("**/m/contacts");
}

interface DutyPhone {
  unitId: string;
  name: string;
  dutyPhone: string;
  relation: "self" | "above" | "below";
}

async function dutyPhonesOf(page: Page): Promise<DutyPhone[]> {
  const { status, body } = await pageGet<DutyPhone[]>(page, "/api/org/duty-phones");
  expect(status).toBe(200);
  return body;
}

describe("field app", () => {
  it("does reveal a contact's full number as a tel: link when a village officer searches and taps call", async () => {
    await journey(browser, "phone", "m-call", async ({ page }) => {
      await signInOnPhone(page, "m-login");
      const list = byTestId(page, "m-contact-list");
      await list.waitFor();
      // Only the village's own people: 马杭村 has a head, a duty officer and a liaison officer.
      await expect.poll(() => list.locator('[data-testid^="m-contact-"]').count()).toBeGreaterThanOrEqual(3);
      expect(await list.textContent()).toContain("马杭村");
      await screenshot(page, "m-contacts-village");

      // Search by title: the duty officer (值班员) of 马杭村.
      const search = input(page, "m-contacts-search");
      await search.fill("值班员");
      const searched = page.waitForResponse(
        (r: Response) => r.url().includes("/api/org/people?") && decodeURIComponent(r.url()).includes("q=值班员"),
      );
      await search.press("Enter");
      expect((await searched).status()).toBe(200);
      await expect.poll(() => list.locator('[data-testid^="m-contact-"]').count()).toBe(1);
      const row = list.locator('[data-testid^="m-contact-"]').first();
      expect(await row.textContent()).toContain("值班员");
      const personId = (await row.getAttribute("data-testid"))!.replace("m-contact-", "");
      const maskedText = (await row.locator(".m-contact-masked").textContent())!.trim();
      expect(maskedText).toMatch(/^1\d{2}\*{4}\d{4}$/);
      // No number to dial until the officer asks for it.
      expect(await page.locator('a[href^="tel:"]').count()).toBe(0);

      const revealed = page.waitForResponse(
        (r: Response) => r.url().endsWith(`/api/org/people/${personId}/unmask`) && r.request().method() === "POST",
      );
      await byTestId(page, `m-call-${personId}`).tap();
      expect((await revealed).status()).toBe(200);
      const tel = byTestId(page, `m-tel-mobile-${personId}`);
      await tel.waitFor();
      const href = (await tel.getAttribute("href"))!;
      expect(href).toMatch(/^tel:1\d{10}$/);
      const full = href.slice("tel:".length);
      // The revealed number is the one that was masked, and it is shown in full.
      expect(`${full.slice(0, 3)}****${full.slice(7)}`).toBe(maskedText);
      expect(await tel.textContent()).toContain(full);
      expect(await page.locator(`a[href="tel:${full}"]`).count()).toBe(1);
      await screenshot(page, "m-contact-called");
    });
  });

  it("does list tel: links for the town and the district when a village officer opens the duty phones", async () => {
    await journey(browser, "phone", "m-duty-phones", async ({ page }) => {
      await signInOnPhone(page);
      // What the server offers this officer: their own unit, every unit above it, those directly below.
      const phones = await dutyPhonesOf(page);
      const above = phones.filter((p) => p.relation === "above").map((p) => p.name);
      expect(above).toEqual(["武进区", "湖塘镇"]);

      await page.locator(".adm-capsule-tabs-tab", { hasText: "单位值班电话" }).tap();
      // Settle on what the tab ends up showing: phone links, or the "no units" empty state.
      const list = byTestId(page, "m-unit-phone-list");
      await page.locator('[data-testid="m-unit-phone-list"] a[href^="tel:"], .adm-error-block').first().waitFor();
      await screenshot(page, "m-duty-phones-village");
      expect(await page.locator(".adm-error-block").count(), "the duty phones tab shows its empty state").toBe(0);
      expect(await list.locator('a[href^="tel:"]').count()).toBeGreaterThanOrEqual(1);
      // Each duty phone the API gives is a tap-to-call link in the list: 湖塘镇 and 武进区 among them.
      for (const p of phones) {
        const link = byTestId(list, `m-unit-tel-${p.unitId}`);
        await link.waitFor();
        expect(await link.getAttribute("href")).toBe(`tel:${p.dutyPhone.replace(/[^\d+]/g, "")}`);
      }
      const text = (await list.textContent()) ?? "";
      expect(text).toContain("湖塘镇");
      expect(text).toContain("武进区");
    });
  });

  it("does show 马杭村 with its checklist when a village officer opens 我的单位", async () => {
    await journey(browser, "phone", "m-my-unit", async ({ page }) => {
      await signInOnPhone(page);
      await byTestId(page, "m-tab-unit").tap();
      await page.waitForURL("**/m/unit");
      const unit = byTestId(page, "m-my-unit");
      await unit.waitFor();
      expect(await unit.locator(".m-unit-name").textContent()).toBe("马杭村");
      expect(await unit.locator(".m-unit-kind").textContent()).toBe("村");
      await expect.poll(() => byTestId(unit, "m-checklist").locator(".m-check").count()).toBe(6);
      // The unit's own people, listed below.
      await byTestId(unit, "m-contact-list").waitFor();
      await screenshot(page, "m-my-unit-village");
    });
  });

  it("does offer a web manifest starting at /m/ and register a service worker for /m/ when the field app opens", async () => {
    await journey(browser, "phone", "m-pwa", async ({ page, context }) => {
      await signInOnPhone(page);
      const href = await page.locator('link[rel="manifest"]').getAttribute("href");
      expect(href).toBeTruthy();
      const manifestUrl = new URL(href!, page.url()).toString();
      const res = await context.request.get(manifestUrl);
      expect(res.status()).toBe(200);
      const manifest = (await res.json()) as { start_url?: string; scope?: string; icons?: { src: string }[] };
      expect(manifest.start_url).toBe("/m/");
      expect(manifest.scope).toBe("/m/");
      expect(manifest.icons?.length).toBeGreaterThan(0);
      for (const icon of manifest.icons ?? []) {
        expect((await context.request.get(new URL(icon.src, manifestUrl).toString())).status(), icon.src).toBe(200);
      }

      // The worker registers after load; poll until the registration for /m/ exists.
      await expect
        .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration("/m/"))?.scope ?? null), {
          timeout: 15_000,
        })
        .toBe(new URL("/m/", page.url()).toString());
    });
  });
});
