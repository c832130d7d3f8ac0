/**
 * The contact directory's masking, end to end: an administrator adds a village and a contact
 * through the forms, a town officer sees the number masked until they reveal it, and the
 * auditor finds that reveal in the hash-chained audit log.
 */
import type { Browser, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  byTestId,
  input,
  launch,
  login,
  logout,
  masked,
  journey,
  pageGet,
  screenshot,
  unique,
  uniqueMobile,
  unitsByName,
} from "../helpers.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("contact masking", () => {
  it("does mask a new contact's mobile for a town officer until revealed, and audits the reveal, when an admin adds the contact in a new village", async () => {
    await journey(browser, "desktop", "contacts-masking", async ({ page }) => {
      const suffix = unique();
      const villageName = `测试村${suffix}`;
      const personName = `测试联络员${suffix}`;
      const mobile = uniqueMobile();

      // ── admin: open the org tree and select 湖塘镇 ─────────────────────────────
      await login(page, "admin");
      await byTestId(page, "nav-org").click();
      await byTestId(page, "org-tree").waitFor();
      const units = await unitsByName(page);
      const town = units.get("湖塘镇");
      expect(town, "湖塘镇 is in the admin's scope").toBeDefined();
      await input(page, "org-tree-search").fill("湖塘");
      await byTestId(page, `org-tree-node-${town!.id}`).click();
      await page.waitForURL(`**/org/units/${town!.id}`);
      await expect.poll(() => byTestId(page, "unit-name").textContent()).toBe("湖塘镇");
      await screenshot(page, "org-tree-town-admin");

      // ── create a village under it through the unit form ─────────────────────────
      await byTestId(page, "unit-create-child").click();
      const unitForm = byTestId(page, "unit-form");
      await unitForm.waitFor();
      await byTestId(page, "unit-form-kind").click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="村"]').click();
      await expect.poll(() => byTestId(page, "unit-form-kind").textContent()).toContain("村");
      await input(page, "unit-form-name").fill(villageName);
      await input(page, "unit-form-dutyPhone").fill("0519-86550000");
      await screenshot(page, "unit-form-create-village");
      const created = page.waitForResponse(
        (r: Response) => r.url().endsWith("/api/org/units") && r.request().method() === "POST",
      );
      await byTestId(page, "unit-form-submit").click();
      const unitRes = await created;
      expect(unitRes.status()).toBe(201);
      const village = (await unitRes.json()) as { id: string; parentId: string; kind: string };
      expect(village.parentId).toBe(town!.id);
      expect(village.kind).toBe("village");
      // The new unit's page opens, and the tree lists it under 湖塘镇.
      await page.waitForURL(`**/org/units/${village.id}`);
      await expect.poll(() => byTestId(page, "unit-name").textContent()).toBe(villageName);
      await unitForm.waitFor({ state: "detached" });

      // ── add a contact in that village through the person form ───────────────────
      await byTestId(page, "unit-add-person").click();
      const personForm = byTestId(page, "person-form");
      await personForm.waitFor();
      // The drawer opens on the unit it was started from.
      await expect.poll(() => byTestId(page, "person-form-unit").textContent()).toContain(villageName);
      await input(page, "person-form-name").fill(personName);
      await input(page, "person-form-mobile").fill(mobile);
      await byTestId(page, "person-form-liaison").click();
      await expect.poll(() => byTestId(page, "person-form-liaison").getAttribute("aria-checked")).toBe("true");
      await screenshot(page, "person-form-create");
      const saved = page.waitForResponse(
        (r: Response) => r.url().endsWith("/api/org/people") && r.request().method() === "POST",
      );
      await byTestId(page, "person-form-submit").click();
      const personRes = await saved;
      expect(personRes.status()).toBe(201);
      const person = (await personRes.json()) as { id: string; unitId: string; mobile: string; isLiaison: boolean };
      expect(person.unitId).toBe(village.id);
      expect(person.isLiaison).toBe(true);
      // Even the answer to the one who typed it is masked: numbers are revealed only on request.
      expect(person.mobile).toBe(masked(mobile));
      await personForm.waitFor({ state: "detached" });
      await logout(page);

      // ── town: the contact's mobile is masked in the directory ───────────────────
      await login(page, "town");
      await byTestId(page, "nav-org-people").click();
      await page.waitForURL("**/org/people");
      const table = byTestId(page, "people-table");
      await table.waitFor();
      const search = input(page, "people-search");
      await search.fill(personName);
      await search.press("Enter");
      const row = byTestId(page, `person-row-${person.id}`);
      await row.waitFor();
      await expect.poll(() => table.locator("tbody tr.ant-table-row").count()).toBe(1);
      expect(await row.textContent()).toContain(villageName);
      const maskedCell = row.locator(".phone-masked").first();
      expect(await maskedCell.textContent()).toBe(masked(mobile));
      expect(masked(mobile)).toMatch(/^139\*{4}\d{4}$/);
      // The full number is nowhere on the page: not in the text, not in a link, not in an attribute.
      expect(await page.content()).not.toContain(mobile);
      expect(await row.locator('a[href^="tel:"]').count()).toBe(0);
      await screenshot(page, "people-masked-town");

      // ── reveal: the full number appears as a tel: link ──────────────────────────
      const unmasked = page.waitForResponse(
        (r: Response) => r.url().endsWith(`/api/org/people/${person.id}/unmask`) && r.request().method() === "POST",
      );
      await byTestId(page, `unmask-${person.id}`).click();
      expect((await unmasked).status()).toBe(200);
      const link = byTestId(page, `person-mobile-${person.id}`);
      await link.waitFor();
      expect(await link.getAttribute("href")).toBe(`tel:${mobile}`);
      expect(await link.textContent()).toContain(mobile);
      await byTestId(page, `unmask-${person.id}`).waitFor({ state: "detached" });
      await screenshot(page, "people-unmasked-town");
      await logout(page);

      // ── auditor: the reveal is in the audit log, and the chain is intact ────────
      await login(page, "auditor");
      await byTestId(page, "nav-audit").click();
      await page.waitForURL("**/audit");
      const audit = byTestId(page, "audit-table");
      await audit.waitFor();
      await input(page, "audit-filter-action").fill("people.unmask");
      await input(page, "audit-filter-actor").fill("town");
      const listed = page.waitForResponse(
        (r: Response) => r.url().includes("/api/audit?") && r.url().includes("action=people.unmask"),
      );
      await byTestId(page, "audit-search").click();
      expect((await listed).status()).toBe(200);
      // The table re-renders once the filtered page arrives: every listed entry is then a reveal by town
      // (the action shows as its code, or as a label with the code beside it).
      const rows = audit.locator('tr[data-testid^="audit-row-"]');
      await expect
        .poll(async () => {
          const texts = await rows.allTextContents();
          return texts.length > 0 && texts.every((t) => t.includes("people.unmask") && t.includes("town"));
        })
        .toBe(true);
      // The page shows an id by its first eight characters (the whole id is copied on click).
      const entry = rows.filter({ hasText: `${person.id.slice(0, 8)}…` });
      await expect.poll(() => entry.count()).toBe(1);
      // No full number shows on the audit page.
      expect(await page.content()).not.toContain(mobile);
      // And the API agrees with the page: the entry names the town officer and the person.
      const api = await pageGet<{ items: { actorName: string; entityId: string; action: string }[] }>(
        page,
        `/api/audit?action=people.unmask&entityId=${person.id}`,
      );
      expect(api.status).toBe(200);
      expect(api.body.items.map((e) => [e.actorName, e.action])).toEqual([["town", "people.unmask"]]);

      await byTestId(page, "audit-verify").click();
      const result = byTestId(page, "audit-verify-result");
      await result.waitFor();
      await expect.poll(() => result.textContent()).toMatch(/哈希链完整/);
      expect(await result.getAttribute("class")).toContain("ant-alert-success");
      await screenshot(page, "audit-unmask-verified");
    });
  });
});
