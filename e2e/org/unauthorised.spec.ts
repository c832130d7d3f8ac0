/**
 * Unauthorised access to the org module and the admin pages, through the browser: no session,
 * a role without the permission, and a unit outside the caller's subtree.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, byTestId, input, journey, launch, login, pageGet, screenshot, type UnitSummary } from "../helpers.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("unauthorised access", () => {
  it("does send an anonymous visitor to the login page when they open the contact directory", async () => {
    await journey(browser, "desktop", "anonymous", async ({ page }) => {
      const asked: string[] = [];
      page.on("request", (r) => asked.push(new URL(r.url()).pathname));
      await page.goto("/org/people");
      await page.waitForURL("**/login");
      await input(page, "login-username").waitFor();
      await byTestId(page, "login-submit").waitFor();
      expect(await byTestId(page, "people-table").count()).toBe(0);
      expect(await byTestId(page, "main-menu").count()).toBe(0);
      // The directory was never even asked for.
      expect(asked.filter((p) => p.startsWith("/api/org/"))).toEqual([]);
      await screenshot(page, "login-anonymous");

      // Signing in from there returns to the page that was asked for.
      await login(page, "town");
      await page.waitForURL("**/org/people");
      await byTestId(page, "people-table").waitFor();
    });
  });

  it("does show a no-permission result and no table when a village officer opens the users or the audit page", async () => {
    await journey(browser, "desktop", "forbidden-pages", async ({ page }) => {
      await login(page, "village");
      // Neither page is offered in the menu…
      await byTestId(page, "main-menu").waitFor();
      expect(await byTestId(page, "nav-users").count()).toBe(0);
      expect(await byTestId(page, "nav-audit").count()).toBe(0);

      // …and typing their address shows the 403 result instead.
      for (const [path, name] of [
        ["/users", "forbidden-users-village"],
        ["/audit", "forbidden-audit-village"],
      ] as const) {
        await page.goto(path);
        const forbidden = byTestId(page, "forbidden");
        await forbidden.waitFor();
        expect(await forbidden.textContent()).toContain("403");
        expect(await forbidden.textContent()).toContain("无权访问");
        expect(await page.locator("table").count()).toBe(0);
        expect(await byTestId(page, "audit-table").count()).toBe(0);
        await screenshot(page, name);
      }
      // The server agrees with the page.
      expect((await pageGet(page, "/api/users")).status).toBe(403);
      expect((await pageGet(page, "/api/audit")).status).toBe(403);
    });
  });

  it("does answer 404 when a town officer's page asks for a sibling town's unit", async () => {
    // The id of 牛塘镇, looked up as the administrator in a separate request context.
    const admin = await apiAs("admin");
    let sibling: UnitSummary;
    try {
      const res = await admin.get("/api/org/units");
      expect(res.status()).toBe(200);
      const units = (await res.json()) as UnitSummary[];
      sibling = units.find((u) => u.name === "牛塘镇")!;
      expect(sibling).toBeDefined();
    } finally {
      await admin.dispose();
    }

    await journey(browser, "desktop", "sibling-unit", async ({ page }) => {
      await login(page, "town");
      // The page's own session reaches its own town (so the 404 below is about scope, not the session).
      const own = await pageGet<UnitSummary[]>(page, "/api/org/units");
      expect(own.status).toBe(200);
      const hutang = own.body.find((u) => u.name === "湖塘镇")!;
      expect(hutang).toBeDefined();
      expect(own.body.some((u) => u.id === sibling.id)).toBe(false);
      expect((await pageGet(page, `/api/org/units/${hutang.id}`)).status).toBe(200);

      const answer = await pageGet<{ error?: { code?: string } }>(page, `/api/org/units/${sibling.id}`);
      expect(answer.status).toBe(404);
      expect(JSON.stringify(answer.body)).not.toContain("牛塘镇");
      // Nor do the sibling's checklist and people leak through the other routes.
      expect((await pageGet(page, `/api/org/units/${sibling.id}/checklist`)).status).toBe(404);
      const people = await pageGet<{ total: number }>(page, `/api/org/people?unitId=${sibling.id}`);
      expect(people.status).toBe(404);

      // Its unit page says "not found or outside your scope" rather than showing it.
      await page.goto(`/org/units/${sibling.id}`);
      const empty = page.locator(".org-main .ant-empty");
      await empty.waitFor();
      await screenshot(page, "sibling-unit-town");
      expect(await empty.textContent()).toMatch(/不存在/);
      expect(await byTestId(page, "unit-detail").count()).toBe(0);
      expect(await page.locator("body").textContent()).not.toContain("牛塘镇");
    });
  });
});
