/**
 * Emergency resources end to end (issue 5): the teams template downloads, an import with one bad
 * row names that row and writes nothing, the corrected file lands and its teams are on the map;
 * a click on the map lists the nearest shelters and ready hazmat teams by distance; an outgoing
 * stock movement lowers the quantity and raises the below-minimum alert (and one taking stock
 * below zero is refused, nothing written); a shelter opened at capacity shows as full; the field
 * app lists nearby resources from the phone's position. Every page is photographed at desk and
 * phone size.
 */
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byTestId, input, journey, launch, login, pageGet, PASSWORD, screenshot, unique } from "../helpers.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Row {
  id: string;
  name: string;
  [k: string]: unknown;
}
interface PageOf<T> {
  items: T[];
  total: number;
}

async function list<T = Row>(page: Page, path: string): Promise<PageOf<T>> {
  const { status, body } = await pageGet<PageOf<T>>(page, path);
  expect(status, path).toBe(200);
  return body;
}

/** Picks the option with this text in the open antd Select/TreeSelect dropdown after typing it. */
async function pick(page: Page, testId: string, text: string): Promise<void> {
  await byTestId(page, testId).click();
  await page.keyboard.type(text);
  const option = page.locator(".ant-select-dropdown:visible").locator(".ant-select-item-option, .ant-select-tree-treenode", { hasText: text }).first();
  await option.waitFor();
  await option.click();
}

