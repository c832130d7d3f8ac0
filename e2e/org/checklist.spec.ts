/**
 * The six-in-place (六落实) checklist, end to end: a town officer ticks an item on their
 * town's page, it stays ticked after a reload, and the rollup shows the town with its rate.
 */
import type { Browser, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byTestId, journey, launch, login, pageGet, screenshot } from "../helpers.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface RollupRow {
  unitId: string;
  unitName: string;
  itemsDone: number;
  itemsTotal: number;
  rate: number;
}

const switchOf = (page: Page, item: string) => byTestId(page, `checklist-done-${item}`);
const itemOf = async (page: Page, sw: ReturnType<typeof switchOf>) =>
  (await sw.getAttribute("data-testid"))!.replace("checklist-done-", "");

/** Flips one item's switch through the page and waits until the server saved it. */
async function flip(page: Page, item: string, to: boolean): Promise<void> {
  const saved = page.waitForResponse(
    (r: Response) => r.url().includes(`/checklist/${item}`) && r.request().method() === "PUT",
  );
  await switchOf(page, item).click();
  const res = await saved;
  expect(res.status()).toBe(200);
  expect(((await res.json()) as { done: boolean }).done).toBe(to);
  await expect.poll(() => switchOf(page, item).getAttribute("aria-checked")).toBe(String(to));
}

/** Reloads the unit page and waits until its checklist has loaded again. */
async function reloadChecklist(page: Page): Promise<void> {
  await page.reload();
  await byTestId(page, "checklist-table").locator('[data-testid^="checklist-row-"]').first().waitFor();
  await expect.poll(() => page.locator('[data-testid^="checklist-done-"]').count()).toBe(6);
}

describe("six-in-place checklist", () => {
  it("does keep an item ticked after a reload and show the town's rate in the rollup when a town officer ticks it", async () => {
    await journey(browser, "desktop", "checklist", async ({ page }) => {
      await login(page, "town");
      // The org tree opens on the officer's own unit: 湖塘镇.
      await byTestId(page, "nav-org").click();
      await page.waitForURL("**/org/units/*");
      await expect.poll(() => byTestId(page, "unit-name").textContent()).toBe("湖塘镇");
      const townId = page.url().split("/").pop()!;
      await byTestId(page, "checklist-table").locator('[data-testid^="checklist-row-"]').first().waitFor();
      await expect.poll(() => page.locator('[data-testid^="checklist-done-"]').count()).toBe(6);

      // An unticked item to tick. The demo town may have all six done: then untick one first
      // (and check that this, too, survives a reload), so the journey starts from an open item.
      let unticked = page.locator('[data-testid^="checklist-done-"][aria-checked="false"]');
      if ((await unticked.count()) === 0) {
        const last = await itemOf(page, page.locator('[data-testid^="checklist-done-"]').last());
        await flip(page, last, false);
        await reloadChecklist(page);
        expect(await switchOf(page, last).getAttribute("aria-checked")).toBe("false");
        unticked = page.locator('[data-testid^="checklist-done-"][aria-checked="false"]');
      }
      const item = await itemOf(page, unticked.first());
      const doneBefore = await page.locator('[data-testid^="checklist-done-"][aria-checked="true"]').count();
      const rollupOf = async () => {
        const r = await pageGet<RollupRow[]>(page, "/api/org/checklist-rollup");
        expect(r.status).toBe(200);
        return r.body.find((row) => row.unitId === townId)!;
      };
      const before = await rollupOf();
      await screenshot(page, "checklist-town-before");

      await flip(page, item, true);
      await expect
        .poll(() => page.locator(".ant-progress").first().textContent())
        .toContain(`${doneBefore + 1} / 6`);

      // Saved on the server: a fresh page load shows it ticked.
      await reloadChecklist(page);
      expect(await switchOf(page, item).getAttribute("aria-checked")).toBe("true");
      expect(await page.locator('[data-testid^="checklist-done-"][aria-checked="true"]').count()).toBe(doneBefore + 1);
      await screenshot(page, "checklist-town-ticked");

      // ── the rollup page shows 湖塘镇 with its rate ──────────────────────────────
      const after = await rollupOf();
      expect(after.itemsDone).toBe(before.itemsDone + 1);
      await byTestId(page, "nav-org-checklist").click();
      await page.waitForURL("**/org/checklist");
      const table = byTestId(page, "rollup-table");
      const row = table.locator("tr.ant-table-row", { has: page.locator(`a[href="/org/units/${townId}"]`) });
      await row.waitFor();
      expect(await row.locator("a").first().textContent()).toBe("湖塘镇");
      const pct = Math.round(after.rate * 1000) / 10;
      expect(after.rate).toBeCloseTo(after.itemsDone / after.itemsTotal);
      await expect.poll(() => row.textContent()).toContain(`${after.itemsDone} / ${after.itemsTotal}`);
      expect(await row.locator(".ant-progress").textContent()).toContain(`${pct}%`);
      expect(await row.locator(".ant-progress").getAttribute("aria-valuenow")).toBe(String(pct));
      await screenshot(page, "checklist-rollup-town");
    });
  });
});
