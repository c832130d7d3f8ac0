/**
 * The generic registry, through the rescue-team registry (and the others where they differ):
 * validation of locations, optimistic concurrency, deactivation, history, search and filters,
 * scope, and the all-or-nothing Excel import with its report.
 */
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, countRows, loginAs, unitId, type Client, type TestApp } from "../../test/helpers.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
let t: TestApp;
let admin: Client;
let town: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginAs(t.app, "admin");
  town = await loginAs(t.app, "town");
  ids.town = await unitId(t.db, "湖塘镇");
  ids.sibling = await unitId(t.db, "牛塘镇");
  ids.district = await unitId(t.db, "武进区");
  ids.hazmat = (await t.db.execute<{ id: string }>(sql`select id from incident_types where code = '21100'`)).rows[0].id;
});
afterAll(() => t?.close());

const team = (over: Record<string, unknown> = {}) => ({ unitId: ids.town, name: "测试救援队", lat: 31.72, lon: 119.97, kind: "comprehensive", readiness: "ready", ...over });

describe("locations", () => {
  it("refuses coordinates out of range, naming the field, and writes nothing", async () => {
    const before = await countRows(t.db, "teams");
    for (const [over, field] of [[{ lat: 91 }, "lat"], [{ lat: -90.5 }, "lat"], [{ lon: 181 }, "lon"], [{ lon: -200 }, "lon"]] as const) {
      const res = await admin.post("/api/teams", team(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().error.message).toContain(field);
    }
    expect(await countRows(t.db, "teams")).toBe(before);
  });

  it("refuses a point far outside the district (lat and lon swapped) by default", async () => {
    const before = await countRows(t.db, "audit_log");
    const swapped = await admin.post("/api/teams", team({ lon: 31.72 }));
    expect(swapped.statusCode).toBe(400);
    expect(swapped.json().error.details.field).toBe("lon");
    const beijing = await admin.post("/api/shelters", { unitId: ids.town, name: "远处", lat: 39.9, lon: 116.4, kind: "park", shelterClass: "III", usableArea: 100 });
    expect(beijing.statusCode).toBe(400);
    expect(beijing.json().error.details.field).toBe("lat");
    expect(await countRows(t.db, "audit_log")).toBe(before);
  });

  it("checks a moved point too, and accepts one in the district", async () => {
    const created = (await admin.post("/api/teams", team())).json();
    const far = await admin.patch(`/api/teams/${created.id}`, { version: created.version, lat: 35 });
    expect(far.statusCode).toBe(400);
    const near = await admin.patch(`/api/teams/${created.id}`, { version: created.version, lat: 31.65, lon: 119.9 });
    expect(near.statusCode).toBe(200);
    expect([near.json().lat, near.json().lon]).toEqual([31.65, 119.9]);
  });

  it("accepts a far point when the district check is switched off", async () => {
    const other = await buildTestApp({ GEO_DISTRICT_CHECK: "false" });
    try {
      const c = await loginAs(other.app, "admin");
      const res = await c.post("/api/teams", { ...team(), unitId: await unitId(other.db, "湖塘镇"), lat: 39.9, lon: 116.4 });
      expect(res.statusCode).toBe(201);
      expect((await c.post("/api/teams", { ...team(), unitId: await unitId(other.db, "湖塘镇"), lat: 95 })).statusCode).toBe(400);
    } finally {
      await other.close();
    }
  });
});

describe("concurrent edits", () => {
  it("answers 409 to the second of two writers holding the same version, and keeps the first write", async () => {
    const created = (await admin.post("/api/teams", team({ name: "并发队" }))).json();
    const first = await admin.patch(`/api/teams/${created.id}`, { version: created.version, leaderName: "张一" });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(created.version + 1);
    const second = await town.patch(`/api/teams/${created.id}`, { version: created.version, leaderName: "李二" });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe("conflict");
    expect((await admin.get(`/api/teams/${created.id}`)).json().leaderName).toBe("张一");
  });

  it("answers 409 to a deactivation with a stale version", async () => {
    const created = (await admin.post("/api/experts", { unitId: ids.town, name: "过期专家", lat: 31.7, lon: 119.95, level: "district", availability: "available" })).json();
    await admin.patch(`/api/experts/${created.id}`, { version: 1, title: "高工" });
    expect((await admin.delete(`/api/experts/${created.id}`)).statusCode).toBe(200);
    const again = await admin.request("DELETE", `/api/experts/${created.id}`, { version: 1 });
    expect(again.statusCode).toBe(409);
  });
});

describe("lifecycle", () => {
  it("deactivates a row: gone from the list and the map, kept with its history", async () => {
    const created = (await admin.post("/api/teams", team({ name: "待撤销队" }))).json();
    await admin.patch(`/api/teams/${created.id}`, { version: 1, readiness: "deployed" });
    const gone = await admin.delete(`/api/teams/${created.id}`);
    expect(gone.statusCode).toBe(200);
    expect(gone.json().active).toBe(false);
    expect((await admin.get("/api/teams?q=待撤销队")).json().total).toBe(0);
    expect((await admin.get("/api/teams?q=待撤销队&includeInactive=true")).json().total).toBe(1);
    const layer = (await admin.get("/api/map/layers/teams")).json();
    expect(layer.features.some((f: { properties: { id: string } }) => f.properties.id === created.id)).toBe(false);
    const history = (await admin.get(`/api/teams/${created.id}/history`)).json();
    expect(history.map((h: { action: string }) => h.action)).toEqual(["team.create", "team.update", "team.deactivate"]);
    expect(history[1].before.readiness).toBe("ready");
    expect(history[1].after.readiness).toBe("deployed");
  });

  it("refuses an unknown incident type as a capability, naming the field", async () => {
    const res = await admin.post("/api/teams", team({ capabilities: ["00000000-0000-4000-8000-000000000009"] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain("capabilities");
  });
});

describe("lists", () => {
  it("searches, filters by declared fields and sorts", async () => {
    await admin.post("/api/teams", team({ name: "甲危化队", kind: "hazmat", capabilities: [ids.hazmat], leaderName: "检索人" }));
    await admin.post("/api/teams", team({ name: "乙危化队", kind: "hazmat", readiness: "unavailable" }));
    const hazmat = (await admin.get("/api/teams?kind=hazmat&pageSize=200")).json();
    expect(hazmat.items.every((x: { kind: string }) => x.kind === "hazmat")).toBe(true);
    expect(hazmat.items.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(["甲危化队", "乙危化队"]));
    const ready = (await admin.get("/api/teams?kind=hazmat&readiness=ready&pageSize=200")).json();
    expect(ready.items.some((x: { name: string }) => x.name === "乙危化队")).toBe(false);
    const capable = (await admin.get(`/api/teams?capabilities=${ids.hazmat}&pageSize=200`)).json();
    expect(capable.items.every((x: { capabilities: string[] }) => x.capabilities.includes(ids.hazmat))).toBe(true);
    expect((await admin.get("/api/teams?q=检索人")).json().items.map((x: { name: string }) => x.name)).toEqual(["甲危化队"]);
    const sorted = (await admin.get("/api/shelters?sort=-usableArea&pageSize=200")).json().items.map((x: { usableArea: number }) => x.usableArea);
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
    expect((await admin.get("/api/teams?sort=secret")).statusCode).toBe(400);
    expect((await admin.get("/api/teams?kind=castle")).statusCode).toBe(400);
  });
});

describe("scope", () => {
  it("shows a town its own rows and the district's, never a sibling town's", async () => {
    const own = (await admin.post("/api/teams", team({ name: "本镇队" }))).json();
    const sibling = (await admin.post("/api/teams", team({ name: "邻镇队", unitId: ids.sibling, lat: 31.70, lon: 119.90 }))).json();
    const above = (await admin.post("/api/teams", team({ name: "区直队", unitId: ids.district }))).json();
    const seen = (await town.get("/api/teams?pageSize=200")).json().items.map((x: { id: string }) => x.id);
    expect(seen).toEqual(expect.arrayContaining([own.id, above.id]));
    expect(seen).not.toContain(sibling.id);
    expect((await town.get(`/api/teams/${sibling.id}`)).statusCode).toBe(404);
    expect((await town.get(`/api/teams?unitId=${ids.sibling}`)).statusCode).toBe(404);
    const nearest = (await town.get("/api/map/nearest?lat=31.70&lon=119.90&kinds=teams&limit=100")).json().results.teams.map((x: { id: string }) => x.id);
    expect(nearest).not.toContain(sibling.id);
  });

  it("lets a town read the district's row but not change it, nor create under a sibling", async () => {
    const above = (await admin.post("/api/teams", team({ name: "区直只读队", unitId: ids.district }))).json();
    const got = (await town.get(`/api/teams/${above.id}`)).json();
    expect(got.editable).toBe(false);
    const before = await countRows(t.db, "audit_log");
    expect((await town.patch(`/api/teams/${above.id}`, { version: 1, name: "改" })).statusCode).toBe(403);
    expect((await town.post("/api/teams", team({ unitId: ids.sibling, lat: 31.7, lon: 119.9 }))).statusCode).toBe(404);
    expect(await countRows(t.db, "audit_log")).toBe(before);
  });
});

describe("phone numbers", () => {
  it("masks people's numbers for a role that may not unmask, in the list, the detail and the map, but not duty lines", async () => {
    const enterprise = await loginAs(t.app, "enterprise");
    const unit = await unitId(t.db, "常州示例化工有限公司");
    const created = (await admin.post("/api/teams", team({ name: "号码队", unitId: unit, leaderPhone: "13812341234", dutyPhone: "0519-86881234", members: [{ name: "甲", mobile: "13900001111" }] }))).json();
    expect(created.leaderPhone).toBe("13812341234");
    const seen = (await enterprise.get(`/api/teams/${created.id}`)).json();
    expect(seen).toMatchObject({ leaderPhone: "138****1234", dutyPhone: "0519-86881234" });
    expect(seen.members[0].mobile).toBe("139****1111");
    const listed = (await enterprise.get("/api/teams?q=号码队")).json().items[0];
    expect(listed.leaderPhone).toBe("138****1234");
    const feature = (await enterprise.get("/api/map/layers/teams")).json().features.find((f: { properties: { id: string } }) => f.properties.id === created.id);
    expect(feature.properties.essentials.leaderPhone).toBe("138****1234");
  });
});

/** A workbook from the downloaded template: its header row, then the given rows keyed by header. */
async function workbook(template: Buffer, rows: Record<string, string>[], opts: { header?: string[] } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  ws.spliceRows(2, 1);
  if (opts.header) ws.getRow(1).values = opts.header;
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? ""));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("Excel", () => {
  const goodRow = (name: string) => ({ 名称: name, 所属单位: "湖塘镇", 纬度: "31.71", 经度: "119.96", 队伍类型: "危险化学品救援", 战备状态: "待命", "队员人数(人)": "12", 可处置事件类型: "危险化学品事故；火灾事故" });

  it("imports all rows or none, naming the row and column of every fault", async () => {
    const template = (await admin.get("/api/teams/template.xlsx")).rawPayload;
    const bad = await workbook(template, [goodRow("导入一队"), { ...goodRow("导入二队"), 纬度: "北纬", 战备状态: "休假" }, { ...goodRow("导入三队"), 所属单位: "牛塘镇" }]);
    const [teams, audit] = [await countRows(t.db, "teams"), await countRows(t.db, "audit_log")];
    const res = await town.request("POST", "/api/teams/import", bad, { "content-type": XLSX });
    expect(res.statusCode).toBe(422);
    const report = res.json().error.details;
    expect(report.written).toBe(0);
    expect(report.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 3, column: "纬度" }),
      expect.objectContaining({ row: 3, column: "战备状态" }),
      expect.objectContaining({ row: 4, column: "所属单位" }),
    ]));
    expect(report.errors.some((e: { row: number }) => e.row === 2)).toBe(false);
    expect([await countRows(t.db, "teams"), await countRows(t.db, "audit_log")]).toEqual([teams, audit]);

    const good = await workbook(template, [goodRow("导入一队"), goodRow("导入二队")]);
    const ok = await town.request("POST", "/api/teams/import", good, { "content-type": XLSX });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ ok: true, written: 2, errors: [] });
    const imported = (await town.get("/api/teams?q=导入&pageSize=10")).json().items;
    expect(imported).toHaveLength(2);
    expect(imported[0]).toMatchObject({ kind: "hazmat", readiness: "ready", headcount: 12, unitName: "湖塘镇" });
    expect(imported[0].capabilities).toContain(ids.hazmat);
    const history = (await town.get(`/api/teams/${imported[0].id}/history`)).json();
    expect(history.map((h: { action: string }) => h.action)).toEqual(["team.import"]);
  });

  it("refuses a point far outside the district in an import row", async () => {
    const template = (await admin.get("/api/teams/template.xlsx")).rawPayload;
    const res = await admin.request("POST", "/api/teams/import", await workbook(template, [{ ...goodRow("远队"), 纬度: "39.9", 经度: "116.4" }]), { "content-type": XLSX });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.errors[0]).toMatchObject({ row: 2, column: "纬度" });
  });

  it("gives a clear message for a wrong header, a file that is not Excel, and one over the size limit", async () => {
    const template = (await admin.get("/api/teams/template.xlsx")).rawPayload;
    const before = await countRows(t.db, "audit_log");
    const wrongHeader = await admin.request("POST", "/api/teams/import", await workbook(template, [goodRow("x")], { header: ["队名", "单位"] }), { "content-type": XLSX });
    expect(wrongHeader.statusCode).toBe(400);
    expect(wrongHeader.json().error.code).toBe("bad_header");
    expect(wrongHeader.json().error.message).toContain("名称");
    const notExcel = await admin.request("POST", "/api/teams/import", Buffer.from("名称,所属单位\n一队,湖塘镇\n"), { "content-type": "text/csv" });
    expect(notExcel.statusCode).toBe(400);
    expect(notExcel.json().error.code).toBe("bad_file");
    const huge = await admin.request("POST", "/api/teams/import", Buffer.alloc(10 * 1024 * 1024 + 10, 0x50), { "content-type": XLSX });
    expect(huge.statusCode).toBe(413);
    expect(await countRows(t.db, "audit_log")).toBe(before);
  });

  it("exports what the list shows, in a file the import reads back", async () => {
    const exported = await admin.get("/api/teams/export.xlsx?kind=hazmat");
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-type"]).toBe(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers.slice(0, 6)).toEqual(["名称", "所属单位", "纬度", "经度", "地址", "队伍类型"]);
    const kinds = new Set<string>();
    ws.eachRow((row, n) => { if (n > 1) kinds.add(String(row.getCell(6).value)); });
    expect([...kinds]).toEqual(["危险化学品救援"]);
    const listed = (await admin.get("/api/teams?kind=hazmat&pageSize=200")).json().total;
    expect(ws.rowCount - 1).toBe(listed);
    // Re-importing the export is accepted (every cell reads back), then rolled into new rows.
    const again = await admin.request("POST", "/api/teams/import", exported.rawPayload, { "content-type": XLSX });
    expect(again.statusCode).toBe(200);
    expect(again.json().written).toBe(listed);
  });
});