/** The teams template with the example row replaced by these rows (by header label). */
async function teamsWorkbook(template: Buffer, rows: Record<string, string | number>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const headers = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ""));
  ws.spliceRows(2, ws.rowCount - 1);
  for (const r of rows) {
    ws.addRow(headers.map((h) => r[h] ?? null).slice(1));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function importFile(page: Page, buffer: Buffer): Promise<void> {
  const answered = page.waitForResponse((r) => r.url().endsWith("/api/teams/import") && r.request().method() === "POST");
  await page.locator('[data-testid="teams-import-file"]').setInputFiles({
    name: "救援队伍导入.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer,
  });
  await answered;
  await byTestId(page, "import-result").waitFor();
}

describe("emergency resources", () => {
  it("does refuse a teams import with one bad row (naming it, writing nothing), take the corrected file, and show the teams on the map", async () => {
    await journey(browser, "desktop", "res-import", async ({ page }) => {
      await login(page, "duty");
      await page.goto("/teams");
      await byTestId(page, "teams-table").waitFor();

      const downloading = page.waitForEvent("download");
      await byTestId(page, "teams-template").click();
      const file = await downloading;
      expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
      const template = readFileSync((await file.path())!);
      const check = new ExcelJS.Workbook();
      await check.xlsx.load(template as unknown as ArrayBuffer);
      const header = (check.worksheets[0].getRow(1).values as unknown[]).map(String);
      expect(header).toEqual(expect.arrayContaining(["名称", "所属单位", "纬度", "经度", "队伍类型", "战备状态", "可处置事件类型"]));

      const u = unique();
      // A place of its own in 湖塘镇 for each run (a retry imports again).
      const at = (x: number) => Math.round((x + Math.random() * 0.01) * 1e5) / 1e5;
      const good = { 名称: `E2E危化救援一队${u}`, 所属单位: "湖塘镇", 纬度: at(31.73), 经度: at(119.965), 队伍类型: "危险化学品救援", 战备状态: "待命", 可处置事件类型: "危险化学品事故" };
      const second = { ...good, 名称: `E2E危化救援二队${u}`, 纬度: at(31.745), 经度: at(119.985) };
      // Row 3 of the sheet: a latitude outside −90..90.
      await importFile(page, await teamsWorkbook(template, [good, { ...second, 纬度: 95 }]));
      const errors = byTestId(page, "import-errors");
      await errors.waitFor();
      const report = await errors.textContent();
      expect(report).toContain("3");
      expect(report).toContain("纬度");
      await screenshot(page, "res-import-report");
      expect((await list(page, `/api/teams?q=${u}`)).total).toBe(0);
      await page.locator(".ant-modal:visible .ant-btn-primary").click();

      await importFile(page, await teamsWorkbook(template, [good, second]));
      await expect.poll(async () => (await byTestId(page, "import-result").textContent()) ?? "").toContain("2");
      expect(await page.locator('[data-testid="import-errors"]').count()).toBe(0);
      await page.locator(".ant-modal:visible .ant-btn-primary").click();
      const imported = await list(page, `/api/teams?q=${u}&sort=name`);
      expect(imported.items.map((t) => t.name).sort()).toEqual([good.名称, second.名称].sort());
      await byTestId(page, `teams-row-${imported.items[0].id}`).waitFor();

      // On the map: the record's popup opens at its place.
      const team = imported.items.find((t) => t.name === good.名称)!;
      await page.goto(`/teams/${team.id}`);
      await byTestId(page, "teams-detail").waitFor();
      await screenshot(page, "res-team-detail");
      await byTestId(page, "teams-on-map").click();
      await page.waitForURL(/\/map\?focus=teams:/);
      // The team's popup (a popup closed as new data arrive fades out for a moment beside it).
      await page.locator('[data-testid="map-popup"]', { hasText: good.名称 }).last().waitFor();
      await screenshot(page, "res-map-focus");
    });
  });

  it("does list the nearest shelters and ready hazmat teams by distance from a clicked point", async () => {
    await journey(browser, "desktop", "res-nearest", async ({ page }) => {
      await login(page, "duty");
      await page.goto("/map");
      await byTestId(page, "map-canvas").waitFor();
      await expect.poll(async () => Number(await byTestId(page, "map-count-teams").textContent())).toBeGreaterThan(0);
      await byTestId(page, "map-nearest-ready").click();
      await pick(page, "map-nearest-type", "危险化学品事故");

      await page.keyboard.press("Escape");
      const answered = page.waitForResponse((r) => r.url().includes("/api/map/nearest"));
      const box = (await byTestId(page, "map-canvas").boundingBox())!;
      // Near the map's lower-left corner: outside the district's triangle, so no marker takes the click.
      await page.mouse.click(box.x + 60, box.y + box.height - 60);
      const res = await answered;
      expect(res.url()).toContain("ready=true");
      expect(res.url()).toContain("incidentTypeId=");
      await byTestId(page, "map-nearest-results").waitFor();

      const teams = byTestId(page, "nearest-teams-item");
      await expect.poll(() => teams.count()).toBeGreaterThan(0);
      const teamDistances = await teams.evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-distance"))));
      expect(teamDistances).toEqual([...teamDistances].sort((a, b) => a - b));
      // Every team listed is ready and can handle hazardous chemicals: its capabilities name the type or its category.
      const typeId = new URL(res.url()).searchParams.get("incidentTypeId")!;
      const types = (await pageGet<{ id: string; parentId: string | null }[]>(page, "/api/incident-types")).body;
      const able = new Set([typeId, types.find((x) => x.id === typeId)?.parentId].filter(Boolean));
      for (const id of await teams.evaluateAll((els) => els.map((e) => e.getAttribute("data-id")!))) {
        const { body } = await pageGet<{ readiness: string; capabilities: string[] }>(page, `/api/teams/${id}`);
        expect(body.readiness).toBe("ready");
        expect(body.capabilities.some((c) => able.has(c)), `team ${id} handles the type`).toBe(true);
      }
      const shelters = byTestId(page, "nearest-shelters-item");
      await expect.poll(() => shelters.count()).toBeGreaterThan(0);
      const shelterDistances = await shelters.evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-distance"))));
      expect(shelterDistances).toEqual([...shelterDistances].sort((a, b) => a - b));
      expect(await page.locator(".leaflet-overlay-pane path").count()).toBeGreaterThan(teamDistances.length);
      await screenshot(page, "res-map-nearest");
    });
  });

  it("does lower the stock and raise the below-minimum alert on an outgoing movement, and refuse one that would go below zero", async () => {
    await journey(browser, "desktop", "res-stock", async ({ page }) => {
      await login(page, "duty");
      interface Line {
        warehouseId: string;
        warehouseName: string;
        itemId: string;
        itemName: string;
        batch: string;
        quantity: number;
        minimum: number | null;
        itemTotal: number;
        alerts: string[];
      }
      const stock = await list<Line>(page, "/api/stock?pageSize=200");
      const line = stock.items.find((l) => l.minimum && l.quantity === l.itemTotal && l.batch === "" && l.quantity > l.minimum + 1 && !l.alerts.length);
      expect(line, "a demo stock line with a minimum, one batch and room above it").toBeTruthy();
      const { warehouseName, itemName, quantity, minimum } = line!;
      const out = quantity - minimum! + 1;
      const qtyNow = async () => (await list<Line>(page, `/api/stock?warehouseId=${line!.warehouseId}&itemId=${line!.itemId}`)).items[0]?.quantity;

      await page.goto("/materials/stock");
      await byTestId(page, "stock-table").waitFor();
      await screenshot(page, "res-stock");

      // More than there is: refused (422) with the reason shown, nothing written.
      await byTestId(page, "mv-open").click();
      await page.locator('[data-testid="mv-kind"]').getByText("出库", { exact: true }).click();
      await pick(page, "mv-warehouse", warehouseName);
      await pick(page, "mv-item", itemName);
      await input(page, "mv-quantity").fill(String(quantity + 1));
      await input(page, "mv-reason").fill("E2E 超量出库");
      const refused = page.waitForResponse((r) => r.url().endsWith("/api/stock-movements") && r.request().method() === "POST");
      await byTestId(page, "mv-submit").click();
      expect((await refused).status()).toBe(422);
      await byTestId(page, "mv-error").waitFor();
      await screenshot(page, "res-stock-refused");
      expect(await qtyNow()).toBe(quantity);

      // Within stock but below the minimum afterwards.
      await input(page, "mv-quantity").fill(String(out));
      await input(page, "mv-reason").fill("E2E 调往事件现场");
      const posted = page.waitForResponse((r) => r.url().endsWith("/api/stock-movements") && r.request().method() === "POST");
      await byTestId(page, "mv-submit").click();
      expect((await posted).status()).toBe(201);
      expect(await qtyNow()).toBe(quantity - out);

      await input(page, "stock-search").fill(itemName);
      await input(page, "stock-search").press("Enter");
      const row = page.locator('[data-testid="stock-table"] tr', { hasText: warehouseName }).filter({ hasText: itemName }).first();
      await expect.poll(async () => (await row.textContent()) ?? "").toContain(String(quantity - out));
      expect(await row.locator('[data-testid="stock-alert-below_minimum"]').count()).toBe(1);
      const alert = byTestId(page, "stock-alerts").locator('[data-testid="alert-below_minimum"]', { hasText: itemName }).filter({ hasText: warehouseName });
      await alert.first().waitFor();
      await screenshot(page, "res-stock-alert");
    });
  });

  it("does show a shelter opened at its capacity as full", async () => {
    await journey(browser, "desktop", "res-shelter", async ({ page }) => {
      await login(page, "duty");
      const shelters = await list<Row & { status: string; capacity: number }>(page, "/api/shelters?pageSize=200");
      const shelter = shelters.items.find((s) => s.status === "ready" && s.capacity > 0);
      expect(shelter, "a ready demo shelter").toBeTruthy();
      await page.goto(`/shelters/${shelter!.id}`);
      await byTestId(page, "shelters-detail").waitFor();
      await byTestId(page, "shelter-status-open").click();
      await page.locator('[data-testid="shelter-status-choice"]').getByText("开放中", { exact: true }).click();
      await input(page, "shelter-occupancy").fill(String(shelter!.capacity));
      const posted = page.waitForResponse((r) => r.url().endsWith(`/api/shelters/${shelter!.id}/status`));
      await byTestId(page, "shelter-status-submit").click();
      expect((await posted).status()).toBeLessThan(300);
      const status = page.locator(`[data-testid="shelter-status-${shelter!.id}"]`).first();
      await expect.poll(() => status.getAttribute("data-status")).toBe("full");
      expect(await status.textContent()).toContain("已满");
      await screenshot(page, "res-shelter-full");
      await page.goto("/shelters");
      await byTestId(page, "shelters-table").waitFor();
      await expect.poll(() => page.locator(`[data-testid="shelter-status-${shelter!.id}"]`).getAttribute("data-status")).toBe("full");
    });
  });

  it("does list nearby ready teams, shelters and warehouses with distance and call links on the phone", async () => {
    await journey(browser, "phone", "res-m-nearby", async ({ page, context }) => {
      await context.grantPermissions(["geolocation"]);
      await context.setGeolocation({ latitude: 31.7012, longitude: 119.9512 });
      await login(page, "village", { mobile: true });
      await byTestId(page, "m-tab-nearby").tap();
      await page.waitForURL("**/m/nearby");
      await byTestId(page, "m-nearby-results").waitFor();
      for (const kind of ["teams", "shelters", "warehouses"]) {
        const items = byTestId(page, `m-near-${kind}-item`);
        await expect.poll(() => items.count()).toBeGreaterThan(0);
        const d = await items.evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-distance"))));
        expect(d).toEqual([...d].sort((a, b) => a - b));
      }
      expect(await page.locator('[data-testid^="m-near-tel-"]').first().getAttribute("href")).toMatch(/^tel:/);
      expect(await byTestId(page, "m-nearby-origin").textContent()).toContain("31.7012");
      await screenshot(page, "res-m-nearby");
    });
  });

  it("does tell the second of two editors that someone saved first (409) and reload the record", async () => {
    await journey(browser, "desktop", "res-conflict", async ({ page }) => {
      await login(page, "duty");
      const volunteers = await list(page, "/api/volunteers?pageSize=50");
      const v = volunteers.items.find((x) => x.editable)!;
      expect(v, "an editable demo volunteer").toBeTruthy();
      await page.goto(`/teams/volunteers/${v.id}`);
      await byTestId(page, "volunteers-detail").waitFor();
      await byTestId(page, "volunteers-edit").click();
      await input(page, "volunteers-form-contactName").fill("第二位编辑");

      // Meanwhile someone else saves the same record (the version the form holds becomes stale).
      const first = await page.evaluate(async ({ id, version }) => {
        const me = (await (await fetch("/api/auth/me")).json()) as { csrfToken: string };
        const res = await fetch(`/api/volunteers/${id}`, {
          method: "PATCH",
          headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
          body: JSON.stringify({ contactName: "第一位编辑", version }),
        });
        return res.status;
      }, { id: v.id, version: v.version as number });
      expect(first).toBe(200);

      const second = page.waitForResponse((r) => r.url().endsWith(`/api/volunteers/${v.id}`) && r.request().method() === "PATCH");
      await byTestId(page, "volunteers-form-submit").click();
      expect((await second).status()).toBe(409);
      await page.getByText("该记录已被他人修改").waitFor();
      // The page shows the first editor's value: the second write changed nothing.
      await expect.poll(async () => (await byTestId(page, "volunteers-fields").textContent()) ?? "").toContain("第一位编辑");
      expect((await pageGet<{ contactName: string }>(page, `/api/volunteers/${v.id}`)).body.contactName).toBe("第一位编辑");
      await screenshot(page, "res-conflict");
    });
  });

  it("does keep the auditor out of the resource pages and their API", async () => {
    await journey(browser, "desktop", "res-auditor", async ({ page }) => {
      await login(page, "auditor");
      await page.goto("/teams");
      await page.getByText("您的角色无权访问此页面").waitFor();
      expect((await pageGet(page, "/api/teams")).status).toBe(403);
      expect((await pageGet(page, "/api/map/nearest?lat=31.7&lon=119.95")).status).toBe(403);
    });
  });

  for (const kind of ["desktop", "phone"] as const) {
    it(`does draw every resource page readably at ${kind} size`, { timeout: 180_000 }, async () => {
      const pages = ["/map", "/teams", "/teams/experts", "/teams/volunteers", "/materials/stock", "/materials/warehouses", "/materials/items", "/materials/requisitions", "/shelters", "/shelters/coverage"];
      await journey(browser, kind, `res-pages-${kind}`, async ({ page }) => {
        // The console's own login form at either size (the phone hides the header's user name).
        await page.goto("/login");
        await input(page, "login-username").fill("town");
        await input(page, "login-password").fill(PASSWORD);
        await byTestId(page, "login-submit").click();
        await page.waitForURL((url) => !url.pathname.endsWith("/login"));
        for (const path of pages) {
          await page.goto(path);
          await page.locator(".page").first().waitFor();
          await page.waitForLoadState("networkidle");
          await screenshot(page, `res-${kind}${path.replaceAll("/", "-")}`);
          const first = page.locator('tbody a[data-testid*="-row-"]').first();
          if (!["/map", "/materials/stock", "/shelters/coverage"].includes(path) && (await first.count())) {
            await first.click();
            await page.locator('[data-testid$="-detail"]').waitFor();
            await page.waitForLoadState("networkidle");
            await screenshot(page, `res-${kind}${path.replaceAll("/", "-")}-detail`);
          }
        }
      });
    });
  }
});
