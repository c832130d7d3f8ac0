/**
 * Small things of the warnings console a duty officer tripped on: a new draft is not public
 * unless the alert it relays was; a received warning shows its sender by name; the CAP file
 * downloads named by its identifier.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byTestId, journey, launch, login, pageGet, screenshot } from "../helpers.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Row {
  id: string;
  origin: string;
  public: boolean;
  identifier: string | null;
  sender: string | null;
  senderName: string | null;
}

async function received(page: Page): Promise<Row> {
  const { status, body } = await pageGet<{ items: Row[] }>(page, "/api/warnings?pageSize=100");
  expect(status).toBe(200);
  // The demo's alert from 常州市气象台's sender code: other journeys import received alerts of their own.
  const r = body.items.find((w) => w.origin === "received" && w.public && w.identifier && w.sender === "32040041600000");
  expect(r, "the demo's received public alert").toBeTruthy();
  return r!;
}

const publicSwitch = (page: Page) => page.locator('[data-testid="warn-public"]');

describe("warning details", () => {
  it("does default a new draft to not public and a relay of a public alert to public", async () => {
    await journey(browser, "desktop", "warn-public-default", async ({ page }) => {
      await login(page, "duty");
      await page.goto("/warnings");
      await byTestId(page, "warn-create").click();
      await publicSwitch(page).waitFor();
      expect(await publicSwitch(page).getAttribute("aria-checked")).toBe("false");
      await screenshot(page, "warn-draft-not-public");

      const r = await received(page);
      await page.goto(`/warnings/${r.id}`);
      await byTestId(page, "warn-relay").click();
      await publicSwitch(page).waitFor();
      expect(await publicSwitch(page).getAttribute("aria-checked")).toBe("true");
    });
  });

  it("does show a received warning's senderName and download its CAP file named by its identifier", async () => {
    await journey(browser, "desktop", "warn-sender-cap", async ({ page }) => {
      await login(page, "duty");
      const r = await received(page);
      expect(r.senderName).toBe("常州市气象台");
      await page.goto(`/warnings/${r.id}`);
      const sender = byTestId(page, "warn-sender");
      await sender.waitFor();
      expect(await sender.textContent()).toBe("常州市气象台");
      await screenshot(page, "warn-received-sender");

      const res = await page.request.get(`/api/warnings/${r.id}/cap`);
      expect(res.status()).toBe(200);
      const disposition = res.headers()["content-disposition"];
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`${r.identifier}.cap.xml`)}`);
      expect(disposition).not.toContain(r.id);

      const download = page.waitForEvent("download");
      await byTestId(page, "warn-download-cap").click();
      expect((await download).suggestedFilename()).toBe(`${r.identifier}.cap.xml`);
    });
  });
});
